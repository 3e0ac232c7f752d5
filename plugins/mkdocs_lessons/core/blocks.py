"""One pass over a lesson body that hands Blocks-style blocks to the feature that reads them.

The syntax is pymdownx Blocks' (slashes, ``| argument``, YAML options indented by four spaces,
inner blocks with fewer slashes), but blocks are read here, before Markdown, rather than by
Blocks extensions: features need raw text (a walkthrough's code states) and every message must
name its source line, which the Blocks API does not keep.

Every feature's blocks are read in the same pass so that each reader sees source line numbers:
a reader that ran on another reader's output would count the lines of its markers. Each block is
replaced by the Markdown its reader returns, typically HTML comment markers around the block's
Markdown parts, which the page's own Markdown pass renders and the feature's ``assemble`` later
puts together. Blocks no reader claims (pymdownx's own ``/// details``, say) pass through.

Lines the page would show as literal text where the author meant a block are reported at their
line: one of our blocks indented (in an admonition or a list item: only blocks at the beginning
of a line are read), a misspelt name, a Unicode space after the slashes, a closing line that
closes no block, and a code fence never closed (everything after it is taken as code).
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from .diagnostics import Diagnostics
from .fields import Field, read_fields
from .yamlsource import load_yaml

# Ends are anchored with \Z, not $: "$" also matches before a final newline, which would let
# an id "a\n" through (lines are split at "\n", but ids come from YAML too).
OPEN = re.compile(r"^(?P<slashes>/{3,})[ \t]*(?P<name>[A-Za-z][\w-]*)[ \t]*(?:\|(?P<arg>.*))?\Z")
# CommonMark: a backtick fence's info string holds no backtick ("```x``` and text" is inline).
FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}(?=[^`]*\Z)|~{3,})[ \t]*(?P<info>[^`\s]*)")
HEADING = re.compile(r"^(#{1,6})[ \t]")
ID = re.compile(r"^[^\W\d_][\w-]*\Z")
"""What a block's ``id:`` may be: a letter, then letters, digits, '-' and '_'."""
_MAY_OPEN = frozenset("`~#/ \t")


@dataclass
class SourceLines:
    """A body's lines and the file line of the first one."""

    items: list[str]
    first_line: int
    path: Path

    def line(self, index: int) -> int:
        """The file line (1-based) of ``items[index]``."""
        return self.first_line + index


@dataclass
class Opening:
    """A block's opening line and where it closes."""

    name: str
    argument: str
    slashes: str
    start: int
    """Index of the opening line."""
    end: int
    """Index of the closing line (``len(items)`` when the block is never closed).

    A reader that finds the block never closed (see :func:`cut_short`) may lower ``end`` to the
    first line that is not the block's and set ``closed`` to False: the scan goes on from
    ``end``, so the lines after the block are read as if it had been closed before them."""
    closed: bool


class BlockReader(Protocol):
    """A feature's reader of its blocks; one instance reads one body."""

    names: tuple[str, ...]

    def read(self, block: Opening, lines: SourceLines, diagnostics: Diagnostics) -> list[str]:
        """The Markdown lines that take the place of ``block`` (its closing line included)."""
        ...

    def before_heading(self, level: int) -> list[str]:
        """Lines to put before an author's heading of ``level`` (outside every block)."""
        ...

    def finish(self) -> list[str]:
        """Lines to put at the end of the body."""
        ...


def scan_blocks(
    body: str,
    first_line: int,
    path: Path,
    readers: Sequence[BlockReader],
    diagnostics: Diagnostics,
) -> str:
    """``body`` with every block a reader claims replaced by what the reader returns."""
    # With no block at all, nothing below can go wrong in a way the page does not show.
    if "///" not in body:
        return body
    lines = SourceLines(body.split("\n"), first_line, path)
    return "\n".join(_scan(lines, readers, diagnostics, nested=False))


