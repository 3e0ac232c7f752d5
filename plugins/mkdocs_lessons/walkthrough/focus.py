"""Focus specifications: which lines of the code a step is about.

Written as comma-separated parts: line numbers and ranges (``3-5, 9``), a quoted text
(``"RoleName"``: every line containing it, and every occurrence of the text on those lines is
marked; ``'"Sid"'`` in single quotes to include double quotes), a span
(``"Statement" .. "]"``: from the first line containing the first text to the first line, from
that one on, containing the second), an open span (``"Condition" ..``: that line and the block
indented under it, with its closing bracket, never the blank lines after it), or a regular
expression (``/Arn.*s3/``: every line it matches, each match marked). Texts and patterns survive
edits to the code that move lines around. A text or pattern that matches nothing is reported
with the nearest text of the code (did you mean).

A lesson's regular expression is matched by the ``regex`` package, imported only when a lesson
uses one, because it can stop a match that takes too long: a pattern such as ``(a|aa)+$`` takes
longer than the age of the universe on a line of forty ``a`` and a ``!``, and the build must
not hang on it.
"""

from __future__ import annotations

import importlib
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Protocol

from ..core.diagnostics import closest
from ..core.text import shown

# No two "\s*" side by side, even through an optional group: on a long run of spaces they
# would try every way to share it (a focus of "1" and 100 000 spaces took 40 s).
_PART = re.compile(
    r"""\s*(?:
        (?P<start>\d+)(?:\s*-\s*(?P<end>\d+))?
      | (?P<quote>["'])(?P<text>(?:(?!(?P=quote)).)+)(?P=quote)
        (?:\s*(?P<span>\.\.)(?:\s*(?P<quote2>["'])(?P<until>(?:(?!(?P=quote2)).)+)(?P=quote2))?)?
      | /(?P<regex>(?:[^/\\]|\\.)+)/
    )\s*(?:,|$)""",
    re.VERBOSE,
)

HELP = 'write line numbers (3-5, 9), a quoted text ("Role"), a span ("a" .. "b") or a /regex/'

REGEX_SECONDS = 0.5
"""How long one regex focus may take to match all the lines of one step's code."""

REGEX_SIZE = 50_000
"""How big a pattern may be once its counted repeats are written out (``a{1000}`` counts 1000):
the ``regex`` package writes them out when it compiles, and no timeout bounds that (a million
take half a second)."""

_LINE_CAP = 10**9
"""Line numbers from here on are all "past the end": no code is that long, and a number of
5 000 digits is more than ``int()`` converts."""

_COUNT = re.compile(r"\{(\d*)(?:,\d*)?\}")


class Pattern(Protocol):
    """What a compiled pattern of the ``regex`` package offers (it ships no type hints)."""

    @property
    def pattern(self) -> str: ...

    def finditer(self, string: str, *, timeout: float | None = None) -> Iterator[Match]: ...


class Match(Protocol):
    def span(self) -> tuple[int, int]: ...


@dataclass(frozen=True)
class FocusPart:
    start: int | None = None
    end: int | None = None
    text: str | None = None
    until: str | None = None
    block: bool = False
    """An open span: the line with ``text`` and the block indented under it."""
    regex: Pattern | None = None
    written: str | None = None
    """The part as the author wrote it, where its values do not say it (huge line numbers)."""

    def describe(self) -> str:
        if self.written is not None:
            return self.written
        if self.start is not None:
            return f"{self.start}-{self.end}" if self.end != self.start else str(self.start)
        if self.regex is not None:
            return f"/{shown(self.regex.pattern)}/"
        text = shown(self.text or "")
        quoted = f"'{text}'" if '"' in text else f'"{text}"'
        if self.block:
            return f"{quoted} .."
        return quoted + (f' .. "{shown(self.until)}"' if self.until else "")


def parse_focus(spec: str) -> tuple[list[FocusPart], str | None]:
    """Parse ``spec``; return its parts, or an error message."""
    parts: list[FocusPart] = []
    position = 0
    spec = spec.strip()
    while position < len(spec):
        match = _PART.match(spec, position)
        if match is None or match.end() == position:
            return [], f"cannot read the focus '{shown(spec)}': {HELP}"
        if match.group("start"):
            start = _line_number(match.group("start"))
            end = _line_number(match.group("end") or match.group("start"))
            written = shown(match.group(0).strip(" \t,"), 40)
            if end < start or start < 1:
                return [], f"the range '{written}' is backwards or starts at 0"
            huge = max(start, end) >= _LINE_CAP
            parts.append(FocusPart(start=start, end=end, written=written if huge else None))
        elif match.group("regex"):
            regex, error = regex_part(match.group("regex"))
            if error is not None:
                return [], error
            parts.extend(regex)
        else:
            until = match.group("until")
            block = bool(match.group("span")) and until is None
            parts.append(FocusPart(text=match.group("text"), until=until, block=block))
        position = match.end()
    return parts, None


