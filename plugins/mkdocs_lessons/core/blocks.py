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
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
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
    by_name = {name: reader for reader in readers for name in reader.names}
    if "///" not in body:
        return body
    lines = SourceLines(body.split("\n"), first_line, path)
    output: list[str] = []
    index = 0
    while index < len(lines.items):
        line = lines.items[index]
        # Most lines are prose: only a fence, a heading or a block opens with these.
        if line[:1] not in _MAY_OPEN:
            output.append(line)
            index += 1
            continue
        fence = FENCE.match(line)
        if fence:
            end = fence_end(lines.items, index, fence.group("fence"))
            output.extend(lines.items[index : end + 1])
            index = end + 1
            continue
        heading = HEADING.match(line)
        if heading:
            for each in readers:
                output.extend(each.before_heading(len(heading.group(1))))
        opening = OPEN.match(line)
        reader = by_name.get(opening.group("name")) if opening else None
        if opening is not None and reader is None:
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
                closing = block_end(
                    lines.items, index + 1, len(lines.items), opening.group("slashes")
                )
                end = closing if closing is not None else index
                output.extend(lines.items[index : end + 1])
                index = end + 1
                continue
        if opening is None or reader is None:
            output.append(line)
            index += 1
            continue
        slashes = opening.group("slashes")
        closing = block_end(lines.items, index + 1, len(lines.items), slashes)
        block = Opening(
            name=opening.group("name"),
            argument=(opening.group("arg") or "").strip(),
            slashes=slashes,
            start=index,
            end=closing if closing is not None else len(lines.items),
            closed=closing is not None,
        )
        produced = reader.read(block, lines, diagnostics)
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
                for each in readers:
                    if each is not reader:
                        output.extend(each.before_heading(len(made.group(1))))
        output.extend(produced)
        # A block cut short goes on at its first line not read; the opening line never again.
        index = block.end + 1 if block.closed else max(block.end, block.start + 1)
    for reader in readers:
        output.extend(reader.finish())
    return "\n".join(output)


# pymdownx's own blocks and admonition types, which are close to ours in spelling only.
_OTHER_BLOCKS = frozenset(
    {
        "admonition", "attention", "caption", "caution", "danger", "define", "details",
        "error", "hint", "html", "important", "note", "tab", "tip", "warning",
    }
)  # fmt: skip


def _misspelt(name: str, ours: Iterable[str]) -> str | None:
    """Our block name that ``name`` is a slip of the keyboard for, if any."""
    if name.lower() in _OTHER_BLOCKS:
        return None
    if name.lower() in ours:
        return name.lower()
    close = difflib.get_close_matches(name.lower(), list(ours), n=1, cutoff=0.75)
    return close[0] if close else None


def fence_end(items: list[str], start: int, fence: str) -> int:
    """Index of the line closing the fence opened at ``start`` (the last line if none)."""
    for index in range(start + 1, len(items)):
        match = FENCE.match(items[index])
        if (
            match
            and match.group("fence")[0] == fence[0]
            and len(match.group("fence")) >= len(fence)
            and not items[index].strip()[len(match.group("fence")) :].strip()
        ):
            return index
    return len(items) - 1


def block_end(items: list[str], start: int, stop: int, slashes: str) -> int | None:
    """Index of the line that is exactly ``slashes``, skipping fenced code."""
    index = start
    while index < stop:
        line = items[index]
        fence = FENCE.match(line)
        if fence:
            index = fence_end(items, index, fence.group("fence")) + 1
            continue
        if line.strip() == slashes:
            return index
        index += 1
    return None


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
    index = block.start + 1
    heading: int | None = None
    while index < block.end:
        line = items[index]
        fence = FENCE.match(line)
        if fence:
            index = fence_end(items, index, fence.group("fence")) + 1
            continue
        opening = OPEN.match(line)
        if opening and len(opening.group("slashes")) >= len(block.slashes):
            break
        if heading is None and HEADING.match(line):
            heading = index
        index += 1
    else:
        if block.closed:
            return
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
    while index < stop and lines.items[index].strip():
        line = lines.items[index]
        if line.startswith("    "):
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
    for index in range(start, stop):
        if prefix.match(lines.items[index]):
            return lines.line(index)
        if lines.items[index][:1] not in (" ", "\t"):
            break
    return lines.line(start)
