"""Link the uses of glossary terms in a page, on the page's Markdown element tree.

Only text is linked: each use the matcher finds in an element's text or tail becomes a link,
unless an ancestor is one where a link would be wrong: a link (a link in a link is invalid
HTML), an abbreviation, code, preformatted text, a heading, a form control, or one of our
blocks that is not prose (a System Check). Rendered fragments (walkthrough code panels) are
stashed HTML, not text, and so never linked. By default only the first use of each term on a
page is linked; every use is counted for the lesson's glossary section.
"""

from __future__ import annotations

import bisect
import re
import xml.etree.ElementTree as etree
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from ..core.markers import MARKER_TAG
from .matcher import TermMatcher, TermUse
from .model import GlossaryTerm

SKIPPED_TAGS = frozenset(
    {
        "a", "abbr", "button", "code", "h1", "h2", "h3", "h4", "h5", "h6", "kbd", "label",
        "pre", "samp", "script", "select", "style", "svg", "textarea", "title", "math",
        MARKER_TAG, "lessons-check",
    }
)  # fmt: skip
"""Elements whose text, and their descendants' text, is never linked."""
_PLACEHOLDER = re.compile("\x02wzxhzdk:([0-9]+)\x03")
"""Python-Markdown's placeholder of stashed raw HTML (``markdown.util.HTML_PLACEHOLDER``)."""
_RAW_TAG = re.compile(r"<(/?)([A-Za-z][\w-]*)")
SKIPPED_CLASSES = frozenset(
    {"lessons-glossary", "lessons-code", "lessons-walkthrough__controls", "lessons-question",
     "lessons-map", "lessons-term"}
)  # fmt: skip


