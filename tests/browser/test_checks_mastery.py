"""Mastery where the reader is (issue 14, point 2), on the seed lesson: the right answer that
masters a concept says so at the question and names, with links, what it opened; a locked
concept says what it waits for; Reset asks first and can be undone."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from .test_checks import (
    Concept,
    Question,
    answer_right,
    form,
    open_lesson,
    read_concepts,
    read_questions,
    stored,
)

pytestmark = pytest.mark.browser


@pytest.fixture
def seed(page: Page) -> tuple[dict[str, Question], list[Concept]]:
    open_lesson(page)
    return read_questions(page), read_concepts(page)


def concept_label(page: Page, concept: Concept) -> str:
    return f"#lessons-concept-{concept.id} .lessons-concept__label"


def test_the_answer_that_masters_a_concept_says_what_it_opened(
    page: Page, seed: tuple[dict[str, Question], list[Concept]]
) -> None:
    questions, concepts = seed
    first = concepts[0]
    opened = [c for c in concepts if c.requires == (first.id,)]
    assert first.questions and opened, "the seed's first concept opens another"
    *before, last = first.questions
    for question in before:
        answer_right(page, questions[question])
        expect(form(page, question).locator(".lessons-question__news")).to_be_hidden()
    answer_right(page, questions[last])
    news = form(page, last).locator(".lessons-question__news")
    expect(news).to_be_visible()
    expect(news).to_contain_text(f"Mastered: Concept 1: {first.title}.")
    links = news.get_by_role("link")
    expect(links.first).to_have_attribute("href", f"#lessons-concept-{first.id}")
    for concept in opened:
        number = concepts.index(concept) + 1
        expect(
            news.get_by_role("link", name=f"Concept {number}: {concept.title}")
        ).to_have_attribute("href", f"#lessons-concept-{concept.id}")
    # Said too: the status holds the verdict and the news.
    expect(form(page, last).get_by_role("status")).to_have_text(
        re.compile(rf"^Right! Mastered: Concept 1: {re.escape(first.title)}\. Now open: ")
    )


def test_a_locked_concept_says_what_it_waits_for(
    page: Page, seed: tuple[dict[str, Question], list[Concept]]
) -> None:
    questions, concepts = seed
    first = concepts[0]
    locked = next(c for c in concepts if c.requires == (first.id,))
    label = page.locator(concept_label(page, locked))
    expect(label).to_contain_text(f"Locked master Concept 1: {first.title} first")
    expect(label.get_by_role("link", name=f"Concept 1: {first.title}")).to_have_attribute(
        "href", f"#lessons-concept-{first.id}"
    )
    for question in first.questions:
        answer_right(page, questions[question])
    expect(label.locator(".lessons-concept__waits")).to_have_count(0)
    expect(label).to_contain_text("Unlocked")


def test_reset_asks_first_and_can_be_undone(
    page: Page, seed: tuple[dict[str, Question], list[Concept]]
) -> None:
    questions, concepts = seed
    for question in concepts[0].questions:
        answer_right(page, questions[question])
    kept = stored(page)
    reset = page.locator(".lessons-map__reset")
    reset.click()
    expect(reset).to_have_text("Press again to reset all progress")
    assert stored(page) == kept, "one press resets nothing"
    reset.click()
    expect(reset).to_have_text("Reset progress")
    assert stored(page) is None
    undo = page.get_by_role("button", name="Undo")
    expect(undo).to_be_visible()
    undo.click()
    assert stored(page) == kept
    expect(undo).to_have_count(0)
    expect(
        page.locator(f".lessons-map__node[data-lessons-concept='{concepts[0].id}']")
    ).to_have_attribute("data-lessons-state", "mastered")


def test_an_unconfirmed_reset_lets_go(
    page: Page, seed: tuple[dict[str, Question], list[Concept]]
) -> None:
    reset = page.locator(".lessons-map__reset")
    page.clock.install()
    reset.click()
    expect(reset).to_have_text("Press again to reset all progress")
    page.clock.run_for(6000)
    expect(reset).to_have_text("Reset progress")
