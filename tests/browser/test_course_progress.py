"""Where the reader is (issue 14, point 5), in a real browser: the course page's Continue link
goes to the first concept not mastered; the navigation marks mastered lessons, also after
instant navigation; without JavaScript Continue links the first lesson and nothing is marked."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from .conftest import (
    COURSE,
    COURSE_SLUG,
    SCHEMES,
    ColorScheme,
    PageWatch,
    fail_on_axe_violations,
    read_course,
    read_lesson,
)
from .test_checks import answer_right, open_lesson, read_concepts, read_questions

pytestmark = pytest.mark.browser

SLUGS: list[str] = read_course(COURSE_SLUG)["lessons"]
TITLES = [read_lesson(COURSE_SLUG, slug).title for slug in SLUGS]


def key(slug: str) -> str:
    """progress.js's storage key for a lesson of the course (the site is served at the root)."""
    return f"mkdocs-lessons:/:{COURSE_SLUG}/{slug}"


def course_concepts(page: Page) -> dict[str, list[dict[str, Any]]]:
    """Each lesson's concepts, by slug, as the course page's cards carry them."""
    cards = page.locator(".lessons-course .lessons-card[data-lessons-concepts]")
    found: dict[str, list[dict[str, Any]]] = {}
    for index in range(cards.count()):
        card = cards.nth(index)
        lesson = card.get_attribute("data-lessons-lesson") or ""
        found[lesson.split("/")[-1]] = json.loads(card.get_attribute("data-lessons-concepts") or "")
    assert found, "the course page's cards carry no concepts"
    return found


def seeded(right: dict[str, list[str]], base_url: str) -> dict[str, Any]:
    """A storage state with ``right`` (slug -> question ids) in progress.js's format."""
    items = [
        {"name": key(slug), "value": json.dumps({"v": 1, "right": ids})}
        for slug, ids in right.items()
    ]
    return {"cookies": [], "origins": [{"origin": base_url.rstrip("/"), "localStorage": items}]}


def all_right(concepts: list[dict[str, Any]]) -> list[str]:
    return [question for concept in concepts for question in concept["questions"]]


def ends(path: str) -> re.Pattern[str]:
    """A link's href (written relative, or made absolute by Material) that ends in ``path``."""
    return re.compile(rf"(^|/){re.escape(path)}$")


def continue_link(page: Page) -> Any:
    return page.locator(".lessons-course .lessons-continue__link")


def nav_link(page: Page, title: str, *, mastered: bool) -> Any:
    # The accessible name: the title, then the mark's visually hidden word (joined by a space).
    said = rf"{re.escape(title)}\s*, mastered" if mastered else re.escape(title)
    return page.locator(".md-nav--primary").get_by_role("link", name=re.compile(rf"^{said}$"))


def test_continue_starts_goes_on_and_ends_with_the_reader(page: Page, watch: PageWatch) -> None:
    page.goto(COURSE, wait_until="networkidle")
    link = continue_link(page)
    # Nothing done: the course starts at its first lesson (and no concept is claimed).
    expect(link).to_have_text("Start the course")
    expect(link).to_have_attribute("href", ends(f"{SLUGS[0]}/"))
    expect(page.locator(".lessons-continue__where")).to_have_text("")
    concepts = course_concepts(page)
    first_lesson = concepts[SLUGS[0]]

    # The reader masters the first concept of the first lesson, as a reader does.
    open_lesson(page)
    questions, lesson_concepts = read_questions(page), read_concepts(page)
    for question in lesson_concepts[0].questions:
        answer_right(page, questions[question])
    page.goto(COURSE, wait_until="networkidle")
    second = first_lesson[1]
    expect(link).to_have_text("Continue")
    expect(link).to_have_attribute("href", ends(f"{SLUGS[0]}/#lessons-concept-{second['id']}"))
    expect(page.locator(".lessons-continue__where")).to_have_text(
        f"{TITLES[0]} · Concept 2: {second['title']}"
    )
    expect(page.locator(".lessons-card__progress").first).to_have_text(
        f"1 of {len(first_lesson)} concepts mastered"
    )
    link.click()
    expect(page).to_have_url(re.compile(re.escape(f"{SLUGS[0]}/#lessons-concept-{second['id']}")))
    expect(page.locator(f"#lessons-concept-{second['id']}")).to_be_in_viewport()

    # The first lesson done: Continue goes to the first concept of the next lesson with some.
    page.evaluate(
        "([k, v]) => localStorage.setItem(k, v)",
        [key(SLUGS[0]), json.dumps({"v": 1, "right": all_right(first_lesson)})],
    )
    page.goto(COURSE, wait_until="networkidle")
    following = next(slug for slug in SLUGS[1:] if concepts.get(slug))
    expect(link).to_have_attribute(
        "href", ends(f"{following}/#lessons-concept-{concepts[following][0]['id']}")
    )

    # Everything done: the course is complete, and the link offers to review it.
    for slug, lesson in concepts.items():
        page.evaluate(
            "([k, v]) => localStorage.setItem(k, v)",
            [key(slug), json.dumps({"v": 1, "right": all_right(lesson)})],
        )
    page.reload(wait_until="networkidle")
    expect(link).to_have_text("Review the course")
    expect(link).to_have_attribute("href", ends(f"{SLUGS[0]}/"))
    expect(page.locator(".lessons-continue__where")).to_have_text(
        "Course complete: every concept mastered."
    )
    assert not watch.problems, watch.report()


