"""Right to left (issue 15, point 3): the example site built with `theme.language: ar`, which
Material writes `dir="rtl"`. The walkthrough's arrows and buttons, the concept map, ordering,
matching and Parsons problems, the glossary's tooltip and the lesson pager read and work right
to left; code (the walkthrough's panel, Parsons lines, a predicted output) stays left to right;
axe is clean; nothing scrolls sideways on a desktop or a phone. The Arabic strings may not be
there yet: these tests assert geometry, direction and behaviour, never wording."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, FloatRect, Locator, Page, expect

from .conftest import COURSE, LESSON, LESSONS_INDEX, fail_on_axe_violations
from .test_checks_kinds import MATCHING, PARSONS, SOLUTION
from .test_checks_kinds import PAGE as KINDS_PAGE

pytestmark = pytest.mark.browser

WALKTHROUGH = "#iam-role"  # the seed lesson's walkthrough
PAGER_PAGE = "/lessons/aws-iam/trust-policies/"  # a lesson with a previous and a next lesson
SHOTS = Path("/tmp/rtl-shots")
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}


@pytest.fixture
def browser_context_args(browser_context_args: dict[str, Any], rtl_site_url: str) -> dict[str, Any]:
    """Every page of this file is the Arabic build's. The contexts' arguments, not base_url:
    pytest-playwright makes them once a session, from the base_url of the first test that
    asks, so overriding base_url here changed nothing after another file's browser tests."""
    return {**browser_context_args, "base_url": rtl_site_url + "/"}


def box(locator: Locator) -> FloatRect:
    found = locator.bounding_box()
    assert found, f"{locator} has no box (not displayed)"
    return found


def direction(locator: Locator) -> str:
    value: str = locator.evaluate("(element) => getComputedStyle(element).direction")
    return value


def open_lesson(page: Page, path: str = LESSON) -> None:
    page.goto(path, wait_until="networkidle")
    expect(page.locator(f"{WALKTHROUGH}.lessons-walkthrough--player")).to_have_count(
        1 if path == LESSON else 0
    )


def current_step(page: Page) -> str | None:
    return page.locator(WALKTHROUGH).get_attribute("data-current")


# --- The page and its code ----------------------------------------------------------------


def test_the_lesson_reads_right_to_left_and_its_code_left_to_right(page: Page) -> None:
    open_lesson(page)
    assert page.locator("body").get_attribute("dir") == "rtl"
    assert direction(page.locator("article.md-content__inner")) == "rtl"
    code = page.locator(f"{WALKTHROUGH} .lessons-step--current .lessons-code")
    assert direction(code) == "ltr"
    # The code's lines start at the left of the panel: its text is nearer the left edge.
    lines = page.evaluate(
        """(selector) => {
            const code = document.querySelector(selector);
            const panel = code.getBoundingClientRect();
            const lines = [...code.querySelectorAll('.lessons-line')];
            return lines.filter((line) => line.textContent.trim()).map((line) => {
                const range = document.createRange();
                range.selectNodeContents(line);
                const text = range.getBoundingClientRect();
                return [text.left - panel.left, panel.right - text.right];
              });
        }""",
        f"{WALKTHROUGH} .lessons-step--current .lessons-code__file:not([hidden]) pre > code",
    )
    assert lines, "no lines of code in the current step"
    assert all(left < right for left, right in lines), lines
    assert min(left for left, _ in lines) < 40, lines
    # Inline code is isolated from the right-to-left text around it.
    inline = page.locator(".lessons-step__narration code").first
    assert inline.evaluate("(element) => getComputedStyle(element).unicodeBidi") == "isolate"


def test_a_predicted_output_and_parsons_lines_are_left_to_right(page: Page) -> None:
    page.goto(KINDS_PAGE, wait_until="networkidle")
    assert direction(page.locator("[data-lessons-output]").first) == "ltr"
    assert direction(page.locator(f"#lessons-question-{PARSONS} .lessons-parsons")) == "ltr"


# --- The walkthrough ---------------------------------------------------------------------


