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
import subprocess
import tempfile
import tomllib
import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml

from .catalog.model import Catalog
from .core.diagnostics import Diagnostics

_YamlLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TOML_AT = re.compile(r"\(at line (\d+), column (\d+)\)")
_COMMAND_OUTPUT_LINES = 3


@dataclass(frozen=True)
class CodeProblem:
    line: int
    """1-based, within the checked text."""
    message: str


def _check_json(text: str) -> CodeProblem | None:
    try:
        json.loads(text)
    except json.JSONDecodeError as error:
        return CodeProblem(error.lineno, f"invalid JSON: {error.msg} (column {error.colno})")
    return None


def _check_yaml(text: str) -> CodeProblem | None:
    # Composed, not constructed: CloudFormation's !Ref and !Sub (any application's own tags)
    # are valid YAML that a safe loader would refuse to turn into Python values.
    try:
        for _ in yaml.compose_all(text, Loader=_YamlLoader):
            pass
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark is not None else 1
        return CodeProblem(line, f"invalid YAML: {error.problem or error}")
    except yaml.YAMLError as error:
        return CodeProblem(1, f"invalid YAML: {error}")
    return None


def _check_toml(text: str) -> CodeProblem | None:
    try:
        tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        found = _TOML_AT.search(str(error))
        message = _TOML_AT.sub("", str(error)).strip()
        return CodeProblem(int(found.group(1)) if found else 1, f"invalid TOML: {message}")
    return None


def _check_python(text: str) -> CodeProblem | None:
    try:
        # Compiler warnings ("assertion is always true") are the lesson's business.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            compile(text, "<lesson code>", "exec", dont_inherit=True)
    except SyntaxError as error:
        return CodeProblem(error.lineno or 1, f"Python does not compile: {error.msg}")
    except (ValueError, MemoryError, RecursionError) as error:  # NUL bytes, absurd nesting
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
        return _run_command(command, text, suffix, timeout)
    return None


def _run_command(command: str, text: str, suffix: str, timeout: float) -> CodeProblem | None:
    with tempfile.TemporaryDirectory(prefix="mkdocs-lessons-") as folder:
        path = Path(folder) / f"code{suffix}"
        path.write_text(text, encoding="utf-8")
        words = [word.replace("{file}", str(path)) for word in shlex.split(command)]
        if not any(str(path) in word for word in words):
            words.append(str(path))
        try:
            done = subprocess.run(words, capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            return CodeProblem(1, f"'{command}' took longer than {timeout:g} s: stopped")
        except OSError as error:
            return CodeProblem(1, f"cannot run '{command}': {error.strerror or error}")
    if done.returncode == 0:
        return None
    output = (done.stdout + done.stderr).replace(str(path), "<code>").strip().splitlines()
    # "<code>:3:" (compilers, linters) or "<code>: line 3:" (bash -n).
    found = re.search(r"<code>:(?: line)? ?(\d+)", "\n".join(output))
    detail = "; ".join(output[:_COMMAND_OUTPUT_LINES]) or f"exit status {done.returncode}"
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
        for path in lesson.files:
            if path.suffix.lower() not in known:
                continue
            checked += _verify_file(path, commands, timeout, diagnostics)
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
                    diagnostics.add(
                        state.source,
                        state.first_line + problem.line - 1,
                        f"{state.file} at this step: {problem.message}",
                    )
    return checked


def _verify_file(
    path: Path, commands: Mapping[str, str], timeout: float, diagnostics: Diagnostics
) -> int:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        diagnostics.add(path, 1, f"cannot read the code file as UTF-8 text: {error}")
        return 0
    problem = check_code(text, path.name, commands, timeout)
    if problem is not None:
        diagnostics.add(path, problem.line, problem.message)
    return 1
