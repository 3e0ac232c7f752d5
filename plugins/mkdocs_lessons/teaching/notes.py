"""Instructor notes: ``/// instructor`` blocks that readers do not see unless asked.

A note is Markdown for whoever teaches the lesson (timings, common mistakes, what to ask the
room). The page keeps it, ``hidden``: without JavaScript it is never shown (nor printed), and
the page's script offers an instructor view (a toggle, or ``?instructor`` in the address) when
the page has notes. With the plugin's ``instructor: true`` every note is shown to everybody,
for a build meant for instructors. Search is given a note only in such a build.

A note holds no heading (every reader would find it in the table of contents) and none of the
blocks of other features (a question in a note would count for a concept no reader sees).
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from collections.abc import Iterable
from html.parser import HTMLParser

from markdown import Markdown

from ..core.blocks import (
    FENCE,
    HEADING,
    OPEN,
    Opening,
    SourceLines,
    cut_short,
    fence_end,
    outside_code,
)
from ..core.diagnostics import Diagnostics
from ..core.i18n import Translator
from ..core.markers import marker
from ..core.search import Unsearched
from ..core.tree import blocks_of, inner_html, markers_in, stashed_block

NOTE = "instructor"


class NotesReader:
    """Reads the instructor notes of one lesson body (a ``core.blocks.BlockReader``)."""

    names: tuple[str, ...] = (NOTE,)

    def __init__(self, others: Iterable[str] = ()) -> None:
        self.count = 0
        self._others = frozenset(others)
        """The block names of the other features, which a note may not hold."""

    def before_heading(self, level: int) -> list[str]:
        return []

    def finish(self) -> list[str]:
        return []

    def read(self, block: Opening, lines: SourceLines, diagnostics: Diagnostics) -> list[str]:
        own_end = self._end_past_others(block, lines)
        if own_end is not None:
            # Another feature's block as large as the note closed it early (``block.end`` is
            # that block's closing line): the note ends at its own. Marked not closed so that
            # the scan goes on after that line and does not count it for a later stray one.
            block.end, block.closed, closed = own_end + 1, False, True
        else:
            cut_short(block, lines)
            closed = block.closed
        stop = own_end if own_end is not None else block.end
        if not closed:
            diagnostics.add(
                lines.path,
                lines.line(block.start),
                f"this instructor note is never closed: add a line with only {block.slashes} "
                "after its text (until then it ends at the next heading)",
            )
        if block.argument:
            diagnostics.add(
                lines.path,
                lines.line(block.start),
                f"an instructor note takes no title after '|': write '{block.slashes} "
                f"{NOTE}' and put '{block.argument[:40]}' in its text",
            )
        content = self._content(lines, block.start + 1, stop, diagnostics)
        content = _without_open_html(content, lines, block, diagnostics)
        self.count += 1
        note_id = f"note-{self.count}"
        return ["", marker(NOTE, note_id), "", *content, "", marker(f"{NOTE}-end", note_id), ""]

    def _end_past_others(self, block: Opening, lines: SourceLines) -> int | None:
        """The note's own closing line when a block of another feature, opened inside it with
        as many slashes, holds the line that ``block.end`` took for the note's; else None
        (then :func:`cut_short` decides where the note ends)."""
        depth, inside = 0, False
        for index, line in outside_code(lines.items, block.start + 1, len(lines.items)):
            opening = OPEN.match(line)
            if opening and opening.group("slashes") == block.slashes:
                if opening.group("name") not in self._others:
                    return None  # a block of its own after an unclosed note
                depth, inside = depth + 1, True
            elif line.strip() == block.slashes:
                if not depth:
                    return index if inside else None
                depth -= 1
            elif HEADING.match(line) and not depth:
                return None
        return None

    def _content(
        self, lines: SourceLines, start: int, stop: int, diagnostics: Diagnostics
    ) -> list[str]:
        """The note's lines, each heading made bold text and reported, and each block of
        another feature reported (it is shown as text)."""
        items = lines.items
        content: list[str] = []
        index = start
        while index < stop:
            line = items[index]
            fence = FENCE.match(line)
            if fence:
                end = min(fence_end(items, index, fence.group("fence")) + 1, stop)
                content.extend(items[index:end])
                index = end
                continue
            heading = HEADING.match(line)
            opening = OPEN.match(line)
            if heading:
                diagnostics.add(
                    lines.path,
                    lines.line(index),
                    "an instructor note holds no heading (every reader would find it in the "
                    "table of contents): write it in **bold**; it is shown so until then",
                )
                line = f"**{line[len(heading.group(1)) :].strip().rstrip('#').strip()}**"
            elif opening and opening.group("name") in self._others:
                diagnostics.add(
                    lines.path,
                    lines.line(index),
                    f"a {opening.group('name')} inside an instructor note is not read, so it "
                    "is shown as text: move it out of the note",
                )
            content.append(line)
            index += 1
        return content


def render_notes(
    root: etree.Element,
    md: Markdown,
    translate: Translator,
    unsearched: Unsearched,
    *,
    shown: bool,
) -> bool:
    """Put each note, rendered by the page's Markdown pass between its markers, in its box;
    return whether the page has any. ``shown``: the build's ``instructor`` option."""
    markers = markers_in(root)
    ids = [found.args[0] for found in markers if found.kind == NOTE and found.args]
    for block in blocks_of(markers, NOTE, ids):
        if block.closing is None:
            _drop_marker_text(md, block.id)
        at, inner = block.take()
        holder = etree.Element("div")
        box = etree.SubElement(
            holder,
            "div",
            {
                "class": "lessons-instructor",
                "role": "note",
                "data-lessons-note": "",
            },
        )
        if not shown:
            box.set("hidden", "hidden")
            box.set("data-search-exclude", "")
        # Named by its visible label, which a screen reader then reads once, not twice.
        label_id = f"lessons-{block.id}-label"
        box.set("aria-labelledby", label_id)
        label = etree.SubElement(box, "p", {"class": "lessons-instructor__label", "id": label_id})
        label.text = translate("instructor_note")
        box.extend(inner)
        html = inner_html(md, holder).strip()
        block.opening.parent.insert(at, stashed_block(md, html if shown else unsearched.omit(html)))
    return bool(ids)


