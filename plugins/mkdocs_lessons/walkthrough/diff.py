"""Lines added or changed between two states of a file."""

from __future__ import annotations

from difflib import SequenceMatcher


def changed_lines(before: list[str], after: list[str]) -> list[int]:
    """1-based lines of ``after`` that ``before`` does not have in the same place."""
    matcher = SequenceMatcher(a=before, b=after, autojunk=False)
    changed: list[int] = []
    for tag, _, _, start, end in matcher.get_opcodes():
        if tag in ("replace", "insert"):
            changed.extend(range(start + 1, end + 1))
    return changed
