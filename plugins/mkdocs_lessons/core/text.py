"""How names and values that authors and strangers wrote are quoted in messages.

A line break in a file name or a value would start a new line in the build log, and a CI
service reads some lines as commands of its own (``::error::`` on GitHub); a NUL ends a message
early in a terminal; direction marks make a name read other than it is. So every message shows
such characters escaped (``Diagnostics.add`` escapes whole messages), and quotes are cut short.
"""

from __future__ import annotations


def is_control(char: str) -> bool:
    """Whether ``char`` is one a reader cannot see as it is: control characters (line breaks
    and tabs included), line and paragraph separators, direction and other format marks."""
    return not char.isprintable()


def has_control(text: str) -> bool:
    return not text.isprintable()


def escaped(text: str) -> str:
    """``text`` with every character :func:`is_control` finds written as its escape."""
    if text.isprintable():
        return text
    return "".join(ascii(char)[1:-1] if is_control(char) else char for char in text)


def shown(text: str, limit: int = 60) -> str:
    """``text`` as a message quotes it: escaped, cut to ``limit`` characters."""
    text = escaped(text)
    return text if len(text) <= limit else text[: limit - 3] + "..."
