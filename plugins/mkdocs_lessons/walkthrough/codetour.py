"""Import a VS Code CodeTour (``.tour``) file as the steps of a walkthrough.

Mapping: each step's ``file`` is a file of the walkthrough (it must be in the lesson folder),
``line`` or ``selection`` (start and end lines) or ``pattern`` becomes the focus, and
``description`` (Markdown) the narration, after the step's ``title`` in bold (bold, not a
heading: a tour's step titles would flood the page's table of contents). The tour's ``title``
is the walkthrough's title when the block gives none, and its ``description`` opens the first
step's narration. In descriptions, ``[#4]`` and ``[text][#4]`` become links to that step and
``>> command`` lines become shell code blocks. A step with only a description keeps the
previous file on screen. Directory, URI and view steps and ``commands`` are shown as far as a
page can (a note naming the folder, view or commands; a link to the URI) and reported as notes
(info level: they fail no ``--strict`` build).

A tour is a file from elsewhere (often written in the editor against a whole repository), so
every value is checked for its shape before it is used, and its file names go through
``core.paths.locate`` like every name a lesson gives.
"""

from __future__ import annotations

import json
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..core.diagnostics import Diagnostics
from ..core.paths import locate
from ..core.text import shown
from .files import LessonFiles, deep_line, read_text
from .model import RawStep

_EDITOR_ONLY = ("directory", "uri", "view")
"""Step kinds that open something of the editor: the page shows a note instead."""
_WEB = re.compile(r"https?://[^\s<>()]+\Z")
_STEP_LINK = re.compile(r"\[(?P<text>[^\[\]\n]*)\]\[#(?P<number>\d{1,9})\]")
_BARE_STEP_LINK = re.compile(r"(?<![\]\\])\[#(?P<number>\d{1,9})\](?![\[(])")
_COMMAND = re.compile(r"^>>[ \t]?(?P<command>.*)$")
_FENCE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")


@dataclass
class Tour:
    """What a tour gives a walkthrough."""

    files: list[str] = field(default_factory=list)
    steps: list[RawStep] = field(default_factory=list)
    title: str | None = None
    """The tour's ``title``: the walkthrough's title when the block gives none."""
    numbers: dict[int, int] = field(default_factory=dict)
    """Tour step number (1-based, as ``[#4]`` counts) -> index in ``steps`` of the step shown
    for it (a skipped step's links go to the step after it)."""

    def link_steps(self, walkthrough_id: str) -> None:
        """Turn the ``[#4]`` step links of the narrations into links to the steps' anchors,
        once the walkthrough's id is known."""
        if not self.steps:
            return

        def anchor(number: str) -> str:
            index = self.numbers.get(int(number), len(self.steps) - 1)
            return f"#{walkthrough_id}-step-{index + 1}"

        for raw in self.steps:
            if "[#" not in raw.narration:
                continue
            text = _STEP_LINK.sub(
                lambda m: f"[{m.group('text')}]({anchor(m.group('number'))})", raw.narration
            )
            raw.narration = _BARE_STEP_LINK.sub(
                lambda m: f"[#{m.group('number')}]({anchor(m.group('number'))})", text
            )


_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
_BIG = 10**18
"""Integers beyond this are read as this: a line number no file reaches, without converting
thousands of digits (which ``int()`` refuses past 4300)."""


def read_tour(
    name: str, files: LessonFiles, lesson: Path, line: int, diagnostics: Diagnostics
) -> Tour:
    """The files, raw steps and title of the tour ``name``, given by the ``tour:`` option at
    ``line`` of ``lesson``; problems with the tour's content are reported at its own lines."""
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
        return Tour()
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
        return Tour()
    text = read.text
    try:
        data = json.loads(text, parse_int=_integer)
    except json.JSONDecodeError as error:
        diagnostics.add(path, error.lineno, f"invalid JSON in the tour: {error.msg}")
        return Tour()
    except RecursionError:
        diagnostics.add(
            path,
            deep_line(text),
            "the tour nests brackets too deeply to be read: a tour is an object whose 'steps' "
            "list holds one object per step; remove the extra brackets",
        )
        return Tour()
    steps = data.get("steps") if isinstance(data, dict) else None
    if not isinstance(steps, list):
        diagnostics.add(
            path,
            1,
            "a tour must be an object with a 'steps' list: "
            '{"steps": [{"file": "app.py", "line": 1, "description": "..."}]}',
        )
        return Tour()
    tour = _read_steps(steps, _step_lines(text), path, files, diagnostics)
    title = data.get("title")
    if isinstance(title, str) and title.strip():
        tour.title = " ".join(title.split())
    description = data.get("description")
    if isinstance(description, str) and description.strip() and tour.steps:
        # The model has no place for a walkthrough's introduction: it opens the first step.
        first = tour.steps[0]
        first.narration = _narration(description) + ("\n\n" + first.narration).rstrip()
    return tour


