"""Import a VS Code CodeTour (``.tour``) file as the steps of a walkthrough.

Mapping: each step's ``file`` is a file of the walkthrough (it must be in the lesson folder),
``line`` or ``selection`` (start and end lines) or ``pattern`` becomes the focus, and
``description`` (Markdown) the narration. A step with only a description keeps the previous
file on screen. Directory, URI and view steps have nothing a static page can show: they are
reported and skipped; ``commands`` are reported and ignored.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..core.diagnostics import Diagnostics

_UNSUPPORTED = {
    "directory": "directory steps show a folder in VS Code's explorer",
    "uri": "URI steps open a web page or another resource",
    "view": "view steps focus a VS Code panel",
}


def read_tour(path: Path, folder: Path, diagnostics: Diagnostics) -> tuple[list[str], list[Any]]:
    """The files and raw steps of the tour at ``path``; problems are reported at its lines."""
    from .parser import RawStep

    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        diagnostics.add(
            path,
            1,
            f"CodeTour file '{path.name}' is not in the lesson folder: copy it beside index.md "
            "or correct 'tour:'",
        )
        return [], []
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        diagnostics.add(path, error.lineno, f"invalid JSON in the tour: {error.msg}")
        return [], []
    steps = data.get("steps") if isinstance(data, dict) else None
    if not isinstance(steps, list):
        diagnostics.add(path, 1, "a tour must be an object with a 'steps' list")
        return [], []
    lines = _step_lines(text)
    files: list[str] = []
    raw_steps: list[RawStep] = []
    for number, step in enumerate(steps, 1):
        line = lines[number - 1] if number - 1 < len(lines) else 1
        if not isinstance(step, dict):
            diagnostics.add(path, line, f"tour step {number} is not an object; it is skipped")
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
        raw = RawStep(line=line, narration=str(step.get("description") or "").strip(), source=path)
        file = step.get("file")
        if isinstance(file, str) and file:
            name = file.replace("\\", "/").split("/")[-1] if not (folder / file).is_file() else file
            if not (folder / name).is_file():
                diagnostics.add(
                    path,
                    line,
                    f"tour step {number} shows '{file}', which is not in the lesson folder: "
                    "copy the file beside the lesson",
                )
                continue
            raw.file = name
            if name not in files:
                files.append(name)
        raw.focus = _focus(step)
        if raw.focus and raw.file is None and not files:
            raw.focus = ""
        raw_steps.append(raw)
    if raw_steps and raw_steps[0].file is None and files:
        raw_steps[0].file = files[0]
    return files, raw_steps


def _focus(step: dict[str, Any]) -> str:
    selection = step.get("selection")
    if isinstance(selection, dict):
        start = selection.get("start", {}).get("line")
        end = selection.get("end", {}).get("line")
        if isinstance(start, int) and isinstance(end, int):
            return f"{start}-{end}"
    line = step.get("line")
    if isinstance(line, int):
        return str(line)
    pattern = step.get("pattern")
    if isinstance(pattern, str) and pattern and "/" not in pattern:
        return f"/{pattern}/"
    return ""


def _step_lines(text: str) -> list[int]:
    """1-based line of each object directly inside the top-level ``"steps"`` array."""
    lines: list[int] = []
    start = text.find('"steps"')
    if start < 0:
        return lines
    depth = 0
    line = text.count("\n", 0, start) + 1
    in_string = escaped = False
    for char in text[start:]:
        if char == "\n":
            line += 1
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
            continue
        if char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if char == "{" and depth == 2:
                lines.append(line)
        elif char in "]}":
            depth -= 1
            if depth == 0:
                break
    return lines
