"""Fragments held out of a page's content until the page is written.

Some of what a lesson page shows repeats text found elsewhere: a walkthrough repeats its code
in every step, a lesson's glossary section repeats definitions from the glossary page. Whatever
reads the page content (Material's search indexer, which parses every tag in Python) would pay
for it and index it again. Such fragments are replaced by a placeholder comment in the content
and put back into the finished HTML.
"""

from __future__ import annotations

import re

_OPENING = "<!--lessons-deferred:"
_PLACEHOLDER = re.compile(r"<!--lessons-deferred:(?P<key>[\w:-]+)-->")


class Deferred:
    """The fragments held out of one page."""

    def __init__(self) -> None:
        self._fragments: dict[str, str] = {}

    def hold(self, key: str, fragment: str) -> str:
        """Keep ``fragment`` and return the placeholder that stands for it."""
        self._fragments[key] = fragment
        return f"<!--lessons-deferred:{key}-->"

    def fill(self, page_html: str) -> str:
        """``page_html`` with every placeholder replaced by its fragment."""
        if not self._fragments:
            return page_html
        # Placeholders sit in the page content only: skip the theme's HTML before it, which is
        # most of the page, with one str.find rather than a regex scan.
        start = page_html.find(_OPENING)
        if start < 0:
            return page_html
        return page_html[:start] + _PLACEHOLDER.sub(
            lambda match: self._fragments.get(match.group("key"), ""), page_html[start:]
        )

    def __len__(self) -> int:
        return len(self._fragments)
