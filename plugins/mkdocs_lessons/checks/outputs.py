"""Predict-the-output questions: the build runs each question's program with the site's command
for it (``code_runs: {python: "python3 {file}"}``) and what it prints becomes the answer, so the
answer can never drift from the code. A program that fails, runs too long or prints nothing is
reported at its line, and its question is published without an answer: never a wrong one; so
is one that prints more than a reader types, or what a reader cannot type (control characters).

Commands are the site maintainer's, never a lesson's: a lesson names one (``run: python``). They
run through ``core/programs.py`` (a minimal environment, a cap on what is read, their process
group stopped when they end), and all of a build's together have :data:`RUN_BUDGET` seconds.
"""

from __future__ import annotations

import re
import shlex
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..catalog.model import Catalog
from ..codecheck import DEFAULT_TIMEOUT
from ..core.diagnostics import Diagnostics
from ..core.programs import run_on_file, shortened
from ..core.text import is_control
from .model import LessonChecks, Question, QuestionKind, listed, quoted

MAX_OUTPUT = 2000
"""The most characters an answer may hold: a reader types it."""
MAX_READ = 4 * MAX_OUTPUT
"""The most bytes of a program's output read: past them, it is stopped."""
MAX_ERRORS = 65536
"""The most bytes of a program's error output read (a long traceback fits)."""
RUN_BUDGET = 60.0
"""Seconds all the programs of one build may run together: past them, the questions left are
published without an answer (a time limit per program alone lets a build run for hours)."""
TAB_SIZE = 8
"""Columns between tab stops, as terminals (and checks.js) expand a printed tab."""
_EXTENSIONS = {
    "python": ".py",
    "py": ".py",
    "javascript": ".js",
    "js": ".js",
    "bash": ".sh",
    "sh": ".sh",
    "shell": ".sh",
    "ruby": ".rb",
}
_PLAIN_LANGUAGE = re.compile(r"[A-Za-z0-9+-]{1,20}")


@dataclass(frozen=True)
class Outcome:
    """What a reader types as a program's output, or why there is none. Only that is kept:
    never more than :data:`MAX_OUTPUT` characters."""

    output: str | None
    """None: the program did not run to its end (``problem``), or printed what a reader cannot
    type (the other fields)."""
    problem: str = ""
    line: int = 1
    """The line of the program ``problem`` names, 1 if none."""
    printed: int = 0
    """How many characters it printed, where more than a reader types."""
    unseen: tuple[str, int] | None = None
    """A character a reader cannot type, and the line of the output that holds it."""
    stopped: bool = False
    """Whether it was stopped for printing more than :data:`MAX_READ` bytes."""


@dataclass
class RunBudget:
    """The time the programs of one build have; the questions it left without an answer."""

    seconds: float = RUN_BUDGET
    spent: float = 0.0
    skipped: list[tuple[Path, int]] = field(default_factory=list)

    def report(self, diagnostics: Diagnostics) -> None:
        """One message, at the first question left out."""
        if not self.skipped:
            return
        path, line = self.skipped[0]
        more = len(self.skipped) - 1
        others = f" and {more} more after it are" if more else " is"
        diagnostics.add(
            path,
            line,
            f"the programs of predict-the-output questions ran for {self.spent:.1f} s, more "
            f"than a build allows ({self.seconds:g} s): this question{others} published "
            "without an answer; make the slow programs faster",
        )


_ran: dict[tuple[str, str, str, float], Outcome] = {}
"""Outcomes by command, language, program and time limit: ``mkdocs serve`` rebuilds on every
save, and the same program need not run again (only outputs a reader may type are kept)."""


