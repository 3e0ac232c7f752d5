"""Unique ids for code blocks inside elements that have an id of their own.

Material names each code block ``__code_<id of its closest ancestor with an id>`` and its copy
button copies the block with that id. A concept section or a showcase card has an id, so every
code block inside it got the same one, and a copy button copied the wrong block. A block with
an id of its own is its own closest ancestor with an id.
"""

from __future__ import annotations

import re

_HIGHLIGHT = re.compile(r'<div class="(?P<classes>[^"]*\bhighlight\b[^"]*)">')


def number_code_blocks(html: str, prefix: str) -> str:
    """``html`` with ``id="<prefix>-<n>"`` on each highlighted code block that has no id."""
    count = 0

    def add_id(match: re.Match[str]) -> str:
        nonlocal count
        count += 1
        return f'<div class="{match.group("classes")}" id="{prefix}-{count}">'

    return _HIGHLIGHT.sub(add_id, html)
