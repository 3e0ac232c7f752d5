"""Shared pieces: URLs, translations, front matter, YAML line numbers, the asset bundle."""

from __future__ import annotations

from pathlib import Path

import pytest

from mkdocs_lessons.core.assets import bundle
from mkdocs_lessons.core.diagnostics import Diagnostics
from mkdocs_lessons.core.frontmatter import split_front_matter
from mkdocs_lessons.core.i18n import Translator, unknown_string_keys
from mkdocs_lessons.core.urls import relative_url
from mkdocs_lessons.core.yamlsource import load_yaml


@pytest.mark.parametrize(
    ("origin", "target", "expected"),
    [
        ("lessons/a/b/", "lessons/a/c/", "../c/"),
        ("lessons/a/b/", "lessons/a/", "../"),
        ("lessons/a/b/", "lessons/img/x.svg", "../../img/x.svg"),
        ("", "lessons/", "lessons/"),
        ("lessons/", "", "../"),
        ("lessons/a/b.html", "lessons/a/c.html", "c.html"),
        ("lessons/index.html", "lessons/authors/ada.html", "authors/ada.html"),
        ("lessons/a/", "lessons/a/", "./"),
    ],
)
def test_relative_url(origin: str, target: str, expected: str) -> None:
    assert relative_url(origin, target) == expected


def test_translator_falls_back_and_overrides() -> None:
    assert Translator("es-MX")("next_lesson") == "Lección siguiente"
    assert Translator("sv")("next_lesson") == "Next lesson"
    assert Translator("en", {"next_lesson": "Onward"})("next_lesson") == "Onward"
    assert Translator("en")("step_of", n=3, total=13) == "Step 3 of 13"
    assert Translator("es").count("lesson_count", 1) == "1 lección"
    assert Translator("en").count("lesson_count", 4) == "4 lessons"
    assert unknown_string_keys({"next": "x", "nxet": "y"}) == ["nxet"]


def test_split_front_matter_keeps_line_numbers() -> None:
    split = split_front_matter("---\ntitle: A\nb: 1\n---\n\nBody\n")
    assert split.yaml_text == "title: A\nb: 1\n"
    assert (split.yaml_first_line, split.body_first_line) == (2, 5)
    assert split.body == "\nBody\n"
    assert split_front_matter("no front matter\n").yaml_text is None
    assert split_front_matter("---\nunterminated: yes\n").yaml_text is None


def test_yaml_line_of_key_paths() -> None:
    text = "authors:\n  ada:\n    name: Ada\nlessons:\n  - one\n  - two\n"
    source = load_yaml(text, Path("x.yml"), Diagnostics(), first_line=2)
    assert source is not None
    assert source.line_of("authors", "ada", "name") == 4
    assert source.line_of("lessons", 1) == 7
    assert source.line_of("missing") == 2
    assert source.line_of("authors", "nobody") == 2


def test_yaml_error_names_the_line() -> None:
    diagnostics = Diagnostics()
    assert load_yaml("a: 1\nb: [\n", Path("x.yml"), diagnostics, first_line=10) is None
    (diagnostic,) = diagnostics
    # At the unclosed bracket's line, not past the end of the text where the parser stopped.
    assert diagnostic.line == 11 and diagnostic.message.startswith("invalid YAML")


def test_yaml_lines_are_counted_as_the_file_counts_them() -> None:
    # YAML also breaks lines at U+2028 and NEL; editors and messages do not.
    diagnostics = Diagnostics()
    source = load_yaml('a: "x\u2028y\x85z"\nb: 1\nb: 2\n', Path("x.yml"), diagnostics)
    assert source is not None and source.line_of("b") == 2
    assert [d.line for d in diagnostics] == [3]


def test_bundle_puts_core_first_and_includes_every_module() -> None:
    script = bundle("js")
    assert script.startswith("/* core.js */")
    assert "window.lessons" in script
    assert "lessons-pager" in bundle("css")


def test_relative_links_skip_code_and_absolute_targets() -> None:
    from mkdocs_lessons.catalog.links import relative_links

    body = (
        'Intro [a](a.md) and ![b](img/b.png "title") and `[no](code.md)`\n'
        "```python\n"
        "x = '[no](fenced.md)'\n"
        "```\n"
        "- item\n"
        "    nested [c](c.md#part)\n"
        '[web](https://example.com) [top](#top) [root](/abs) <img src="d.svg">\n'
        "[ref]: e.md\n"
        "~~~~\n"
        "[no](tilde.md)\n"
        "~~~~\n"
    )
    assert list(relative_links(body, 10)) == [
        (10, "a.md"),
        (10, "img/b.png"),
        (15, "c.md#part"),
        (16, "d.svg"),
        (17, "e.md"),
    ]
