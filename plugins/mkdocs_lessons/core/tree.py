"""Our blocks on the Markdown element tree, inside the page's own Markdown pass.

The block scanner (``core.blocks``) replaces each block of a lesson with its Markdown parts
between marker lines. The page's Markdown pass renders the parts like any other Markdown, in
whatever holds the block (the page, an admonition, a tab, a list item), and turns each marker
line into a marker element (:class:`MarkerProcessor`). The features' renderers then put their
blocks together around those elements (:func:`markers_in`), so that the page content that
leaves the Markdown pass is complete: no comment, placeholder or marker is left for a later
hook, where a comment stripper, a minifier or a print plugin would lose it.

Rendered fragments (a code panel, a form) enter the tree as Python-Markdown's stashed raw HTML
(:func:`stashed`): the tree holds their place, the Markdown pass writes them out.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from markdown import Markdown
from markdown.blockprocessors import BlockProcessor
from markdown.util import HTML_PLACEHOLDER

from .markers import MARKER, MARKER_TAG, OPEN

_PLACEHOLDER = re.compile(HTML_PLACEHOLDER % r"([0-9]+)")


@dataclass(frozen=True)
class Marker:
    """A marker element where the Markdown pass put it."""

    element: etree.Element
    parent: etree.Element
    kind: str
    args: tuple[str, ...]


class MarkerProcessor(BlockProcessor):
    """Turns a marker line into a marker element, wherever the line stands.

    Registered above every block processor (Python-Markdown's containers included): a marker is
    never the text of a paragraph, a list item or an indented code block.
    """

    def test(self, parent: etree.Element, block: str) -> bool:
        return block.startswith(OPEN) and MARKER.match(block.partition("\n")[0]) is not None

    def run(self, parent: etree.Element, blocks: list[str]) -> bool:
        line, _, rest = blocks.pop(0).partition("\n")
        match = MARKER.match(line)
        assert match is not None  # test() said so
        if rest.strip():
            blocks.insert(0, rest)
        element = etree.SubElement(parent, MARKER_TAG)
        element.set("kind", match.group("kind"))
        element.set("args", match.group("args").strip())
        return True


def markers_in(root: etree.Element) -> list[Marker]:
    """Every marker element under ``root``, in document order, with its parent."""
    # ElementTree's own iteration (in C) finds them; the parents are looked up only when
    # there are markers at all.
    elements = list(root.iter(MARKER_TAG))
    if not elements:
        return []
    parents = parents_of(root)
    return [
        Marker(
            element,
            parents[element],
            element.get("kind", ""),
            tuple(element.get("args", "").split()),
        )
        for element in elements
    ]


def parents_of(root: etree.Element) -> dict[etree.Element, etree.Element]:
    """Each element under ``root`` with its parent (ElementTree keeps no parent links)."""
    return {child: parent for parent in root.iter() for child in parent}


def remove_markers(root: etree.Element) -> None:
    """Take out the markers no feature claimed (an id the model does not know)."""
    for found in markers_in(root):
        found.parent.remove(found.element)


def stashed(md: Markdown, html: str) -> str:
    """The placeholder that Python-Markdown writes out as ``html``."""
    return md.htmlStash.store(html)


def stashed_block(md: Markdown, html: str) -> etree.Element:
    """A block element that is written out as ``html`` (a block-level fragment)."""
    element = etree.Element("p")
    # Written out without the <p>: Python-Markdown unwraps a paragraph that holds only a
    # placeholder of block-level HTML, which a fragment starting with a tag is.
    element.text = stashed(md, html.strip())
    return element


def inner_html(md: Markdown, element: etree.Element) -> str:
    """What ``element`` holds, as the HTML the page will show (stashed fragments written in).

    For parts that go into a fragment of ours (a question's choices): Python-Markdown would
    write the stash into them only after the tree is done.
    """
    tag, tail = element.tag, element.tail
    element.tag, element.tail = None, None  # type: ignore[assignment]  # text and children only
    try:
        html = md.serializer(element)
    finally:
        element.tag, element.tail = tag, tail
    return finished(md, html)


def finished(md: Markdown, html: str) -> str:
    """``html`` with Python-Markdown's stash and character substitutes written in."""
    for name in ("raw_html", "amp_substitute"):
        if name in md.postprocessors:
            html = md.postprocessors[name].run(html)
    return html


def blocks_of(markers: list[Marker], kind: str, ids: Iterable[str]) -> Iterator[Opened]:
    """Each block of ``kind`` whose id is in ``ids``, with its closing marker (``kind-end``)
    when that stands in the same element (else the block runs to the end of the element).
    An id met again is not a block a second time."""
    wanted = set(ids)
    closings = {
        (found.args[0], id(found.parent)): found
        for found in markers
        if found.kind == f"{kind}-end" and found.args
    }
    for found in markers:
        if found.kind == kind and found.args and found.args[0] in wanted:
            wanted.discard(found.args[0])
            yield Opened(found, closings.get((found.args[0], id(found.parent))))


@dataclass(frozen=True)
class Opened:
    """A block's markers: its opening one and, when found, its closing one."""

    opening: Marker
    closing: Marker | None

    @property
    def id(self) -> str:
        return self.opening.args[0]

    def take(self) -> tuple[int, list[etree.Element]]:
        """Remove the markers and what stands between them; return where the opening marker
        stood in its parent and the elements between."""
        parent = self.opening.parent
        children = list(parent)
        first = children.index(self.opening.element)
        closing = self.closing.element if self.closing is not None else None
        last = children.index(closing) if closing is not None and closing in children else None
        inner = children[first + 1 : last if last is not None else len(children)]
        for child in children[first : (last + 1) if last is not None else len(children)]:
            parent.remove(child)
        return first, inner


def stash_entries(root: etree.Element, md: Markdown) -> Iterator[tuple[int, str]]:
    """The stashed fragments that stand alone as blocks under ``root`` (code blocks, raw
    HTML blocks), as (stash index, HTML), in document order."""
    for element in root.iter("p"):
        if len(element) or not element.text:
            continue
        match = _PLACEHOLDER.fullmatch(element.text.strip())
        if match is None:
            continue
        index = int(match.group(1))
        if index < len(md.htmlStash.rawHtmlBlocks):
            entry = md.htmlStash.rawHtmlBlocks[index]
            if isinstance(entry, str):
                yield index, entry


@dataclass(frozen=True)
class Swallowed:
    """A marker that the page's Markdown pass did not see as a line of its own: an author's
    raw HTML element never closed took it (and what follows it) as HTML."""

    kind: str
    args: tuple[str, ...]
    tag: str
    """The name of the element that took it (``div``), or ``""`` when it is not known."""
    taken_by: int
    """Which raw HTML took it (one mistake may take several blocks); -1: the tree's text."""


# A marker where the pass left it as text: inside a stashed raw HTML block, or in the tree.
_MARKER_TEXT = re.compile(re.escape(OPEN) + r"(?P<kind>[a-z-]+)(?P<args>(?: [\w:.-]+)*)§§")
_FIRST_TAG = re.compile(r"\s*<(?P<tag>[A-Za-z][\w-]*)")


def take_swallowed_markers(root: etree.Element, md: Markdown) -> list[Swallowed]:
    """The markers that an unclosed raw HTML element took, taken out of the page (never
    published as text), in the order they stand."""
    found: list[Swallowed] = []

    def take(text: str, tag: str, taken_by: int) -> str:
        for match in _MARKER_TEXT.finditer(text):
            args = tuple(match.group("args").split())
            found.append(Swallowed(match.group("kind"), args, tag, taken_by))
        return _MARKER_TEXT.sub("", text)

    stash = md.htmlStash.rawHtmlBlocks
    for index, entry in enumerate(stash):
        if isinstance(entry, str) and OPEN in entry:
            first = _FIRST_TAG.match(entry)
            stash[index] = take(entry, first.group("tag").lower() if first else "", index)
    for element in root.iter():
        if element.text and OPEN in element.text:
            element.text = take(element.text, "", -1)
        if element.tail and OPEN in element.tail:
            element.tail = take(element.tail, "", -1)
    return found


def unclosed_html_problem(tag: str, what: str, ident: str) -> str:
    """What to say of the raw HTML ``<tag>`` left open that took the block ``ident``."""
    element = f"<{tag}>" if tag else "an HTML element"
    closing = f"</{tag}>" if tag else "its closing tag"
    return (
        f"the raw HTML {element} before or inside {what} '{ident}' is never closed: Markdown "
        "reads everything after it, up to a blank line after its closing tag, as HTML, so the "
        f"{what} is shown as text; close the element ({closing}) or remove it"
    )
