"""What search is given of a page: the page's content without the parts it would only repeat.

A lesson page repeats text found elsewhere: a walkthrough repeats its code in every step, a
lesson's glossary section repeats the glossary page, lesson cards repeat the lessons. Material's
indexer parses every tag of the content in Python, and those parts cost more build time than
the rest of a lesson. The page itself keeps them: every plugin sees the complete content. Only
the search plugin is handed the content without them, and the page's content is put back after
it (see the plugin's ``on_page_context``).
"""

from __future__ import annotations

import html
import xml.etree.ElementTree as etree


class Unsearched:
    """The fragments of one page's content that search is not given."""

    def __init__(self) -> None:
        self._fragments: list[str] = []
        self._instead: dict[str, str] = {}

    def omit(self, fragment: str) -> str:
        """Note ``fragment`` (exactly as it will stand in the content) and return it."""
        if fragment:
            self._fragments.append(fragment)
        return fragment

    def simplify(self, fragment: str, plain: str) -> str:
        """Note that search is given ``plain`` in place of ``fragment`` (the same text in
        fewer tags: highlighted code as plain code); return ``fragment``."""
        if fragment:
            self._fragments.append(fragment)
            self._instead[fragment] = plain
        return fragment

    def searchable(self, content: str) -> str:
        """``content`` without the noted fragments.

        A fragment not found as it was noted (another extension rewrote it) stays in: search
        then indexes a little more, and nothing is lost.
        """
        if not self._fragments:
            return content
        spans: list[tuple[int, int, str]] = []
        # A fragment noted twice (two equal code panels) stands twice: look past the first.
        looked_to: dict[str, int] = {}
        # Fragments are mostly noted in the order they stand: look after the last one first.
        after = 0
        for fragment in self._fragments:
            earliest = looked_to.get(fragment, 0)
            start = _find(content, fragment, max(after, earliest), len(content))
            if start < 0 and after > earliest:
                start = _find(content, fragment, earliest, after + len(fragment))
            if start >= 0:
                after = start + len(fragment)
                spans.append((start, start + len(fragment), self._instead.get(fragment, "")))
                looked_to[fragment] = start + len(fragment)
        spans.sort()
        out: list[str] = []
        position = 0
        for start, end, instead in spans:
            if start < position:  # inside a fragment already left out
                continue
            out.append(content[position:start])
            out.append(instead)
            position = end
        out.append(content[position:])
        return "".join(out)

    def __len__(self) -> int:
        return len(self._fragments)


_LEAD = 64
"""How much of a fragment is searched for before the rest is compared: ``str.find`` first
works through the whole of a long needle (a code panel is kilobytes), which cost more than
the search itself."""


def _find(content: str, fragment: str, start: int, end: int) -> int:
    """``content.find(fragment, start, end)``."""
    if len(fragment) <= _LEAD:
        return content.find(fragment, start, end)
    lead = fragment[:_LEAD]
    last = end - len(fragment)
    at = content.find(lead, start, end)
    while 0 <= at <= last:
        if content.startswith(fragment, at):
            return at
        at = content.find(lead, at + 1, end)
    return -1


def plain_code(fragment: str) -> str | None:
    """A highlighted code block (pymdownx.highlight's HTML) as the same text in a plain
    ``<pre><code>``: the text search indexes, without a tag per token; None for any other
    fragment, or one that does not read as the markup Pygments writes."""
    if not fragment.startswith("<div class=") or "highlight" not in fragment[:80]:
        return None
    try:
        block = etree.fromstring(fragment)
    except etree.ParseError:
        return None
    if block.find(".//table") is not None:  # line numbers in a column: left as they are
        return None
    codes = block.findall(".//code")
    if len(codes) != 1:
        return None
    title = block.find(".//span[@class='filename']")
    named = f"<p>{html.escape(''.join(title.itertext()))}</p>" if title is not None else ""
    return f"{named}<pre><code>{html.escape(''.join(codes[0].itertext()))}</code></pre>"
