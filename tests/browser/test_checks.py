"""System Checks and the concept map on the seed lesson: every question kind wrong then right, by
mouse and by keyboard alone; unlocking every concept with the map checked after each; progress
across reloads and instant navigation, reset, storage that throws or holds garbage; course and
index progress; no JavaScript; axe in each state of the map, light and dark."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Literal

import pytest
from playwright.sync_api import BrowserContext, ConsoleMessage, Error, Locator, Page, expect

from .conftest import (
    COURSE,
    LESSON,
    LESSONS_INDEX,
    LESSONS_SCRIPT,
    SCHEMES,
    ColorScheme,
    PageWatch,
    fail_on_axe_violations,
)
from .test_walkthrough import lessons_listeners

pytestmark = pytest.mark.browser

LESSON_ID = "/".join(LESSON.strip("/").split("/")[-2:])  # aws-iam/iam-roles-vs-user-credentials
COURSE_ID = LESSON_ID.split("/")[0]
KEY = f"mkdocs-lessons:/:{LESSON_ID}"  # the site is served at the root of its port
KINDS = {"single", "multiple", "true-false", "fill-in", "order"}
RIGHT = re.compile(r"^Right!( Mastered: .+\.)?( Now open: .+\.)?$")
"""The verdict, and what the answer mastered and opened (test_checks_mastery)."""
WRONG = "Not quite: try again."
TYPE_FIRST = "Type your answer first."
CHOOSE_FIRST = "Choose an answer first."
LABELS = {"locked": "Locked", "unlocked": "Unlocked", "mastered": "Mastered"}


# --- What the page holds ----------------------------------------------------------------


@dataclass(frozen=True)
class Question:
    id: str
    kind: str
    correct: tuple[bool, ...]  # choices, in page order
    positions: tuple[int, ...]  # order items as shown: each one's right position
    answers: tuple[str, ...]  # fill-in, text
    number: float | None  # fill-in, numeric
    tolerance: float


@dataclass(frozen=True)
class Concept:
    id: str
    title: str
    requires: tuple[str, ...]
    questions: tuple[str, ...]


_QUESTIONS = """() => [...document.querySelectorAll("form.lessons-question")].map(form => {
    const field = form.querySelector(".lessons-question__field input");
    const data = field ? field.dataset : {};
    return {
        id: form.dataset.lessonsQuestion,
        kind: form.dataset.lessonsKind,
        correct: [...form.querySelectorAll(".lessons-choice")]
            .map(choice => choice.dataset.lessonsCorrect === "true"),
        positions: [...form.querySelectorAll(".lessons-order-item")]
            .map(item => Number(item.dataset.lessonsPosition)),
        answers: data.lessonsAnswers ? JSON.parse(data.lessonsAnswers) : [],
        number: data.lessonsNumber === undefined ? null : Number(data.lessonsNumber),
        tolerance: Number(data.lessonsTolerance || 0),
    };
})"""


def read_questions(page: Page) -> dict[str, Question]:
    found: list[dict[str, Any]] = page.evaluate(_QUESTIONS)
    questions = {}
    for item in found:
        questions[item["id"]] = Question(
            id=item["id"],
            kind=item["kind"],
            correct=tuple(item["correct"]),
            positions=tuple(item["positions"]),
            answers=tuple(item["answers"]),
            number=item["number"],
            tolerance=item["tolerance"],
        )
    return questions


def read_concepts(page: Page) -> list[Concept]:
    raw = page.locator(".lessons-lesson").get_attribute("data-lessons-concepts")
    assert raw, "the lesson root has no data-lessons-concepts"
    return [
        Concept(c["id"], c["title"], tuple(c["requires"]), tuple(c["questions"]))
        for c in json.loads(raw)
    ]


def expected_states(concepts: list[Concept], right: Iterable[str]) -> dict[str, str]:
    """The contract's rule, written again: locked while a requirement is not mastered;
    mastered when every question is right; unlocked otherwise."""
    answered = set(right)
    mastered: set[str] = set()
    grew = True
    while grew:
        grew = False
        for concept in concepts:
            if (
                concept.id not in mastered
                and all(r in mastered for r in concept.requires)
                and all(q in answered for q in concept.questions)
            ):
                mastered.add(concept.id)
                grew = True
    return {
        c.id: "mastered"
        if c.id in mastered
        else ("unlocked" if all(r in mastered for r in c.requires) else "locked")
        for c in concepts
    }


# --- Driving the page -------------------------------------------------------------------


def open_lesson(page: Page) -> None:
    """Load the seed lesson and wait for the map to start (networkidle: Material intercepts
    clicks for instant navigation once it has the sitemap)."""
    response = page.goto(LESSON, wait_until="networkidle")
    assert response is not None and response.ok, f"{LESSON}: HTTP {response and response.status}"
    expect(page.locator(".lessons-map__progress"), "map.js shows the progress").to_be_visible()


def form(page: Page, question: str) -> Locator:
    return page.locator(f"#lessons-question-{question}")


def result(page: Page, question: str) -> Locator:
    return form(page, question).locator(".lessons-question__result")


def order_now(page: Page, question: str) -> list[int]:
    positions: list[str] = (
        form(page, question)
        .locator(".lessons-order-item")
        .evaluate_all("items => items.map(item => item.dataset.lessonsPosition)")
    )
    return [int(p) for p in positions]


def number_text(value: float) -> str:
    return f"{value:g}"


def answer(page: Page, q: Question, right: bool) -> set[int]:
    """Answer q right or wrong with the mouse; returns the indexes of the chosen choices."""
    f = form(page, q.id)
    if q.kind in ("single", "true-false"):
        index = q.correct.index(right)
        f.locator(".lessons-choice label").nth(index).click()
        return {index}
    if q.kind == "multiple":
        wrong_one = q.correct.index(False)
        chosen = {i for i, c in enumerate(q.correct) if c or (not right and i == wrong_one)}
        for i in range(len(q.correct)):
            box = f.locator(".lessons-choice input").nth(i)
            box.set_checked(i in chosen)
        return chosen
    if q.kind == "fill-in":
        field = f.locator(".lessons-question__field input")
        if q.answers:
            # Case, surrounding spaces and doubled inner spaces do not matter.
            text = f"  {q.answers[-1].upper().replace(' ', '  ')} " if right else "no idea"
        else:
            assert q.number is not None
            text = number_text(q.number + q.tolerance + (0 if right else 1))
        field.fill(text)
        return set()
    assert q.kind == "order", q.kind
    if right:
        sort_by_buttons(page, q)
    else:
        assert order_now(page, q.id) != sorted(q.positions), "shown already in the right order"
    return set()


def sort_by_buttons(page: Page, q: Question) -> None:
    """Put the items in order with their "Move up" buttons, checking each announcement."""
    total = len(q.positions)
    for target in range(1, total + 1):
        while (index := order_now(page, q.id).index(target)) > target - 1:
            item = form(page, q.id).locator(
                f".lessons-order-item[data-lessons-position='{target}']"
            )
            item.locator("[data-lessons-move='-1']").click()
            text = item.locator(".lessons-order-item__text").inner_text().strip()
            expect(result(page, q.id)).to_have_text(f"{text}: position {index} of {total}")
    assert order_now(page, q.id) == list(range(1, total + 1))


def check(page: Page, question: str) -> None:
    form(page, question).get_by_role("button", name="Check").click()


def expect_verdict(page: Page, q: Question, right: bool, chosen: set[int]) -> None:
    """The verdict and the chosen choices' feedback (only theirs) are shown; the explanation
    too after a right answer, and never after a wrong one (it would give the answer away)."""
    f = form(page, q.id)
    expect(f).to_have_attribute("data-lessons-result", "right" if right else "wrong")
    expect(result(page, q.id)).to_have_text(RIGHT if right else WRONG)
    choices = f.locator(".lessons-choice")
    for index in range(choices.count()):
        feedback = choices.nth(index).locator(".lessons-choice__feedback")
        if feedback.count():
            if index in chosen:
                expect(feedback, f"{q.id}: feedback of choice {index + 1}").to_be_visible()
            else:
                expect(feedback, f"{q.id}: feedback of choice {index + 1}").to_be_hidden()
    explanation = f.locator(".lessons-question__explanation")
    expect(explanation, f"{q.id}: the seed's questions all explain").to_have_count(1)
    if right:
        expect(explanation).to_be_visible()
    else:
        expect(explanation, f"{q.id}: a wrong answer gets no explanation").to_be_hidden()
    if f.get_attribute("data-lessons-reveal-after") is None:
        # (After the author's number of wrong tries, the answer opens: test_checks_teach.)
        expect(f.locator(".lessons-question__answer")).not_to_have_attribute("open", "")


def answer_right(page: Page, q: Question) -> None:
    chosen = answer(page, q, right=True)
    check(page, q.id)
    expect_verdict(page, q, True, chosen)


def stored(page: Page) -> Any:
    raw = page.evaluate("key => localStorage.getItem(key)", KEY)
    return None if raw is None else json.loads(raw)


def expect_map(page: Page, concepts: list[Concept], right: Iterable[str]) -> None:
    """Every node and concept heading shows its state as text; the bar, the count and the
    edges agree."""
    states = expected_states(concepts, right)
    for number, concept in enumerate(concepts, 1):
        state = states[concept.id]
        node = page.locator(f".lessons-map__node[data-lessons-concept='{concept.id}']")
        expect(node, concept.id).to_have_attribute("data-lessons-state", state)
        expect(node.locator(".lessons-map__state"), concept.id).to_have_text(LABELS[state])
        expect(node.locator(".lessons-map__state"), concept.id).to_be_visible()
        section = page.locator(f"section.lessons-concept#lessons-concept-{concept.id}")
        expect(section, concept.id).to_have_attribute("data-lessons-state", state)
        label = section.locator(".lessons-concept__label")
        expect(label, concept.id).to_have_text(re.compile(rf"Concept {number}\s+{LABELS[state]}"))
    mastered = sum(state == "mastered" for state in states.values())
    total = len(concepts)
    expect(page.locator(".lessons-map__count")).to_have_text(
        re.compile(rf"(Progress reset: )?{mastered} of {total} concepts mastered$")
    )
    bar = page.locator(".lessons-map .lessons-progress")
    expect(bar).to_have_js_property("value", mastered)
    expect(bar).to_have_js_property("max", total)
    edges = page.locator(".lessons-map__edges path")
    expect(edges).to_have_count(sum(len(c.requires) for c in concepts))
    done = sum(states[r] == "mastered" for c in concepts for r in c.requires)
    expect(page.locator(".lessons-map__edges path[data-done]")).to_have_count(done)


def settle(page: Page) -> None:
    """Wait for fades to end: axe must see the colours a reader sees."""
    page.wait_for_function("document.getAnimations().every(a => a.playState !== 'running')")


def fail_on_axe(page: Page, what: str) -> None:
    settle(page)
    fail_on_axe_violations(page, what)


@pytest.fixture
def lesson(page: Page) -> tuple[dict[str, Question], list[Concept]]:
    open_lesson(page)
    return read_questions(page), read_concepts(page)


# --- The seed lesson as the issue describes it -------------------------------------------


def test_seed_lesson_has_concepts_and_every_question_kind(
    page: Page, lesson: tuple[dict[str, Question], list[Concept]]
) -> None:
    questions, concepts = lesson
    assert [c.title for c in concepts][:1] == ["IAM Basics"], concepts
    assert len(concepts) >= 4, concepts
    assert all(c.questions for c in concepts), "every concept of the seed has a check"
    assert {q.kind for q in questions.values()} >= KINDS
    first = concepts[0].questions[0]
    prompt = form(page, first).locator("legend")
    expect(prompt).to_have_text("What are the two main ways to grant access in IAM?")
    assert questions[first].kind == "single"
    expect(page.locator(".lessons-map__title")).to_have_text("IAM Security Mastery")


# --- Answering ---------------------------------------------------------------------------


def test_every_question_wrong_then_right(
    page: Page, watch: PageWatch, lesson: tuple[dict[str, Question], list[Concept]]
) -> None:
    questions, _ = lesson
    feedback_seen = 0
    for q in questions.values():
        expect(result(page, q.id)).to_have_text("")
        expect(form(page, q.id).locator(".lessons-question__explanation")).to_be_hidden()

        chosen = answer(page, q, right=False)
        check(page, q.id)
        expect_verdict(page, q, False, chosen)
        feedback_seen += form(page, q.id).locator(".lessons-choice__feedback:visible").count()
        # Checking again says it again (an announcement, not silence).
        check(page, q.id)
        expect(result(page, q.id)).to_have_text(WRONG)

        # Changing the answer clears the verdict until the next Check.
        chosen = answer(page, q, right=True)
        expect(form(page, q.id)).not_to_have_attribute("data-lessons-result", re.compile("."))
        expect(result(page, q.id)).to_have_text(
            re.compile(r"^$|: position \d+ of \d+$")  # an order question announces each move
        )
        check(page, q.id)
        expect_verdict(page, q, True, chosen)
        assert q.id in stored(page)["right"], f"{q.id} answered right is not in storage"
    assert feedback_seen >= 2, "no wrong choice of the seed lesson has feedback to show"
    assert not watch.problems, watch.report()


def test_multiple_choice_needs_exactly_the_right_set(
    page: Page, lesson: tuple[dict[str, Question], list[Concept]]
) -> None:
    questions, _ = lesson
    q = next(q for q in questions.values() if q.kind == "multiple")
    boxes = form(page, q.id).locator(".lessons-choice input")
    rights = [i for i, c in enumerate(q.correct) if c]
    assert len(rights) >= 2
    for i in rights[:-1]:  # all the right ones but one: not enough
        boxes.nth(i).check()
    check(page, q.id)
    expect(result(page, q.id)).to_have_text(WRONG)
    boxes.nth(rights[-1]).check()
    check(page, q.id)
    expect(result(page, q.id)).to_have_text(RIGHT)


def test_numeric_fill_in_takes_the_tolerance_and_thousands(
    page: Page, lesson: tuple[dict[str, Question], list[Concept]]
) -> None:
    questions, _ = lesson
    numeric = [q for q in questions.values() if q.kind == "fill-in" and q.number is not None]
    assert numeric, "the seed lesson has no numeric fill-in"
    for q in numeric:
        assert q.number is not None
        field = form(page, q.id).locator(".lessons-question__field input")
        for text, right in [
            (number_text(q.number - q.tolerance), True),
            (number_text(q.number + q.tolerance), True),
            (number_text(q.number + q.tolerance + 0.5), False),
            ("", None),
            ("   ", None),
            ("many", False),
        ]:
            field.fill(text)
            check(page, q.id)
            said = TYPE_FIRST if right is None else RIGHT if right else WRONG
            expect(result(page, q.id), f"{q.id}: {text!r}").to_have_text(said)
    big = next((q for q in numeric if q.number is not None and q.number >= 1000), None)
    if big is not None and big.number is not None:
        form(page, big.id).locator("input").fill(f"{int(big.number):,}")  # 3,600
        check(page, big.id)
        expect(result(page, big.id)).to_have_text(RIGHT)


# --- Keyboard alone ----------------------------------------------------------------------


def focused_is(page: Page, selector: str) -> bool:
    return bool(
        page.evaluate("s => document.activeElement === document.querySelector(s)", selector)
    )


def tab_to(page: Page, selector: str, limit: int = 300) -> None:
    """Tab (Shift+Tab when the target comes before the focus) until the focus is on selector,
    then check that the focus can be seen."""
    assert page.locator(selector).count() == 1, selector
    backwards = page.evaluate(
        """s => !!(document.querySelector(s).compareDocumentPosition(document.activeElement)
              & Node.DOCUMENT_POSITION_FOLLOWING)""",
        selector,
    )
    for _ in range(limit):
        if focused_is(page, selector):
            expect_visible_focus(page)
            return
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
    pytest.fail(f"{limit} presses of Tab never reached {selector}", pytrace=False)


def expect_visible_focus(page: Page) -> None:
    style: dict[str, str] = page.evaluate(
        """() => { const s = getComputedStyle(document.activeElement);
            return {outline: s.outlineStyle, width: s.outlineWidth,
                    visible: String(document.activeElement.matches(":focus-visible"))}; }"""
    )
    assert style["visible"] == "true", f"focus is not :focus-visible: {style}"
    assert style["outline"] != "none" and style["width"] != "0px", f"focus not drawn: {style}"


def keyboard_answer(page: Page, q: Question) -> None:
    """Answer q right with the keyboard alone, check it with the keyboard."""
    f = f"#lessons-question-{q.id}"
    if q.kind in ("single", "true-false"):
        # Tab enters a group of radios at the chosen one, or else the first; Space chooses it,
        # arrows move the choice.
        boxes = form(page, q.id).locator(".lessons-choice input")
        checked = boxes.evaluate_all("boxes => boxes.findIndex(box => box.checked)")
        at = max(checked, 0)
        tab_to(page, f"{f} .lessons-choice:nth-child({at + 1}) input")
        page.keyboard.press("Space")
        steps = q.correct.index(True) - at
        for _ in range(abs(steps)):
            page.keyboard.press("ArrowDown" if steps > 0 else "ArrowUp")
        expect(boxes.nth(q.correct.index(True))).to_be_checked()
    elif q.kind == "multiple":
        for i, right in enumerate(q.correct):
            if right:
                tab_to(page, f"{f} .lessons-choice:nth-child({i + 1}) input")
                page.keyboard.press("Space")
    elif q.kind == "fill-in":
        tab_to(page, f"{f} .lessons-question__field input")
        if q.answers:
            page.keyboard.type(q.answers[0])
        else:
            assert q.number is not None
            page.keyboard.type(number_text(q.number))
        page.keyboard.press("Enter")  # submits the form: no need to reach the button
        expect(result(page, q.id)).to_have_text(RIGHT)
        return
    else:
        keyboard_sort(page, q)
    tab_to(page, f"{f} button[type=submit]")
    page.keyboard.press("Enter")
    expect(result(page, q.id)).to_have_text(RIGHT)


def keyboard_sort(page: Page, q: Question) -> None:
    """Sort with Alt+ArrowUp/Alt+ArrowDown on an item's focused button; and once with its
    buttons pressed by Space. The focus stays on the moved item's control."""
    f = f"#lessons-question-{q.id}"
    total = len(q.positions)
    for target in range(1, total + 1):
        item = f"{f} .lessons-order-item[data-lessons-position='{target}']"
        index = order_now(page, q.id).index(target)
        if index == target - 1:
            continue
        if target == 1 and index >= 2:
            # Down, then up with the buttons themselves (Space), then keys the rest of the way.
            tab_to(page, f"{item} [data-lessons-move='1']")
            page.keyboard.press("Space")
            assert order_now(page, q.id).index(target) == index + 1
            tab_to(page, f"{item} [data-lessons-move='-1']")
            page.keyboard.press("Space")
            assert order_now(page, q.id).index(target) == index
            assert focused_is(page, f"{item} [data-lessons-move='-1']"), "focus left the button"
        else:
            tab_to(page, f"{item} [data-lessons-move='-1']")
        page.keyboard.press("Alt+ArrowDown")
        page.keyboard.press("Alt+ArrowUp")
        while (now := order_now(page, q.id).index(target)) > target - 1:
            page.keyboard.press("Alt+ArrowUp")
            text = page.locator(f"{item} .lessons-order-item__text").inner_text().strip()
            expect(result(page, q.id)).to_have_text(f"{text}: position {now} of {total}")
            assert page.evaluate(
                "s => document.querySelector(s).contains(document.activeElement)", item
            ), "the focus left the moved item"
    # Plain arrows are the page's (scrolling): they move nothing.
    page.keyboard.press("ArrowUp")
    assert order_now(page, q.id) == list(range(1, total + 1))


