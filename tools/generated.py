"""A table that a tool writes into a page of the docs, between two marker comments.

`tools/messages.py` (the guide's table of every message) and `tools/templates.py` (the table of
templates a site may override) each declare one; `--write` updates the page, and a unit test
compares the page with what the code gives now.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class GeneratedTable:
    page: Path
    start: str
    end: str
    table: Callable[[], str]

    def block(self) -> str:
        """The markers and the table between them, as the page should hold them."""
        return f"{self.start}\n\n{self.table()}\n\n{self.end}"

    def current(self) -> str | None:
        """The markers and what stands between them in the page (None without markers)."""
        text = self.page.read_text(encoding="utf-8")
        if self.start not in text or self.end not in text:
            return None
        return text[text.index(self.start) : text.index(self.end) + len(self.end)]

    def main(self, argv: list[str] | None, description: str) -> int:
        """Print the table, or with ``--write`` put it into the page."""
        parser = argparse.ArgumentParser(description=description)
        parser.add_argument("--write", action="store_true", help=f"update {self.page.name}")
        args = parser.parse_args(argv)
        if not args.write:
            print(self.table())
            return 0
        current = self.current()
        if current is None:
            print(
                f"{self.page}: add the markers {self.start!r} and {self.end!r} first",
                file=sys.stderr,
            )
            return 1
        text = self.page.read_text(encoding="utf-8")
        self.page.write_text(text.replace(current, self.block()), encoding="utf-8")
        return 0