def _scan(
    lines: SourceLines,
    readers: Sequence[BlockReader],
    diagnostics: Diagnostics,
    *,
    nested: bool,
) -> list[str]:
    """The lines of ``lines`` with every block a reader claims replaced by the reader's.

    ``nested``: the lines are the content of a container (an admonition, a tab, a list item),
    their indentation taken off: its headings do not end the page's concepts, and the page
    does not end with it.
    """
    by_name = {name: reader for reader in readers for name in reader.names}
    items = lines.items

    def before_heading(level: int, made_by: BlockReader | None = None) -> list[str]:
        if nested:
            return []
        return [
            made for each in readers if each is not made_by for made in each.before_heading(level)
        ]

    output: list[str] = []
    # pymdownx's own blocks pass through line by line: their closing lines are not stray.
    unknown = _OpenBlocks()
    layout = _Layout(items)
    # Closing lines of blocks already reported (cut short, or closed early by an inner block
    # of their own size): reporting them as stray would say the same mistake twice.
    claimed: set[int] = set()
    owed: dict[str, int] = {}
    # The last prose line passed through (its index, and where it went in ``output``): a
    # setext underline under it makes it a heading.
    plain: tuple[int, int] | None = None
    index = 0
    while index < len(items):
        line = items[index]
        # Most lines are prose: only a fence, a heading or a block opens with these.
        if line[:1] not in _MAY_OPEN:
            if line[:1] == ">" and "///" in line:
                _quoted_block(lines, index, by_name, diagnostics)
            level = _setext_level(items, index) if plain and plain[0] == index - 1 else 0
            if plain is not None and level:
                output[plain[1] : plain[1]] = before_heading(level)
            plain = (index, len(output))
            output.append(line)
            index += 1
            continue
        plain = None
        fence = FENCE.match(line)
        if fence:
            end = _fence_close(items, index, fence.group("fence"))
            if end is None:
                # Python-Markdown shows an unclosed fence as text, not code, but the rest of the
                # body is still taken as code here: one message, not one per block after it.
                diagnostics.add(
                    lines.path,
                    lines.line(index),
                    "this code block is never closed: add a line with only "
                    f"{fence.group('fence')} after its code",
                )
                end = len(items) - 1
            output.extend(items[index : end + 1])
            index = end + 1
            continue
        heading = HEADING.match(line)
        if heading:
            output.extend(before_heading(len(heading.group(1))))
        opening = OPEN.match(line)
        contained = None if opening else _contained_block(lines, index, by_name, layout)
        if contained is not None:
            # Read as if it stood at the beginning of the line, and given back indented as the
            # container's content; its lines keep their numbers.
            prefix, end = contained
            content = SourceLines(
                [
                    item[len(prefix) :] if item.startswith(prefix) else ""
                    for item in items[index:end]
                ],
                lines.line(index),
                lines.path,
            )
            for written in _scan(content, readers, diagnostics, nested=True):
                output.extend(prefix + part if part else "" for part in written.split("\n"))
            index = end
            continue
        if opening is None:
            skipped = _not_a_block(lines, index, by_name, layout, diagnostics)
            if skipped is None:
                loose = _LOOSE_OPEN.match(line)
                if loose and not loose.group("indent"):
                    # Another extension's block, nearly written: its closing line is its own.
                    unknown.push(loose.group("slashes"))
                else:
                    _check_closing(lines, index, unknown, claimed, owed, diagnostics)
                skipped = index
            output.extend(items[index : skipped + 1])
            index = skipped + 1
            continue
        reader = by_name.get(opening.group("name"))
        if reader is None:
            misspelt = _misspelt(opening.group("name"), by_name)
            if misspelt is not None:
                # Left alone, the block would show as its literal '///' text and say nothing;
                # its inner blocks (a walkthrough's steps) would each be "outside" one.
                diagnostics.add(
                    lines.path,
                    lines.line(index),
                    f"unknown block '{opening.group('name')}' (did you mean '{misspelt}'?): "
                    f"write '{opening.group('slashes')} {misspelt}'; as it is, the block is "
                    "shown as text",
                )
                closing = block_end(items, index + 1, len(items), opening.group("slashes"))
                end = closing if closing is not None else index
                output.extend(items[index : end + 1])
                index = end + 1
                continue
            unknown.push(opening.group("slashes"))
            output.append(line)
            index += 1
            continue
        slashes = opening.group("slashes")
        closing = block_end(items, index + 1, len(items), slashes)
        block = Opening(
            name=opening.group("name"),
            argument=(opening.group("arg") or "").strip(),
            slashes=slashes,
            start=index,
            end=closing if closing is not None else len(items),
            closed=closing is not None,
        )
        produced = reader.read(block, lines, diagnostics)
        if closing is not None and not block.closed:
            claimed.add(closing)
        elif block.closed:
            for inner in _inner_openings(items, block):
                owed[inner] = owed.get(inner, 0) + 1
        # A block may stand for a heading (a concept's "## Title"): the other readers must
        # know its level as if the author had written it.
        open_fence: str | None = None
        for item in produced:
            opened = FENCE.match(item)
            if opened and (open_fence is None or opened.group("fence").startswith(open_fence)):
                open_fence = None if open_fence else opened.group("fence")
                continue
            made = HEADING.match(item) if open_fence is None else None
            if made:
                output.extend(before_heading(len(made.group(1)), reader))
        output.extend(produced)
        # A block cut short goes on at its first line not read; the opening line never again.
        index = block.end + 1 if block.closed else max(block.end, block.start + 1)
    if not nested:
        for reader in readers:
            output.extend(reader.finish())
    return output


