"""Import a VS Code CodeTour (``.tour``) file as the steps of a walkthrough.

Mapping: each step's ``file`` is a file of the walkthrough (it must be in the lesson folder),
``line`` or ``selection`` (start and end lines) or ``pattern`` becomes the focus, and
``description`` (Markdown) the narration. A step with only a description keeps the previous
file on screen. Directory, URI and view steps have nothing a static page can show: they are
reported and skipped; ``commands`` are reported and ignored.

A tour is a file from elsewhere (often written in the editor against a whole repository), so
every value is checked for its shape before it is used, and its file names go through
``core.paths.locate`` like every name a lesson gives.
"""

from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path
from typing import Any

from ..core.diagnostics import Diagnostics
from ..core.paths import locate
from ..core.text import shown
from .files import LessonFiles, deep_line, read_text
from .model import RawStep

_UNSUPPORTED = {
    "directory": "directory steps show a folder in VS Code's explorer",
    "uri": "URI steps open a web page or another resource",
    "view": "view steps focus a VS Code panel",
}
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
_BIG = 10**18
"""Integers beyond this are read as this: a line number no file reaches, without converting
thousands of digits (which ``int()`` refuses past 4300)."""


def read_tour(
    name: str, files: LessonFiles, lesson: Path, line: int, diagnostics: Diagnostics
) -> tuple[list[str], list[RawStep]]:
    """The files and raw steps of the tour ``name``, given by the ``tour:`` option at ``line``
    of ``lesson``; problems with the tour's content are reported at its own lines."""
    found = locate(files.folder, name)
    if found.path is None:
        if found.problem is not None:
            diagnostics.add(lesson, line, f"CodeTour file {found.problem}")
        else:
            diagnostics.add(
                lesson,
                line,
                f"CodeTour file '{shown(name)}' is not in the lesson folder: copy it beside "
                "index.md or correct 'tour:'",
            )
        return [], []
    path = found.path
    read = read_text(path)
    if read.text is None:
        if read.problem is None:
            diagnostics.add(
                path,
                read.line,
                "the tour is not UTF-8 text (it was saved in another encoding, or it is not "
                "text): save it as UTF-8 in your editor",
            )
        else:
            diagnostics.add(lesson, line, f"CodeTour file '{shown(name)}': {read.problem}")
        return [], []
    text = read.text
    try:
        data = json.loads(text, parse_int=_integer)
    except json.JSONDecodeError as error:
        diagnostics.add(path, error.lineno, f"invalid JSON in the tour: {error.msg}")
        return [], []
    except RecursionError:
        diagnostics.add(
            path,
            deep_line(text),
            "the tour nests brackets too deeply to be read: a tour is an object whose 'steps' "
            "list holds one object per step; remove the extra brackets",
        )
        return [], []
    steps = data.get("steps") if isinstance(data, dict) else None
    if not isinstance(steps, list):
        diagnostics.add(
            path,
            1,
            "a tour must be an object with a 'steps' list: "
            '{"steps": [{"file": "app.py", "line": 1, "description": "..."}]}',
        )
        return [], []
    return _read_steps(steps, _step_lines(text), path, files, diagnostics)


def _read_steps(
    steps: list[Any],
    lines: list[int],
    path: Path,
    files: LessonFiles,
    diagnostics: Diagnostics,
) -> tuple[list[str], list[RawStep]]:
    names: list[str] = []
    raw_steps: list[RawStep] = []
    for number, step in enumerate(steps, 1):
        line = lines[number - 1] if number - 1 < len(lines) else 1
        if not isinstance(step, dict):
            diagnostics.add(
                path,
                line,
                f"tour step {number} is not an object; it is skipped: write each step as "
                '{"file": "app.py", "line": 3, "description": "..."}',
            )
            continue
        kind = next((key for key in _UNSUPPORTED if key in step), None)
        if kind is not None:
            diagnostics.add(
                path,
                line,
                f"tour step {number} is a {kind} step, which a lesson page cannot show "
                f"({_UNSUPPORTED[kind]}); it is skipped",
            )
            continue
        if "commands" in step:
            diagnostics.add(
                path,
                line,
                f"tour step {number} runs VS Code commands, which a lesson page cannot do; "
                "the commands are ignored",
            )
        description = step.get("description", "")
        wrong_kind = not isinstance(description, str)
        if not isinstance(description, str):
            diagnostics.add(
                path,
                line,
                f"tour step {number}: 'description' must be a text (the tutor's narration, in "
                f"Markdown), not {_kind(description)}",
            )
            description = ""
        raw = RawStep(line=line, narration=description.strip(), source=path)
        file = step.get("file")
        if file is not None and not isinstance(file, str):
            diagnostics.add(
                path,
                line,
                f"tour step {number}: 'file' must be a text naming a file in the lesson folder, "
                f'such as "app.py", not {_kind(file)}; the step is skipped',
            )
            continue
        if file:
            name, refusal = _lesson_file(files, file)
            if refusal is not None:
                diagnostics.add(
                    path, line, f"tour step {number}: file {refusal}; the step is skipped"
                )
                continue
            if name is None:
                diagnostics.add(
                    path,
                    line,
                    f"tour step {number} shows '{shown(file)}', which is not in the lesson "
                    "folder: copy the file beside the lesson",
                )
                continue
            raw.file = name
            if name not in names:
                names.append(name)
        _focus(step, number, raw, path, diagnostics)
        if (raw.focus or raw.pattern) and raw.file is None and not names:
            raw.focus, raw.pattern = "", None
        if not raw.narration and not wrong_kind:
            # As for a step in the lesson: a step the tutor says nothing about is a slip. A
            # description of the wrong kind was reported above.
            diagnostics.add(
                path,
                line,
                f'tour step {number} has no narration: add a "description" with what the '
                "tutor says about it",
            )
        raw_steps.append(raw)
    if raw_steps and raw_steps[0].file is None and names:
        raw_steps[0].file = names[0]
    return names, raw_steps