def test_keyboard_alone_answers_every_question_and_resets(
    page: Page, watch: PageWatch, lesson: tuple[dict[str, Question], list[Concept]]
) -> None:
    questions, concepts = lesson
    page.locator("body").focus()
    first = concepts[0].id
    tab_to(page, f".lessons-map__node[data-lessons-concept='{first}'] a")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(f"#lessons-concept-{first}$"))
    expect(page.locator(f"#lessons-concept-{first} h2")).to_be_in_viewport()

    # The first question: wrong once, by keyboard, to see the verdict and the explanation.
    q = questions[concepts[0].questions[0]]
    tab_to(page, f"#lessons-question-{q.id} .lessons-choice:first-child input")
    page.keyboard.press("Space")
    wrong = q.correct.index(False)
    for _ in range(wrong):
        page.keyboard.press("ArrowDown")
    tab_to(page, f"#lessons-question-{q.id} button[type=submit]")
    page.keyboard.press("Enter")
    expect_verdict(page, q, False, {wrong})

    for concept in concepts:
        for question in concept.questions:
            keyboard_answer(page, questions[question])
    expect_map(page, concepts, questions)
    tab_to(page, ".lessons-map__reset")
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")  # Reset asks first
    expect_map(page, concepts, [])
    assert stored(page) is None
    assert not watch.problems, watch.report()


