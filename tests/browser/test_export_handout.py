"""The handout (``mkdocs-lessons export handout``) printed by Chromium: each step's code in
context as the lesson page prints it, no code line split across pages, every lesson and the
answer key on pages of their own, and no axe-core violation. Pages are counted in Chromium's
own PDF, in A4 and in Letter. No site build: the handout is a file opened on its own."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from mkdocs_lessons.core.i18n import Translator
from mkdocs_lessons.export.handout import _read_site_markdown, render_handout, select_lessons
from mkdocs_lessons.sources import SourceOptions, load_sources

from .conftest import REPO, fail_on_axe_violations
from .test_walkthrough_print import expect_steps_print_in_context, pdf_pages

pytestmark = pytest.mark.browser

LESSON = "iam-roles-vs-user-credentials"
COURSE = "aws-iam"


@pytest.fixture(scope="module")
def handouts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The seed lesson's and the seed course's handouts, written to files."""
    catalog = load_sources(SourceOptions(root=REPO / "lessons"), Translator("en"), set()).catalog
    markdown = _read_site_markdown(REPO / "mkdocs.yml")
    folder = tmp_path_factory.mktemp("handouts")
    written: dict[str, Path] = {}
    for name, which, language in (
        ("lesson", {"lesson": LESSON}, "en"),
        ("course", {"course": COURSE}, "en"),
        ("course-ar", {"course": COURSE}, "ar"),
    ):
        handout = select_lessons(catalog, REPO / "lessons", **which)
        path = folder / f"{name}.html"
        path.write_text(render_handout(handout, Translator(language), markdown), encoding="utf-8")
        written[name] = path
    return written


@pytest.fixture
def opened(browser: Browser) -> Iterator[Page]:
    page = browser.new_page()
    yield page
    page.close()


def test_steps_print_in_context_as_on_the_lesson_page(
    opened: Page, handouts: dict[str, Path]
) -> None:
    opened.goto(handouts["lesson"].as_uri())
    expect_steps_print_in_context(opened)


def test_the_screen_shows_what_print_shows(opened: Page, handouts: dict[str, Path]) -> None:
    opened.goto(handouts["lesson"].as_uri())
    opened.emulate_media(media="screen")
    shown = opened.evaluate(
        "() => [...document.querySelectorAll('.lessons-line')].filter(l => l.checkVisibility())"
        ".length"
    )
    total = opened.locator(".lessons-line").count()
    assert 0 < shown < total


_BREAKS = """() => ({
    lessons: [...document.querySelectorAll('.handout-lesson')]
        .map(lesson => getComputedStyle(lesson).breakBefore),
    key: getComputedStyle(document.querySelector('.handout-key')).breakBefore,
    questions: [...document.querySelectorAll('.handout-question, .handout-key__entry')]
        .map(question => getComputedStyle(question).breakInside),
})"""


def test_lessons_and_the_key_start_pages_of_their_own(
    opened: Page, handouts: dict[str, Path]
) -> None:
    opened.goto(handouts["course"].as_uri())
    opened.emulate_media(media="print")
    breaks = opened.evaluate(_BREAKS)
    assert len(breaks["lessons"]) == 4
    assert breaks["lessons"][1:] == ["page"] * 3 and breaks["key"] == "page"
    assert set(breaks["questions"]) == {"avoid"}
    for paper in ("A4", "Letter"):
        course = pdf_pages(opened.pdf(format=paper))
        opened.goto(handouts["lesson"].as_uri())
        lesson = pdf_pages(opened.pdf(format=paper))
        opened.goto(handouts["course"].as_uri())
        # Each lesson and the key start a page: more pages than lessons, the lesson alone
        # (its key behind a break) at least two.
        assert course >= 5 and lesson >= 2 and course > lesson, (paper, course, lesson)


# What sticks out of the page (the paper's width in print): cut off on paper, on the left in a
# right-to-left page. A file's tabs scroll inside their bar, as on the site.
_OVERFLOWING = """() => [...document.querySelectorAll('body *')]
    .filter(e => e.checkVisibility() && !e.closest('.lessons-code__tabs'))
    .filter(e => {
        const r = e.getBoundingClientRect();
        return r.left < -1 || r.right > innerWidth + 1;
    })
    .map(e => `${e.tagName}.${e.className}`)"""


@pytest.mark.parametrize("name", ["course", "course-ar"])
@pytest.mark.parametrize("width", [794, 360])
def test_nothing_is_wider_than_the_page(
    browser: Browser, handouts: dict[str, Path], name: str, width: int
) -> None:
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(handouts[name].as_uri())
    for media in ("print", "screen"):
        page.emulate_media(media=media)
        assert page.evaluate(_OVERFLOWING) == [], (name, width, media)
    page.close()


def test_no_axe_violations(opened: Page, handouts: dict[str, Path]) -> None:
    opened.goto(handouts["course"].as_uri())
    fail_on_axe_violations(opened, "the course handout")
