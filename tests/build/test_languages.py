"""The example site in each reader's language: built with --strict in es and ar, and built in a
pseudo-language that proves every reader-facing string comes from the data files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from bs4.element import NavigableString

from mkdocs_lessons.catalog.render import SCRIPT_STRINGS
from mkdocs_lessons.core.i18n import ENGLISH, NUMBER_KEYS, Translator
from tests.build.compat import SEED_PAGE, build, edit_config, example_site

LESSON = "lessons/aws-iam/trust-policies/index.html"
COURSE = "lessons/aws-iam/index.html"
# What a reader can read or hear of an element besides its text.
SPOKEN = ("aria-label", "title", "alt", "placeholder", "aria-roledescription", "data-lessons-label")


def _build(project: Path, change: Any) -> tuple[Path, str]:
    """The copied example site changed by ``change`` (its config), built with --strict."""
    edit_config(project, change)
    built = build(project)
    assert built.returncode == 0, built.log
    return built.site, built.log


def _page(site: Path, relative: str) -> BeautifulSoup:
    return BeautifulSoup((site / relative).read_text(encoding="utf-8"), "html.parser")


@pytest.mark.parametrize("language", ["es", "ar"])
def test_the_example_site_builds_in_the_language(tmp_path: Path, language: str) -> None:
    def speak(config: dict[str, Any]) -> None:
        config["theme"]["language"] = language

    site, log = _build(example_site(tmp_path), speak)
    assert "show in English" not in log
    translate = Translator(language)
    lesson = _page(site, LESSON)
    html = lesson.select_one("html")
    assert html is not None and html["lang"] == language
    body = lesson.select_one("body")  # where Material sets the direction
    assert body is not None and body.get("dir") == ("rtl" if language == "ar" else "ltr")
    # The script's strings are the language's own, plural forms and all.
    holder = lesson.select_one("[data-lessons-strings]")
    assert holder is not None
    given = json.loads(str(holder["data-lessons-strings"]))
    assert given == {key: translate.strings[key] for key in (*SCRIPT_STRINGS, *NUMBER_KEYS)}
    place = lesson.select_one(".lessons-lesson-place")
    assert place is not None
    assert translate("lesson_n_of", n=2, total=4) in place.get_text()
    course = _page(site, COURSE)
    assert translate.count("lesson_count", 4) in course.get_text()
    # A numeric answer as the language writes it: "0,1" with a decimal comma.
    seed = _page(site, SEED_PAGE)
    answer = seed.select_one("#lessons-question-rotations-per-year .lessons-question__answer")
    assert answer is not None
    tolerance = translate.decimal("0.1")
    assert translate("number_within", number=4, tolerance=tolerance) in answer.get_text()


def _pseudo(key: str, value: str | dict[str, str]) -> str | dict[str, str]:
    """A text no template could hold by chance, with the placeholders of the English."""

    def marked(text: str) -> str:
        names = sorted({part.split("}")[0] for part in text.split("{")[1:]})
        return f"⟦{key}" + "".join(f" {{{name}}}" for name in names) + "⟧"

    return marked(value) if isinstance(value, str) else {f: marked(t) for f, t in value.items()}


def test_every_reader_facing_string_of_the_pages_comes_from_the_strings(tmp_path: Path) -> None:
    """Every key overridden with a marked text: an English string still on a page of ours is
    written in a template or the code instead of the data files."""
    strings = {key: _pseudo(key, value) for key, value in ENGLISH.items() if key not in NUMBER_KEYS}

    def override(config: dict[str, Any]) -> None:
        for entry in config["plugins"]:
            if isinstance(entry, dict) and "lessons" in entry:
                entry["lessons"]["strings"] = strings

    site, _ = _build(example_site(tmp_path), override)
    english = {
        value
        for key, value in ENGLISH.items()
        if isinstance(value, str)
        and "{" not in value
        and key not in NUMBER_KEYS
        # Said only by `mkdocs-lessons export handout`, never on the site's pages.
        and not key.startswith("handout_")
    }
    found: dict[str, set[str]] = {}
    pages = sorted((site / "lessons").rglob("*.html"))
    assert len(pages) >= 10
    for path in pages:
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        # Ours only: the lesson frame and what our blocks render, not Material's own interface.
        ours = page.select('[class*="lessons-"]')
        inside = {id(e) for root in ours for e in [root, *root.find_all(True)]}
        for element in page.find_all(True):
            if id(element) not in inside:
                continue
            # A label is an element's whole text ("Check"), not a word of a sentence ("Use
            # **IMDSv2**" in a lesson's prose).
            said = [str(element.get(name, "")).strip() for name in SPOKEN]
            if any(isinstance(child, NavigableString) for child in element.children):
                said.append(element.get_text().strip())
            for words in said:
                if words in english:
                    found.setdefault(words, set()).add(path.relative_to(site).as_posix())
    assert found == {}


def test_an_english_page_of_ours_adds_no_character_beyond_ascii(tmp_path: Path) -> None:
    """The example's lessons are written in ASCII, and so are the English pages built from
    them. One arrow of a template (an ordering's move buttons) made Python hold the whole page,
    and every copy and search of it, at two bytes a character; one middle dot made writing it
    out a conversion rather than a copy. Marks that need more are character references."""
    project = example_site(tmp_path)
    for source in (project / "lessons").rglob("*.md"):
        assert source.read_text(encoding="utf-8").isascii(), source
    built = build(project)
    assert built.returncode == 0, built.log
    wide: dict[str, str] = {}
    for page in sorted((built.site / "lessons").rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        beyond = sorted({char for char in html if not char.isascii()})
        if beyond:
            at = html.index(beyond[0])
            wide[str(page.relative_to(built.site))] = f"{beyond}: ...{html[at - 60 : at + 10]}"
    assert not wide, wide