@dataclass
class Linker:
    """Links the terms of one page."""

    matcher: TermMatcher
    href: Callable[[GlossaryTerm], str]
    link_all: bool = False
    stash: Sequence[object] = ()
    """Python-Markdown's stashed raw HTML: an author's inline ``<kbd>S3</kbd>`` reaches the tree
    as placeholders around text, and that text is skipped like the element's."""
    used: dict[int, GlossaryTerm] = field(default_factory=dict)
    """Every term used on the page, in order of first use (by ``id`` of the term)."""
    _linked: set[int] = field(default_factory=set)
    _open_raw: list[str] = field(default_factory=list)
    """Skipped elements opened by inline raw HTML and not yet closed."""
    _with_terms: set[tuple[int, bool]] | None = None
    """The texts that may hold a use, by (``id`` of the element, whether it is its tail); None:
    look in every text."""
    _leading: set[int] | None = None
    """The elements (by ``id``) whose subtree holds one of those texts: the walk that links
    goes down only into these. None: into every element."""

    def link(self, root: etree.Element) -> list[GlossaryTerm]:
        """Link the terms in ``root``'s text; return the terms used, in order of first use."""
        if self.matcher:
            self._with_terms, self._leading = self._texts_with_terms(root)
            self._element(root)
        return list(self.used.values())

    def _texts_with_terms(
        self, root: etree.Element
    ) -> tuple[set[tuple[int, bool]] | None, set[int] | None]:
        """The texts the walk below would look in that may hold a use, and the elements on
        the way to them: found by searching all texts at once, joined, rather than each on
        its own (a page has hundreds of texts and uses in a few). A text with inline raw HTML
        is always looked in: the walk keeps track of the skipped elements it opens and
        closes."""
        slots: list[tuple[int, bool]] = []
        texts: list[str] = []
        parents: dict[int, etree.Element] = {}

        def visit(element: etree.Element) -> None:
            if element.text:
                slots.append((id(element), False))
                texts.append(element.text)
            for child in element:
                parents[id(child)] = element
                if not _skipped(child):
                    visit(child)
                if child.tail:
                    slots.append((id(child), True))
                    texts.append(child.tail)

        visit(root)
        # A NUL between texts: no form holds one, and it is no letter, so a use never runs
        # from one text into the next and each text's edges stay word edges.
        joined = "\0".join(texts)
        starts = self.matcher.starts(joined)
        if starts is None:
            return None, None
        offsets: list[int] = []
        position = 0
        for text in texts:
            offsets.append(position)
            position += len(text) + 1
        found = {slots[bisect.bisect_right(offsets, start) - 1] for start in starts}
        found.update(slot for slot, text in zip(slots, texts, strict=True) if "\x02" in text)
        # A text is linked by the walk of its element, a tail by the walk of its parent.
        leading: set[int] = set()
        for key, tail in found:
            on_the_way = id(parents[key]) if tail else key
            while on_the_way not in leading:
                leading.add(on_the_way)
                parent = parents.get(on_the_way)
                if parent is None:
                    break
                on_the_way = id(parent)
        return found, leading

    def _looks_in(self, element: etree.Element, tail: bool) -> bool:
        return self._with_terms is None or (id(element), tail) in self._with_terms

    def _element(self, element: etree.Element) -> None:
        # Links made here are not looked at again: their tails are text already matched.
        index = 0
        self._open_raw.clear()  # inline HTML does not stay open across elements
        if element.text and self._looks_in(element, False):
            links = self._links(element.text)
            if links:
                element.text = links[0]  # type: ignore[assignment]
                for offset, link in enumerate(links[1:]):
                    element.insert(offset, link)  # type: ignore[arg-type]
                index = len(links) - 1
        while index < len(element):
            child = element[index]
            index += 1
            if _skipped(child):
                pass
            elif self._leading is None or id(child) in self._leading:
                self._element(child)
            else:
                # No text below it may hold a use; its walk would only have done this.
                self._open_raw.clear()
            if child.tail and self._looks_in(child, True):
                links = self._links(child.tail)
                if links:
                    child.tail = links[0]  # type: ignore[assignment]
                    for offset, link in enumerate(links[1:]):
                        element.insert(index + offset, link)  # type: ignore[arg-type]
                    index += len(links) - 1

    def _links(self, text: str) -> list[str | etree.Element] | None:
        """``text`` as [text before the first link, link, link, ...] (each link's tail the
        text after it), or None when nothing in it is linked."""
        if text.isspace():  # most tails: the line breaks between elements
            return None
        out: list[str | etree.Element] = []
        position = 0
        last: etree.Element | None = None
        for use in self._uses(text):
            key = id(use.term)
            self.used.setdefault(key, use.term)
            if key in self._linked and not self.link_all:
                continue
            self._linked.add(key)
            before = text[position : use.start]
            if last is None:
                out.append(before)
            else:
                last.tail = before
            term = use.term
            last = etree.Element(
                "a",
                {
                    "class": "lessons-term",
                    "href": self.href(term),
                    "title": term.definition_text,
                    "data-lessons-term": term.id,
                },
            )
            last.text = text[use.start : use.end]
            out.append(last)
            position = use.end
        if last is None:
            return None
        last.tail = text[position:]
        return out

    def _uses(self, text: str) -> Iterable[TermUse]:
        """The uses in ``text`` that stand outside skipped inline raw HTML."""
        if "\x02" not in text or not self.stash:
            return () if self._open_raw else self.matcher.find(text)
        return self._uses_around_raw_html(text)

    def _uses_around_raw_html(self, text: str) -> Iterator[TermUse]:
        position = 0
        for placeholder in _PLACEHOLDER.finditer(text):
            if not self._open_raw:
                for use in self.matcher.find(text[position : placeholder.start()]):
                    yield TermUse(use.start + position, use.end + position, use.term)
            index = int(placeholder.group(1))
            entry = self.stash[index] if index < len(self.stash) else ""
            raw = entry if isinstance(entry, str) else ""
            tag = _RAW_TAG.match(raw)
            if tag is not None and tag.group(2).lower() in SKIPPED_TAGS:
                name = tag.group(2).lower()
                if not tag.group(1):
                    if not raw.rstrip().endswith("/>"):
                        self._open_raw.append(name)
                elif name in self._open_raw:
                    del self._open_raw[self._open_raw.index(name) :]
            position = placeholder.end()
        if not self._open_raw:
            for use in self.matcher.find(text[position:]):
                yield TermUse(use.start + position, use.end + position, use.term)


def _skipped(element: etree.Element) -> bool:
    if not isinstance(element.tag, str) or element.tag in SKIPPED_TAGS:
        return True
    classes = element.get("class")
    return classes is not None and not SKIPPED_CLASSES.isdisjoint(classes.split())


def link_terms(
    root: etree.Element,
    matcher: TermMatcher,
    href: Callable[[GlossaryTerm], str],
    *,
    link_all: bool = False,
    stash: Sequence[object] = (),
) -> list[GlossaryTerm]:
    """Link term uses in the tree under ``root`` to ``href(term)``; return the terms used
    (``stash``: the Markdown pass's stashed raw HTML, ``md.htmlStash.rawHtmlBlocks``)."""
    return Linker(matcher, href, link_all, stash).link(root)
