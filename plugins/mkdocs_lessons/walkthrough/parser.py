"""Read ``//// walkthrough`` blocks (see ``core.blocks`` for the syntax and the single pass).

Each block is replaced in the Markdown by HTML comment markers around the narrations, so the
narrations are rendered by the page's own Markdown pass (with every extension the site uses) and
``render.assemble`` later puts the pieces together. Every file a walkthrough names is found
through ``files.LessonFiles``, so only files inside the lesson folder are ever read.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from ..core.blocks import (
    FENCE,
    ID,
    OPEN,
    Opening,
    SourceLines,
    fence_end,
    option_line,
    options_go_on,
    read_options,
    scan_blocks,
)
from ..core.diagnostics import Diagnostics
from ..core.fields import Field, mapping, text, text_or_number
from ..core.markers import marker
from ..core.text import shown
from ..core.urls import slugify
from .diff import LineChanges, line_changes
from .files import CodeFile, LessonFiles
from .focus import FocusPart, nearest_hint, parse_focus, regex_part, resolve
from .model import CodeState, FileView, RawStep, Step, Walkthrough

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
    Field(
        "callouts",
        mapping,
        doc="short notes shown beside lines: a line number or a text of the line, then the note",
    ),
    Field(
        "output",
        text,
        doc="a terminal shown below the code: '$ ' lines are commands, the others their output",
    ),
)

CALLOUT_LENGTH = 80
"""How long a callout's note may be: it stands beside a line of code, not in the narration."""


@dataclass
class Callout:
    """A note as written under ``callouts:``, before it is placed on a line of the code."""

    key: int | str
    """A 1-based line number, or a text of the line."""
    note: str
    line: int
    """The file line of its key, for messages."""


@dataclass
class WrittenCode:
    """A code block that gives another file's code at a step (its fence has that file as
    ``title="..."``)."""

    file: str
    text: str
    line: int
    """The file line of its first line of code."""
    unclosed: bool = False


@dataclass
class WrittenStep(RawStep):
    """A step written in the lesson: what a tour step cannot have."""

    callouts: list[Callout] = field(default_factory=list)
    fence_language: str = ""
    """The info string of the fence the step's code is written in ("" when none)."""
    fence_line: int = 0
    more_code: list[WrittenCode] = field(default_factory=list)
    """The code of other files the step changes, in the code blocks after its first."""
    output: str | None = None


# A line of slashes only: the closing line of a step or of a walkthrough.
_CLOSING = re.compile(r"[ \t]*/{3,}[ \t]*\Z")
# The title of a code block, as Material and pymdownx.highlight write it: title="app.py".
_TITLE = re.compile(r"""\btitle=(?:"(?P<double>[^"]*)"|'(?P<single>[^']*)'|(?P<bare>[^\s"'}]+))""")


def fence_title(line: str) -> str | None:
    """The ``title="..."`` of the fence opened on ``line``, if it has one."""
    match = _TITLE.search(line)
    if match is None:
        return None
    title = match.group("double") or match.group("single") or match.group("bare") or ""
    return title.strip() or None


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
        cuts = _unclosed_fences(lines, block, diagnostics)
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
            lines,
            block.start,
            block.end,
            block.argument,
            block.slashes,
            self._files,
            cuts,
            diagnostics,
            [other.id for other in self.walkthroughs],
        )
        if walkthrough is None:
            return []
        walkthrough.heading_level = min(self._heading_level + 1, 6)
        self.walkthroughs.append(walkthrough)
        return _markers(walkthrough)


def extract_walkthroughs(
    body: str, first_line: int, source: Path, diagnostics: Diagnostics
) -> tuple[str, list[Walkthrough]]:
    """Return ``body`` with each walkthrough block replaced by markers, and the walkthroughs."""
    reader = WalkthroughReader()
    markdown = scan_blocks(body, first_line, source, [reader], diagnostics)
    return markdown, reader.walkthroughs