def regex_part(source: str) -> tuple[list[FocusPart], str | None]:
    """The focus part of the regular expression ``source`` (in a list, like ``parse_focus``),
    or why it cannot be one."""
    written = f"/{shown(source)}/"
    if _written_out_size(source) > REGEX_SIZE:
        return [], (
            f"the pattern {written} is too big: with its counted repeats ({{n}}) written out it "
            f"has more than {REGEX_SIZE} parts; write it with smaller counts, or focus on a "
            "quoted text"
        )
    engine = _engine()
    if engine is None:
        return [], (
            f"the pattern {written} needs the Python package 'regex', which is not installed: "
            "install it (pip install regex), or focus on a quoted text"
        )
    try:
        pattern: Pattern = engine.compile(source)
    except (engine.error, OverflowError, ValueError) as error:
        return [], f"the pattern {written} is not a valid regex: {error}"
    except (RecursionError, MemoryError):
        return [], (
            f"the pattern {written} nests too deeply to compile: write it with fewer groups "
            "inside groups, or focus on a quoted text"
        )
    return [FocusPart(regex=pattern)], None


@dataclass
class Resolved:
    """What a focus selects in one code state."""

    lines: list[int] = field(default_factory=list)
    """1-based lines, sorted."""
    marks: list[tuple[int, int, int]] = field(default_factory=list)
    """Texts inside lines (1-based line, start column, end column; 0-based columns as in
    slices): each occurrence of a quoted text, each match of a regex. Spans and line numbers
    mark no text: they are about whole lines."""
    errors: list[str] = field(default_factory=list)
    """A message for each part that fails."""


def resolve_focus(
    parts: list[FocusPart], lines: list[str], file: str
) -> tuple[list[int], list[str]]:
    """The 1-based lines ``parts`` select in ``lines``, and a message for each part that fails."""
    resolved = resolve(parts, lines, file)
    return resolved.lines, resolved.errors


def resolve(parts: list[FocusPart], lines: list[str], file: str) -> Resolved:
    """The lines and the texts ``parts`` select in ``lines``, and why any part fails."""
    selected: set[int] = set()
    marks: set[tuple[int, int, int]] = set()
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
            found = _search(part.regex, lines)
            if found is None:
                errors.append(
                    f"focus {part.describe()} took longer than {REGEX_SECONDS:g} s to match "
                    f"{file} and was stopped: a repeat inside a repeat, like (a+)+ or (a|aa)*, "
                    "makes a regex try every way to split a line; write it simpler, with one "
                    "repeat (/a+$/), or focus on a quoted text"
                )
                continue
            if not found:
                errors.append(f"focus {part.describe()} matches no line of {file} at this step")
            selected.update(line for line, _, _ in found)
            # A match of no text (/^/, /x*/) focuses its line but has nothing to mark.
            marks.update(mark for mark in found if mark[2] > mark[1])
        else:
            assert part.text is not None
            found_lines = [n for n, line in enumerate(lines, 1) if part.text in line]
            if not found_lines:
                errors.append(
                    f"focus {part.describe()} matches no line of {file} at this step"
                    + nearest_hint(part.text, lines)
                )
            elif part.block:
                selected.update(range(found_lines[0], _block_end(lines, found_lines[0]) + 1))
            elif part.until is None:
                selected.update(found_lines)
                marks.update(_occurrences(part.text, lines, found_lines))
            else:
                first = found_lines[0]
                end = next((n for n in range(first, count + 1) if part.until in lines[n - 1]), None)
                if end is None:
                    errors.append(
                        f"focus {part.describe()}: no line from line {first} of {file} on "
                        f'contains "{shown(part.until)}"'
                        + nearest_hint(part.until, lines[first - 1 :], first)
                    )
                    continue
                selected.update(range(first, end + 1))
    return Resolved(sorted(selected), sorted(marks), errors)


def _occurrences(text: str, lines: list[str], numbers: list[int]) -> Iterator[tuple[int, int, int]]:
    """Every occurrence of ``text`` on the lines ``numbers``, not overlapping (as ``str.count``
    counts them): a reader sees each place the narration names."""
    for number in numbers:
        line = lines[number - 1]
        start = line.find(text)
        while start >= 0:
            yield number, start, start + len(text)
            start = line.find(text, start + len(text))


NEAREST_CANDIDATES = 5_000
"""How many texts of the code a did-you-mean compares: difflib takes time for each, and a
hostile file may have millions of words."""