def normalise_output(text: str) -> str:
    """How outputs are compared: line ends as ``\\n``, tabs as spaces to the next tab stop, no
    trailing spaces, no blank lines at either end (checks.js does the same)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    lines = [line.expandtabs(TAB_SIZE).rstrip() for line in lines]
    return "\n".join(lines).strip("\n")


def compute_outputs(
    catalog: Catalog,
    commands: Mapping[str, str],
    timeout: float,
    diagnostics: Diagnostics,
    budget: float = RUN_BUDGET,
) -> int:
    """Run every predict-the-output question's program, for at most ``budget`` seconds in all;
    return how many ran."""
    names = {name.strip(): command for name, command in commands.items()}
    shared = RunBudget(budget)
    ran = sum(
        lesson_outputs(lesson.path, lesson.checks, names, timeout, diagnostics, shared)
        for lesson in catalog.lessons.values()
    )
    shared.report(diagnostics)
    return ran


def lesson_outputs(
    path: Path,
    checks: LessonChecks,
    commands: Mapping[str, str],
    timeout: float,
    diagnostics: Diagnostics,
    budget: RunBudget | None = None,
) -> int:
    """Run the programs of one lesson's questions (``path``: its source); return how many ran.
    Without a ``budget`` shared with other lessons, the lesson has one of its own."""
    own = budget is None
    budget = RunBudget() if budget is None else budget
    ran = 0
    for question in checks.questions:
        if question.kind is not QuestionKind.OUTPUT or not question.program.strip():
            continue
        if not question.run:
            continue  # reported by the parser
        command = commands.get(question.run)
        if command is None:
            diagnostics.add(path, question.line, _unknown(question.run, commands))
            continue
        key = (command, question.program_language, question.program, timeout)
        if key not in _ran and budget.spent >= budget.seconds:
            budget.skipped.append((path, question.line))
            continue
        ran += 1
        started = time.monotonic()
        outcome = run_program(command, question.program, question.program_language, timeout)
        budget.spent += time.monotonic() - started
        if outcome.output:
            question.output = outcome.output
            _check_wrong(question, path, diagnostics)
        else:
            _report(outcome, command, path, question.program_line, diagnostics)
    if own:
        budget.report(diagnostics)
    return ran


def _check_wrong(question: Question, path: Path, diagnostics: Diagnostics) -> None:
    """The outputs offered to pick from: each a wrong one, and each once."""
    offered: list[str] = []
    for wrong in question.wrong_outputs:
        shown = normalise_output(wrong)
        if shown == question.output:
            diagnostics.add(
                path,
                question.wrong_outputs_line,
                f"'wrong_outputs:' has {quoted(shown)}, which is what the program prints: give "
                "outputs a reader might expect instead",
            )
        elif shown not in offered:
            offered.append(shown)
    question.wrong_outputs = offered


def _unknown(name: str, names: Mapping[str, str]) -> str:
    if not names:
        return (
            f"'run: {name}': running lesson code is off (the lessons plugin's 'code_runs' names "
            f"no command): add one to mkdocs.yml, such as 'code_runs: {{{name}: ...}}'; the "
            "question is published without an answer"
        )
    return (
        f"'run: {name}' is not one of the site's 'code_runs' ({listed(sorted(names))}): use one "
        "of them, or add it to 'code_runs' in mkdocs.yml"
    )


def run_program(command: str, program: str, language: str, timeout: float) -> Outcome:
    """What ``program`` prints under ``command`` (normalised), or what went wrong."""
    key = (command, language, program, timeout)
    if key not in _ran:
        _ran[key] = _judged(_run(command, program, language, timeout))
    return _ran[key]


def _judged(outcome: Outcome) -> Outcome:
    """The outcome with an output a reader can type, or with why not (and no output)."""
    output = outcome.output
    if output is None or not output:
        return outcome
    if len(output) > MAX_OUTPUT:
        return Outcome(None, printed=len(output))
    unseen = next((char for char in output if char != "\n" and is_control(char)), None)
    if unseen is not None:
        return Outcome(None, unseen=(unseen, output.count("\n", 0, output.index(unseen)) + 1))
    return outcome


def _report(
    outcome: Outcome, command: str, path: Path, program_line: int, diagnostics: Diagnostics
) -> None:
    """Say why a question has no answer, at the line of its program the outcome names."""
    if outcome.stopped:
        diagnostics.add(
            path,
            program_line,
            f"the program prints more than {MAX_READ} bytes, more than a reader types (at most "
            f"{MAX_OUTPUT} characters): it was stopped; make it print less",
        )
    elif outcome.printed:
        diagnostics.add(
            path,
            program_line,
            f"the program prints {outcome.printed} characters, more than a reader types "
            f"(at most {MAX_OUTPUT}): make it print less",
        )
    elif outcome.unseen is not None:
        char, at = outcome.unseen
        diagnostics.add(
            path,
            program_line,
            f"line {at} of the program's output holds {_character(char)}, which a reader "
            "cannot type: make it print visible text only; the question is published without "
            "an answer",
        )
    elif outcome.problem:
        diagnostics.add(
            path,
            program_line + outcome.line - 1,
            f"{outcome.problem}: the question is published without an answer until it runs",
        )
    else:
        diagnostics.add(
            path,
            program_line,
            f"'{command}' prints nothing: a reader could not type the output; make the "
            "program print what the question asks about",
        )


def _character(char: str) -> str:
    if char == "\0":
        return "a NUL character"
    if char == "\x1b":
        return "an escape character (U+001B: terminal colours or cursor codes)"
    if char == "\a":
        return "a bell character (U+0007)"
    return f"the invisible character U+{ord(char):04X}"


def _run(command: str, program: str, language: str, timeout: float) -> Outcome:
    try:
        template = shlex.split(command)
    except ValueError as error:
        return Outcome(None, f"cannot run '{command}': {error}: correct 'code_runs'")
    suffix = _EXTENSIONS.get(language.lower(), "")
    if not suffix and _PLAIN_LANGUAGE.fullmatch(language):
        suffix = f".{language.lower()}"
    if not timeout > 0:
        timeout = DEFAULT_TIMEOUT
    try:
        # In the empty folder, which is also its home and its temporary folder.
        finished, path = run_on_file(
            template,
            f"program{suffix}",
            (program + "\n").encode("utf-8", "replace"),
            in_folder=True,
            timeout=timeout,
            max_stdout=MAX_READ,
            max_stderr=MAX_ERRORS,
        )
    except OSError as error:
        return Outcome(None, f"cannot run '{command}': {error.strerror or error}")
    if finished.timed_out:
        return Outcome(None, f"'{command}' took longer than {timeout:g} s: stopped")
    if finished.overflow == "stdout":
        return Outcome(None, stopped=True)
    if finished.overflow == "stderr":
        return Outcome(None, f"'{command}' writes more than {MAX_ERRORS} bytes of errors: stopped")
    if finished.status != 0:
        stderr = finished.stderr
        # 'File "<path>", line 3' (Python), '<path>:3' (most others): the deepest one.
        lines = re.findall(rf'{re.escape(path)}"?(?:, line |:)(\d{{1,9}})', stderr)
        shown = stderr.replace(path, "the program").strip().splitlines()
        # The last line: a traceback's error, a compiler's or a shell's own message.
        detail = shortened(shown[-1].strip()) if shown else f"exit status {finished.status}"
        at = min(max(int(lines[-1]) if lines else 1, 1), program.count("\n") + 1)
        return Outcome(None, f"'{command}' failed: {detail}", at)
    return Outcome(normalise_output(finished.stdout))
