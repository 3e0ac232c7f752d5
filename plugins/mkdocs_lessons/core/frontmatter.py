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
    unclosed: bool = False
    """The file opens a front matter with ``---`` and never closes it."""


def split_front_matter(text: str) -> FrontMatterSplit:
    """Split ``---``-fenced front matter from ``text``.

    An unterminated fence is treated as no front matter so the caller can report it.
    """
    # Some editors start UTF-8 files with a byte order mark; it is not part of the text.
    text = text.removeprefix("\ufeff")
    # Split at "\n" only, as every line number of the body is counted (splitlines would also
    # split at form feeds and U+2028 and shift the lines of every message after them).
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        return FrontMatterSplit(None, 1, text, 1)
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            yaml_text = "".join(line + "\n" for line in lines[1:index])
            return FrontMatterSplit(yaml_text, 2, "\n".join(lines[index + 1 :]), index + 2)
    return FrontMatterSplit(None, 1, text, 1, unclosed=True)