def _drop_marker_text(md: Markdown, note_id: str) -> None:
    """Take a note's end marker out of the raw HTML that swallowed it as text (the reader
    escapes HTML it finds unclosed, so this is a last guard): marker text is never shown."""
    text = marker(f"{NOTE}-end", note_id)
    stash = md.htmlStash.rawHtmlBlocks
    for index, entry in enumerate(stash):
        if isinstance(entry, str) and text in entry:
            stash[index] = entry.replace(text, "")


# Elements with no end tag (HTML's void elements).
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}
    | {"track", "wbr"}
)


class _OpenTags(HTMLParser):
    """The elements a piece of HTML leaves open, outermost first."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _VOID:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.open:
            del self.open[len(self.open) - 1 - self.open[::-1].index(tag) :]


def _without_open_html(
    content: list[str], lines: SourceLines, block: Opening, diagnostics: Diagnostics
) -> list[str]:
    """``content``, or, when its raw HTML would run past the note's end (an unclosed
    ``<div>``: the rest of the lesson hidden in the note, the note's end shown as text), the
    same lines with that HTML shown as text, reported at the note's line."""
    starts = [at for at, line in enumerate(content) if line.lstrip()[:1] == "<"]
    if not starts or not _runs_past(content):
        return content
    parser = _OpenTags()
    parser.feed("\n".join(content))
    shown = f"'<{parser.open[0]}>'" if parser.open else "an element"
    closing = f" with '</{parser.open[0]}>'" if parser.open else ""
    diagnostics.add(
        lines.path,
        lines.line(block.start),
        f"the raw HTML in this instructor note is never closed ({shown}), so the rest of "
        f"the lesson would be hidden in the note: close it{closing} before the note's "
        "closing line; until then the note's HTML is shown as text",
    )
    escaped = list(content)
    for at in starts:
        indent = len(escaped[at]) - len(escaped[at].lstrip())
        escaped[at] = escaped[at][:indent] + "&lt;" + escaped[at][indent + 1 :]
    return escaped


def _runs_past(content: list[str]) -> bool:
    """Whether Python-Markdown's raw HTML blocks, as the page's pass reads them, take in a
    line after ``content``."""
    from markdown.preprocessors import HtmlBlockPreprocessor

    sentinel = marker(f"{NOTE}-probe")
    md = Markdown()
    after = HtmlBlockPreprocessor(md).run([*content, "", sentinel, ""])
    return sentinel not in after