def _lesson_file(files: LessonFiles, file: str) -> tuple[str | None, str | None]:
    """The name inside the lesson folder of a tour's ``file``, or why it is refused.

    Tours usually name files from the repository's root (``src/app.py``): a name not found as
    written is looked for by its last part in the lesson folder, never outside it.
    """
    refusal = files.refusal(file)
    if refusal is not None:
        return None, refusal
    normal = posixpath.normpath(file.replace("\\", "/"))
    if locate(files.folder, normal).path is not None:
        return normal, None
    base = posixpath.basename(normal)
    if base not in ("", ".", "..", normal) and locate(files.folder, base).path is not None:
        return base, None
    return None, None


def _focus(
    step: dict[str, Any], number: int, raw: RawStep, path: Path, diagnostics: Diagnostics
) -> None:
    """Set the focus of ``raw`` from the step's ``selection``, ``line`` or ``pattern``."""
    if "selection" in step:
        selection = step["selection"]
        start = _line(selection.get("start")) if isinstance(selection, dict) else None
        end = _line(selection.get("end")) if isinstance(selection, dict) else None
        if start is not None and end is not None:
            raw.focus = f"{start}-{end}"
            return
        diagnostics.add(
            path,
            raw.line,
            f"tour step {number}: 'selection' must be "
            '{"start": {"line": 3}, "end": {"line": 5}} with line numbers of 1 or more; '
            "the step shows no line in particular",
        )
        return
    if "line" in step:
        line = step["line"]
        if _is_line(line):
            raw.focus = str(line)
            return
        diagnostics.add(
            path,
            raw.line,
            f"tour step {number}: 'line' must be a line number of 1 or more, such as 3, not "
            f"{_kind(line)}; the step shows no line in particular",
        )
        return
    if "pattern" in step:
        pattern = step["pattern"]
        if isinstance(pattern, str) and pattern:
            raw.pattern = pattern
            return
        diagnostics.add(
            path,
            raw.line,
            f"tour step {number}: 'pattern' must be a regular expression as a text, such as "
            f'"^def main", not {_kind(pattern)}; the step shows no line in particular',
        )


def _line(position: object) -> int | None:
    line = position.get("line") if isinstance(position, dict) else None
    return line if _is_line(line) else None


def _is_line(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 1


def _integer(digits: str) -> int:
    return int(digits) if len(digits) <= 18 else (-_BIG if digits.startswith("-") else _BIG)


def _kind(value: object) -> str:
    """What a JSON value is, for a message (never the value itself: it may be huge)."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int | float):
        return f"the number {shown(repr(value), 20)}"
    if isinstance(value, str):
        return f"the text '{shown(value, 30)}'" if value else "an empty text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return "null"


def _step_lines(text: str) -> list[int]:
    """1-based line of each element of the top-level object's ``"steps"`` list.

    ``text`` is valid JSON (it was parsed), so a scan of its strings and brackets is enough;
    it is a loop rather than a recursive parse, whatever the nesting.
    """
    lines: list[int] = []
    depth = 0
    line = 1
    last_string: str | None = None
    key: str | None = None
    in_steps = expect = False
    index = 0
    while index < len(text):
        char = text[index]
        index += 1
        if char.isspace():
            line += char == "\n"
            continue
        if expect and char != "]":
            lines.append(line)
        expect = False
        if char == '"':
            # JSON strings hold no line break, and may hold brackets: skip each one whole.
            match = _STRING.match(text, index - 1)
            end = match.end() if match else len(text)
            if depth == 1:
                last_string = _decoded(text[index - 1 : end])
            index = end
        elif char in "[{":
            if depth == 1 and char == "[" and key == "steps":
                # A repeated key: JSON keeps the last one, and so do the lines.
                lines, in_steps, expect = [], True, True
            depth += 1
        elif char in "]}":
            depth -= 1
            in_steps = in_steps and depth > 1
        elif depth == 1 and char == ":":
            key = last_string
        elif depth == 1 and char == ",":
            key = None
        elif depth == 2 and in_steps and char == ",":
            expect = True
    return lines


def _decoded(token: str) -> str | None:
    try:
        value = json.loads(token)
    except ValueError:
        return None
    return value if isinstance(value, str) else None