def _unclosed_fences(
    lines: SourceLines, block: Opening, diagnostics: Diagnostics
) -> dict[int, int]:
    """Report each code block of the walkthrough that is never closed; return where each one's
    code ends instead: at the next line of slashes only (the closing line of its step).

    Such a fence runs to the end of the page in Markdown, hiding the step's and the
    walkthrough's closing lines: every later line would be code, and the one mistake would
    show as several (the walkthrough and the step never closed, no narration, code that does
    not compile). The walkthrough is then closed at its own closing line after the fence.
    """
    items = lines.items
    cuts: dict[int, int] = {}
    if block.closed:
        # Its closing line was found past every fence in it: each of them is closed.
        return cuts
    index = block.start + 1
    while index < len(items):
        fence = FENCE.match(items[index])
        if fence is None:
            index += 1
            continue
        close = _fence_close(items, index, fence.group("fence"))
        if close is not None:
            index = close + 1
            continue
        diagnostics.add(
            lines.path,
            lines.line(index),
            f"this code block is never closed: add a line with only {fence.group('fence')} "
            "after its code",
        )
        stop = next(
            (after for after in range(index + 1, len(items)) if _CLOSING.match(items[after])),
            len(items),
        )
        cuts[index] = stop
        index = stop
    close = _block_end(items, block.start + 1, len(items), block.slashes, cuts)
    if cuts and close is not None:
        block.end, block.closed = close, True
    return cuts


def _fence_close(items: list[str], start: int, fence: str) -> int | None:
    """Index of the line closing the fence opened at ``start``, None when no line does."""
    close = fence_end(items, start, fence)
    if close == start:
        return None
    match = FENCE.match(items[close])
    if (
        match
        and match.group("fence")[0] == fence[0]
        and len(match.group("fence")) >= len(fence)
        and not items[close].strip()[len(match.group("fence")) :].strip()
    ):
        return close
    return None


def _fence_span(items: list[str], start: int, fence: str, cuts: dict[int, int]) -> tuple[int, int]:
    """Where the code of the fence at ``start`` ends (exclusive) and the next line to read."""
    if start in cuts:
        # Never closed (reported): the line of slashes that ends its code is the step's own.
        return cuts[start], cuts[start]
    close = fence_end(items, start, fence)
    return close, close + 1


def _outside_code(
    items: list[str], start: int, stop: int, cuts: dict[int, int]
) -> Iterator[tuple[int, str]]:
    """Each line between ``start`` and ``stop`` that is not in fenced code, with its index
    (the code of unclosed fences ends at ``cuts``)."""
    index = start
    while index < stop:
        line = items[index]
        fence = FENCE.match(line)
        if fence:
            index = _fence_span(items, index, fence.group("fence"), cuts)[1]
            continue
        yield index, line
        index += 1


def _block_end(
    items: list[str], start: int, stop: int, slashes: str, cuts: dict[int, int]
) -> int | None:
    """Like ``core.blocks.block_end``, with the code of unclosed fences ended at ``cuts``."""
    return next(
        (
            index
            for index, line in _outside_code(items, start, stop, cuts)
            if line.strip() == slashes
        ),
        None,
    )


def _next_step(
    items: list[str], start: int, stop: int, slashes: str, cuts: dict[int, int]
) -> int | None:
    """Index of the first line between ``start`` and ``stop`` that opens a step with at least
    as many slashes, outside code: a step cannot hold one, so the step before it was never
    closed (its closing line found by ``_block_end`` is the next step's)."""
    for index, line in _outside_code(items, start, stop, cuts):
        opening = OPEN.match(line)
        if (
            opening
            and opening.group("name") == "step"
            and len(opening.group("slashes")) >= len(slashes)
        ):
            return index
    return None


