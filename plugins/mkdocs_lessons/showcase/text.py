"""How names and values a stranger wrote are quoted in messages.

A line break in a file name or a front-matter value would start a new line in the build log,
and a CI service reads some lines as commands of its own (``::error::`` on GitHub); direction
marks make a name read other than it is. So messages show such characters escaped.
"""

from __future__ import annotations

# Line and paragraph separators, and the marks that reorder text on screen.
_INVISIBLE = frozenset(
    "\u2028\u2029\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)


def shown(text: str, limit: int = 60) -> str:
    """``text`` for a message: control characters escaped, cut to ``limit`` characters."""
    escaped = "".join(ascii(char)[1:-1] if is_control(char) else char for char in text)
    return escaped if len(escaped) <= limit else escaped[: limit - 3] + "..."


def is_control(char: str) -> bool:
    """Whether ``char`` is a control character (line breaks and tabs included), a line
    separator or a direction mark: what makes a name or a line read other than it is."""
    code = ord(char)
    return code < 0x20 or 0x7F <= code < 0xA0 or char in _INVISIBLE


def has_control(text: str) -> bool:
    return any(is_control(char) for char in text)