# An opening line as an author may get it nearly right: indented, or with another space
# (U+00A0 from a word processor) around the name.
_LOOSE_OPEN = re.compile(
    r"^(?P<indent>[ \t]*)(?P<slashes>/{3,})(?P<gap>\s*)(?P<name>[A-Za-z][\w-]*)(?P<after>\s*)"
    r"(?:\|.*)?\Z"
)
_CLOSING = re.compile(r"^(?P<slashes>/{3,})[ \t]*\Z")
# Python-Markdown's setext underline: under the first line of a paragraph.
_SETEXT = re.compile(r"^(?:=+|-+) *\Z")
# Lines whose indented lines below are their content, not an indented code block.
_CONTAINER = re.compile(r"^(?:[-*+][ \t]|\d{1,9}[.)][ \t]|!!!|\?\?\?|===|\[\^[^\]]+\]:)")


_QUOTED_OPEN = re.compile(r"^(?:>[ \t]?)+[ \t]*/{3,}[ \t]*(?P<name>[A-Za-z][\w-]*)")


def _quoted_block(
    lines: SourceLines, index: int, by_name: dict[str, BlockReader], diagnostics: Diagnostics
) -> None:
    """Report one of our blocks opened in a quote: Python-Markdown shows it as text there."""
    quoted = _QUOTED_OPEN.match(lines.items[index])
    if quoted is not None and quoted.group("name") in by_name:
        diagnostics.add(
            lines.path,
            lines.line(index),
            f"a {quoted.group('name')} inside a quote ('>') is not read, so it is shown as text: "
            "take it out of the quote (an admonition, '!!! quote', may hold it)",
        )


def _contained_block(
    lines: SourceLines, index: int, by_name: dict[str, BlockReader], layout: _Layout
) -> tuple[str, int] | None:
    """For one of our blocks opened in a container's content (an admonition, a content tab, a
    details block, a list item, indented by four spaces a level), the indentation and the
    index of the first line after the content; None for any other line."""
    line = lines.items[index]
    if line[:1] not in (" ", "\t"):
        return None
    loose = _LOOSE_OPEN.match(line)
    if loose is None or loose.group("name") not in by_name:
        return None
    if loose.group("gap").strip(" \t") or loose.group("after").strip(" \t"):
        return None  # an odd space: reported by _not_a_block
    prefix = loose.group("indent")
    if len(prefix.expandtabs(4)) % 4 or layout.in_indented_code(index):
        return None
    items = lines.items
    stop = layout.indented_end(index)
    end = index + 1
    while end < stop and (not items[end].strip() or items[end].startswith(prefix)):
        end += 1
    return prefix, end


def _setext_level(items: list[str], index: int) -> int:
    """1 or 2 when ``items[index]`` underlines the prose line above as a heading, else 0."""
    if not _SETEXT.match(items[index]) or (index >= 2 and items[index - 2].strip()):
        return 0
    if items[index - 1].startswith(("!!!", "???")):
        return 0
    return 1 if items[index].startswith("=") else 2


