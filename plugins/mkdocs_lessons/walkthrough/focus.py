"""Focus specifications: which lines of the code a step is about.

Written as comma-separated parts: line numbers and ranges (``3-5, 9``), a quoted text
(``"RoleName"``: every line containing it; ``'"Sid"'`` in single quotes to include double
quotes), a span
(``"Statement" .. "]"``: from the first line containing the first text to the first line, from
that one on, containing the second), an open span (``"Condition" ..``: that line and the block
indented under it, with its closing bracket), or a regular expression (``/Arn.*s3/``). Texts and
patterns survive edits to the code that move lines around.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_PART = re.compile(
    r"""\s*(?:
        (?P<start>\d+)\s*(?:-\s*(?P<end>\d+))?
      | (?P<quote>["'])(?P<text>(?:(?!(?P=quote)).)+)(?P=quote)
        (?:\s*(?P<span>\.\.)\s*(?:(?P<quote2>["'])(?P<until>(?:(?!(?P=quote2)).)+)(?P=quote2))?)?
      | /(?P<regex>(?:[^/\\]|\\.)+)/
    )\s*(?:,|$)""",
    re.VERBOSE,
)

HELP = 'write line numbers (3-5, 9), a quoted text ("Role"), a span ("a" .. "b") or a /regex/'


@dataclass(frozen=True)
class FocusPart:
    start: int | None = None
    end: int | None = None
    text: str | None = None
    until: str | None = None
    block: bool = False
    """An open span: the line with ``text`` and the block indented under it."""
    regex: re.Pattern[str] | None = None

    def describe(self) -> str:
        if self.start is not None:
            return f"{self.start}-{self.end}" if self.end != self.start else str(self.start)
        if self.regex is not None:
            return f"/{self.regex.pattern}/"
        quoted = f"'{self.text}'" if '"' in (self.text or "") else f'"{self.text}"'
        if self.block:
            return f"{quoted} .."
        return quoted + (f' .. "{self.until}"' if self.until else "")


def parse_focus(spec: str) -> tuple[list[FocusPart], str | None]:
    """Parse ``spec``; return its parts, or an error message."""
    parts: list[FocusPart] = []
    position = 0
    spec = spec.strip()
    while position < len(spec):
        match = _PART.match(spec, position)
        if match is None or match.end() == position:
            return [], f"cannot read the focus '{spec}': {HELP}"
        if match.group("start"):
            start = int(match.group("start"))
            end = int(match.group("end") or start)
            if end < start or start < 1:
                return [], f"the range '{match.group(0).strip(' ,')}' is backwards or starts at 0"
            parts.append(FocusPart(start=start, end=end))
        elif match.group("regex"):
            try:
                pattern = re.compile(match.group("regex"))
            except re.error as error:
                return [], f"the pattern /{match.group('regex')}/ is not a valid regex: {error}"
            parts.append(FocusPart(regex=pattern))
        else:
            until = match.group("until")
            block = bool(match.group("span")) and until is None
            parts.append(FocusPart(text=match.group("text"), until=until, block=block))
        position = match.end()
    return parts, None


def resolve_focus(
    parts: list[FocusPart], lines: list[str], file: str
) -> tuple[list[int], list[str]]:
    """The 1-based lines ``parts`` select in ``lines``, and a message for each part that fails."""
    selected: set[int] = set()
    errors: list[str] = []
    count = len(lines)
    for part in parts:
        if part.start is not None and part.end is not None:
            if part.end > count:
                errors.append(
                    f"focus {part.describe()} is outside {file}, "
                    f"which has {count} line{'' if count == 1 else 's'} at this step"
                )
                continue
            selected.update(range(part.start, part.end + 1))
        elif part.regex is not None:
            found = [n for n, line in enumerate(lines, 1) if part.regex.search(line)]
            if not found:
                errors.append(f"focus {part.describe()} matches no line of {file} at this step")
            selected.update(found)
        else:
            assert part.text is not None
            found = [n for n, line in enumerate(lines, 1) if part.text in line]
            if not found:
                errors.append(f"focus {part.describe()} matches no line of {file} at this step")
            elif part.block:
                selected.update(range(found[0], _block_end(lines, found[0]) + 1))
            elif part.until is None:
                selected.update(found)
            else:
                first = found[0]
                end = next((n for n in range(first, count + 1) if part.until in lines[n - 1]), None)
                if end is None:
                    errors.append(
                        f"focus {part.describe()}: no line from line {first} of {file} on "
                        f'contains "{part.until}"'
                    )
                    continue
                selected.update(range(first, end + 1))
    return sorted(selected), errors


def _block_end(lines: list[str], start: int) -> int:
    """Last line of the block that opens at 1-based ``start``: the lines indented deeper, and
    the closing bracket at the opening line's indentation."""

    def indent(line: str) -> int:
        return len(line) - len(line.lstrip())

    base = indent(lines[start - 1])
    for number in range(start + 1, len(lines) + 1):
        line = lines[number - 1]
        if not line.strip():
            continue
        if indent(line) <= base:
            return number if line.lstrip()[:1] in ")]}" else number - 1
    return len(lines)