# --- The map -----------------------------------------------------------------------------


def test_unlocking_every_concept_in_turn(
    page: Page, watch: PageWatch, lesson: tuple[dict[str, Question], list[Concept]]
) -> None:
    questions, concepts = lesson
    right: list[str] = []
    expect_map(page, concepts, right)
    assert expected_states(concepts, [])[concepts[0].id] == "unlocked"

    # A locked concept's check can be answered; it stays locked until what it needs is mastered.
    last = concepts[-1]
    assert expected_states(concepts, [])[last.id] == "locked"
    for question in last.questions:
        answer_right(page, questions[question])
        right.append(question)
        expect_map(page, concepts, right)
    expect(page.locator(f".lessons-map__node[data-lessons-concept='{last.id}']")).to_have_attribute(
        "data-lessons-state", "locked"
    )

    for concept in concepts[:-1]:
        for question in concept.questions:
            assert expected_states(concepts, right)[concept.id] == "unlocked"
            answer_right(page, questions[question])
            right.append(question)
            expect_map(page, concepts, right)
    assert set(expected_states(concepts, right).values()) == {"mastered"}
    expect(page.locator(".lessons-map__count")).to_have_text(
        f"{len(concepts)} of {len(concepts)} concepts mastered"
    )
    assert sorted(stored(page)["right"]) == sorted(right)
    assert stored(page)["v"] == 2
    assert not watch.problems, watch.report()


