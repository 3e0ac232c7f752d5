"""Verdicts and answers restored after a reload (issue 14, point 2), on the seed lesson: each
question comes back as the reader left it (the inputs, the order, the verdict, the feedback, the
explanation where it was shown, Show answer open or closed), without a word in the live region
and without moving the page; Reset clears the answers and Undo brings them back; a v1 store
still gives its mastery; answers that do not fit the question are ignored."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from .conftest import LESSON, PageWatch
from .test_checks import (
    KEY,
    KINDS,
    RIGHT,
    THROWING_STORAGE,
    WRONG,
    Concept,
    Question,
    answer,
    check,
    expect_map,
    form,
    open_lesson,
    order_now,
    read_concepts,
    read_questions,
    result,
    stored,
)

pytestmark = pytest.mark.browser

NEW_KINDS = "/lessons/aws-iam/instance-profiles-and-lambda-execution-roles/"
"""The example lesson with the new kinds of check (test_checks_kinds)."""

# What a reader sees of one question, and what its inputs hold.
_SNAPSHOT = """form => ({
    fields: [...form.querySelectorAll("input, select, textarea")]
        .map(f => /checkbox|radio/.test(f.type) ? f.checked : f.value),
    order: [...form.querySelectorAll(".lessons-order-item")]
        .map(i => [i.textContent.trim(), i.dataset.lessonsDepth || "0"]),
    result: form.dataset.lessonsResult ?? null,
    explanation: [...form.querySelectorAll(".lessons-question__explanation")]
        .map(e => e.checkVisibility()),
    open: form.querySelector(".lessons-question__answer").open,
    feedback: [...form.querySelectorAll(".lessons-choice__feedback, .lessons-question__mistake")]
        .map(f => f.checkVisibility()),
})"""

# Every text that lands in a live region of a question while that region is live (not
# aria-live=off), from before the first script: what a screen reader would announce.
_LIVE_LOG = """(() => {
    window.__lessonsSaid = [];
    new MutationObserver((records) => {
        for (const record of records) {
            const node = record.target.nodeType === 1 ? record.target : record.target.parentElement;
            const live = node?.closest("[aria-live], [role=status], [role=alert]");
            if (!live || !live.closest("form.lessons-question")) continue;
            if (live.getAttribute("aria-live") === "off" || !live.textContent.trim()) continue;
            window.__lessonsSaid.push(live.textContent);
        }
    }).observe(document, { subtree: true, childList: true, characterData: true });
})();"""


def snapshot(page: Page, question: str) -> dict[str, Any]:
    state: dict[str, Any] = form(page, question).evaluate(_SNAPSHOT)
    return state


def said(page: Page) -> list[str]:
    texts: list[str] = page.evaluate("window.__lessonsSaid")
    return texts


def load_again(page: Page) -> None:
    """A new load of the lesson at the top of the page (a reload would restore the scroll)."""
    page.evaluate("scrollTo(0, 0)")
    open_lesson(page)


def scramble(page: Page, q: Question) -> None:
    """Move the first item down once (twice if that sorted them): an order unlike the one the
    page first showed, and still wrong."""
    for _ in range(2):
        form(page, q.id).locator(".lessons-order-item").first.locator(
            "[data-lessons-move='1']"
        ).click()
        if order_now(page, q.id) != sorted(q.positions):
            return
    raise AssertionError(f"{q.id}: could not find a wrong order")


def answer_all(page: Page, questions: dict[str, Question], right: bool) -> dict[str, Any]:
    """Answer every question of a kind of today right or wrong and check it; returns what
    each one shows."""
    shown = {}
    for q in questions.values():
        if q.kind not in KINDS:
            continue
        if q.kind == "order" and not right:
            scramble(page, q)
        else:
            answer(page, q, right)
        check(page, q.id)
        expect(result(page, q.id)).to_have_text(RIGHT if right else WRONG)
        shown[q.id] = snapshot(page, q.id)
    assert {questions[q].kind for q in shown} == KINDS, "the seed has every kind of today"
    return shown


@pytest.fixture
def seed(page: Page) -> tuple[dict[str, Question], list[Concept]]:
    page.add_init_script(_LIVE_LOG)
    open_lesson(page)
    return read_questions(page), read_concepts(page)


@pytest.mark.parametrize("right", [False, True], ids=["wrong", "right"])
def test_every_kind_comes_back_after_a_reload_quietly_and_in_place(
    page: Page, watch: PageWatch, seed: tuple[dict[str, Question], list[Concept]], right: bool
) -> None:
    questions, _ = seed
    shown = answer_all(page, questions, right)
    assert said(page), "the live log hears the verdicts the reader asked for"

    load_again(page)
    for question, before in shown.items():
        # The verdict, without the news of what that answer mastered at the time.
        expect(result(page, question)).to_have_text("Right!" if right else WRONG)
        assert snapshot(page, question) == before, question
    # What the reader sees and the accessibility tree say the same.
    for q in (questions[question] for question in shown):
        f = form(page, q.id)
        expect(f.get_by_role("status")).to_have_text("Right!" if right else WRONG)
        if q.kind in ("single", "true-false"):
            index = q.correct.index(right)
            expect(f.get_by_role("radio").nth(index)).to_be_checked()
        elif q.kind == "fill-in":
            expect(f.get_by_role("textbox")).not_to_have_value("")
        explanation = f.locator(".lessons-question__explanation")
        if right:
            expect(explanation, q.id).to_be_visible()
    order = next(q for q in questions.values() if q.kind == "order")
    if right:
        assert order_now(page, order.id) == sorted(order.positions)
    assert said(page) == [], "restored verdicts were announced again"
    assert page.evaluate("scrollY") == 0, "restoring scrolled the page"

    # The regions are live again for the next verdict.
    first = next(iter(shown))
    check(page, first)
    expect(result(page, first)).to_have_text("Right!" if right else WRONG)
    assert said(page), "the verdict after a restore was not announced"
    assert not watch.problems, watch.report()


def test_show_answer_and_revealed_explanations_stay_as_left(
    page: Page, watch: PageWatch, seed: tuple[dict[str, Question], list[Concept]]
) -> None:
    questions, _ = seed
    opened, revealed = (
        next(q for q in questions.values() if q.kind == "single"),
        next(q for q in questions.values() if q.kind == "fill-in" and q.answers),
    )
    # Show answer opened without answering; an answer wrong twice, where the author opens it.
    form(page, opened.id).get_by_text("Show answer").click()
    explanation = form(page, opened.id).locator(".lessons-question__explanation")
    expect(explanation).to_be_visible()
    field = form(page, revealed.id).get_by_role("textbox")
    field.fill("no idea")
    check(page, revealed.id)
    field.fill("still no idea")
    check(page, revealed.id)
    tries = form(page, revealed.id).get_attribute("data-lessons-reveal-after")
    before = snapshot(page, revealed.id)
    if tries == "2":
        assert before["open"] and before["explanation"] == [True], before

    load_again(page)
    expect(explanation).to_be_visible()
    expect(form(page, opened.id).locator(".lessons-question__answer")).to_have_attribute("open", "")
    expect(result(page, opened.id)).to_have_text("")
    expect(result(page, revealed.id)).to_have_text(WRONG)
    assert snapshot(page, revealed.id) == before
    # Closed again, it stays closed.
    form(page, opened.id).get_by_text("Show answer").click()
    expect(explanation).to_be_hidden()
    load_again(page)
    expect(form(page, opened.id).locator(".lessons-question__answer")).not_to_have_attribute(
        "open", ""
    )
    assert not watch.problems, watch.report()


def test_reset_clears_the_answers_and_undo_brings_them_back(
    page: Page, watch: PageWatch, seed: tuple[dict[str, Question], list[Concept]]
) -> None:
    questions, concepts = seed
    right_one = questions[concepts[0].questions[0]]
    wrong_one = next(q for q in questions.values() if q.kind == "multiple")
    answer(page, right_one, True)
    check(page, right_one.id)
    answer(page, wrong_one, False)
    check(page, wrong_one.id)
    expect(result(page, wrong_one.id)).to_have_text(WRONG)
    before = {q.id: snapshot(page, q.id) for q in (right_one, wrong_one)}
    kept = stored(page)
    assert set(kept["answers"]) == set(before), kept

    reset = page.locator(".lessons-map__reset")
    reset.click()
    reset.click()
    assert stored(page) is None
    for q in (right_one, wrong_one):
        expect(result(page, q.id)).to_have_text("")
        expect(form(page, q.id).locator("input:checked")).to_have_count(0)
    page.get_by_role("button", name="Undo").click()
    for q in (right_one, wrong_one):
        expect(result(page, q.id)).to_have_text("Right!" if q is right_one else WRONG)
        assert snapshot(page, q.id) == before[q.id], q.id
    assert stored(page) == kept
    expect_map(page, concepts, [right_one.id])

    load_again(page)
    for q in (right_one, wrong_one):
        assert snapshot(page, q.id) == before[q.id], q.id
    # Reset without Undo: nothing comes back on the next load.
    reset.click()
    reset.click()
    load_again(page)
    for q in (right_one, wrong_one):
        expect(result(page, q.id)).to_have_text("")
        expect(form(page, q.id).locator("input:checked")).to_have_count(0)
    assert not watch.problems, watch.report()


def test_a_v1_store_still_gives_its_mastery(
    page: Page, watch: PageWatch, seed: tuple[dict[str, Question], list[Concept]]
) -> None:
    questions, concepts = seed
    right = list(concepts[0].questions)
    page.evaluate(
        "([key, value]) => localStorage.setItem(key, value)",
        [KEY, json.dumps({"v": 1, "right": right})],
    )
    load_again(page)
    expect_map(page, concepts, right)
    for question in questions:
        expect(result(page, question)).to_have_text("")
    # The next answer moves the store to v2, mastery kept.
    q = questions[concepts[1].questions[0]]
    answer(page, q, True)
    check(page, q.id)
    data = stored(page)
    assert data["v"] == 2 and data["right"] == [*right, q.id], data
    assert list(data["answers"]) == [q.id], data
    assert not watch.problems, watch.report()


@pytest.mark.parametrize(
    "saved",
    [
        5,
        "text",
        None,
        [],
        {"a": "not a list"},
        {"a": [True]},  # too few fields
        {"a": [1, 2, 3, 4]},  # numbers for checkboxes
        {"a": [], "o": [0, 0, 0, 0]},
        {"a": [], "o": [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]},
        {"a": [], "o": "0123"},
        {"s": "yes", "n": "many"},
    ],
    ids=str,
)
def test_answers_that_do_not_fit_are_ignored(
    page: Page,
    watch: PageWatch,
    seed: tuple[dict[str, Question], list[Concept]],
    saved: Any,
) -> None:
    questions, concepts = seed
    answers = {q: saved for q in questions}
    page.evaluate(
        "([key, value]) => localStorage.setItem(key, value)",
        [KEY, json.dumps({"v": 2, "right": [], "answers": answers})],
    )
    load_again(page)
    for question in questions:
        expect(result(page, question)).to_have_text("")
        expect(form(page, question)).not_to_have_attribute("data-lessons-result", re.compile("."))
        expect(form(page, question).locator(".lessons-question__answer")).not_to_have_attribute(
            "open", ""
        )
    # The checks still work, and write good data over it.
    q = questions[concepts[0].questions[0]]
    answer(page, q, True)
    check(page, q.id)
    expect(result(page, q.id)).to_have_text(RIGHT)
    assert isinstance(stored(page)["answers"][q.id]["a"], list)
    assert not watch.problems, watch.report()


def test_answers_kept_in_memory_when_storage_throws(page: Page, watch: PageWatch) -> None:
    page.add_init_script(THROWING_STORAGE)
    open_lesson(page)
    questions, concepts = read_questions(page), read_concepts(page)
    q = questions[concepts[0].questions[0]]
    answer(page, q, False)
    check(page, q.id)
    before = snapshot(page, q.id)
    # Instant navigation away and back: the page's memory brings the answer back.
    page.locator("nav.lessons-pager a[rel=next]").click()
    expect(page).not_to_have_url(re.compile(re.escape(LESSON) + "$"))
    page.locator("nav.lessons-pager a[rel=prev]").click()
    expect(page).to_have_url(re.compile(re.escape(LESSON) + "$"))
    expect(result(page, q.id)).to_have_text(WRONG)
    assert snapshot(page, q.id) == before
    assert not watch.problems, watch.report()


# Something to answer in each field of any kind of question (matching, Parsons problems and
# predict the output included): the last option, a text, the last radio, the first box, the
# first item moved down and indented.
_ANSWER_ANYHOW = """form => {
    for (const select of form.querySelectorAll("select")) {
        select.value = select.options[select.options.length - 1].value;
    }
    for (const text of form.querySelectorAll("input[type=text], textarea")) {
        text.value = "restore me";
    }
    const radios = form.querySelectorAll("input[type=radio]");
    if (radios.length) radios[radios.length - 1].checked = true;
    const box = form.querySelector("input[type=checkbox]");
    if (box) box.checked = !box.checked;
    form.querySelector(".lessons-order-item [data-lessons-move='1']")?.click();
    form.querySelector(".lessons-order-item [data-lessons-indent='1']")?.click();
}"""


def test_the_new_kinds_come_back_too(page: Page, watch: PageWatch) -> None:
    page.goto(NEW_KINDS, wait_until="networkidle")
    forms = page.locator("form.lessons-question")
    ids = forms.evaluate_all("forms => forms.map(form => form.dataset.lessonsQuestion)")
    kinds = set(forms.evaluate_all("forms => forms.map(form => form.dataset.lessonsKind)"))
    assert {"matching", "parsons", "output"} <= kinds, kinds
    shown = {}
    for question in ids:
        form(page, question).evaluate(_ANSWER_ANYHOW)
        check(page, question)
        expect(result(page, question)).to_have_text(re.compile(r"^(Right!|Not quite)"))
        shown[question] = snapshot(page, question)
    page.evaluate("scrollTo(0, 0)")
    page.goto(NEW_KINDS, wait_until="networkidle")
    for question, before in shown.items():
        expect(result(page, question)).to_have_text(re.compile(r"^(Right!|Not quite)"))
        assert snapshot(page, question) == before, question
    assert page.evaluate("scrollY") == 0, "restoring scrolled the page"
    assert not watch.problems, watch.report()
