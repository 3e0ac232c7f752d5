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

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from .diagnostics import Diagnostics
from .fields import Field, read_fields
from .yamlsource import load_yaml

OPEN = re.compile(r"^(?P<slashes>/{3,})[ \t]*(?P<name>[A-Za-z][\w-]*)[ \t]*(?:\|(?P<arg>.*))?$")
# CommonMark: a backtick fence's info string holds no backtick ("```x``` and text" is inline).
FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}(?=[^`]*$)|~{3,})[ \t]*(?P<info>[^`\s]*)")
HEADING = re.compile(r"^(#{1,6})[ \t]")
ID = re.compile(r"^[^\W\d_][\w-]*$")
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
    """Index of the closing line (``len(items)`` when the block is never closed)."""
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
        index = block.end + 1
    for reader in readers:
        output.extend(reader.finish())
    return "\n".join(output)


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


def read_options(
    lines: SourceLines,
    start: int,
    stop: int,
    fields: tuple[Field, ...],
    what: str,
    diagnostics: Diagnostics,
) -> tuple[dict[str, object], int]:
    """Read the 4-space indented YAML options at ``start``; return them and the next index."""
    index = start
    while index < stop and lines.items[index].startswith("    ") and lines.items[index].strip():
        index += 1
    if index == start:
        return {}, start
    text_block = "\n".join(item[4:] for item in lines.items[start:index])
    source = load_yaml(
        text_block, lines.path, diagnostics, first_line=lines.line(start), column_offset=4
    )
    if source is None:
        return {}, index
    if not isinstance(source.data, dict):
        diagnostics.add(
            lines.path,
            lines.line(start),
            f"the {what} must be 'key: value' lines indented by 4 spaces",
        )
        return {}, index
    return read_fields(source, source.data, fields, diagnostics, what=what), index


def option_line(lines: SourceLines, start: int, stop: int, key: str) -> int:
    """The file line of option ``key`` among the options at ``start`` (``start`` if absent)."""
    prefix = re.compile(rf"^    {re.escape(key)}[ \t]*:")
    for index in range(start, stop):
        if prefix.match(lines.items[index]):
            return lines.line(index)
        if not lines.items[index].startswith("    "):
            break
    return lines.line(start)