def test_a_node_leads_to_its_concept(
    page: Page, lesson: tuple[dict[str, Question], list[Concept]]
) -> None:
    _, concepts = lesson
    for concept in [concepts[-1], concepts[1]]:  # locked ones too: the text stays readable
        node = page.locator(f".lessons-map__node[data-lessons-concept='{concept.id}'] a")
        expect(node).to_contain_text(concept.title)
        node.click()
        expect(page).to_have_url(re.compile(f"#lessons-concept-{concept.id}$"))
        expect(page.locator(f"#lessons-concept-{concept.id} h2")).to_be_in_viewport()
        page.evaluate("window.scrollTo(0, 0)")


def test_edges_join_the_nodes_they_link(
    page: Page, lesson: tuple[dict[str, Question], list[Concept]]
) -> None:
    _, concepts = lesson
    edges: list[dict[str, float]] = page.locator(".lessons-map__edges path").evaluate_all(
        """paths => paths.map(path => {
            const [x1, y1, x2, y2] = path.getAttribute("d").match(/-?[\\d.]+/g).map(Number);
            const box = document.querySelector(".lessons-map").getBoundingClientRect();
            return {x1: x1 + box.x, y1: y1 + box.y, x2: x2 + box.x, y2: y2 + box.y};
        })"""
    )
    pairs = [(r, c.id) for c in concepts for r in c.requires]
    assert len(edges) == len(pairs)
    for edge, (source, target) in zip(edges, pairs, strict=True):
        for end, concept in [("1", source), ("2", target)]:
            box = page.locator(
                f".lessons-map__node[data-lessons-concept='{concept}']"
            ).bounding_box()
            assert box is not None
            x, y = edge[f"x{end}"], edge[f"y{end}"]
            assert box["x"] <= x <= box["x"] + box["width"], (edge, concept, box)
            assert box["y"] <= y <= box["y"] + box["height"], (edge, concept, box)
    svg = page.locator(".lessons-map__edges")
    expect(svg).to_have_attribute("aria-hidden", "true")