def _read_steps(
    steps: list[Any],
    lines: list[int],
    path: Path,
    files: LessonFiles,
    diagnostics: Diagnostics,
) -> Tour:
    names: list[str] = []
    raw_steps: list[RawStep] = []
    numbers: dict[int, int] = {}
    for number, step in enumerate(steps, 1):
        numbers[number] = len(raw_steps)
        line = lines[number - 1] if number - 1 < len(lines) else 1
        if not isinstance(step, dict):
            diagnostics.add(
                path,
                line,
                f"tour step {number} is not an object; it is skipped: write each step as "
                '{"file": "app.py", "line": 3, "description": "..."}',
            )
            continue
        notes = _editor_notes(step, number, path, line, diagnostics)
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
        raw = RawStep(line=line, narration=_narration(description), source=path)
        title = step.get("title")
        if isinstance(title, str) and title.strip():
            raw.narration = (f"**{_plain(title)}**\n\n" + raw.narration).rstrip()
        if notes:
            raw.narration = "\n\n".join(part for part in (raw.narration, *notes) if part)
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
        if not description.strip() and not notes and not wrong_kind:
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
    # Links to skipped steps at the end go to the last step.
    last = max(len(raw_steps) - 1, 0)
    return Tour(names, raw_steps, numbers={n: min(i, last) for n, i in numbers.items()})


def _editor_notes(
    step: dict[str, Any], number: int, path: Path, line: int, diagnostics: Diagnostics
) -> list[str]:
    """What the page says of the parts of ``step`` only the editor can do (opening a folder,
    a URI or a view, running commands), each reported as a note (info)."""
    notes: list[str] = []
    for kind in _EDITOR_ONLY:
        if kind not in step:
            continue
        value = step[kind]
        named = isinstance(value, str) and value.strip()
        if kind == "directory":
            what = f"the folder {_code(value)}" if named else "a folder"
            notes.append(f"*In the editor, this step of the tour opens {what}.*")
            said = "names the folder"
        elif kind == "uri":
            if named and _WEB.match(value.strip()):
                target = f"[{_plain(value.strip())}]({value.strip()})"
            else:
                target = _code(value) if named else "a resource"
            notes.append(f"*This step of the tour opens {target}.*")
            said = "links to the URI" if named and _WEB.match(value.strip()) else "names the URI"
        else:
            what = f"the view {_code(value)}" if named else "a view"
            notes.append(f"*In the editor, this step of the tour shows {what}.*")
            said = "names the view"
        diagnostics.note(
            path,
            line,
            f"tour step {number} is a {kind} step: a page cannot open it as the editor does, "
            f"so the narration {said}",
        )
    commands = step.get("commands")
    if "commands" in step:
        names = [
            command.split("?", 1)[0].strip()
            for command in (commands if isinstance(commands, list) else [])
            if isinstance(command, str) and command.split("?", 1)[0].strip()
        ]
        if names:
            listed = ", ".join(_code(name) for name in names[:10])
            more = f" and {len(names) - 10} more" if len(names) > 10 else ""
            notes.append(f"*In the editor, this step of the tour runs {listed}{more}.*")
        diagnostics.note(
            path,
            line,
            f"tour step {number} runs VS Code commands, which a page cannot do: the narration "
            "names them",
        )
    return notes


def _narration(description: str) -> str:
    """A tour description as narration: ``>> command`` lines (which CodeTour runs in a
    terminal when clicked) become shell code blocks a reader can copy."""
    out: list[str] = []
    commands: list[str] = []
    fence: str | None = None

    def flush() -> None:
        if commands:
            if out and out[-1].strip():
                out.append("")
            out.extend(["```sh", *commands, "```", ""])
            commands.clear()

    for line in description.strip().splitlines():
        opening = _FENCE.match(line)
        if fence is not None:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = None
            out.append(line)
            continue
        command = _COMMAND.match(line)
        if command:
            commands.append(command.group("command"))
            continue
        flush()
        if opening:
            fence = opening.group(1)
        out.append(line)
    flush()
    return "\n".join(out).strip()


def _plain(text: str) -> str:
    """``text`` (a title, a link text) as Markdown that shows it as written, on one line."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(shown(text, 200).split()))


def _code(value: object) -> str:
    """``value`` as a Markdown code span, whatever backticks it holds."""
    text = " ".join(shown(str(value), 120).split())
    ticks = "`" * (max((len(run) for run in re.findall("`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{ticks}{pad}{text}{pad}{ticks}"


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
