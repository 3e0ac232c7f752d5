"""Author-facing diagnostics: ``path:line: message``, collected rather than raised.

Bad lesson input must never become a traceback. Loaders and parsers append a
:class:`Diagnostic` to a :class:`Diagnostics` list and carry on with what they could read; the
MkDocs adapter logs each one as a warning, so ``mkdocs build --strict`` fails on them.
"""

from __future__ import annotations

import contextlib
import difflib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One mistake in the sources, located at a file and a 1-based line."""

    path: Path
    line: int
    message: str
    column: int = 1
    """1-based; 1 where the column is not known (the message is about the line)."""

    def format(self, base: Path | None = None) -> str:
        """Return ``path:line: message`` with ``path`` relative to ``base`` where possible."""
        path = self.path
        if base is not None:
            with contextlib.suppress(ValueError):
                path = path.resolve().relative_to(base.resolve())
        return f"{path.as_posix()}:{self.line}: {self.message}"


class Diagnostics:
    """An ordered collection of diagnostics that loaders write to."""

    def __init__(self) -> None:
        self._items: list[Diagnostic] = []

    def add(self, path: Path, line: int, message: str, column: int = 1) -> None:
        self._items.append(Diagnostic(path, max(line, 1), message, max(column, 1)))

    def extend(self, items: Iterable[Diagnostic]) -> None:
        self._items.extend(items)

    def __iter__(self) -> Iterator[Diagnostic]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __bool__(self) -> bool:
        return bool(self._items)


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """Return ``" (did you mean 'x'?)"`` for the closest candidate, or an empty string."""
    matches = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return f" (did you mean '{matches[0]}'?)" if matches else ""