# --- Progress ----------------------------------------------------------------------------


def master_first_concept(page: Page, questions: dict[str, Question], concept: Concept) -> None:
    for question in concept.questions:
        answer_right(page, questions[question])


def test_progress_survives_a_reload_and_reset_clears_it(
    page: Page, watch: PageWatch, lesson: tuple[dict[str, Question], list[Concept]]
) -> None:
    questions, concepts = lesson
    master_first_concept(page, questions, concepts[0])
    assert stored(page)["v"] == 2 and stored(page)["right"] == list(concepts[0].questions)

    page.reload(wait_until="networkidle")
    expect_map(page, concepts, concepts[0].questions)
    # The answers came back too (test_progress_restore); only those.
    for q in questions:
        expect(result(page, q)).to_have_text(RIGHT if q in concepts[0].questions else "")

    # Reset: the map, the storage, and every form (answers, verdicts, explanations, order).
    q_order = next(q for q in questions.values() if q.kind == "order")
    shown = order_now(page, q_order.id)
    sort_by_buttons(page, q_order)
    check(page, q_order.id)
    q_choice = questions[concepts[0].questions[0]]
    answer(page, q_choice, right=False)
    check(page, q_choice.id)
    page.locator(".lessons-map__reset").click()
    page.locator(".lessons-map__reset").click()  # it asks first (test_checks_mastery)
    expect(page.locator(".lessons-map__count")).to_have_text(
        f"Progress reset: 0 of {len(concepts)} concepts mastered"
    )
    expect_map(page, concepts, [])
    assert stored(page) is None
    assert order_now(page, q_order.id) == shown
    for q in questions:
        f = form(page, q)
        expect(result(page, q)).to_have_text("")
        expect(f).not_to_have_attribute("data-lessons-result", re.compile("."))
        expect(f.locator(".lessons-question__explanation")).to_be_hidden()
        expect(
            f.locator("details.lessons-question__answer .lessons-question__explanation")
        ).to_have_count(1)
        expect(f.locator(".lessons-choice__feedback:visible")).to_have_count(0)
        expect(f.locator("input:checked")).to_have_count(0)
        assert all(
            v == ""
            for v in f.locator("input[type=text]").evaluate_all(
                "inputs => inputs.map(input => input.value)"
            )
        )

    page.reload(wait_until="networkidle")
    expect_map(page, concepts, [])
    assert not watch.problems, watch.report()


def test_progress_and_checks_after_instant_navigation(
    page: Page, watch: PageWatch, lesson: tuple[dict[str, Question], list[Concept]]
) -> None:
    questions, concepts = lesson
    page.evaluate("window.__lessonsTestMark = 1")
    listeners = lessons_listeners(page)
    master_first_concept(page, questions, concepts[0])

    for _ in range(2):
        page.locator("nav.lessons-pager a[rel=next]").click()
        expect(page).not_to_have_url(re.compile(re.escape(LESSON) + "$"))
        expect(page.locator(".lessons-lesson")).to_have_count(1)
        page.locator("nav.lessons-pager a[rel=prev]").click()
        expect(page).to_have_url(re.compile(re.escape(LESSON) + "$"))
        expect_map(page, concepts, concepts[0].questions)
    assert lessons_listeners(page) == listeners, "listeners piled up on window or document"

    # The checks work on the page that came back, and count once.
    page.evaluate(
        """() => { window.__progressEvents = 0;
            document.addEventListener("lessons:progress", () => window.__progressEvents++); }"""
    )
    q = questions[concepts[1].questions[0]]
    answer_right(page, q)
    assert page.evaluate("window.__progressEvents") == 1
    expect_map(page, concepts, [*concepts[0].questions, q.id])
    assert page.evaluate("window.__lessonsTestMark") == 1, "the clicks reloaded the page"
    assert not watch.problems, watch.report()