def test_the_navigation_marks_mastered_lessons_across_instant_navigation(
    new_context: Callable[..., BrowserContext], base_url: str
) -> None:
    probe = new_context().new_page()
    probe.goto(COURSE, wait_until="networkidle")
    concepts = course_concepts(probe)
    done = SLUGS[0]
    state = seeded({done: all_right(concepts[done])}, base_url)
    page = new_context(storage_state=state).new_page()
    watch = PageWatch().attach(page)
    page.goto(COURSE, wait_until="networkidle")
    mark = nav_link(page, TITLES[0], mastered=True)
    expect(mark).to_be_visible()
    expect(mark.locator(".lessons-nav-mark[aria-hidden=true]")).to_have_text("✓")
    expect(mark.locator(".lessons-nav-mark[aria-hidden=true]")).to_be_visible()
    for title in TITLES[1:]:
        expect(nav_link(page, title, mastered=False)).to_be_visible()  # no mark

    # Instant navigation swaps the navigation in: the new one is marked too.
    page.evaluate("window.__lessonsTestMark = 1")
    nav_link(page, TITLES[1], mastered=False).click()
    expect(page).to_have_url(re.compile(re.escape(f"{COURSE}{SLUGS[1]}/") + "$"))
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.__lessonsTestMark") == 1, "the click reloaded the page"
    expect(nav_link(page, TITLES[0], mastered=True)).to_be_visible()
    expect(page.locator(".lessons-nav-mark[aria-hidden=true]")).to_have_count(1)
    # And on the mastered lesson itself (its nav entry is the current page).
    nav_link(page, TITLES[0], mastered=True).click()
    expect(page).to_have_url(re.compile(re.escape(f"{COURSE}{SLUGS[0]}/") + "$"))
    expect(nav_link(page, TITLES[0], mastered=True)).to_be_visible()
    expect(page.locator(".lessons-nav-mark[aria-hidden=true]")).to_have_count(1)
    assert not watch.problems, watch.report()


def test_without_the_progress_map_nothing_is_marked_and_nothing_fails(
    new_context: Callable[..., BrowserContext], base_url: str
) -> None:
    """The map cannot be fetched (gone, or a server that refuses it): no mark, no error, and
    Continue still follows the reader (its data is in the page)."""
    probe = new_context().new_page()
    probe.goto(COURSE, wait_until="networkidle")
    concepts = course_concepts(probe)
    state = seeded({SLUGS[0]: all_right(concepts[SLUGS[0]])}, base_url)
    page = new_context(storage_state=state).new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.route("**/progress.*.json", lambda route: route.fulfill(status=404, body="gone"))
    page.goto(COURSE, wait_until="networkidle")
    expect(continue_link(page)).to_have_text("Continue")
    expect(nav_link(page, TITLES[0], mastered=False)).to_be_visible()
    expect(page.locator(".lessons-nav-mark")).to_have_count(0)
    assert not errors, errors


def test_without_javascript_continue_links_the_first_lesson_and_nothing_is_marked(
    new_context: Callable[..., BrowserContext], base_url: str
) -> None:
    probe = new_context().new_page()
    probe.goto(COURSE, wait_until="networkidle")
    concepts = course_concepts(probe)
    state = seeded({slug: all_right(lesson) for slug, lesson in concepts.items()}, base_url)
    page = new_context(java_script_enabled=False, storage_state=state).new_page()
    page.goto(COURSE)
    link = page.locator(".lessons-course").get_by_role("link", name="Start the course")
    expect(link).to_have_attribute("href", ends(f"{SLUGS[0]}/"))
    expect(page.locator(".lessons-continue__where")).to_have_text("")
    expect(page.locator(".lessons-nav-mark")).to_have_count(0)
    expect(page.get_by_text("concepts mastered")).to_have_count(0)
    link.click()
    expect(page).to_have_url(re.compile(re.escape(f"{COURSE}{SLUGS[0]}/") + "$"))
    expect(page.locator(".lessons-nav-mark")).to_have_count(0)


@pytest.mark.parametrize("color_scheme", list(SCHEMES))
def test_the_course_page_with_progress_has_no_axe_violations(
    new_context: Callable[..., BrowserContext], base_url: str, color_scheme: ColorScheme
) -> None:
    probe = new_context().new_page()
    probe.goto(COURSE, wait_until="networkidle")
    concepts = course_concepts(probe)
    state = seeded({SLUGS[0]: all_right(concepts[SLUGS[0]])}, base_url)
    page = new_context(storage_state=state, color_scheme=color_scheme).new_page()
    page.goto(COURSE, wait_until="networkidle")
    expect(continue_link(page)).to_have_text("Continue")
    expect(nav_link(page, TITLES[0], mastered=True)).to_be_visible()
    fail_on_axe_violations(page, f"the course page with progress ({color_scheme})")
