"""Split a Markdown file into its YAML front matter and its body, keeping line numbers."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FrontMatterSplit:
    yaml_text: str | None
    """The YAML between the ``---`` fences, or None when the file has no front matter."""
    yaml_first_line: int
    """1-based file line of the first YAML line."""
    body: str
    body_first_line: int
    """1-based file line of the first body line, to map body positions back to the file."""


def split_front_matter(text: str) -> FrontMatterSplit:
    """Split ``---``-fenced front matter from ``text``.

    An unterminated fence is treated as no front matter so the caller can report it.
    """
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip() != "---":
        return FrontMatterSplit(None, 1, text, 1)
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            return FrontMatterSplit(
                "".join(lines[1:index]), 2, "".join(lines[index + 1 :]), index + 2
            )
    return FrontMatterSplit(None, 1, text, 1)