def test_course_and_index_pages_show_progress(
    page: Page, watch: PageWatch, lesson: tuple[dict[str, Question], list[Concept]]
) -> None:
    questions, concepts = lesson
    master_first_concept(page, questions, concepts[0])

    # To the course page by its link (instant navigation), then the index by a full load.
    page.locator(".lessons-eyebrow a").first.click()
    expect(page).to_have_url(re.compile(re.escape(COURSE) + "$"))
    cards = page.locator(".lessons-card[data-lessons-concepts]")
    expect(cards.first).to_be_visible()
    assert cards.count() >= 2
    for index in range(cards.count()):
        card = cards.nth(index)
        lesson_id = card.get_attribute("data-lessons-lesson")
        total = len(json.loads(card.get_attribute("data-lessons-concepts") or "[]"))
        n = 1 if lesson_id == LESSON_ID else 0
        line = card.locator(".lessons-card__progress")
        expect(line, str(lesson_id)).to_be_visible()
        expect(line, str(lesson_id)).to_have_text(f"{n} of {total} concepts mastered")
        expect(line.locator("progress")).to_have_js_property("value", n)
        expect(line.locator("progress")).to_have_js_property("max", total)

    page.goto(LESSONS_INDEX, wait_until="networkidle")
    card = page.locator(f"[data-lessons-course='{COURSE_ID}'][data-lessons-course-lessons]")
    lessons = json.loads(card.get_attribute("data-lessons-course-lessons") or "{}")
    assert LESSON_ID in lessons and len(lessons) >= 2
    total = sum(len(c) for c in lessons.values())
    expect(card.locator(".lessons-card__progress")).to_be_visible()
    expect(card.locator(".lessons-card__progress")).to_have_text(f"1 of {total} concepts mastered")
    assert not watch.problems, watch.report()


# --- Storage that fails -----------------------------------------------------------------

# Storage refusing our keys (private modes, full quota, blocked site data): every call throws.
THROWING_STORAGE = """(() => {
    for (const name of ["getItem", "setItem", "removeItem"]) {
        const real = Storage.prototype[name];
        Storage.prototype[name] = function (key, ...rest) {
            if (String(key).startsWith("mkdocs-lessons")) {
                throw new DOMException("refused", "SecurityError");
            }
            return real.call(this, key, ...rest);
        };
    }
})();"""
# Site data blocked altogether: even reading window.localStorage throws.
NO_STORAGE = """Object.defineProperty(window, "localStorage", {
    get() { throw new DOMException("The document is sandboxed", "SecurityError"); },
});"""


def test_checks_work_when_storage_throws(
    page: Page, watch: PageWatch, lesson: tuple[dict[str, Question], list[Concept]]
) -> None:
    page.add_init_script(THROWING_STORAGE)
    open_lesson(page)
    questions, concepts = read_questions(page), read_concepts(page)
    master_first_concept(page, questions, concepts[0])
    expect_map(page, concepts, concepts[0].questions)
    # Kept in memory across instant navigation, too.
    page.locator("nav.lessons-pager a[rel=next]").click()
    page.locator("nav.lessons-pager a[rel=prev]").click()
    expect(page).to_have_url(re.compile(re.escape(LESSON) + "$"))
    expect_map(page, concepts, concepts[0].questions)
    page.locator(".lessons-map__reset").click()
    page.locator(".lessons-map__reset").click()
    expect_map(page, concepts, [])
    assert not watch.problems, watch.report()


def test_checks_work_without_any_storage(
    page: Page, lesson: tuple[dict[str, Question], list[Concept]]
) -> None:
    # Material's own scripts read localStorage too and fail here: only our errors count.
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(f"{error}\n{error.stack}"))
    page.add_init_script(NO_STORAGE)
    open_lesson(page)
    questions, concepts = read_questions(page), read_concepts(page)
    master_first_concept(page, questions, concepts[0])
    expect_map(page, concepts, concepts[0].questions)
    page.locator(".lessons-map__reset").click()
    page.locator(".lessons-map__reset").click()
    expect_map(page, concepts, [])
    ours = [error for error in errors if LESSONS_SCRIPT.search(error)]
    assert not ours, "\n".join(ours)


# Each way storage breaks, from before the first script runs. Those that patch Storage only
# refuse our keys, so Material's scripts run as usual and every page problem counts; without a
# usable localStorage at all, Material's own scripts fail too and only our errors count.
def _refusing(methods: str, error: str) -> str:
    return f"""(() => {{
    for (const name of {methods}) {{
        const real = Storage.prototype[name];
        Storage.prototype[name] = function (key, ...rest) {{
            if (String(key).startsWith("mkdocs-lessons")) throw new DOMException("no", "{error}");
            return real.call(this, key, ...rest);
        }};
    }}
}})();"""


BROKEN_STORAGE = {
    # Writes are taken, reads throw: only the page's memory knows the answer is right.
    "reading-throws": (_refusing('["getItem"]', "SecurityError"), True),
    "full": (_refusing('["setItem"]', "QuotaExceededError"), True),
    "every-method-throws": (THROWING_STORAGE, True),
    "null": ('Object.defineProperty(window, "localStorage", { value: null });', False),
    "undefined": ('Object.defineProperty(window, "localStorage", { value: undefined });', False),
    "getter-throws": (NO_STORAGE, False),
}


