"""The lines that stand for a part of one of our blocks in a lesson's Markdown.

Written by the block readers (``core.blocks``), read by the page's Markdown pass
(``core.tree``). Kept apart so that reading sources (``mkdocs-lessons check``) does not import
Python-Markdown.
"""

from __future__ import annotations

import re
import secrets

MARKER_TAG = "lessons-marker"
# "§§" does not open any Markdown syntax, nor that of the extensions and plugins we know of
# (macros' Jinja, critic, keys, snippets, wikilinks): the marker reaches the block parser as
# the scanner wrote it. The token drawn once per process makes it a line no author can write
# by chance or on purpose: a lesson that shows a marker line shows text, never a block.
OPEN = f"§§lessons-{secrets.token_hex(4)} "
MARKER = re.compile(re.escape(OPEN) + r"(?P<kind>[a-z-]+)(?P<args>(?: [\w:.-]+)*)§§\Z")


def marker(kind: str, *args: str) -> str:
    """The line that stands for a part of a block (``kind``, then ids)."""
    return f"{OPEN}{' '.join((kind, *args))}§§"


def region(kind: str) -> re.Pattern[str]:
    """Matches a block written as ``kind`` marker, its parts, and its ``kind-end`` marker."""
    opening = re.escape(f"{OPEN}{kind} ")
    closing = re.escape(f"{OPEN}{kind}-end ")
    return re.compile(rf"{opening}(?P<id>[\w:.-]+)§§.*?{closing}(?P=id)§§", re.DOTALL)
