"""Unique ids for code blocks inside elements that have an id of their own.

Material names each code block ``__code_<id of its closest ancestor with an id>`` and its copy
button copies the block with that id. A concept section or a showcase card has an id, so every
code block inside it got the same one, and a copy button copied the wrong block. A block with
an id of its own is its own closest ancestor with an id.
"""

from __future__ import annotations

import re

# The opening tag pymdownx.highlight writes: the one tag of a fragment this module edits.
_HIGHLIGHT = re.compile(r'<div class="(?P<classes>[^"]*\bhighlight\b[^"]*)">')


class CodeBlockIds:
    """Numbers the code blocks of one page: ``<prefix>-1``, ``<prefix>-2``, ..."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix
        self.count = 0

    def __call__(self, html: str) -> str:
        """``html`` (a code block, or a fragment holding some) with an id on each block."""

        def add_id(match: re.Match[str]) -> str:
            self.count += 1
            return f'<div class="{match.group("classes")}" id="{self.prefix}-{self.count}">'

        return _HIGHLIGHT.sub(add_id, html)


def number_code_blocks(html: str, prefix: str) -> str:
    """``html`` with ``id="<prefix>-<n>"`` on each highlighted code block that has no id."""
    return CodeBlockIds(prefix)(html)