def test_walkthrough_arrows_go_the_reading_way(page: Page) -> None:
    open_lesson(page)
    controls = page.locator(f"{WALKTHROUGH} .lessons-walkthrough__controls")
    next_button = controls.locator("[data-action=next]")
    previous = controls.locator("[data-action=previous]")
    # Next stands at the reading end of the controls: left of Previous.
    assert box(next_button)["x"] + box(next_button)["width"] <= box(previous)["x"]
    next_button.focus()
    page.keyboard.press("ArrowLeft")
    expect(page.locator(WALKTHROUGH)).to_have_attribute("data-current", "2")
    page.keyboard.press("ArrowLeft")
    expect(page.locator(WALKTHROUGH)).to_have_attribute("data-current", "3")
    page.keyboard.press("ArrowRight")
    expect(page.locator(WALKTHROUGH)).to_have_attribute("data-current", "2")
    # The dots too (a radio group): the next dot is to the left, and ArrowLeft checks it.
    dots = controls.locator("[data-action=goto]")
    assert box(dots.nth(1))["x"] < box(dots.nth(0))["x"]
    dots.nth(1).focus()
    page.keyboard.press("ArrowLeft")
    expect(dots.nth(2)).to_be_focused()
    expect(dots.nth(2)).to_have_attribute("aria-checked", "true")
    page.keyboard.press("ArrowRight")
    expect(dots.nth(1)).to_be_focused()
    expect(page.locator(WALKTHROUGH)).to_have_attribute("data-current", "2")


# --- The concept map ---------------------------------------------------------------------


def test_concept_map_reads_right_to_left_and_its_edges_join_their_nodes(page: Page) -> None:
    open_lesson(page)
    page.wait_for_function("document.querySelectorAll('.lessons-map__edges path').length > 0")
    found: dict[str, Any] = page.evaluate(
        """() => {
            const map = document.querySelector('.lessons-map');
            const svg = map.querySelector('.lessons-map__edges').getBoundingClientRect();
            const nodes = [...map.querySelectorAll('.lessons-map__node')].map((node) => {
                const r = node.getBoundingClientRect();
                const id = node.dataset.lessonsConcept;
                return {id, x: r.x, y: r.y, right: r.right, bottom: r.bottom};
            });
            const ends = [...map.querySelectorAll('.lessons-map__edges path')].map((path) =>
                path.getAttribute('d').slice(1).split('L')
                    .map((point) => point.split(',').map(Number))
                    .map(([x, y]) => [x + svg.x, y + svg.y]));
            const concepts = JSON.parse(
                document.querySelector('.lessons-lesson').dataset.lessonsConcepts);
            return {nodes, ends, concepts};
        }"""
    )
    nodes = {node["id"]: node for node in found["nodes"]}
    # The first concept stands at the right, where reading starts (one row on a desktop).
    order = [concept["id"] for concept in found["concepts"]]
    assert nodes[order[0]]["x"] > nodes[order[1]]["x"], found["nodes"]

    def inside(point: list[float], node: dict[str, float]) -> bool:
        x, y = point
        return node["x"] <= x <= node["right"] and node["y"] <= y <= node["bottom"]

    wanted = {
        (required, concept["id"])
        for concept in found["concepts"]
        for required in concept["requires"]
    }
    assert len(found["ends"]) == len(wanted)
    joined = set()
    for start, end in found["ends"]:
        starts = [id for id, node in nodes.items() if inside(start, node)]
        ends = [id for id, node in nodes.items() if inside(end, node)]
        assert len(starts) == len(ends) == 1, (start, end, found["nodes"])
        joined.add((starts[0], ends[0]))
    assert joined == wanted


# --- Ordering, matching, Parsons ---------------------------------------------------------


def test_ordering_by_keyboard_right_to_left(page: Page) -> None:
    open_lesson(page)
    question = page.locator("form.lessons-question:has(.lessons-question__order)").first
    texts = question.locator(".lessons-order-item__text")
    before = [text.strip() for text in texts.all_inner_texts()]
    item = question.locator(".lessons-order-item").filter(has_text=before[1])
    # The line's text at the right, its move buttons at the left.
    assert box(item.locator(".lessons-order-item__moves"))["x"] + 1 < box(texts.nth(1))["x"]
    up = item.locator("[data-lessons-move='-1']")
    up.focus()
    page.keyboard.press("Alt+ArrowUp")
    after = [text.strip() for text in texts.all_inner_texts()]
    assert after[0] == before[1] and after[1] == before[0], (before, after)
    expect(up).to_be_focused()
    page.keyboard.press("Space")  # the button itself: up again, at the top already
    assert [text.strip() for text in texts.all_inner_texts()] == after


def test_matching_by_keyboard_right_to_left(page: Page) -> None:
    page.goto(KINDS_PAGE, wait_until="networkidle")
    question = page.locator(f"#lessons-question-{MATCHING}")
    pairs = question.locator(".lessons-pair")
    # Each left item (the first in reading order) at the right, its choice at the left.
    first = pairs.nth(0)
    assert box(first.locator("select"))["x"] < box(first.locator(".lessons-pair__left"))["x"]
    selects = question.locator(".lessons-pair select")
    selects.nth(0).focus()
    for n, letters in enumerate(["The", "lam", "Env"]):  # the right items' first letters
        expect(selects.nth(n)).to_be_focused()
        page.keyboard.type(letters)
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # Check, next in the Tab order
    expect(question).to_have_attribute("data-lessons-result", "right")


