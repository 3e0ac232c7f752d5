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

from .matcher import TermMatcher
from .model import GlossaryTerm

_SKIP_REGION = re.compile(
    r"<(a|abbr|button|code|h[1-6]|kbd|label|pre|samp|script|select|style|svg|textarea|title)"
    r"\b[^>]*>.*?</\1\s*>",
    re.DOTALL | re.IGNORECASE,
)
_SKIP_CLASS = re.compile(
    r"""<(\w+)\b[^>]*\bclass=["'][^"']*\b"""
    r"""(?:lessons-glossary|lessons-code|lessons-walkthrough__controls)\b[^>]*>"""
)
_TAG = re.compile(r"<(/?)(\w+)\b[^>]*?(/?)>")


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
    spans = [(match.start(), match.end()) for match in _SKIP_REGION.finditer(page_html)]
    for match in _SKIP_CLASS.finditer(page_html):
        spans.append((match.start(), _element_end(page_html, match.group(1), match.end())))
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
    for tag in _TAG.finditer(page_html, position):
        if tag.group(2) != name or tag.group(3):
            continue
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            return tag.end()
    return len(page_html)
