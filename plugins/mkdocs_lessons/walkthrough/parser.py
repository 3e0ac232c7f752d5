"""Read ``//// walkthrough`` blocks (see ``core.blocks`` for the syntax and the single pass).

Each block is replaced in the Markdown by HTML comment markers around the narrations, so the
narrations are rendered by the page's own Markdown pass (with every extension the site uses) and
``render.assemble`` later puts the pieces together. Every file a walkthrough names is found
through ``files.LessonFiles``, so only files inside the lesson folder are ever read.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from ..core.blocks import (
    FENCE,
    ID,
    OPEN,
    Opening,
    SourceLines,
    block_end,
    fence_end,
    option_line,
    read_options,
    scan_blocks,
)
from ..core.diagnostics import Diagnostics
from ..core.fields import Field, text, text_or_number
from ..core.text import shown
from ..core.urls import slugify
from .diff import changed_lines
from .files import CodeFile, LessonFiles
from .focus import FocusPart, parse_focus, regex_part, resolve_focus
from .model import CodeState, RawStep, Step, Walkthrough

WALKTHROUGH_FIELDS = (
    Field("id", text, doc="the anchor of the walkthrough; steps are #<id>-step-<n>"),
    Field("title", text, doc="a heading shown above the walkthrough"),
    Field("lang", text, doc="the language of the code, when the file extension does not say"),
    Field("tour", text, doc="a CodeTour .tour file in the lesson folder to take the steps from"),
)

STEP_FIELDS = (
    Field("file", text, doc="switch to another file of the walkthrough"),
    Field("code", text, doc="a file in the lesson folder holding the code at this step"),
    Field("focus", text_or_number, doc="the lines this step is about, like the block's argument"),
)

MARKER_WALKTHROUGH = "<!-- lessons-walkthrough:{id} -->"
MARKER_STEP = "<!-- lessons-step:{id}:{number} -->"
MARKER_END = "<!-- lessons-walkthrough-end:{id} -->"


class WalkthroughReader:
    """Reads the walkthrough blocks of one lesson body (a ``core.blocks.BlockReader``)."""

    names: tuple[str, ...] = ("walkthrough", "step")

    def __init__(self) -> None:
        self.walkthroughs: list[Walkthrough] = []
        self._heading_level = 1
        self._files: LessonFiles | None = None

    @property
    def links_out(self) -> set[Path]:
        """Symbolic links out of the lesson folder that a walkthrough named (and was refused)."""
        return self._files.links_out if self._files is not None else set()

    def before_heading(self, level: int) -> list[str]:
        self._heading_level = level
        return []

    def finish(self) -> list[str]:
        return []

    def read(self, block: Opening, lines: SourceLines, diagnostics: Diagnostics) -> list[str]:
        source = lines.path
        if block.name == "step":
            diagnostics.add(
                source,
                lines.line(block.start),
                "a step outside a walkthrough: put it between '//// walkthrough | file' and '////'",
            )
            return lines.items[block.start : block.end + 1]
        if not block.closed:
            diagnostics.add(
                source,
                lines.line(block.start),
                f"this walkthrough is never closed: add a line with only {block.slashes} after "
                "its last step",
            )
        if self._files is None or self._files.folder != source.parent:
            self._files = LessonFiles(source.parent)
        walkthrough = _read_walkthrough(
            lines, block.start, block.end, block.argument, block.slashes, self._files, diagnostics
        )
        if walkthrough is None:
            return []
        walkthrough.heading_level = min(self._heading_level + 1, 6)
        if any(other.id == walkthrough.id for other in self.walkthroughs):
            diagnostics.add(
                source,
                lines.line(block.start),
                f"two walkthroughs on this page have the id '{shown(walkthrough.id)}': give one "
                "an 'id:' option",
            )
            walkthrough.id = f"{walkthrough.id}-{len(self.walkthroughs) + 1}"
        self.walkthroughs.append(walkthrough)
        return _markers(walkthrough)


def extract_walkthroughs(
    body: str, first_line: int, source: Path, diagnostics: Diagnostics
) -> tuple[str, list[Walkthrough]]:
    """Return ``body`` with each walkthrough block replaced by markers, and the walkthroughs."""
    reader = WalkthroughReader()
    markdown = scan_blocks(body, first_line, source, [reader], diagnostics)
    return markdown, reader.walkthroughs


def _read_walkthrough(
    lines: SourceLines,
    start: int,
    end: int,
    argument: str,
    slashes: str,
    lesson_files: LessonFiles,
    diagnostics: Diagnostics,
) -> Walkthrough | None:
    path = lines.path
    options, index = read_options(
        lines, start + 1, end, WALKTHROUGH_FIELDS, "walkthrough options", diagnostics
    )
    files = [name for name in re.split(r"[\s,]+", argument.strip()) if name]
    for name in dict.fromkeys(files):
        # Said once here; the steps that show the file stay silent and never open it.
        refusal = lesson_files.refusal(name)
        if refusal is not None and lesson_files.first_report(name):
            diagnostics.add(path, lines.line(start), f"code file {refusal}")
    raw_steps: list[RawStep] = []
    tour = _text(options, "tour")
    tour_reported = False
    if tour is not None:
        from .codetour import read_tour

        tour_line = option_line(lines, start + 1, end, "tour")
        before = len(diagnostics)
        tour_files, raw_steps = read_tour(tour, lesson_files, path, tour_line, diagnostics)
        tour_reported = len(diagnostics) > before
        files = files or tour_files
    written = _read_steps(lines, index, end, slashes, diagnostics)
    if written is None:
        return None
    raw_steps.extend(written)
    if tour_reported and not (files and raw_steps):
        # The tour's own messages say why it gave nothing: "no file" or "no steps" here would
        # be the same mistake twice.
        return None
    if not files:
        diagnostics.add(
            path,
            lines.line(start),
            "the walkthrough names no code file: write '//// walkthrough | file.py' "
            "(or give a 'tour:' option)",
        )
        return None
    walkthrough_id = _text(options, "id") or _slug(files[0])
    if not ID.match(walkthrough_id):
        diagnostics.add(
            path,
            option_line(lines, start + 1, end, "id"),
            f"the id '{shown(walkthrough_id)}' must start with a letter and hold only letters, "
            "digits, '-' and '_'",
        )
        walkthrough_id = _slug(walkthrough_id) or "walkthrough"
    walkthrough = Walkthrough(
        id=walkthrough_id,
        source=path,
        line=lines.line(start),
        files=files,
        title=_text(options, "title"),
        unreadable=lesson_files.unreadable,
    )
    if not raw_steps:
        diagnostics.add(
            path,
            lines.line(start),
            "the walkthrough has no steps: add '/// step | lines' blocks, each with the tutor's "
            "narration, before its closing line",
        )
        return None
    _resolve_steps(walkthrough, raw_steps, lesson_files, _text(options, "lang"), diagnostics)
    return walkthrough if walkthrough.steps else None


def _read_steps(
    lines: SourceLines, start: int, end: int, outer: str, diagnostics: Diagnostics
) -> list[RawStep] | None:
    """The steps between ``start`` and ``end``; None when the block's structure is broken."""
    steps: list[RawStep] = []
    index = start
    stray: int | None = None
    strays: list[int] = []
    while index < end:
        line = lines.items[index]
        if not line.strip():
            index += 1
            continue
        opening = OPEN.match(line)
        if opening and opening.group("name") == "step":
            slashes = opening.group("slashes")
            if len(slashes) >= len(outer):
                # Its closing line closed the walkthrough too: nothing after it can be trusted.
                diagnostics.add(
                    lines.path,
                    lines.line(index),
                    f"a step opened with {slashes} cannot sit in a walkthrough opened with "
                    f"{outer}: open the walkthrough with more slashes ({slashes}/)",
                )
                return None
            close = block_end(lines.items, index + 1, end, slashes)
            if close is None:
                diagnostics.add(
                    lines.path,
                    lines.line(index),
                    f"this step is never closed: add a line with only {slashes} after its "
                    "narration",
                )
                close = end
            steps.append(_read_step(lines, index, close, opening.group("arg") or "", diagnostics))
            index = close + 1
            stray = None
            continue
        if stray is None:
            stray = index
            strays.append(index)
        index += 1
    # Text with no step at all is the "no steps" mistake, said once by the caller.
    if steps:
        for stray_index in strays:
            diagnostics.add(
                lines.path,
                lines.line(stray_index),
                "text between steps belongs to no step: move it into a '/// step' block or "
                "out of the walkthrough",
            )
    return steps


