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
_KEY = re.compile(r"[\w:-]+")


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
        # str.find from placeholder to placeholder: the page is mostly the theme's HTML, and a
        # regex scan of all of it cost more than the filling.
        out: list[str] = []
        position = 0
        while True:
            start = page_html.find(_OPENING, position)
            if start < 0:
                break
            end = page_html.find("-->", start)
            if end < 0:
                break
            key = page_html[start + len(_OPENING) : end]
            fragment = self._fragments.get(key)
            if fragment is None or not _KEY.fullmatch(key):
                out.append(page_html[position : end + 3])
            else:
                out.append(page_html[position:start])
                out.append(fragment)
            position = end + 3
        if not out:
            return page_html
        out.append(page_html[position:])
        return "".join(out)

    def __len__(self) -> int:
        return len(self._fragments)
