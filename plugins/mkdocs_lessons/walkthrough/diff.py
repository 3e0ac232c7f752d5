"""Lines added, changed and removed between two states of a file."""

from __future__ import annotations

from dataclasses import dataclass, field
from difflib import SequenceMatcher

MATCHED_LINES = 1_000_000
"""The most (lines before) x (lines after) given to the line matcher, whose time grows with
that product on code with many equal lines (5000 lines of brackets took two seconds)."""


@dataclass
class LineChanges:
    changed: list[int] = field(default_factory=list)
    """1-based lines of the new state that the old one does not have in the same place."""
    removed: list[tuple[int, str]] = field(default_factory=list)
    """Lines of the old state the new one drops: (the 1-based line of the new state they stood
    before, ``len(after) + 1`` at the end; their text)."""


def line_changes(before: list[str], after: list[str]) -> LineChanges:
    """What a reader sees change from ``before`` to ``after``.

    Blank lines are never marked, added or removed: a "+" on an empty line points at nothing.
    """
    # Steps usually change a few lines in the middle: the equal start and end are set aside
    # first, so that only the edited part is matched.
    head = 0
    limit = min(len(before), len(after))
    while head < limit and before[head] == after[head]:
        head += 1
    tail = 0
    while tail < limit - head and before[-1 - tail] == after[-1 - tail]:
        tail += 1
    old = before[head : len(before) - tail]
    new = after[head : len(after) - tail]
    changes = LineChanges()
    if len(old) * len(new) > MATCHED_LINES:
        # Too big to match in time: the whole edited part is marked.
        edits = [(0, len(old), 0, len(new))]
    else:
        matcher = SequenceMatcher(a=old, b=new, autojunk=False)
        edits = [(a, b, c, d) for tag, a, b, c, d in matcher.get_opcodes() if tag != "equal"]
    for old_start, old_end, start, end in edits:
        changes.removed.extend(
            (head + start + 1, text) for text in old[old_start:old_end] if text.strip()
        )
        changes.changed.extend(
            head + index + 1 for index in range(start, end) if new[index].strip()
        )
    return changes


def changed_lines(before: list[str], after: list[str]) -> list[int]:
    """1-based lines of ``after`` that ``before`` does not have in the same place."""
    return line_changes(before, after).changed