def our_errors(page: Page) -> list[str]:
    """Uncaught errors thrown in lessons.js and the errors it logs ("mkdocs-lessons: map failed
    to start"), collected from now on."""
    errors: list[str] = []

    def thrown(error: Error) -> None:
        if LESSONS_SCRIPT.search(error.stack or ""):
            errors.append(f"{error}\n{error.stack}")

    def logged(message: ConsoleMessage) -> None:
        where = message.location.get("url", "")
        ours = "mkdocs-lessons" in message.text or LESSONS_SCRIPT.search(where)
        if message.type == "error" and ours:
            errors.append(f"console: {message.text} ({where})")

    page.on("pageerror", thrown)
    page.on("console", logged)
    return errors


@pytest.mark.parametrize("broken", list(BROKEN_STORAGE))
def test_a_right_answer_shows_mastered_however_storage_breaks(
    page: Page, watch: PageWatch, broken: str
) -> None:
    script, material_works = BROKEN_STORAGE[broken]
    errors = our_errors(page)
    page.add_init_script(script)
    open_lesson(page)
    questions, concepts = read_questions(page), read_concepts(page)
    first = questions[concepts[0].questions[0]]
    answer_right(page, first)
    expect_map(page, concepts, [first.id])
    master_first_concept(page, questions, concepts[0])
    expect_map(page, concepts, concepts[0].questions)
    expect(
        page.locator(f"section.lessons-concept#lessons-concept-{concepts[0].id}")
    ).to_have_attribute("data-lessons-state", "mastered")
    page.locator(".lessons-map__reset").click()
    page.locator(".lessons-map__reset").click()
    expect_map(page, concepts, [])
    expect(form(page, first.id)).not_to_have_attribute("data-lessons-result", re.compile("."))
    # After a reset the checks still count.
    answer_right(page, first)
    expect_map(page, concepts, [first.id])
    assert not errors, "\n".join(errors)
    if material_works:
        assert not watch.problems, watch.report()


@pytest.mark.parametrize(
    ("garbage", "kept"),
    [
        ("{not json", []),
        ("null", []),
        ("42", []),
        ('"text"', []),
        ("[]", []),
        ('{"v": 1}', []),
        ('{"v": 1, "right": "two-ways"}', []),
        ('{"v": 1, "right": {"0": "two-ways"}}', []),
        ('{"v": 2, "right": ["two-ways"]}', []),  # v2 without its answers
        ('{"v": 3, "right": ["two-ways"], "answers": {}}', []),  # a future format: not guessed
        ('{"v": 1, "right": [1, null, {}, "FIRST"]}', ["FIRST"]),  # strings only
        ('{"v": 1, "right": [[["FIRST"]]]}', []),
        pytest.param("x" * 2_000_000, [], id="huge-not-json"),
        pytest.param('{"v": 1, "right": "' + "x" * 2_000_000 + '"}', [], id="huge-text"),
    ],
)
def test_garbage_in_storage_reads_as_no_progress(
    page: Page,
    watch: PageWatch,
    lesson: tuple[dict[str, Question], list[Concept]],
    garbage: str,
    kept: list[str],
) -> None:
    questions, concepts = lesson
    first = concepts[0].questions[0]
    garbage = garbage.replace("FIRST", first)
    kept = [first if k == "FIRST" else k for k in kept]
    page.evaluate("([key, value]) => localStorage.setItem(key, value)", [KEY, garbage])
    page.reload(wait_until="networkidle")
    expect_map(page, concepts, kept)
    # Answering writes good data over it.
    q = questions[concepts[0].questions[-1]]
    answer_right(page, q)
    assert stored(page)["right"] == [*dict.fromkeys([*kept, q.id])]
    expect_map(page, concepts, [*kept, q.id])
    assert not watch.problems, watch.report()


# --- Strings, motion ---------------------------------------------------------------------


@pytest.mark.parametrize("strings", ["{}", "not json"])
def test_checks_still_grade_when_the_pages_strings_are_broken(
    page: Page, lesson: tuple[dict[str, Question], list[Concept]], strings: str
) -> None:
    # The script has no English of its own (the page gives every string: test_assets); a site
    # whose template override breaks the strings still gets working checks and map.
    questions, concepts = lesson
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.add_init_script(
        f"""document.addEventListener("DOMContentLoaded", () => {{
            const holder = document.querySelector("[data-lessons-strings]");
            holder.dataset.lessonsStrings = {json.dumps(strings)};
        }});"""
    )
    open_lesson(page)
    q = questions[concepts[0].questions[0]]
    answer(page, q, right=False)
    check(page, q.id)
    expect(form(page, q.id)).to_have_attribute("data-lessons-result", "wrong")
    for id in concepts[0].questions:
        answer(page, questions[id], right=True)
        check(page, id)
        expect(form(page, id)).to_have_attribute("data-lessons-result", "right")
    node = page.locator(f".lessons-map__node[data-lessons-concept='{concepts[0].id}']")
    expect(node).to_have_attribute("data-lessons-state", "mastered")
    assert not errors, errors