def _read_step(
    lines: SourceLines, start: int, close: int, argument: str, diagnostics: Diagnostics
) -> RawStep:
    options, index = read_options(lines, start + 1, close, STEP_FIELDS, "step options", diagnostics)
    step = RawStep(line=lines.line(start), narration="", focus=argument.strip())
    focus = _text(options, "focus")
    if focus is not None:
        if step.focus:
            diagnostics.add(
                lines.path,
                step.line,
                "the focus is given twice (after '|' and as 'focus:'): keep one",
            )
        step.focus = focus
    step.file = _text(options, "file")
    step.code_path = _text(options, "code")
    while index < close and not lines.items[index].strip():
        index += 1
    fence = FENCE.match(lines.items[index]) if index < close else None
    if fence:
        end = fence_end(lines.items, index, fence.group("fence"))
        indent = len(fence.group("indent"))
        code_lines = [item[indent:] for item in lines.items[index + 1 : min(end, close)]]
        step.inline_code = "\n".join(code_lines)
        step.code_line = lines.line(index + 1)
        if step.code_path:
            diagnostics.add(
                lines.path,
                lines.line(index),
                "the step gives its code twice (a code block and 'code:'): keep one",
            )
        index = end + 1
    step.narration = "\n".join(lines.items[index:close]).strip("\n")
    if not step.narration.strip():
        diagnostics.add(
            lines.path,
            step.line,
            "this step has no narration: write what the tutor says about it below its code",
        )
    return step