def _not_a_block(
    lines: SourceLines,
    index: int,
    by_name: dict[str, BlockReader],
    layout: _Layout,
    diagnostics: Diagnostics,
) -> int | None:
    """For a line that nearly opens one of our blocks but is shown as text, report it and
    return the index of its block's last line; None for any other line."""
    loose = _LOOSE_OPEN.match(lines.items[index])
    if loose is None:
        return None
    name = _misspelt(loose.group("name"), by_name)
    if name is None:
        return None
    slashes = loose.group("slashes")
    if loose.group("indent"):
        # Inner lines are skipped too, up to its closing line (which may have lost its
        # indentation) or, never closed, to the end of the indented block: one message for the
        # block, not one per line, and each line looked at once.
        stop = layout.indented_end(index)
        closing = block_end(lines.items, index + 1, min(stop + 1, len(lines.items)), slashes)
        end = closing if closing is not None else stop - 1
        if not layout.in_indented_code(index):
            width = len(loose.group("indent").expandtabs(4))
            diagnostics.add(
                lines.path,
                lines.line(index),
                f"this {name} is indented by {width} space{'s' if width != 1 else ''}, so it "
                "is shown as text: in an admonition, a content tab or a list item, indent it "
                f"and all its lines by {(width // 4 + 1) * 4} spaces, like the rest of the "
                "content; elsewhere, start it at the beginning of the line",
            )
        return end
    odd = next(
        ((where, char) for where in ("gap", "after") for char in loose.group(where)
         if char not in " \t"),
        None,
    )  # fmt: skip
    if odd is None:
        return None
    closing = block_end(lines.items, index + 1, len(lines.items), slashes)
    end = closing if closing is not None else index
    where, char = odd
    code = f"U+{ord(char):04X} {unicodedata.name(char, 'SPACE').lower()}"
    place = "after the slashes" if where == "gap" else f"after '{loose.group('name')}'"
    example = f", as in '{slashes} {name}'" if where == "gap" else ""
    diagnostics.add(
        lines.path,
        lines.line(index),
        f"the space {place} is {code}, not a plain space, so the block is shown as text: "
        f"write a plain space {place}{example}",
    )
    return end


class _Layout:
    """Where a body's Markdown blocks start, worked out once, when first asked: asked line by
    line, walking back each time would take as long as the body squared."""

    def __init__(self, items: list[str]) -> None:
        self._items = items
        self._start: list[int] = []
        self._anchor: list[int] = []
        self._ends: list[int] = []

    def _work_out(self) -> None:
        items = self._items
        start, anchor = 0, -1
        for index in range(len(items)):
            if index and not items[index - 1].strip():
                start = index
            if index and items[index - 1].strip() and items[index - 1][:1] not in (" ", "\t"):
                anchor = index - 1
            self._start.append(start)
            self._anchor.append(anchor)
        end = len(items)
        for index in range(len(items) - 1, -1, -1):
            self._ends.append(end)
            if items[index].strip() and items[index][:1] not in (" ", "\t"):
                end = index
        self._ends.reverse()

    def indented_end(self, index: int) -> int:
        """The first line after ``index`` that starts at the beginning of the line."""
        if not self._ends:
            self._work_out()
        return self._ends[index]

    def in_indented_code(self, index: int) -> bool:
        """Whether ``items[index]`` is in an indented code block (shown as code, rightly),
        rather than in an admonition's or a list item's indented content."""
        items = self._items
        if len(_four_spaces_prefix(items[index])) < 4:
            return False
        if not self._start:
            self._work_out()
        start = self._start[index]
        if len(_four_spaces_prefix(items[start])) < 4:
            return False  # a paragraph's or list item's line, not code
        # The nearest line above at the beginning of a line, past blank and indented ones.
        above = self._anchor[start]
        return above < 0 or not _CONTAINER.match(items[above])


def _four_spaces_prefix(line: str) -> str:
    """How a line is indented, with a tab as four spaces (as Python-Markdown counts it)."""
    return line[: len(line) - len(line.lstrip(" \t"))].expandtabs(4)


class _OpenBlocks:
    """The slashes of the blocks open at a point, innermost last; counted too, so that a body
    of many blocks never closed is not searched again at each closing line."""

    def __init__(self) -> None:
        self._stack: list[str] = []
        self._count: dict[str, int] = {}

    def push(self, slashes: str) -> None:
        self._stack.append(slashes)
        self._count[slashes] = self._count.get(slashes, 0) + 1

    def close(self, slashes: str) -> bool:
        """Close the innermost block opened with ``slashes`` and those inside it (left open
        by their author); False when none is open."""
        if not self._count.get(slashes):
            return False
        while True:
            inner = self._stack.pop()
            self._count[inner] -= 1
            if inner == slashes:
                return True


def _check_closing(
    lines: SourceLines,
    index: int,
    unknown: _OpenBlocks,
    claimed: set[int],
    owed: dict[str, int],
    diagnostics: Diagnostics,
) -> None:
    """Report a closing line that closes no block; close the unknown block it closes."""
    closing = _CLOSING.match(lines.items[index])
    if closing is None:
        return
    slashes = closing.group("slashes")
    if unknown.close(slashes):
        return
    if owed.get(slashes):
        owed[slashes] -= 1
    elif index not in claimed:
        diagnostics.add(
            lines.path,
            lines.line(index),
            "this line closes no block: remove it, or open the block it was meant to close",
        )


