"""The walkthrough model: files, code states and steps, all resolved at build time."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class CodeState:
    """The full text of one file at some step. Steps that show the same text share a state."""

    file: str
    text: str
    language: str
    source: Path | None = field(default=None, compare=False)
    """Where the text is written: a step of the lesson (or .tour), or a code file."""
    first_line: int = field(default=1, compare=False)
    """The line of ``source`` that holds the text's first line."""

    @property
    def lines(self) -> list[str]:
        return self.text.split("\n")


@dataclass
class RawStep:
    """A step as written, before its code is resolved (CodeTour steps arrive in this form)."""

    line: int
    narration: str
    focus: str = ""
    pattern: str | None = None
    """A regular expression to focus, as written (a CodeTour step's ``pattern``): it is not
    wrapped in ``/.../``, where a slash in it would end it."""
    file: str | None = None
    code_path: str | None = None
    inline_code: str | None = None
    code_line: int = 0
    """The file line of the inline code's first line."""
    code_unclosed: bool = False
    """The inline code's fence is never closed (reported): its code runs to the step's end."""
    source: Path | None = None
    """Where the step is written, when not in the lesson (a .tour file)."""


@dataclass
class FileView:
    """Another file a step changes beside its own (a second code block in the step): its code
    at the step and what changed in it. The step's focus and callouts are about its own file."""

    file: str
    state: CodeState
    changed: list[int] = field(default_factory=list)
    removed: list[tuple[int, str]] = field(default_factory=list)


@dataclass
class Step:
    number: int
    """1-based position in the walkthrough."""
    line: int
    """Source line of the step's opening line (or of its entry in a .tour file)."""
    file: str
    state: CodeState
    narration: str
    """Markdown."""
    focus: list[int] = field(default_factory=list)
    """1-based lines of ``state`` the step is about (empty: no line in particular)."""
    changed: list[int] = field(default_factory=list)
    """1-based lines added or changed since the previous state of the same file."""
    removed: list[tuple[int, str]] = field(default_factory=list)
    """Lines the step removes since the previous state of the same file: (the line of
    ``state`` they stood before, 1-based, ``len(lines) + 1`` for the end; their text)."""
    marks: list[tuple[int, int, int]] = field(default_factory=list)
    """Texts inside lines the step is about: (1-based line, start column, end column), columns
    0-based as in Python slices of the line."""
    callouts: dict[int, str] = field(default_factory=dict)
    """Short notes the step attaches to lines of ``state`` (1-based line: plain text)."""
    others: list[FileView] = field(default_factory=list)
    """Other files the step changes, in the order written."""
    output: str | None = None
    """A terminal the step shows below its code: ``$ `` lines are commands, the rest output."""


@dataclass
class Walkthrough:
    id: str
    source: Path
    line: int
    files: list[str]
    title: str | None = None
    steps: list[Step] = field(default_factory=list)
    heading_level: int = 2
    """Level of the step titles: one below the section the walkthrough stands in."""
    unreadable: set[Path] = field(default_factory=set)
    """Code files of the lesson that exist but could not be read, already reported: the code
    check does not report them again. Shared by the walkthroughs of one lesson."""

    @property
    def states(self) -> list[CodeState]:
        """Distinct states, in order of first use (each is highlighted once)."""
        seen: dict[int, CodeState] = {}
        for step in self.steps:
            seen.setdefault(id(step.state), step.state)
            for other in step.others:
                seen.setdefault(id(other.state), other.state)
        return list(seen.values())
