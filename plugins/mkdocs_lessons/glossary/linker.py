"""Link the uses of glossary terms in a page's HTML.

The HTML is walked as a flat sequence of tags and text (no DOM: this runs on every page of
every build). Text inside code, preformatted text, headings, links, buttons, walkthrough code
and glossary sections is left alone; by default only the first use of each term on a page is
linked, and every use is counted for the lesson's glossary section.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from .matcher import TermMatcher
from .model import GlossaryTerm

_TAG = re.compile(r"<!--.*?-->|<(/?)([a-zA-Z][\w:-]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>", re.S)
_SKIP_TAGS = frozenset(
    {
        "a",
        "abbr",
        "button",
        "code",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "kbd",
        "label",
        "pre",
        "samp",
        "script",
        "select",
        "style",
        "svg",
        "textarea",
        "title",
    }
)
_SKIP_CLASSES = re.compile(
    r"""class=["'][^"']*\b(lessons-glossary|lessons-code|lessons-walkthrough__controls)\b"""
)
_VOID = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    }
)


@dataclass
class LinkResult:
    html: str
    used: list[GlossaryTerm] = field(default_factory=list)
    """Every term used on the page, in order of first use."""


def link_terms(
    page_html: str,
    matcher: TermMatcher,
    href: Callable[[GlossaryTerm], str],
    *,
    link_all: bool = False,
) -> LinkResult:
    """Return ``page_html`` with term uses linked to ``href(term)``, and the terms used."""
    if not matcher:
        return LinkResult(page_html)
    out: list[str] = []
    used: dict[int, GlossaryTerm] = {}
    linked: set[int] = set()
    skipping: str | None = None
    depth = 0
    position = 0
    for match in _TAG.finditer(page_html):
        text = page_html[position : match.start()]
        if text:
            out.append(
                text if skipping else _link_text(text, matcher, href, used, linked, link_all)
            )
        tag = match.group(0)
        out.append(tag)
        position = match.end()
        name = (match.group(2) or "").lower()
        if not name:
            continue
        closing = match.group(1) == "/"
        if skipping:
            if name == skipping and not tag.endswith("/>") and name not in _VOID:
                depth += -1 if closing else 1
                if depth == 0:
                    skipping = None
            continue
        if (
            not closing
            and name not in _VOID
            and not tag.endswith("/>")
            and (name in _SKIP_TAGS or _SKIP_CLASSES.search(match.group(3) or ""))
        ):
            skipping, depth = name, 1
    tail = page_html[position:]
    if tail:
        out.append(tail if skipping else _link_text(tail, matcher, href, used, linked, link_all))
    return LinkResult("".join(out), list(used.values()))


def _link_text(
    text: str,
    matcher: TermMatcher,
    href: Callable[[GlossaryTerm], str],
    used: dict[int, GlossaryTerm],
    linked: set[int],
    link_all: bool,
) -> str:
    pieces: list[str] = []
    position = 0
    for use in matcher.find(text):
        key = id(use.term)
        used.setdefault(key, use.term)
        if key in linked and not link_all:
            continue
        linked.add(key)
        term = use.term
        pieces.append(text[position : use.start])
        pieces.append(
            f'<a class="lessons-term" href="{html.escape(href(term))}" '
            f'title="{html.escape(term.definition_text)}" data-lessons-term="{term.id}">'
            f"{text[use.start : use.end]}</a>"
        )
        position = use.end
    if not pieces:
        return text
    pieces.append(text[position:])
    return "".join(pieces)