def _inner_openings(items: list[str], block: Opening) -> list[str]:
    """The slashes of openings inside ``block`` as large as its own: each closed ``block``
    early (its reader says so), and the closing lines they leave after it are theirs."""
    found: list[str] = []
    index = block.start + 1
    while index < block.end:
        fence = FENCE.match(items[index])
        if fence:
            index = fence_end(items, index, fence.group("fence")) + 1
            continue
        opening = OPEN.match(items[index])
        if opening and len(opening.group("slashes")) >= len(block.slashes):
            found.append(block.slashes)
        index += 1
    return found


# pymdownx's own blocks and admonition types, which are close to ours in spelling only.
_OTHER_BLOCKS = frozenset(
    {
        "admonition", "attention", "caption", "caution", "danger", "define", "details",
        "error", "hint", "html", "important", "note", "tab", "tip", "warning",
    }
)  # fmt: skip


# Words authors guess for our blocks, too far from them in spelling for difflib.
_GUESSES = {"quiz": "question"}


def _misspelt(name: str, ours: Iterable[str]) -> str | None:
    """Our block name that ``name`` is a slip of the keyboard (or a guess) for, if any."""
    ours = list(ours)
    if name.lower() in _OTHER_BLOCKS:
        return None
    if name.lower() in ours:
        return name.lower()
    if _GUESSES.get(name.lower()) in ours:
        return _GUESSES[name.lower()]
    close = difflib.get_close_matches(name.lower(), ours, n=1, cutoff=0.75)
    return close[0] if close else None


def fence_end(items: list[str], start: int, fence: str) -> int:
    """Index of the line closing the fence opened at ``start`` (the last line if none)."""
    closing = _fence_close(items, start, fence)
    return len(items) - 1 if closing is None else closing


def _fence_close(items: list[str], start: int, fence: str) -> int | None:
    """Index of the line closing the fence opened at ``start``, None if none does."""
    for index in range(start + 1, len(items)):
        match = FENCE.match(items[index])
        if (
            match
            and match.group("fence")[0] == fence[0]
            and len(match.group("fence")) >= len(fence)
            and not items[index].strip()[len(match.group("fence")) :].strip()
        ):
            return index
    return None


def outside_code(items: list[str], start: int, stop: int) -> Iterator[tuple[int, str]]:
    """Each line from ``start`` up to ``stop`` that is not in fenced code, with its index: a
    block's lines in code are the code's, never an opening, a closing or a heading."""
    index = start
    while index < stop:
        line = items[index]
        fence = FENCE.match(line)
        if fence:
            index = fence_end(items, index, fence.group("fence")) + 1
            continue
        yield index, line
        index += 1


def block_end(items: list[str], start: int, stop: int, slashes: str) -> int | None:
    """Index of the line that is exactly ``slashes``, skipping fenced code."""
    return next(
        (index for index, line in outside_code(items, start, stop) if line.strip() == slashes),
        None,
    )


def cut_short(block: Opening, lines: SourceLines) -> None:
    """Mark ``block`` never closed when its closing line is really a later block's.

    An author who forgets a block's closing line still closes the next block: ``block_end``
    then finds that one's, and the block would swallow what stands between, later blocks and
    headings included. A block opened with as many slashes or more cannot sit inside this one,
    so the block is cut at the first such opening line, or at the first heading before it. A
    block with no closing line at all is cut the same way rather than run to the end.

    Readers whose blocks hold such lines (a walkthrough's steps) do not call it.
    """
    items = lines.items
    heading: int | None = None
    for index, line in outside_code(items, block.start + 1, block.end):
        opening = OPEN.match(line)
        if opening and len(opening.group("slashes")) >= len(block.slashes):
            break
        if heading is None and HEADING.match(line):
            heading = index
    else:
        if block.closed:
            return
        index = block.end
    block.end = min(index if heading is None else heading, len(items))
    block.closed = False


def read_options(
    lines: SourceLines,
    start: int,
    stop: int,
    fields: tuple[Field, ...],
    what: str,
    diagnostics: Diagnostics,
) -> tuple[dict[str, object], int]:
    """Read the 4-space indented YAML options at ``start``; return them and the next index."""
    options, index = load_options(lines, start, stop, fields, what, diagnostics)
    return options or {}, index


# A line that names an option: "answer:", "answer: x", but not "answer:x" (a URL, a time).
_OPTION_KEY = re.compile(r"[ \t]*(?P<key>[^\s:]+)[ \t]*:(?:[ \t]|\Z)")


