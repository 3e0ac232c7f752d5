"""Objectives ticked as their concept is mastered, and the instructor view (issue 14, point 4),
on the example lesson that has both: what a reader sees and what a screen reader is told."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from .conftest import COURSE, SCHEMES, ColorScheme, fail_on_axe_violations
from .test_checks import answer_right, read_concepts, read_questions

pytestmark = pytest.mark.browser

LESSON = "/lessons/aws-iam/least-privilege-permission-policies/"
NOTE = "[data-lessons-note]"


def open_lesson(page: Page, query: str = "") -> None:
    response = page.goto(LESSON + query, wait_until="networkidle")
    assert response is not None and response.ok
    expect(page.locator(".lessons-map__progress"), "the scripts started").to_be_visible()


def test_an_objective_is_ticked_done_when_its_concept_is_mastered(page: Page) -> None:
    open_lesson(page)
    questions, concepts = read_questions(page), read_concepts(page)
    first, second = concepts[0], concepts[1]
    ticked = page.locator(f".lessons-objectives li[data-lessons-objective='{first.id}']")
    other = page.locator(f".lessons-objectives li[data-lessons-objective='{second.id}']")
    expect(ticked).not_to_contain_text("done")
    for question in first.questions:
        answer_right(page, questions[question])
    # A word a screen reader says, in the list item's accessible text, not only a mark.
    expect(ticked.locator(".lessons-objectives__done")).to_have_text("done")
    expect(ticked.locator(".lessons-objectives__done")).to_be_visible()
    expect(page.get_by_role("listitem").filter(has_text="done")).to_have_count(1)
    expect(other).not_to_contain_text("done")
    # Kept: after a reload the objective is still done.
    open_lesson(page)
    expect(ticked).to_contain_text("done")
    fail_on_axe_violations(page, f"{LESSON} with an objective done")


def test_the_toggle_shows_and_hides_the_notes_and_is_remembered(page: Page) -> None:
    open_lesson(page)
    notes = page.locator(NOTE)
    assert notes.count() >= 1
    expect(notes.first).to_be_hidden()
    toggle = page.get_by_role("button", name="Instructor notes")
    expect(toggle).to_have_attribute("aria-pressed", "false")
    toggle.click()
    expect(toggle).to_have_attribute("aria-pressed", "true")
    expect(notes.first).to_be_visible()
    expect(page.get_by_role("note", name="Instructor note").first).to_contain_text("five minutes")
    fail_on_axe_violations(page, f"{LESSON} with the notes shown")
    # Printed only while shown.
    page.emulate_media(media="print")
    expect(notes.first).to_be_visible()
    page.emulate_media(media="screen")
    open_lesson(page)  # remembered in this browser
    expect(notes.first).to_be_visible()
    page.get_by_role("button", name="Instructor notes").click()
    expect(notes.first).to_be_hidden()
    page.emulate_media(media="print")
    expect(notes.first).to_be_hidden()
    page.emulate_media(media="screen")
    open_lesson(page)
    expect(notes.first).to_be_hidden()


def test_the_address_turns_the_instructor_view_on_and_off(page: Page) -> None:
    open_lesson(page, "?instructor")
    expect(page.locator(NOTE).first).to_be_visible()
    toggle = page.get_by_role("button", name="Instructor notes")
    expect(toggle).to_have_attribute("aria-pressed", "true")
    open_lesson(page, "?instructor=0")
    expect(page.locator(NOTE).first).to_be_hidden()
    expect(toggle).to_have_attribute("aria-pressed", "false")


def test_a_page_without_notes_offers_no_toggle(page: Page) -> None:
    response = page.goto(COURSE, wait_until="networkidle")
    assert response is not None and response.ok
    expect(page.locator(".lessons-key-points")).to_be_visible()
    expect(page.get_by_role("button", name="Instructor notes")).to_have_count(0)


def test_without_javascript_no_notes_no_toggle_no_ticks(
    new_context: Callable[..., BrowserContext],
) -> None:
    page = new_context(java_script_enabled=False).new_page()
    response = page.goto(LESSON + "?instructor")
    assert response is not None and response.ok
    expect(page.locator(NOTE).first).to_be_attached()
    expect(page.locator(NOTE).first).to_be_hidden()
    expect(page.get_by_role("button", name="Instructor notes")).to_have_count(0)
    objectives = page.locator(".lessons-objectives li")
    assert objectives.count() >= 2
    expect(objectives.first).to_be_visible()
    expect(page.locator(".lessons-objectives")).not_to_contain_text("done")
    expect(page.locator(".lessons-key-points")).to_be_visible()


@pytest.mark.parametrize("color_scheme", list(SCHEMES))
def test_no_axe_violations_with_objectives_key_points_and_notes(
    page: Page, color_scheme: ColorScheme
) -> None:
    page.emulate_media(color_scheme=color_scheme)
    open_lesson(page, "?instructor")
    expect(page.locator(NOTE).first).to_be_visible()
    fail_on_axe_violations(page, f"{LESSON} instructor view ({color_scheme})")
