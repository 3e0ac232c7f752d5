"""Lines added or changed between two states of a file."""

from __future__ import annotations

from difflib import SequenceMatcher

MATCHED_LINES = 1_000_000
"""The most (lines before) x (lines after) given to the line matcher, whose time grows with
that product on code with many equal lines (5000 lines of brackets took two seconds)."""


def changed_lines(before: list[str], after: list[str]) -> list[int]:
    """1-based lines of ``after`` that ``before`` does not have in the same place."""
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
    if not new:
        return []
    if len(old) * len(new) > MATCHED_LINES:
        # Too big to match in time: the whole edited part is marked.
        return list(range(head + 1, head + len(new) + 1))
    matcher = SequenceMatcher(a=old, b=new, autojunk=False)
    changed: list[int] = []
    for tag, _, _, start, end in matcher.get_opcodes():
        if tag in ("replace", "insert"):
            changed.extend(range(head + start + 1, head + end + 1))
    return changed