def _read_walkthrough(
    lines: SourceLines,
    start: int,
    end: int,
    argument: str,
    slashes: str,
    lesson_files: LessonFiles,
    cuts: dict[int, int],
    diagnostics: Diagnostics,
    taken: list[str],
) -> Walkthrough | None:
    """The walkthrough of the block at ``start``; ``taken`` are the ids of the page's
    walkthroughs before it (its own id must differ: it is the anchor of its steps)."""
    path = lines.path
    reported_before = diagnostics.warnings
    options, index = read_options(
        lines, start + 1, end, WALKTHROUGH_FIELDS, "walkthrough options", diagnostics
    )
    named = [name for name in re.split(r"[\s,]+", argument.strip()) if name]
    files = list(dict.fromkeys(named))
    for name in files:
        if named.count(name) > 1:
            diagnostics.add(
                path,
                lines.line(start),
                f"the walkthrough names '{shown(name)}' twice: name each file once",
            )
    for name in dict.fromkeys(files):
        # Said once here; the steps that show the file stay silent and never open it.
        refusal = lesson_files.refusal(name)
        if refusal is not None and lesson_files.first_report(name):
            diagnostics.add(path, lines.line(start), f"code file {refusal}")
    raw_steps: list[RawStep] = []
    tour_name = _text(options, "tour")
    tour_reported = False
    tour = None
    if tour_name is not None:
        from .codetour import read_tour

        tour_line = option_line(lines, start + 1, end, "tour")
        # Notes (a tour's folder step, say) are no reason to stay silent below.
        before = diagnostics.warnings
        tour = read_tour(tour_name, lesson_files, path, tour_line, diagnostics)
        raw_steps = list(tour.steps)
        tour_reported = diagnostics.warnings > before
        files = files or tour.files
    written = _read_steps(lines, index, end, slashes, cuts, files, diagnostics)
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
    if walkthrough_id in taken:
        diagnostics.add(
            path,
            lines.line(start),
            f"two walkthroughs on this page have the id '{shown(walkthrough_id)}': give one "
            "an 'id:' option",
        )
        walkthrough_id = f"{walkthrough_id}-{len(taken) + 1}"
    if tour is not None:
        tour.link_steps(walkthrough_id)
    walkthrough = Walkthrough(
        id=walkthrough_id,
        source=path,
        line=lines.line(start),
        files=files,
        title=_text(options, "title") or (tour.title if tour is not None else None),
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
    language = _text(options, "lang")
    if language is not None and not _known_language(language):
        diagnostics.add(
            path,
            option_line(lines, start + 1, end, "lang"),
            f"unknown language '{shown(language)}' in 'lang:': Pygments has no lexer of that "
            "name; write one of its short names, such as 'python', 'javascript' or 'yaml'",
        )
        # The file's extension says the language instead.
        language = None
    _resolve_steps(walkthrough, raw_steps, lesson_files, language, diagnostics)
    shown_files = {step.file for step in walkthrough.steps}
    shown_files.update(other.file for step in walkthrough.steps for other in step.others)
    # Said only of an otherwise clean walkthrough: after another mistake (a step whose code
    # block names the file, but with 'file:' naming another), it would be the same one again.
    for name in walkthrough.files if diagnostics.warnings == reported_before else ():
        if name not in shown_files and walkthrough.steps:
            diagnostics.add(
                path,
                lines.line(start),
                f"the walkthrough names '{shown(name)}', but no step shows it: give a step "
                f"'file: {shown(name)}' (or a code block titled with it), or leave it out",
            )
    return walkthrough if walkthrough.steps else None


def _read_steps(
    lines: SourceLines,
    start: int,
    end: int,
    outer: str,
    cuts: dict[int, int],
    files: list[str],
    diagnostics: Diagnostics,
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
            close = _block_end(lines.items, index + 1, end, slashes, cuts)
            following = _next_step(
                lines.items, index + 1, end if close is None else close, slashes, cuts
            )
            argument = opening.group("arg") or ""
            if close is None or following is not None:
                diagnostics.add(
                    lines.path,
                    lines.line(index),
                    f"this step is never closed: add a line with only {slashes} after its "
                    "narration",
                )
                # It ends where the next step opens, which is then read as written.
                stop = end if following is None else following
                steps.append(_read_step(lines, index, stop, argument, cuts, files, diagnostics))
                index = stop
            else:
                steps.append(_read_step(lines, index, close, argument, cuts, files, diagnostics))
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
    lines: SourceLines,
    start: int,
    close: int,
    argument: str,
    cuts: dict[int, int],
    files: list[str],
    diagnostics: Diagnostics,
) -> WrittenStep:
    items = lines.items
    # An indented fence among the lines right under the opening line is the step's code, not
    # options: read as YAML, it would give a parse error and leave the step with no code.
    options_stop = start + 1
    while options_stop < close and (
        (
            items[options_stop][:1] in (" ", "\t")
            and items[options_stop].strip()
            and not FENCE.match(items[options_stop])
        )
        or (
            options_stop > start + 1
            and not items[options_stop].strip()
            and options_go_on(items, options_stop, close)
        )
    ):
        options_stop += 1
    if options_stop < close and not FENCE.match(items[options_stop]):
        options_stop = close
    options, index = read_options(
        lines, start + 1, options_stop, STEP_FIELDS, "step options", diagnostics
    )
    step = WrittenStep(line=lines.line(start), narration="", focus=argument.strip())
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
    step.output = _text(options, "output")
    callouts = options.get("callouts")
    if isinstance(callouts, dict):
        step.callouts = _read_callouts(callouts, lines, start + 1, options_stop, diagnostics)
    while index < close and not lines.items[index].strip():
        index += 1
    fence = FENCE.match(lines.items[index]) if index < close else None
    if fence:
        if index == options_stop and len(fence.group("indent").expandtabs(4)) >= 4:
            diagnostics.add(
                lines.path,
                lines.line(index),
                "this code block is indented, and indented lines right under the step's opening "
                f"line are its options: write its {fence.group('fence')} lines at the start of "
                "the line",
            )
        title = fence_title(lines.items[index])
        if title is not None and title not in files:
            _title_slip(title, files, lines, index, diagnostics)
        elif title in files:
            if step.file is not None and step.file != title:
                diagnostics.add(
                    lines.path,
                    lines.line(index),
                    f"the step names two files for its code ('file: {shown(step.file)}' and "
                    f"the code block's title '{shown(title)}'): keep one",
                )
            else:
                step.file = title
        step.inline_code, step.code_line, after = _fence_code(lines, index, close, cuts)
        step.fence_language = fence.group("info")
        step.fence_line = lines.line(index)
        # Code that runs on to the step's closing line holds its narration: not checked.
        step.code_unclosed = index in cuts
        if step.code_path:
            diagnostics.add(
                lines.path,
                lines.line(index),
                "the step gives its code twice (a code block and 'code:'): keep one",
            )
        index = _more_code(lines, step, after, close, cuts, files, diagnostics)
    step.narration = "\n".join(lines.items[index:close]).strip("\n")
    if not step.narration.strip() and not step.code_unclosed:
        diagnostics.add(
            lines.path,
            step.line,
            "this step has no narration: write what the tutor says about it below its code",
        )
    return step


def _fence_code(
    lines: SourceLines, index: int, close: int, cuts: dict[int, int]
) -> tuple[str, int, int]:
    """The code of the fence opened at ``index`` (read no further than ``close``), the file
    line of its first line, and the index after the fence."""
    fence = FENCE.match(lines.items[index])
    assert fence is not None
    end, after = _fence_span(lines.items, index, fence.group("fence"), cuts)
    indent = len(fence.group("indent"))
    code_lines = [item[indent:] for item in lines.items[index + 1 : min(end, close)]]
    return "\n".join(code_lines), lines.line(index + 1), after


def _more_code(
    lines: SourceLines,
    step: WrittenStep,
    index: int,
    close: int,
    cuts: dict[int, int],
    files: list[str],
    diagnostics: Diagnostics,
) -> int:
    """Read the code blocks right after a step's first one that give another file's code
    (``title="other-file"``); return where the narration starts.

    A block without a title, or whose title names no file of the walkthrough, belongs to the
    narration, as before this option existed; a title one letter away from a file is a slip,
    and said.
    """
    taken = {step.file}
    while True:
        following = index
        while following < close and not lines.items[following].strip():
            following += 1
        fence = FENCE.match(lines.items[following]) if following < close else None
        title = fence_title(lines.items[following]) if fence else None
        if fence is None or title is None:
            return index
        if title not in files:
            _title_slip(title, files, lines, following, diagnostics)
            return index
        if title in taken:
            diagnostics.add(
                lines.path,
                lines.line(following),
                f"the step gives the code of '{shown(title)}' twice: keep one code block for it",
            )
        text, code_line, after = _fence_code(lines, following, close, cuts)
        if title not in taken:
            step.more_code.append(WrittenCode(title, text, code_line, following in cuts))
            taken.add(title)
        index = after


def _title_slip(
    title: str, files: list[str], lines: SourceLines, index: int, diagnostics: Diagnostics
) -> None:
    """Say when a code block's title is one letter away from a file of the walkthrough: a
    title that names no file at all is a caption, and the block what it was without it."""
    near = difflib.get_close_matches(title, files, n=1, cutoff=0.8)
    if near:
        diagnostics.add(
            lines.path,
            lines.line(index),
            f"the code block's title '{shown(title)}' is no file of this walkthrough: did you "
            f"mean '{shown(near[0])}'? (a block titled with a file gives that file's code at "
            "this step)",
        )


def _read_callouts(
    written: dict[object, object],
    lines: SourceLines,
    start: int,
    stop: int,
    diagnostics: Diagnostics,
) -> list[Callout]:
    """The callouts of a step's ``callouts:`` option (options between ``start`` and ``stop``);
    each note that is not a short text is reported at its key's line."""
    callouts: list[Callout] = []
    first = option_line(lines, start, stop, "callouts")
    for key, note in written.items():
        line = _key_line(lines, first, stop, key)
        if isinstance(key, bool) or not isinstance(key, int | str) or not str(key).strip():
            diagnostics.add(
                lines.path,
                line,
                "a callout's key must be a line number or a text of the line, such as "
                '12: note or "aws:SourceAccount": note',
            )
            continue
        if not isinstance(note, str) or not note.strip():
            diagnostics.add(
                lines.path,
                line,
                f"the callout '{shown(str(key), 40)}' needs a note: a short text, such as "
                f"{shown(str(key), 40)}: the account that may assume the role (quote it if "
                "it holds ': ' or starts with a special character)",
            )
            continue
        plain = " ".join(note.split())
        if len(plain) > CALLOUT_LENGTH:
            diagnostics.add(
                lines.path,
                line,
                f"the callout '{shown(str(key), 40)}' is {len(plain)} characters long: a callout "
                f"stands beside a line of code and may have {CALLOUT_LENGTH}; say the rest "
                "in the narration",
            )
            plain = plain[: CALLOUT_LENGTH - 1].rstrip() + "…"
        if isinstance(key, str) and key.strip().isdigit():
            key = int(key.strip())
        callouts.append(Callout(key if isinstance(key, int) else key.strip(), plain, line))
    return callouts


def _key_line(lines: SourceLines, first: int, stop: int, key: object) -> int:
    """The file line of the callout ``key`` (the ``callouts:`` line when not found)."""
    wanted = str(key)
    for index in range(first - lines.first_line + 1, stop):
        item = lines.items[index]
        if item.lstrip(" \t\"'").startswith(wanted):
            return lines.line(index)
    return first


def _place_callouts(
    raw: RawStep, state: CodeState, file: str, number: int, path: Path, diagnostics: Diagnostics
) -> dict[int, str]:
    """The callouts of ``raw`` on the lines of ``state``: a text goes on the first line that
    holds it; a key that matches no line is reported with the nearest one."""
    placed: dict[int, str] = {}
    if not isinstance(raw, WrittenStep):
        return placed
    lines = state.lines
    for callout in raw.callouts:
        if isinstance(callout.key, int):
            if 1 <= callout.key <= len(lines):
                placed[callout.key] = callout.note
                continue
            count = len(lines)
            diagnostics.add(
                path,
                callout.line,
                f"step {number}: the callout on line {callout.key} is outside {shown(file)}, "
                f"which has {count} line{'' if count == 1 else 's'} at this step",
            )
            continue
        found = next((n for n, line in enumerate(lines, 1) if callout.key in line), None)
        if found is None:
            diagnostics.add(
                path,
                callout.line,
                f"step {number}: the callout '{shown(callout.key, 40)}' matches no line of "
                f"{shown(file)} at this step{nearest_hint(callout.key, lines)}",
            )
            continue
        placed[found] = callout.note
    return placed


_SHELL_SESSIONS = frozenset({"console", "shell-session", "doscon", "pycon", "psysh"})
_PLAIN = frozenset({"", "text", "txt", "plain", "plaintext"})
_PROMPT = re.compile(r"[ \t]*\$ \S")


def _check_leading_fence(
    raw: RawStep, language: str, file: str, path: Path, diagnostics: Diagnostics
) -> None:
    """Say when the code block a step starts with (which replaces the file's code at that step)
    looks meant as narration: a block in another language than the file, or a shell session
    (``$ git status``), which no file holds but a session transcript.

    Only said, never changed: the block stays the file's code, as the guide describes.
    """
    if not isinstance(raw, WrittenStep) or raw.inline_code is None:
        return
    if language in _PLAIN or _lexer_name(language) in _session_lexers():
        return
    written = raw.fence_language.strip().lower()
    other = None if written in _PLAIN else _lexer_name(written)
    first = next((line for line in raw.inline_code.split("\n") if line.strip()), "")
    if other is not None and other != _lexer_name(language):
        why = f"it is marked as {shown(written, 20)} code and {shown(file)} is {language}"
    elif _PROMPT.match(first):
        why = "it reads as a shell session (its first line starts with '$ ')"
    else:
        return
    diagnostics.add(
        path,
        raw.fence_line,
        f"this code block starts the step, so it replaces the code of {shown(file)} at this "
        f"step, but {why}: if it belongs to the narration, write a sentence before it; if it "
        "is the file's code, give its fence the file's language",
    )


@cache
def _session_lexers() -> frozenset[str | None]:
    return frozenset(_lexer_name(name) for name in _SHELL_SESSIONS)


@cache
def _lexer_name(name: str) -> str | None:
    """The name of the Pygments lexer called ``name`` (its aliases give the same), if any."""
    known = _lexer_aliases().get(name.lower())
    if known is not None:
        return known
    # Only a lexer another package adds (or no lexer at all) gets here: Pygments then reads
    # every installed package's entry points, which takes time, once per name.
    from pygments.lexers import get_lexer_by_name
    from pygments.util import ClassNotFound

    try:
        return str(get_lexer_by_name(name).name)
    except ClassNotFound:
        return None


@cache
def _lexer_aliases() -> dict[str, str]:
    """Pygments' own lexers by alias, from its table: finding a lexer by name would import
    the lexer's module, for a name that is only compared."""
    from pygments.lexers import LEXERS

    return {alias: name for _, name, aliases, _, _ in LEXERS.values() for alias in aliases}


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
        # A file that may not be used at all was reported where it is named: its code block
        # is no slip of its language.
        if raw.inline_code is not None and files.refusal(current) is None:
            _check_leading_fence(raw, lang, current, path, diagnostics)
        state = states.get(current)
        if state is None and raw.inline_code is None:
            code = files.code(current)
            if code.text is not None:
                state = CodeState(current, code.text, lang, code.path)
            elif raw.code_path is None:
                # A step that gives its code with 'code:' needs no file on disk: the file is
                # read only to have something to show when the 'code:' file fails too.
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
            # No source: code that swallowed its narration is not checked (its fence was
            # reported), or the narration's words would be reported as broken code too.
            source = None if raw.code_unclosed else path
            state = CodeState(current, raw.inline_code, lang, source, raw.code_line)
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
        marks: list[tuple[int, int, int]] = []
        callouts: dict[int, str] = {}
        if id(state) not in unread:
            # One object per distinct text: a state shown by several steps is highlighted once.
            state = states[current] = known.setdefault((current, state.text), state)
            number = len(walkthrough.steps) + 1
            focus, marks = _focus(raw, state, current, number, path, diagnostics)
            callouts = _place_callouts(raw, state, current, number, path, diagnostics)
        # Changes are marked against what the reader last saw of this file, never against a
        # file on disk that no step has shown yet, nor against code that could not be read.
        seen = last_shown.get(current)
        changes = LineChanges()
        if seen is not None and seen is not state and not {id(seen), id(state)} & unread:
            changes = line_changes(seen.lines, state.lines)
        last_shown[current] = state
        others: list[FileView] = []
        if isinstance(raw, WrittenStep):
            for written in raw.more_code:
                if written.file == current:
                    diagnostics.add(
                        path,
                        written.line - 1,
                        f"the step gives the code of '{shown(written.file)}' twice: keep one code "
                        "block for it",
                    )
                    continue
                other = CodeState(
                    written.file,
                    written.text,
                    language or language_for(written.file),
                    None if written.unclosed else path,
                    written.line,
                )
                other = states[written.file] = known.setdefault((written.file, other.text), other)
                before = last_shown.get(written.file)
                moved = LineChanges()
                if before is not None and before is not other and id(before) not in unread:
                    moved = line_changes(before.lines, other.lines)
                last_shown[written.file] = other
                others.append(FileView(written.file, other, moved.changed, moved.removed))
        walkthrough.steps.append(
            Step(
                number=len(walkthrough.steps) + 1,
                line=raw.line,
                file=current,
                state=state,
                narration=raw.narration,
                focus=focus,
                changed=changes.changed,
                removed=changes.removed,
                marks=marks,
                callouts=callouts,
                others=others,
                output=_output(raw),
            )
        )


def _output(raw: RawStep) -> str | None:
    """The terminal text a step shows, without the blank lines around it."""
    if not isinstance(raw, WrittenStep) or raw.output is None or not raw.output.strip():
        return None
    return raw.output.strip("\n").rstrip()


def _focus(
    raw: RawStep, state: CodeState, file: str, number: int, path: Path, diagnostics: Diagnostics
) -> tuple[list[int], list[tuple[int, int, int]]]:
    """The lines the step is about and the texts it marks in them; each part that cannot be
    read or found is reported."""
    parts: list[FocusPart] = []
    error: str | None = None
    if raw.pattern is not None:
        parts, error = regex_part(raw.pattern)
    elif raw.focus:
        parts, error = parse_focus(raw.focus)
    if error:
        diagnostics.add(path, raw.line, error)
    resolved = resolve(parts, state.lines, shown(file))
    for message in resolved.errors:
        diagnostics.add(path, raw.line, f"step {number}: {message}")
    return resolved.lines, resolved.marks


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
def _known_language(name: str) -> bool:
    """Whether Pygments has a lexer called ``name``."""
    return _lexer_name(name) is not None


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
    out = ["", marker("walkthrough", walkthrough.id), ""]
    for step in walkthrough.steps:
        out += [marker("step", walkthrough.id, str(step.number)), "", step.narration, ""]
    out += [marker("walkthrough-end", walkthrough.id), ""]
    return out
