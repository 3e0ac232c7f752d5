"""The lines that stand for a part of one of our blocks in a lesson's Markdown.

Written by the block readers (``core.blocks``), read by the page's Markdown pass
(``core.tree``). Kept apart so that reading sources (``mkdocs-lessons check``) does not import
Python-Markdown.
"""

from __future__ import annotations

import re

MARKER_TAG = "lessons-marker"
# "§§" does not open any Markdown syntax, nor that of the extensions and plugins we know of
# (macros' Jinja, critic, keys, snippets, wikilinks): the marker reaches the block parser as
# the scanner wrote it. A marker that names no id of the page's model is dropped.
OPEN = "§§lessons "
MARKER = re.compile(r"§§lessons (?P<kind>[a-z-]+)(?P<args>(?: [\w:.-]+)*)§§\Z")


def marker(kind: str, *args: str) -> str:
    """The line that stands for a part of a block (``kind``, then ids)."""
    return f"{OPEN}{' '.join((kind, *args))}§§"


def region(kind: str) -> re.Pattern[str]:
    """Matches a block written as ``kind`` marker, its parts, and its ``kind-end`` marker."""
    opening = re.escape(f"{OPEN}{kind} ")
    closing = re.escape(f"{OPEN}{kind}-end ")
    return re.compile(rf"{opening}(?P<id>[\w:.-]+)§§.*?{closing}(?P=id)§§", re.DOTALL)
