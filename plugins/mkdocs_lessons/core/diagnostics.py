"""Author-facing diagnostics: ``path:line: message``, collected rather than raised.

Bad lesson input must never become a traceback. Loaders and parsers append a
:class:`Diagnostic` to a :class:`Diagnostics` list and carry on with what they could read; the
MkDocs adapter logs each one as a warning, so ``mkdocs build --strict`` fails on them. A
diagnostic of level :data:`INFO` is a note instead (what a page shows of a source only as far
as it can, such as a CodeTour step that opens a folder): logged as info, it fails no build.
"""

from __future__ import annotations

import contextlib
import difflib
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .text import escaped

WARNING = "warning"
INFO = "info"


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One mistake in the sources, located at a file and a 1-based line."""

    path: Path
    line: int
    message: str
    column: int = 1
    """1-based; 1 where the column is not known (the message is about the line)."""
    level: str = WARNING
    """:data:`WARNING` (a mistake: ``--strict`` fails) or :data:`INFO` (a note)."""

    @property
    def is_info(self) -> bool:
        return self.level == INFO

    def format(self, base: Path | None = None) -> str:
        """Return ``path:line: message`` with ``path`` relative to ``base`` where possible."""
        path = self.path
        if base is not None:
            # Absolute, not resolved: a lesson folder that is a symbolic link is named as the
            # author sees it (and as ``mkdocs-lessons check`` names it), not by its target.
            with contextlib.suppress(ValueError):
                path = Path(os.path.abspath(path)).relative_to(os.path.abspath(base))
        # A file name can hold a line break too (a stranger's showcase file, say).
        return f"{escaped(path.as_posix())}:{self.line}: {self.message}"


class Diagnostics:
    """An ordered collection of diagnostics that loaders write to."""

    def __init__(self) -> None:
        self._items: list[Diagnostic] = []

    def add(
        self, path: Path, line: int, message: str, column: int = 1, level: str = WARNING
    ) -> None:
        self._items.append(Diagnostic(path, max(line, 1), escaped(message), max(column, 1), level))

    def note(self, path: Path, line: int, message: str) -> None:
        """Add a diagnostic of level :data:`INFO`: something the reader is told, no mistake."""
        self.add(path, line, message, level=INFO)

    @property
    def warnings(self) -> int:
        """How many of the diagnostics are mistakes (not notes)."""
        return sum(not item.is_info for item in self._items)

    @contextlib.contextmanager
    def guard(self, path: Path, line: int = 1) -> Iterator[None]:
        """Turn any exception raised while reading ``path`` into one diagnostic.

        The last line of defence of "never a traceback": every mistake we know of has its own
        message, and what the fuzz tests have not found yet still names the file instead of
        stopping the build.
        """
        try:
            yield
        except Exception as error:  # reported, not swallowed
            self.add(path, line, unexpected(error))

    def extend(self, items: Iterable[Diagnostic]) -> None:
        self._items.extend(items)

    def __iter__(self) -> Iterator[Diagnostic]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __bool__(self) -> bool:
        return bool(self._items)


UNEXPECTED = "mkdocs-lessons could not read this file"
"""How a message from :meth:`Diagnostics.guard` starts (tests look for it)."""


def unexpected(error: BaseException) -> str:
    detail = f"{type(error).__name__}: {error}".strip().rstrip(":")
    if len(detail) > 200:
        detail = detail[:197] + "..."
    return (
        f"{UNEXPECTED} ({detail}); this is a bug of mkdocs-lessons: please report it with "
        "the file; until it is fixed, change the part of the file the error is about"
    )


def closest(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate ``word`` is most likely a slip for, if any is close enough."""
    matches = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return matches[0] if matches else None


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """Return ``" (did you mean 'x'?)"`` for the closest candidate, or an empty string."""
    match = closest(word, candidates)
    return f" (did you mean '{match}'?)" if match else ""