def test_site_strings_are_used(
    page: Page, lesson: tuple[dict[str, Question], list[Concept]]
) -> None:
    questions, concepts = lesson
    ours = {"locked": "Cerrado", "right": "¡Bien!", "concepts_mastered": "{n}/{total}"}
    page.add_init_script(
        f"""document.addEventListener("DOMContentLoaded", () => {{
            const holder = document.querySelector("[data-lessons-strings]");
            holder.dataset.lessonsStrings = JSON.stringify(
                {{...JSON.parse(holder.dataset.lessonsStrings), ...{json.dumps(ours)}}});
        }});"""
    )
    open_lesson(page)
    node = page.locator(f".lessons-map__node[data-lessons-concept='{concepts[1].id}']")
    expect(node.locator(".lessons-map__state")).to_have_text("Cerrado")
    expect(page.locator(".lessons-map__count")).to_have_text(f"0/{len(concepts)}")
    q = questions[concepts[0].questions[0]]
    answer(page, q, right=True)
    check(page, q.id)
    expect(result(page, q.id)).to_have_text(re.compile(r"^¡Bien!"))


@pytest.mark.parametrize("motion", ["reduce", "no-preference"])
def test_reduced_motion_has_no_animation(
    page: Page,
    lesson: tuple[dict[str, Question], list[Concept]],
    motion: Literal["reduce", "no-preference"],
) -> None:
    questions, concepts = lesson
    page.emulate_media(reduced_motion=motion)
    q = questions[concepts[0].questions[0]]
    answer(page, q, right=False)
    check(page, q.id)
    animated = page.evaluate(
        """() => document.getAnimations()
            .filter(a => a.effect?.target?.closest?.(".lessons-question, .lessons-map")).length"""
    )
    if motion == "reduce":
        assert animated == 0
    else:
        assert animated > 0, "the verdict's reveal is expected to fade in"


# --- Without JavaScript ------------------------------------------------------------------


def test_without_javascript_answers_are_behind_show_answer(
    new_context: Callable[..., BrowserContext],
) -> None:
    page = new_context(java_script_enabled=False).new_page()
    response = page.goto(LESSON)
    assert response is not None and response.ok
    forms = page.locator("form.lessons-question")
    assert forms.count() >= len(KINDS)
    for index in range(forms.count()):
        f = forms.nth(index)
        expect(f.locator("legend")).to_be_visible()
        expect(f.get_by_role("button", name="Check")).to_be_hidden()
        expect(f.locator(".lessons-order-item__moves")).to_have_count(
            f.locator(".lessons-order-item").count()
        )
        expect(f.locator(".lessons-order-item__moves:visible")).to_have_count(0)
        solution = f.locator(".lessons-question__solution")
        explanation = f.locator(".lessons-question__explanation")
        expect(solution).to_be_hidden()
        expect(explanation).to_be_hidden()
        f.locator(".lessons-question__answer > summary").click()
        expect(solution).to_be_visible()
        expect(solution).not_to_have_text("")
        expect(explanation).to_be_visible()
    # Every kind shows what it is answered with.
    expect(page.locator(".lessons-choice input[type=radio]").first).to_be_visible()
    expect(page.locator(".lessons-choice input[type=checkbox]").first).to_be_visible()
    expect(page.locator(".lessons-question__field input").first).to_be_visible()
    expect(page.locator(".lessons-order-item").first).to_be_visible()

    # The map: a list of links to the concepts, no states, no progress, no reset.
    links = page.locator(".lessons-map ol.lessons-map__nodes > li > a")
    assert links.count() >= 4
    for index in range(links.count()):
        href = links.nth(index).get_attribute("href") or ""
        assert href.startswith("#lessons-concept-"), href
        expect(page.locator(href)).to_have_count(1)
        expect(links.nth(index).locator(".lessons-map__state")).to_have_text("")
    # The map's line (the summary of its disclosure) counts the concepts; no progress bar.
    expect(page.locator(".lessons-map__progress")).to_have_text(f"{links.count()} concepts")
    expect(page.locator(".lessons-map progress")).to_be_hidden()
    expect(page.locator(".lessons-map__reset")).to_be_hidden()
    expect(page.locator(".lessons-map__edges")).to_have_count(0)
    links.nth(2).click()
    expect(page).to_have_url(re.compile(r"#lessons-concept-[\w-]+$"))
    for path in (COURSE, LESSONS_INDEX):
        page.goto(path)
        expect(page.locator(".lessons-card__progress").first).to_be_hidden()


# --- axe-core ----------------------------------------------------------------------------


@pytest.mark.parametrize("color_scheme", list(SCHEMES))
@pytest.mark.parametrize("state", ["fresh", "partly", "all"])
def test_no_axe_violations_in_each_state(page: Page, color_scheme: ColorScheme, state: str) -> None:
    page.emulate_media(color_scheme=color_scheme)
    open_lesson(page)
    questions, concepts = read_questions(page), read_concepts(page)
    if state == "partly":
        master_first_concept(page, questions, concepts[0])
        q = questions[concepts[1].questions[0]]  # a wrong verdict and its feedback, too
        answer(page, q, right=False)
        check(page, q.id)
        expect(form(page, q.id)).to_have_attribute("data-lessons-result", "wrong")
    elif state == "all":
        for q in questions.values():
            answer_right(page, q)
        expect(page.locator(".lessons-map__node[data-lessons-state='mastered']")).to_have_count(
            len(concepts)
        )
    fail_on_axe(page, f"{LESSON} ({state}, {color_scheme})")


@pytest.mark.parametrize("color_scheme", list(SCHEMES))
def test_no_axe_violations_on_course_and_index_with_progress(
    page: Page, color_scheme: ColorScheme, lesson: tuple[dict[str, Question], list[Concept]]
) -> None:
    questions, concepts = lesson
    page.emulate_media(color_scheme=color_scheme)
    master_first_concept(page, questions, concepts[0])
    for path in (COURSE, LESSONS_INDEX):
        page.goto(path, wait_until="networkidle")
        expect(page.locator(".lessons-card__progress").first).to_be_visible()
        fail_on_axe(page, f"{path} ({color_scheme})")
