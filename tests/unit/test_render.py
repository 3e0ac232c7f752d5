"""Renderers: model in, HTML out (no MkDocs involved)."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from mkdocs_lessons.catalog.loader import load_catalog
from mkdocs_lessons.catalog.pages import plan_site
from mkdocs_lessons.catalog.render import (
    PageContext,
    render_author,
    render_course,
    render_index,
    render_lesson,
)
from mkdocs_lessons.core.diagnostics import Diagnostics
from mkdocs_lessons.core.i18n import Translator
from tests.sources import valid_tree, write_tree


def context(root: Path, page_url: str, language: str = "en") -> PageContext:
    diagnostics = Diagnostics()
    catalog = load_catalog(write_tree(root, valid_tree()), diagnostics)
    assert not diagnostics
    translate = Translator(language)
    plan = plan_site(catalog, "lessons", translate)

    def url_of(uri: str) -> str:
        """MkDocs' directory URLs: ``a/index.md`` -> ``a/``, ``a/b.md`` -> ``a/b/``."""
        if uri.endswith("index.md"):
            return uri.removesuffix("index.md")
        return uri.removesuffix(".md") + "/" if uri.endswith(".md") else uri

    return PageContext(catalog, plan, translate, page_url, url_of)


def test_lesson_frame_escapes_and_keeps_the_body(tmp_path: Path) -> None:
    ctx = context(tmp_path, "lessons/basics/first/")
    lesson = ctx.catalog.lessons["first"]
    lesson.title = "Roles <script>alert(1)</script>"
    html = render_lesson(lesson, "<p>Body <em>kept</em></p>", ctx)
    soup = BeautifulSoup(html, "html.parser")
    assert soup.select_one("h1").get_text() == "Roles <script>alert(1)</script>"
    assert soup.select_one("script") is None
    assert soup.select_one(".lessons-lesson-body em").get_text() == "kept"
    assert soup.select_one(".lessons-eyebrow a")["href"] == "../"
    assert soup.select_one("nav.lessons-pager")["aria-label"] == "Lessons of Basics"


def test_lesson_without_level_duration_or_neighbours(tmp_path: Path) -> None:
    ctx = context(tmp_path, "lessons/basics/second/")
    lesson = ctx.catalog.lessons["second"]
    soup = BeautifulSoup(render_lesson(lesson, "", ctx), "html.parser")
    assert soup.select(".lessons-meta li") == []
    assert soup.select_one("a[rel=next]") is None
    assert soup.select_one("a[rel=prev]")["href"] == "../first/"


def test_course_index_and_author_pages(tmp_path: Path) -> None:
    ctx = context(tmp_path, "lessons/basics/", language="es")
    course = BeautifulSoup(render_course(ctx.catalog.courses[0], ctx), "html.parser")
    assert [a["href"] for a in course.select(".lessons-card__title a")] == ["first/", "second/"]
    assert course.select_one("h2").get_text() == "Lecciones de este curso"
    ctx.page_url = "lessons/"
    index = BeautifulSoup(render_index(ctx), "html.parser")
    assert index.select_one(".lessons-card__title a")["href"] == "basics/"
    ctx.page_url = "lessons/authors/ada/"
    author = BeautifulSoup(render_author(ctx.catalog.authors["ada"], ctx), "html.parser")
    assert author.select_one("h1").get_text() == "Ada Lovelace"
    assert author.select_one(".lessons-avatar--initials").get_text() == "AL"
    assert [a["href"] for a in author.select(".lessons-card__title a")] == [
        "../../basics/first/",
        "../../basics/second/",
    ]