def load_options(
    lines: SourceLines,
    start: int,
    stop: int,
    fields: tuple[Field, ...],
    what: str,
    diagnostics: Diagnostics,
) -> tuple[dict[str, object] | None, int]:
    """Like :func:`read_options`, but the options are None when they could not be read at all
    (reported): a caller then knows not to report what they would have said.

    Options are indented by four spaces. Lines right under the opening line that name one of
    ``fields`` with another indentation (a tab, two spaces) are read as options too, and
    reported once: read as the body, they would give a misleading message ("no answers").
    """
    names = {field.name for field in fields}
    index = start
    texts: list[str] = []
    wrong: int | None = None
    while index < stop and (
        lines.items[index].strip() or (texts and options_go_on(lines.items, index, stop))
    ):
        line = lines.items[index]
        if not line.strip():
            texts.append("")
        elif line.startswith("    "):
            texts.append(line[4:])
        elif line[:1] in (" ", "\t") and (texts or _names_option(line, names)):
            wrong = index if wrong is None else wrong
            texts.append(_four_spaces(line)[4:])
        else:
            break
        index += 1
    if index == start:
        return {}, start
    if wrong is not None:
        line = lines.items[wrong]
        shown = line.strip() if len(line.strip()) <= 40 else line.strip()[:37] + "..."
        diagnostics.add(
            lines.path,
            lines.line(wrong),
            f"the {what} are indented by four spaces, not {_indentation(line)}: write "
            f"'    {shown}' (and indent the other options the same way)",
        )
    source = load_yaml(
        "\n".join(texts), lines.path, diagnostics, first_line=lines.line(start), column_offset=4
    )
    if source is None:
        return None, index
    if not isinstance(source.data, dict):
        diagnostics.add(
            lines.path,
            lines.line(start),
            f"the {what} must be 'key: value' lines indented by 4 spaces",
        )
        return None, index
    return read_fields(source, source.data, fields, diagnostics, what=what), index


def options_go_on(items: list[str], index: int, stop: int) -> bool:
    """Whether the blank line at ``index`` stands inside a block scalar (a step's
    ``output: |``, say): the last line before it opens one or is indented deeper than an
    option (its text), and so is the next line that is not blank. A blank line otherwise ends
    the options: a body that starts with an indented code block stays the body."""
    before = next((items[at] for at in range(index - 1, -1, -1) if items[at].strip()), "")
    if not (_BLOCK_SCALAR.search(before) or _indent(before) > 4):
        return False
    after = next((line for line in items[index:stop] if line.strip()), "")
    return _indent(after) > 4


_BLOCK_SCALAR = re.compile(r":[ \t]+[|>][-+0-9]*[ \t]*(?:#.*)?\Z")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _names_option(line: str, names: set[str]) -> bool:
    """Whether ``line`` reads as one of the options ``names``, or a misspelling of one."""
    match = _OPTION_KEY.match(line)
    if match is None:
        return False
    key = match.group("key")
    return key in names or bool(difflib.get_close_matches(key, names, n=1, cutoff=0.6))


def _four_spaces(line: str) -> str:
    """``line`` with its indentation as spaces (a tab is four), and at least four of them."""
    body = line.lstrip(" \t")
    width = len(line[: len(line) - len(body)].expandtabs(4))
    return " " * max(width, 4) + body


def _indentation(line: str) -> str:
    """How a line is indented, in words: "a tab", "2 spaces", "tabs and spaces"."""
    prefix = line[: len(line) - len(line.lstrip(" \t"))]
    tabs, spaces = prefix.count("\t"), prefix.count(" ")
    if tabs and spaces:
        return "tabs and spaces"
    if tabs:
        return "a tab" if tabs == 1 else f"{tabs} tabs"
    return "1 space" if spaces == 1 else f"{spaces} spaces"


def option_line(lines: SourceLines, start: int, stop: int, key: str) -> int:
    """The file line of option ``key`` among the options at ``start`` (``start`` if absent)."""
    prefix = re.compile(rf"[ \t]+{re.escape(key)}[ \t]*:")
    # Options written after blank lines are read too (reported by the checks' reader).
    while start < stop and not lines.items[start].strip():
        start += 1
    for index in range(start, stop):
        if prefix.match(lines.items[index]):
            return lines.line(index)
        if lines.items[index][:1] not in (" ", "\t"):
            break
    return lines.line(start)