def _resolve_steps(
    walkthrough: Walkthrough,
    raw_steps: list[RawStep],
    files: LessonFiles,
    language: str | None,
    diagnostics: Diagnostics,
) -> None:
    """Turn raw steps into steps with their code state, focus lines and changed lines."""
    states: dict[str, CodeState] = {}
    known: dict[tuple[str, str], CodeState] = {}
    last_shown: dict[str, CodeState] = {}
    # States that stand for code that could not be read, which was said once where it was
    # needed: a step showing one has no focus or changes to check.
    unread: set[int] = set()
    current = walkthrough.files[0]
    for raw in raw_steps:
        path = raw.source or walkthrough.source
        if raw.file is not None:
            if raw.file not in walkthrough.files:
                diagnostics.add(
                    path,
                    raw.line,
                    f"unknown file '{shown(raw.file)}': this walkthrough's files are "
                    + ", ".join(shown(name) for name in walkthrough.files)
                    + " (name it after '//// walkthrough |')",
                )
            else:
                current = raw.file
        lang = language or language_for(current)
        state = states.get(current)
        if state is None:
            code = files.code(current)
            if code.text is not None:
                state = CodeState(current, code.text, lang, code.path)
            elif raw.inline_code is None:
                if files.first_report(current) and not _unusable(
                    code, current, path, raw.line, diagnostics
                ):
                    diagnostics.add(
                        path,
                        raw.line,
                        f"unknown file '{shown(current)}': it is not in the lesson folder and no "
                        "step before this one gives its code (start the step with a fenced code "
                        "block)",
                    )
                state = CodeState(current, "", lang)
                unread.add(id(state))
        if raw.inline_code is not None:
            state = CodeState(current, raw.inline_code, lang, path, raw.code_line)
        elif raw.code_path is not None:
            code = files.code(raw.code_path)
            if code.text is not None:
                state = CodeState(current, code.text, lang, code.path)
            else:
                if files.first_report(raw.code_path) and not _unusable(
                    code, raw.code_path, path, raw.line, diagnostics
                ):
                    diagnostics.add(
                        path,
                        raw.line,
                        f"code file '{shown(raw.code_path)}' is not in the lesson folder: add it "
                        "beside index.md or correct 'code:'",
                    )
                # The step shows what the reader saw last, but its focus is about other code.
                state = CodeState(current, state.text if state else "", lang)
                unread.add(id(state))
        assert state is not None
        focus: list[int] = []
        if id(state) not in unread:
            # One object per distinct text: a state shown by several steps is highlighted once.
            state = states[current] = known.setdefault((current, state.text), state)
            focus = _focus(raw, state, current, len(walkthrough.steps) + 1, path, diagnostics)
        # Changes are marked against what the reader last saw of this file, never against a
        # file on disk that no step has shown yet, nor against code that could not be read.
        seen = last_shown.get(current)
        changed: list[int] = []
        if seen is not None and seen is not state and not {id(seen), id(state)} & unread:
            changed = changed_lines(seen.lines, state.lines)
        last_shown[current] = state
        walkthrough.steps.append(
            Step(
                number=len(walkthrough.steps) + 1,
                line=raw.line,
                file=current,
                state=state,
                narration=raw.narration,
                focus=focus,
                changed=changed,
            )
        )


