"""The files a lesson's walkthroughs show: found inside the lesson folder, read once each.

Every name a walkthrough or a tour gives goes through ``core.paths.locate``, so a file outside
the lesson folder is never opened and its content can never reach the page. A file is read once
per lesson and its problem reported once, at the first step that shows it, however many steps
(or walkthroughs) show it after that.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..core.paths import Located, is_symlink, locate, path_problem


@dataclass(frozen=True)
class TextRead:
    """A file's text with its line endings made ``\\n``, or why it cannot be read."""

    text: str | None
    problem: str | None = None
    """What the operating system said, in the author's words; None when the file was read but
    is not UTF-8 text."""
    line: int = 1
    """The line of the first byte that is not UTF-8."""


def read_text(path: Path, *, keep_bom: bool = False) -> TextRead:
    """The text of ``path``, never an exception; ``keep_bom`` keeps a byte order mark."""
    try:
        data = path.read_bytes()
    except OSError as error:
        return TextRead(None, path_problem(error))
    try:
        text = data.decode("utf-8" if keep_bom else "utf-8-sig")
    except UnicodeDecodeError as error:
        return TextRead(None, None, data[: error.start].count(b"\n") + 1)
    return TextRead(text.replace("\r\n", "\n").replace("\r", "\n"))


@dataclass(frozen=True)
class CodeFile:
    """What a name a walkthrough gives leads to."""

    text: str | None
    """The code, trailing newlines dropped; None when it cannot be shown."""
    path: Path | None = None
    """The file inside the lesson folder, when there is one."""
    refusal: str | None = None
    """Why the name is refused (it leaves the folder, ...), starting with the quoted name:
    nothing was opened."""
    failed: TextRead | None = None
    """The read of a file that exists but cannot be shown (not UTF-8, not readable)."""


@dataclass
class LessonFiles:
    """The code files of one lesson folder, each located and read once."""

    folder: Path
    unreadable: set[Path] = field(default_factory=set)
    """Files that exist but cannot be read and were reported (the code check skips them)."""
    links_out: set[Path] = field(default_factory=set)
    """Symbolic links of the folder that point out of it and were refused here: the loader,
    which also meets them when it publishes the folder, need not report them again."""
    _files: dict[str, CodeFile] = field(default_factory=dict)
    _reported: set[str] = field(default_factory=set)
    _located: dict[str, Located] = field(default_factory=dict)

    def _locate(self, name: str) -> Located:
        # Asked first whether a name may be used, then for its code: one look at the disk.
        found = self._located.get(name)
        if found is None:
            found = self._located[name] = locate(self.folder, name)
        return found

    def refusal(self, name: str) -> str | None:
        """Why ``name`` may not be used at all (it leaves the folder, ...); nothing is read."""
        found = self._locate(name)
        if found.path is None and found.problem:
            self._note_link(name)
            return found.problem
        return None

    def _note_link(self, name: str) -> None:
        candidate = self.folder / name
        if is_symlink(candidate):
            self.links_out.add(candidate)

    def code(self, name: str) -> CodeFile:
        cached = self._files.get(name)
        if cached is None:
            cached = self._files[name] = self._read(name)
        return cached

    def first_report(self, name: str) -> bool:
        """True the first time a problem with ``name`` is reported: say it once per lesson."""
        if name in self._reported:
            return False
        self._reported.add(name)
        found = self._files.get(name)
        if found is not None and found.path is not None and found.failed is not None:
            self.unreadable.add(found.path)
        return True

    def _read(self, name: str) -> CodeFile:
        found = self._locate(name)
        if found.path is None:
            if found.problem:
                self._note_link(name)
            return CodeFile(None, refusal=found.problem)
        read = read_text(found.path)
        if read.text is None:
            return CodeFile(None, found.path, failed=read)
        return CodeFile(read.text.rstrip("\n"), found.path)


def deep_line(text: str, quotes: str = '"', depth: int = 200) -> int:
    """The line where the brackets of ``text`` (JSON, TOML) first nest ``depth`` deep, or
    where they nest deepest: where a parser that gave up on the nesting was reading."""
    level = deepest = 0
    line = deepest_line = 1
    quote: str | None = None
    escaped = False
    for char in text:
        if char == "\n":
            line += 1
        if quote is not None:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == quote:
                quote = None
        elif char in quotes:
            quote = char
        elif char in "[{":
            level += 1
            if level >= depth:
                return line
            if level > deepest:
                deepest, deepest_line = level, line
        elif char in "]}":
            level -= 1
    return deepest_line
