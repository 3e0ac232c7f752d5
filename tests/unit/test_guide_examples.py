"""Every source example in the authors' guide is valid: authors copy them.

Each fenced ``yaml`` or ``markdown`` block of docs/authors-guide.md is extracted; its YAML (the
whole block, or a Markdown example's front matter) must load without a message, and examples
of a known kind (an authors file, a course file, a glossary, a lesson's front matter) must pass
that kind's key checks. A guide example that would fail a build fails this test instead.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from mkdocs_lessons.catalog.schema import AUTHOR_FIELDS, COURSE_FIELDS, LESSON_FIELDS
from mkdocs_lessons.core.diagnostics import Diagnostics
from mkdocs_lessons.core.fields import read_fields
from mkdocs_lessons.core.frontmatter import split_front_matter
from mkdocs_lessons.core.yamlsource import YamlSource, load_yaml
from mkdocs_lessons.glossary.loader import read_terms
from mkdocs_lessons.showcase.loader import ENTRY_FIELDS

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "authors-guide.md"
_FENCE = re.compile(r"^(?P<fence>`{3,})(?P<info>yaml|markdown)[ \t]*$")


def examples() -> list[tuple[int, str, str]]:
    """(line, kind, text) of each yaml or markdown block, outer blocks of nested ones too."""
    lines = GUIDE.read_text(encoding="utf-8").split("\n")
    found: list[tuple[int, str, str]] = []
    index = 0
    while index < len(lines):
        match = _FENCE.match(lines[index])
        if match is None:
            index += 1
            continue
        fence = match.group("fence")
        end = next(
            (n for n in range(index + 1, len(lines)) if lines[n].rstrip() == fence), len(lines)
        )
        found.append((index + 1, match.group("info"), "\n".join(lines[index + 1 : end])))
        index = end + 1
    return found


def yaml_of(kind: str, text: str) -> tuple[str, int] | None:
    if kind == "yaml" and not text.startswith("---"):
        return text, 1
    split = split_front_matter(text)
    return (split.yaml_text, split.yaml_first_line) if split.yaml_text is not None else None


def kind_checks(source: YamlSource, diagnostics: Diagnostics) -> None:
    data: Any = source.data
    if not isinstance(data, dict):
        return
    if set(data) == {"authors"} and isinstance(data["authors"], dict):
        for author, fields in data["authors"].items():
            read_fields(source, fields, AUTHOR_FIELDS, diagnostics, what="author",
                        key_path=("authors", author))  # fmt: skip
    elif "lessons" in data:
        read_fields(source, data, COURSE_FIELDS, diagnostics, what="course file")
    elif "github" in data:
        read_fields(source, data, ENTRY_FIELDS, diagnostics, what="showcase entry")
    elif set(data) == {"terms"}:
        read_terms(source, data["terms"], ("terms",), diagnostics)
    elif "title" in data or "glossary" in data or "showcase" in data:
        optional = tuple(
            type(field)(field.name, field.check, False, field.doc, field.item)
            for field in LESSON_FIELDS
        )
        read_fields(source, data, optional, diagnostics, what="front matter")


EXAMPLES = examples()


def test_the_guide_has_examples_of_every_kind() -> None:
    texts = [text for _, _, text in EXAMPLES]
    assert any(text.startswith("authors:") for text in texts)
    assert any(text.startswith("terms:") for text in texts)
    assert any("lessons:" in text and text.startswith("title:") for text in texts)
    assert sum(text.startswith("---") for text in texts) >= 3


@pytest.mark.parametrize(
    ("line", "kind", "text"), EXAMPLES, ids=[f"line-{line}" for line, _, _ in EXAMPLES]
)
def test_every_example_in_the_guide_is_valid(line: int, kind: str, text: str) -> None:
    # The Share yours template leaves the date for the contributor to write: filled in, it
    # must be a valid entry like any other.
    found = yaml_of(kind, text.replace("date: YYYY-MM-DD", "date: 2026-03-01"))
    if found is None:
        return  # a Markdown body with no front matter: nothing YAML in it
    yaml_text, first_line = found
    diagnostics = Diagnostics()
    source = load_yaml(yaml_text, GUIDE, diagnostics, first_line=line + first_line)
    if source is not None:
        kind_checks(source, diagnostics)
    assert [d.format() for d in diagnostics] == []
