"""Link the uses of glossary terms in a page's HTML.

This runs on every page of every build, so it does not walk the HTML tag by tag: the matcher
runs over the whole page (its scan jumps between possible term starts), and each use it finds
is kept only if it stands in text, outside tags, comments and the regions where a link would be
wrong: code, preformatted text, headings, links, buttons, walkthrough code and glossary
sections. By default only the first use of each term on a page is linked; every use is counted
for the lesson's glossary section.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

from .matcher import TermMatcher
from .model import GlossaryTerm

# Openings of the elements whose text is never linked; each region runs to the element's
# closing tag, found with str.find (a single pattern spanning the region cost twice as much).
# Lower case only, like the HTML Markdown writes: IGNORECASE would stop the regex engine from
# skipping ahead to "<".
_SKIP_OPEN = re.compile(
    r"<(a|abbr|button|code|h[1-6]|kbd|label|pre|samp|script|select|style|svg|textarea|title)"
    r"\b"
)
# Elements known by their class: matched from "class=" (a literal the regex engine can skip
# to) and traced back to their tag.
_SKIP_CLASS = re.compile(
    r"""class=["'][^"']*\b(?:lessons-glossary|lessons-code|lessons-walkthrough__controls|lessons-question|lessons-map)\b"""
)
_TAG_NAME = re.compile(r"<(\w+)")


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
    regions = _skip_regions(page_html)
    starts = [start for start, _ in regions]
    out: list[str] = []
    used: dict[int, GlossaryTerm] = {}
    linked: set[int] = set()
    position = 0
    for use in matcher.find(page_html):
        if _in_markup(page_html, use.start):
            continue
        index = bisect_right(starts, use.start) - 1
        if index >= 0 and use.start < regions[index][1]:
            continue
        key = id(use.term)
        used.setdefault(key, use.term)
        if key in linked and not link_all:
            continue
        linked.add(key)
        term = use.term
        out.append(page_html[position : use.start])
        out.append(
            f'<a class="lessons-term" href="{html.escape(href(term))}" '
            f'title="{html.escape(term.definition_text)}" data-lessons-term="{term.id}">'
            f"{page_html[use.start : use.end]}</a>"
        )
        position = use.end
    if not out:
        return LinkResult(page_html, list(used.values()))
    out.append(page_html[position:])
    return LinkResult("".join(out), list(used.values()))


def _in_markup(page_html: str, position: int) -> bool:
    """Whether ``position`` is inside a tag or a comment rather than in text."""
    return page_html.rfind("<", 0, position) > page_html.rfind(">", 0, position)


def _skip_regions(page_html: str) -> list[tuple[int, int]]:
    """Sorted, non-overlapping spans where no term is linked."""
    spans: list[tuple[int, int]] = []
    position = 0
    while True:
        match = _SKIP_OPEN.search(page_html, position)
        if match is None:
            break
        close = page_html.find(f"</{match.group(1)}", match.end())
        end = len(page_html) if close < 0 else page_html.find(">", close) + 1
        spans.append((match.start(), end))
        position = end
    for match in _SKIP_CLASS.finditer(page_html):
        start = page_html.rfind("<", 0, match.start())
        name = _TAG_NAME.match(page_html, start)
        if name is not None:
            opening_end = page_html.find(">", match.end()) + 1
            spans.append((start, _element_end(page_html, name.group(1), opening_end)))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _element_end(page_html: str, name: str, position: int) -> int:
    """End of the element ``name`` whose opening tag ends at ``position`` (nesting counted)."""
    depth = 1
    for tag in _tags_named(name).finditer(page_html, position):
        if tag.group(2):
            continue
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            return tag.end()
    return len(page_html)


@cache
def _tags_named(name: str) -> re.Pattern[str]:
    """Opening and closing tags of one element name (a code panel holds hundreds of others)."""
    return re.compile(rf"<(/?){re.escape(name)}\b[^>]*?(/?)>")