def _focus(
    raw: RawStep, state: CodeState, file: str, number: int, path: Path, diagnostics: Diagnostics
) -> list[int]:
    """The lines the step is about; each part that cannot be read or found is reported."""
    parts: list[FocusPart] = []
    error: str | None = None
    if raw.pattern is not None:
        parts, error = regex_part(raw.pattern)
    elif raw.focus:
        parts, error = parse_focus(raw.focus)
    if error:
        diagnostics.add(path, raw.line, error)
    focus, errors = resolve_focus(parts, state.lines, shown(file))
    for message in errors:
        diagnostics.add(path, raw.line, f"step {number}: {message}")
    return focus


def _unusable(code: CodeFile, name: str, path: Path, line: int, diagnostics: Diagnostics) -> bool:
    """Report why the code file ``name`` cannot be shown; False when it is simply missing."""
    if code.refusal is not None:
        diagnostics.add(path, line, f"code file {code.refusal}")
    elif code.failed is not None and code.failed.problem is None:
        diagnostics.add(
            path,
            line,
            f"code file '{shown(name)}' is not UTF-8 text (its line {code.failed.line} holds a "
            "byte that is not; it was saved in another encoding, or it is not text): save it "
            "as UTF-8 in your editor",
        )
    elif code.failed is not None:
        diagnostics.add(path, line, f"code file '{shown(name)}': {code.failed.problem}")
    else:
        return False
    return True


# Common extensions answered without Pygments, whose file-name lookup compiles and tries every
# lexer's patterns (a tenth of a second on first use).
_LANGUAGES = {
    "c": "c",
    "cpp": "cpp",
    "cs": "csharp",
    "css": "css",
    "go": "go",
    "h": "c",
    "hcl": "hcl",
    "html": "html",
    "java": "java",
    "js": "javascript",
    "json": "json",
    "kt": "kotlin",
    "md": "markdown",
    "mjs": "javascript",
    "php": "php",
    "py": "python",
    "rb": "ruby",
    "rs": "rust",
    "sh": "bash",
    "sql": "sql",
    "swift": "swift",
    "tf": "terraform",
    "toml": "toml",
    "ts": "typescript",
    "tsx": "tsx",
    "txt": "text",
    "xml": "xml",
    "yaml": "yaml",
    "yml": "yaml",
}


@cache
def language_for(file_name: str) -> str:
    """The Pygments language of a file name, ``text`` when unknown."""
    known = _LANGUAGES.get(file_name.rsplit(".", 1)[-1].lower()) if "." in file_name else None
    if known is not None:
        return known
    # Imported here: Pygments' lexer tables are only needed by lessons with walkthroughs, and
    # the plugin's import time is budgeted.
    from pygments.lexers import find_lexer_class_for_filename

    lexer = find_lexer_class_for_filename(file_name)
    return lexer.aliases[0] if lexer is not None and lexer.aliases else "text"


def _text(options: dict[str, object], key: str) -> str | None:
    value = options.get(key)
    return value if isinstance(value, str) else None


def _slug(name: str) -> str:
    """An id from a file name: ``iam-role-config.json`` -> ``iam-role-config-json``."""
    slug = slugify(name)
    return slug if slug[:1].isalpha() else f"w-{slug}" if slug else ""


def _markers(walkthrough: Walkthrough) -> list[str]:
    """The Markdown that stands in for a walkthrough: its narrations between markers."""
    out = ["", MARKER_WALKTHROUGH.format(id=walkthrough.id), ""]
    for step in walkthrough.steps:
        out += [MARKER_STEP.format(id=walkthrough.id, number=step.number), "", step.narration, ""]
    out += [MARKER_END.format(id=walkthrough.id), ""]
    return out
