"""A reader gets from the lessons index to a course, its first lesson and the next by clicking."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from .conftest import (
    COURSE,
    COURSE_SLUG,
    LESSON,
    LESSONS_INDEX,
    SCHEMES,
    ColorScheme,
    PageWatch,
    axe_violations,
    format_violations,
    read_course,
    read_lesson,
    title_pattern,
)

pytestmark = pytest.mark.browser


def heading(page: Page) -> Any:
    return page.locator(".md-content h1").first


def walk_the_course(page: Page) -> None:
    """From the lessons index (loaded): course -> first lesson -> (pager) second lesson and back,
    checking each URL and h1."""
    course = read_course(COURSE_SLUG)
    first = read_lesson(COURSE_SLUG, course["lessons"][0])
    second = read_lesson(COURSE_SLUG, course["lessons"][1])

    page.locator(".lessons-index").get_by_role("link", name=course["title"]).first.click()
    expect(page).to_have_url(re.compile(re.escape(COURSE) + "$"))
    expect(heading(page)).to_have_text(title_pattern(course["title"]))

    page.locator(".lessons-course").get_by_role("link", name=first.title).first.click()
    expect(page).to_have_url(re.compile(re.escape(f"{COURSE}{first.slug}/") + "$"))
    expect(heading(page)).to_have_text(title_pattern(first.title))

    page.locator("nav.lessons-pager a[rel=next]").click()
    expect(page).to_have_url(re.compile(re.escape(f"{COURSE}{second.slug}/") + "$"))
    expect(heading(page)).to_have_text(title_pattern(second.title))

    # And back: the browser's history returns to the first lesson.
    page.go_back()
    expect(page).to_have_url(re.compile(re.escape(f"{COURSE}{first.slug}/") + "$"))
    expect(heading(page)).to_have_text(title_pattern(first.title))


def test_clicking_through_a_course_with_instant_navigation(page: Page, watch: PageWatch) -> None:
    # networkidle: Material intercepts clicks only once it has the sitemap.
    page.goto(LESSONS_INDEX, wait_until="networkidle")
    # A mark on window survives only if Material's instant navigation swapped the pages in
    # place; a full load would wipe it, and the test would not test instant navigation.
    page.evaluate("window.__lessonsTestMark = 1")
    walk_the_course(page)
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.__lessonsTestMark") == 1, "the clicks reloaded the page"
    # A page reached by instant navigation is another DOM than a loaded one: check it too.
    violations = axe_violations(page)
    if violations:
        pytest.fail(
            f"axe-core after instant navigation to {page.url}:\n{format_violations(violations)}",
            pytrace=False,
        )
    assert not watch.problems, watch.report()


def test_clicking_through_a_course_without_javascript(
    new_context: Callable[..., BrowserContext],
) -> None:
    # Without JavaScript every click is a full page load: the links themselves must work.
    page = new_context(java_script_enabled=False).new_page()
    page.goto(LESSONS_INDEX)
    walk_the_course(page)


@pytest.mark.parametrize("color_scheme", list(SCHEMES))
def test_the_lesson_pager_keeps_its_contrast_when_hovered(
    page: Page, color_scheme: ColorScheme
) -> None:
    # After instant navigation the pointer often rests on the new page's pager.
    page.emulate_media(color_scheme=color_scheme)
    page.goto(LESSON)
    link = page.locator(".lessons-pager__link").last
    link.hover()
    violations = axe_violations(page, context=".lessons-pager")
    assert not violations, format_violations(violations)
