"""Small lesson source trees for tests, written from a dict of path -> text."""

from __future__ import annotations

import textwrap
from pathlib import Path

AUTHORS = """\
authors:
  ada:
    name: Ada Lovelace
    description: Cloud Instructor
  grace:
    name: Grace Hopper
    description: Reviewer
"""

COURSE = """\
title: Basics
summary: The first course.
lessons:
  - first
  - second
"""


def lesson(title: str = "First", extra: str = "", body: str = "Some text.\n") -> str:
    """A valid lesson file; ``extra`` adds front-matter lines."""
    front = f"title: {title}\nsummary: A lesson about {title}.\nauthor: ada\n{extra}"
    return f"---\n{front}---\n\n{body}"


def valid_tree() -> dict[str, str]:
    return {
        ".authors.yml": AUTHORS,
        "basics/course.yml": COURSE,
        "basics/first/index.md": lesson("First", "level: beginner\nduration: 10\n"),
        "basics/second/index.md": lesson("Second", "prerequisites: [first]\n"),
    }


def write_tree(root: Path, files: dict[str, str]) -> Path:
    for relative, content in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content), encoding="utf-8")
    return root


def site_config(name: str, *, theme: str = "material", features: str = "") -> str:
    """The ``mkdocs.yml`` of a small site with the lessons plugin (``features``: lines under
    ``theme:``, such as ``  features: [navigation.indexes]``)."""
    theme_lines = f"theme:\n  name: {theme}\n  font: false\n" + (
        f"{features}\n" if features else ""
    )
    return (
        f"site_name: {name}\n{theme_lines}plugins:\n  - search\n  - lessons\n"
        "markdown_extensions:\n  - toc:\n      permalink: true\n  - pymdownx.highlight\n"
        "  - pymdownx.superfences\n"
    )


ADA = "authors:\n  ada:\n    name: Ada Lovelace\n"


def empty_site(root: Path, name: str = "Scaffold", *, authors: str | None = None) -> Path:
    """A site as a maintainer starts one: mkdocs.yml with ``- lessons``, a home page and, with
    ``authors``, the sources folder holding only that authors file."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(site_config(name), encoding="utf-8")
    (root / "docs").mkdir()
    (root / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    if authors is not None:
        (root / "lessons").mkdir()
        (root / "lessons" / ".authors.yml").write_text(authors, encoding="utf-8")
    return root
