"""Verified lesson code: every code file of a lesson and every walkthrough code state must parse.

JSON, YAML and TOML are parsed and Python is compiled, in process. Other languages are left
alone unless the site names a command for their extension (``code_checks: {".sh": "bash -n
{file}"}``), which then runs with a time limit on a copy of each file (a walkthrough's code
states exist only in the lesson) in an empty temporary folder. A failure is reported at the line
of the broken code: in the code file, or in the lesson where a walkthrough step writes the code
inline, with the parser's own message.
"""

from __future__ import annotations

import json
import re
import shlex
import tomllib
import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml

from .catalog.model import Catalog
from .core.diagnostics import Diagnostics
from .core.programs import run_on_file, shortened
from .walkthrough.files import deep_line, read_text

_YamlLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TOML_AT = re.compile(r"\(at line (\d+), column (\d+)\)")
_COMMAND_OUTPUT_LINES = 3
# Python converts at most 4300 digits to an int (a guard against slow conversions).
_HUGE_NUMBER = re.compile(r"\d{4301}")
# A file name a command may be shown as is: anything else is checked as "code.<ext>".
_PLAIN_NAME = re.compile(r"[\w.+-]{1,100}")
DEFAULT_TIMEOUT = 10.0
"""Seconds a command may run, used when the time limit given is not a positive number."""
MAX_COMMAND_BYTES = 1 << 20
"""The most a check command may print on each of its outputs before it is stopped."""


@dataclass(frozen=True)
class CodeProblem:
    line: int
    """1-based, within the checked text."""
    message: str


def _check_json(text: str) -> CodeProblem | None:
    try:
        # Numbers are left as text: only the syntax is checked, and a valid number of 5000
        # digits is more than int() converts.
        json.loads(text, parse_int=len, parse_float=len)
    except json.JSONDecodeError as error:
        return CodeProblem(error.lineno, f"invalid JSON: {error.msg} (column {error.colno})")
    except RecursionError:
        return CodeProblem(
            deep_line(text),
            "invalid JSON: it nests brackets too deeply to be checked (hundreds of levels from "
            "this line on): nest the data less deeply",
        )
    return None


def _check_yaml(text: str) -> CodeProblem | None:
    # Composed, not constructed: CloudFormation's !Ref and !Sub (any application's own tags)
    # are valid YAML that a safe loader would refuse to turn into Python values.
    try:
        for _ in yaml.compose_all(text, Loader=_YamlLoader):
            pass
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        # From the position, not the mark's line: YAML also breaks lines at U+2028 and U+0085,
        # which the lesson's line numbers do not count.
        line = text.count("\n", 0, mark.index) + 1 if mark is not None else 1
        return CodeProblem(line, f"invalid YAML: {error.problem or error}")
    except yaml.YAMLError as error:
        return CodeProblem(1, f"invalid YAML: {error}")
    except RecursionError:  # the pure-Python parser, where libyaml is missing
        return CodeProblem(
            deep_line(text, quotes="\"'"),
            "invalid YAML: it nests too deeply to be checked (hundreds of levels from this line "
            "on): nest the data less deeply",
        )
    return None


def _check_toml(text: str) -> CodeProblem | None:
    try:
        tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        found = _TOML_AT.search(str(error))
        message = _TOML_AT.sub("", str(error)).strip()
        return CodeProblem(int(found.group(1)) if found else 1, f"invalid TOML: {message}")
    except RecursionError:
        return CodeProblem(
            deep_line(text, quotes="\"'"),
            "invalid TOML: it nests brackets too deeply to be checked (hundreds of levels from "
            "this line on): nest the data less deeply",
        )
    except ValueError:
        huge = _HUGE_NUMBER.search(text)
        return CodeProblem(
            text.count("\n", 0, huge.start()) + 1 if huge else 1,
            "invalid TOML: an integer has more digits than TOML allows (it must fit in 64 "
            "bits): shorten it, or write it as a string",
        )
    return None


def _check_python(text: str) -> CodeProblem | None:
    try:
        # Compiler warnings ("assertion is always true") are the lesson's business.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            compile(text, "<lesson code>", "exec", dont_inherit=True)
    except (SyntaxError, ValueError) as error:
        if "\0" in text:  # Python 3.11 says so with a ValueError, 3.12 with no line
            return CodeProblem(
                text.count("\n", 0, text.index("\0")) + 1,
                "Python does not compile: the line holds a NUL character: remove it",
            )
        if isinstance(error, SyntaxError):
            return CodeProblem(error.lineno or 1, f"Python does not compile: {error.msg}")
        return CodeProblem(1, f"Python does not compile: {error}")
    except (MemoryError, RecursionError) as error:  # absurd nesting
        return CodeProblem(1, f"Python does not compile: {type(error).__name__} {error}".strip())
    return None


CHECKERS: dict[str, Callable[[str], CodeProblem | None]] = {
    ".json": _check_json,
    ".yaml": _check_yaml,
    ".yml": _check_yaml,
    ".toml": _check_toml,
    ".py": _check_python,
}
"""Built-in checks by file extension."""


