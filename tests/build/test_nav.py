"""The nav never lists a section's own page under the section's title again."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from tests.sources import site_config, valid_tree, write_tree


def build(
    root: Path, theme: str = "material", features: str = "  features: [navigation.footer]"
) -> Path:
    write_tree(root / "lessons", valid_tree())
    write_tree(root / "docs", {"index.md": "# Home\n"})
    (root / "mkdocs.yml").write_text(
        site_config("Nav", theme=theme, features=features), encoding="utf-8"
    )
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=root,
        capture_output=True,
        text=True,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    assert "WARNING" not in done.stderr, done.stderr
    return root / "site"


def html(site: Path, relative: str) -> BeautifulSoup:
    return BeautifulSoup((site / relative).read_text(encoding="utf-8"), "html.parser")


def text(element: Tag) -> str:
    return " ".join(element.get_text(" ").split())


def material_sections(page: BeautifulSoup) -> dict[str, list[str]]:
    """Each nested section of the primary nav: its title, and the titles of its entries."""
    primary = page.select_one("nav.md-nav--primary")
    assert primary is not None
    sections: dict[str, list[str]] = {}
    for nested in primary.select("li.md-nav__item--nested"):
        nav = nested.find("nav", class_="md-nav")
        assert isinstance(nav, Tag)
        title = nav.find("label", class_="md-nav__title")
        assert isinstance(title, Tag)
        items = nav.find("ul")
        assert isinstance(items, Tag)
        entries = [
            text(link)
            for item in items.find_all("li", recursive=False)
            if isinstance(link := item.find(class_="md-nav__link"), Tag)
        ]
        sections[text(title)] = entries
    return sections


def test_without_section_indexes_no_section_repeats_its_title(tmp_path: Path) -> None:
    site = build(tmp_path)
    course_page = html(site, "lessons/basics/index.html")
    sections = material_sections(course_page)
    assert sections["Lessons"][0] == "Overview"
    assert sections["Basics"][0] == "Overview"
    for title, entries in sections.items():
        assert entries and entries[0] != title, (title, entries)
    # Only the nav entry changes: the page's heading and <title> are the course's.
    assert text(course_page.select_one("article h1")) == "Basics"  # type: ignore[arg-type]
    assert course_page.title is not None and course_page.title.get_text().startswith("Basics")
    # The entry is still the current page for the theme: marked active.
    active = course_page.select("nav.md-nav--primary a.md-nav__link--active")
    assert [text(link) for link in active] == ["Overview"]
    index = html(site, "lessons/index.html")
    assert text(index.select_one("article h1")) == "Lessons"  # type: ignore[arg-type]
    # The previous/next links name the pages by their own titles.
    footer = [text(link) for link in course_page.select("nav.md-footer__inner a")]
    assert any("Lessons" in link for link in footer), footer


def test_with_section_indexes_the_nav_is_the_sections(tmp_path: Path) -> None:
    site = build(tmp_path, features="  features: [navigation.footer, navigation.indexes]")
    page = html(site, "lessons/basics/index.html")
    assert "Overview" not in text(page.select_one("nav.md-nav--primary"))  # type: ignore[arg-type]
    # The section itself links to the course page.
    index_links = page.select("nav.md-nav--primary .md-nav__container > a")
    assert {text(link) for link in index_links} == {"Lessons", "Basics"}
    assert text(page.select_one("article h1")) == "Basics"  # type: ignore[arg-type]


@pytest.mark.parametrize("theme", ["mkdocs"])
def test_other_themes_have_no_section_pages(tmp_path: Path, theme: str) -> None:
    site = build(tmp_path, theme=theme)
    page = html(site, "lessons/basics/index.html")
    nav_text = [text(link) for link in page.select(".navbar .dropdown-menu a")]
    assert "Overview" in nav_text, nav_text
    assert "Basics" not in nav_text[nav_text.index("Overview") :][:1]
    assert text(page.select_one("h1")) == "Basics"  # type: ignore[arg-type]
