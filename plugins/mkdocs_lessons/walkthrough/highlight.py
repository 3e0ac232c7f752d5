"""Highlight code states with pymdownx.highlight (the site's own settings), line by line."""

from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import dataclass
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