def test_parsons_indents_to_the_right_on_a_right_to_left_page(page: Page) -> None:
    page.goto(KINDS_PAGE, wait_until="networkidle")
    question = page.locator(f"#lessons-question-{PARSONS}")
    line = SOLUTION[2][1]
    item = question.locator(".lessons-order-item").filter(has_text=line).first
    text = item.locator(".lessons-order-item__text")
    list_box = box(question.locator(".lessons-parsons"))
    before = box(text)
    assert before["x"] - list_box["x"] < list_box["x"] + list_box["width"] - before["x"]
    item.locator("[data-lessons-indent='1']").focus()
    page.keyboard.press("Space")
    expect(item).to_have_attribute("data-lessons-depth", "1")
    assert box(text)["x"] > before["x"] + 10


# --- The glossary's tooltip --------------------------------------------------------------


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_a_terms_tooltip_opens_beside_it_inside_the_window(
    new_context: Callable[..., BrowserContext], viewport: dict[str, int]
) -> None:
    page = new_context(viewport=viewport).new_page()
    page.goto(LESSON, wait_until="networkidle")
    term = page.locator(".md-content a.lessons-term").locator("visible=true").first
    term.focus()
    tip = page.locator("#lessons-term-tip")
    expect(tip).to_be_visible()
    term_box, tip_box = box(term), box(tip)
    assert tip_box["x"] >= 0 and tip_box["x"] + tip_box["width"] <= viewport["width"], tip_box
    assert tip_box["y"] >= term_box["y"] + term_box["height"] or tip_box["y"] < term_box["y"]
    if viewport is DESKTOP:
        # From the term's start: its right edge lines up with the term's.
        term_end = term_box["x"] + term_box["width"]
        assert abs(tip_box["x"] + tip_box["width"] - term_end) <= 1, (term_box, tip_box)


# --- The lesson pager, axe, the look, and no JavaScript -----------------------------------


def test_the_next_lesson_is_at_the_reading_end(page: Page) -> None:
    page.goto(PAGER_PAGE, wait_until="networkidle")
    next_link = box(page.locator(".lessons-pager__link--next"))
    previous = box(page.locator(".lessons-pager__link--previous"))
    assert next_link["x"] + next_link["width"] <= previous["x"]


def test_the_ar_lesson_page_has_no_axe_violations(page: Page) -> None:
    open_lesson(page)
    fail_on_axe_violations(page, f"the ar build's {LESSON}")


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_no_page_scrolls_sideways(
    new_context: Callable[..., BrowserContext], viewport: dict[str, int]
) -> None:
    """Nothing pushed off the start of the page (a left/right left over would be): the lesson,
    its course and the lessons index fit the window. Screenshots of each are left in
    /tmp/rtl-shots for a look."""
    page = new_context(viewport=viewport).new_page()
    SHOTS.mkdir(exist_ok=True)
    for path in (LESSON, COURSE, LESSONS_INDEX, KINDS_PAGE):
        page.goto(path, wait_until="networkidle")
        assert direction(page.locator(".md-content")) == "rtl"
        name = path.strip("/").replace("/", "-")
        page.screenshot(path=SHOTS / f"{name}-{viewport['width']}.png", full_page=True)
        overflow = page.evaluate("document.documentElement.scrollWidth - innerWidth")
        assert overflow <= 0, f"{path} at {viewport['width']}px scrolls {overflow}px sideways"


def test_without_javascript_steps_read_right_to_left_and_code_left_to_right(
    new_context: Callable[..., BrowserContext],
) -> None:
    page = new_context(java_script_enabled=False).new_page()
    page.goto(LESSON)
    steps = page.locator(f"{WALKTHROUGH} .lessons-step")
    expect(steps.nth(1)).to_be_visible()  # every step, one after another
    assert direction(steps.nth(0)) == "rtl"
    assert direction(steps.nth(0).locator(".lessons-code")) == "ltr"
    # The step's title at the right, where the line starts.
    title: list[float] = steps.nth(0).evaluate(
        """(step) => {
            const range = document.createRange();
            range.selectNodeContents(step.querySelector('.lessons-step__title'));
            const text = range.getBoundingClientRect(), box = step.getBoundingClientRect();
            return [text.left - box.left, box.right - text.right];
        }"""
    )
    assert title[1] < 2 < title[0], title
