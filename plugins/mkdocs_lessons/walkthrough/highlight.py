"""Highlight code states with pymdownx.highlight (the site's own settings), line by line."""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from dataclasses import dataclass
from html.parser import HTMLParser
from itertools import pairwise
from typing import Any

from .model import CodeState

# The options of the site's `pymdownx.highlight` that decide the markup of a code block; line
# numbers, anchors and titles are left out because the walkthrough draws its own.
_PASSED_ON = (
    "use_pygments",
    "pygments_style",
    "noclasses",
    "pygments_lang_class",
    "language_prefix",
    "extend_pygments_lang",
    "code_attr_on_pre",
    "default_lang",
)


@dataclass
class HighlightedCode:
    before: str
    """The markup up to and including ``<code>``."""
    lines: list[str]
    """One HTML fragment per line of the state."""
    after: str


class CodeHighlighter:
    """Highlights each distinct code state once per build."""

    def __init__(self, site_options: Mapping[str, Any] | None = None) -> None:
        from pymdownx.highlight import Highlight

        options = {key: value for key, value in (site_options or {}).items() if key in _PASSED_ON}
        self.css_class = str((site_options or {}).get("css_class", "highlight"))
        # stripnl=False: a leading blank line is a line the focus numbers count.
        self._highlight = Highlight(None, guess_lang=False, stripnl=False, **options)
        self._cache: dict[tuple[str, str], HighlightedCode] = {}

    def __call__(self, state: CodeState) -> HighlightedCode:
        key = (state.language, state.text)
        cached = self._cache.get(key)
        if cached is None:
            cached = self._cache[key] = self._split(state)
        return cached

    def _split(self, state: CodeState) -> HighlightedCode:
        markup = self._highlight.highlight(state.text, state.language, self.css_class)
        start = markup.find("<code")
        start = markup.find(">", start) + 1 if start >= 0 else -1
        end = markup.rfind("</code>")
        expected = state.lines
        if start > 0 and end > start:
            inner = markup[start:end]
            inner = inner[:-1] if inner.endswith("\n") else inner
            lines = inner.split("\n")
            if len(lines) == len(expected):
                before = markup[:start]
                # Material adds its own copy button to every code block; ours copies the
                # current step, so the block opts out.
                before = before.replace(f'{self.css_class}"', f'{self.css_class} no-copy"', 1)
                return HighlightedCode(before, lines, markup[end:])
        escaped = [html.escape(line, quote=False) for line in expected]
        return HighlightedCode(
            f'<div class="{self.css_class} no-copy"><pre><code>', escaped, "</code></pre></div>"
        )


Token = tuple[str, tuple[tuple[str, str], ...]]
"""A run of a line's text and the elements around it, outermost first: (name, opening tag)."""


class _LineTokens(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tokens: list[Token] = []
        self._open: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._open.append((tag, self.get_starttag_text() or f"<{tag}>"))

    def handle_endtag(self, tag: str) -> None:
        if self._open and self._open[-1][0] == tag:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        self.tokens.append((data, tuple(self._open)))


# Pygments' HTML formatter writes a line as flat spans of escaped text: read that shape
# directly (the HTML parser cost more than the rest of a code panel); anything else, such as
# nested spans, goes to the parser.
_FLAT_TOKEN = re.compile(r'<span class="(?P<css>[^"<>]*)">(?P<inner>[^<]*)</span>|(?P<text>[^<]+)')


def _flat_tokens(fragment: str) -> list[Token] | None:
    tokens: list[Token] = []
    position = 0
    for match in _FLAT_TOKEN.finditer(fragment):
        if match.start() != position:
            return None
        position = match.end()
        if match.group("text") is not None:
            tokens.append((html.unescape(match.group("text")), ()))
        else:
            opening = f'<span class="{match.group("css")}">'
            tokens.append((html.unescape(match.group("inner")), (("span", opening),)))
    return tokens if position == len(fragment) else None


def line_tokens(fragment: str) -> list[Token]:
    """The tokens of one highlighted line: its text split where the highlighter's spans are."""
    flat = _flat_tokens(fragment)
    if flat is not None:
        return flat
    parser = _LineTokens()
    parser.feed(fragment)
    parser.close()
    return parser.tokens


def mark_columns(fragment: str, columns: list[tuple[int, int]], opening: str) -> str:
    """The highlighted line with the text at ``columns`` (0-based, end excluded) inside
    ``opening`` ... ``</mark>``, keeping every token's colour.

    A token that a mark starts or ends inside is cut in two spans of the same class, so the
    mark wraps whole elements and the markup stays well nested.
    """
    ranges = sorted((start, end) for start, end in columns if end > start)
    if not ranges:
        return fragment

    def marked(column: int) -> bool:
        return any(start <= column < end for start, end in ranges)

    cuts = {column for pair in ranges for column in pair}
    out: list[str] = []
    inside = False
    column = 0
    for text, elements in line_tokens(fragment):
        points = sorted(
            {0, len(text), *(cut - column for cut in cuts if 0 < cut - column < len(text))}
        )
        for start, end in pairwise(points):
            wanted = marked(column + start)
            if wanted != inside:
                out.append(opening if wanted else "</mark>")
                inside = wanted
            piece = html.escape(text[start:end], quote=False)
            opened = "".join(tag for _, tag in elements)
            closed = "".join(f"</{name}>" for name, _ in reversed(elements))
            out.append(f"{opened}{piece}{closed}")
        column += len(text)
    if inside:
        out.append("</mark>")
    return "".join(out)