_WORD = re.compile(r"[^\s\"'`,;()\[\]{}<>]+")


def nearest(text: str, lines: list[str], first: int = 1) -> tuple[str, int] | None:
    """The text of ``lines`` that ``text`` is most likely a slip for, and its 1-based line
    (``first`` is the number of ``lines[0]``): a whole line, or one word of one."""
    candidates: dict[str, int] = {}
    for number, line in enumerate(lines, first):
        stripped = line.strip()
        if not stripped:
            continue
        for candidate in (stripped[:200], *_WORD.findall(line[:2000])):
            candidates.setdefault(candidate, number)
        if len(candidates) >= NEAREST_CANDIDATES:
            break
    wanted = text.strip()
    if not wanted or len(wanted) > 200:
        return None
    match = closest(wanted, candidates)
    return (match, candidates[match]) if match is not None else None


def nearest_hint(text: str, lines: list[str], first: int = 1) -> str:
    """`` (did you mean "x" on line 7?)`` for the nearest text of ``lines``, or nothing."""
    found = nearest(text, lines, first)
    if found is None:
        return ""
    candidate, number = found
    quoted = f"'{shown(candidate, 60)}'" if '"' in candidate else f'"{shown(candidate, 60)}"'
    return f" (did you mean {quoted} on line {number}?)"


def _search(pattern: Pattern, lines: list[str]) -> list[tuple[int, int, int]] | None:
    """Each match of ``pattern`` in ``lines`` (line, start, end; a line that matches only
    with no text still gives one); None when that takes longer than ``REGEX_SECONDS``."""
    deadline = time.monotonic() + REGEX_SECONDS
    found: list[tuple[int, int, int]] = []
    for number, line in enumerate(lines, 1):
        left = deadline - time.monotonic()
        if left <= 0:
            return None
        try:
            spans = [match.span() for match in pattern.finditer(line, timeout=left)]
        except TimeoutError:
            return None
        if not spans:
            continue
        texts = [(number, start, end) for start, end in spans if end > start]
        found.extend(texts or [(number, 0, 0)])
    return found


def _line_number(digits: str) -> int:
    significant = digits.lstrip("0")
    return _LINE_CAP if len(significant) > 9 else int(significant or "0")


def _written_out_size(source: str) -> int:
    """A generous count of the parts of ``source`` once each ``{n}`` repeat is written out.

    Text scanning rather than a parse: it only has to overestimate, and it must stay linear
    whatever the pattern. Every character counts as a part; a group counts what it holds.
    """
    groups = [0]
    last = 0
    """Size of the atom just read: what a following {n} repeats."""
    index = 0
    while index < len(source):
        char = source[index]
        if char == "\\":
            size, index = 1, index + 2
        elif char == "[":
            size, index = 1, _class_end(source, index)
        elif char == "(":
            groups.append(0)
            last, index = 0, index + 1
            continue
        elif char == ")" and len(groups) > 1:
            size, index = max(groups.pop(), 1), index + 1
        elif char == "{" and last and (count := _COUNT.match(source, index)) and count.group(1):
            times = min(_line_number(count.group(1)), REGEX_SIZE + 1)
            groups[-1] += last * (times - 1) if times else -last
            last = min(last * times, REGEX_SIZE + 1)
            index = count.end()
            if groups[-1] > REGEX_SIZE:
                return groups[-1]
            continue
        else:
            size, index = 1, index + 1
        groups[-1] += size
        last = size
    return sum(groups)


def _class_end(source: str, start: int) -> int:
    """Index just after the ``]`` closing the character class opened at ``start``."""
    index = start + 1
    if source[index : index + 1] == "^":
        index += 1
    if source[index : index + 1] == "]":
        index += 1
    while index < len(source):
        if source[index] == "\\":
            index += 2
            continue
        if source[index] == "]":
            return index + 1
        index += 1
    return len(source)


@cache
def _engine() -> Any:
    """The ``regex`` package, imported on first use: most sites never need it."""
    try:
        return importlib.import_module("regex")
    except ImportError:
        return None


def _block_end(lines: list[str], start: int) -> int:
    """Last line of the block that opens at 1-based ``start``: the lines indented deeper, and
    the closing bracket at the opening line's indentation."""

    def indent(line: str) -> int:
        return len(line) - len(line.lstrip())

    base = indent(lines[start - 1])
    last = start
    """The last line of the block that is not blank: blank lines between the block and what
    follows it belong to neither."""
    for number in range(start + 1, len(lines) + 1):
        line = lines[number - 1]
        if not line.strip():
            continue
        if indent(line) <= base:
            return number if line.lstrip()[:1] in ")]}" else last
        last = number
    return last