def normalise_commands(commands: Mapping[str, str]) -> dict[str, str]:
    """Commands by lower-case extension with its dot: ``sh``, ``.SH`` and ``.sh`` are one."""
    return {"." + key.strip().lstrip(".").lower(): value for key, value in commands.items()}


def check_code(
    text: str, file_name: str, commands: Mapping[str, str], timeout: float
) -> CodeProblem | None:
    """The first problem of ``text`` (the contents of a file called ``file_name``), or None."""
    suffix = Path(file_name).suffix.lower()
    commands = normalise_commands(commands)
    checker = CHECKERS.get(suffix)
    if checker is not None:
        problem = checker(text)
        if problem is not None:
            return problem
    command = commands.get(suffix)
    if command is not None:
        return _run_command(command, text, file_name, suffix, timeout)
    return None


def _run_command(
    command: str, text: str, file_name: str, suffix: str, timeout: float
) -> CodeProblem | None:
    try:
        template = shlex.split(command)
    except ValueError as error:  # an unclosed quote in the site's configuration
        return CodeProblem(1, f"cannot run '{command}': {error}: correct 'code_checks'")
    # The copy has the lesson file's own name where it is a plain one, as some tools name
    # only the file's last part in what they print.
    base = Path(file_name).name
    copy_name = base if _PLAIN_NAME.fullmatch(base) else f"code{suffix}"
    # 0 would stop every command at once and a negative limit makes subprocess fail; NaN is
    # not positive either.
    if not timeout > 0:
        timeout = DEFAULT_TIMEOUT
    try:
        # In the build's folder, where a linter finds the project's configuration.
        finished, path = run_on_file(
            template,
            copy_name,
            text.encode("utf-8", "replace"),
            in_folder=False,
            timeout=timeout,
            max_stdout=MAX_COMMAND_BYTES,
            max_stderr=MAX_COMMAND_BYTES,
        )
    except OSError as error:
        return CodeProblem(1, f"cannot run '{command}': {error.strerror or error}")
    if finished.timed_out:
        return CodeProblem(1, f"'{command}' took longer than {timeout:g} s: stopped")
    if finished.overflow is not None:
        return CodeProblem(
            1,
            f"'{command}' prints more than {MAX_COMMAND_BYTES} bytes: stopped; make it print less",
        )
    if finished.status == 0:
        return None
    output = finished.stdout + finished.stderr
    # "<file>:3:" (compilers, linters) or "<file>: line 3:" (bash -n), read before the copy's
    # path is replaced by the name the author knows.
    found = re.search(rf"{re.escape(path)}:(?: line)? ?(\d{{1,9}})", output)
    lines = output.replace(path, file_name).strip().splitlines()
    detail = "; ".join(shortened(line) for line in lines[:_COMMAND_OUTPUT_LINES])
    detail = detail or f"exit status {finished.status}"
    return CodeProblem(int(found.group(1)) if found else 1, f"'{command}' failed: {detail}")


def verify_catalog(
    catalog: Catalog,
    commands: Mapping[str, str],
    timeout: float,
    diagnostics: Diagnostics,
) -> int:
    """Check every lesson's code files and walkthrough states; return how many were checked."""
    checked = 0
    commands = normalise_commands(commands)
    known = set(CHECKERS) | set(commands)
    for lesson in catalog.lessons.values():
        seen: set[tuple[Path, int]] = set()
        # A file a walkthrough could not read was reported there, at the step that shows it.
        reported = {path for walkthrough in lesson.walkthroughs for path in walkthrough.unreadable}
        for path in lesson.files:
            if path.suffix.lower() not in known:
                continue
            checked += _verify_file(path, commands, timeout, path in reported, diagnostics)
            seen.add((path, 1))
        for walkthrough in lesson.walkthroughs:
            for state in walkthrough.states:
                where = (state.source or lesson.path, state.first_line)
                if state.source is None or where in seen or not state.text.strip():
                    continue
                seen.add(where)
                checked += 1
                problem = check_code(state.text, state.file, commands, timeout)
                if problem is not None:
                    # Kept inside the step's code, as in a code file.
                    line = min(max(problem.line, 1), len(state.lines))
                    diagnostics.add(
                        state.source,
                        state.first_line + line - 1,
                        f"{state.file} at this step: {problem.message}",
                    )
    return checked


def _verify_file(
    path: Path,
    commands: Mapping[str, str],
    timeout: float,
    reported: bool,
    diagnostics: Diagnostics,
) -> int:
    # A byte order mark is kept: it is in the file readers download, and JSON forbids it.
    read = read_text(path, keep_bom=True)
    if read.text is None:
        if not reported and read.problem is None:
            diagnostics.add(
                path,
                read.line,
                "cannot read the code file as UTF-8 text (it was saved in another encoding, or "
                "it is not text): save it as UTF-8 in your editor",
            )
        elif not reported:
            diagnostics.add(path, 1, f"cannot check the code file: {read.problem}")
        return 0
    problem = check_code(read.text, path.name, commands, timeout)
    if problem is not None:
        # A tool may count a line past the end ("unexpected end of file"): the last one it is.
        line = min(max(problem.line, 1), read.text.count("\n") + 1)
        diagnostics.add(path, line, problem.message)
    return 1
