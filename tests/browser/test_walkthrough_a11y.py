"""The walkthrough for screen readers and keyboards (issue 13, point 4): a region named by a
real heading, a live region that says what the step is about, the dots as one Tab stop (ARIA's
radio group, arrows from the focused dot), and at most 6 Tab stops inside a walkthrough."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Locator, Page, expect

from .conftest import LESSON

pytestmark = pytest.mark.browser

WALKTHROUGH = "iam-role"  # the seed lesson's walkthrough
TITLE = "Build the role step by step"
STEPS = 13
# Every walkthrough of the example site: (lesson, walkthrough id, steps).
WALKTHROUGHS = [
    (LESSON, WALKTHROUGH, STEPS),
    ("/lessons/aws-iam/trust-policies/", "shared-data-trust", None),
    ("/lessons/aws-iam/least-privilege-permission-policies/", None, None),
    ("/lessons/aws-iam/instance-profiles-and-lambda-execution-roles/", None, None),
]
MAX_TAB_STOPS = 6


def root(page: Page, walkthrough: str = WALKTHROUGH) -> Locator:
    return page.locator(f"#{walkthrough}")


def dot(page: Page, n: int) -> Locator:
    return root(page).locator(f"[data-action=goto][data-step='{n}']")


def open_player(page: Page, url: str = LESSON, walkthrough: str = WALKTHROUGH) -> None:
    response = page.goto(url, wait_until="networkidle")
    assert response is not None and response.ok, f"{url}: HTTP {response and response.status}"
    expect(root(page, walkthrough)).to_have_class(re.compile(r"\blessons-walkthrough--player\b"))


def expect_step(page: Page, n: int) -> None:
    expect(root(page)).to_have_attribute("data-current", str(n))
    expect(page.locator(f"#{WALKTHROUGH}-step-{n}")).to_be_visible()


def focused_step(page: Page) -> str | None:
    """The data-step of the focused element (a dot), or None."""
    value: str | None = page.evaluate("document.activeElement?.dataset?.step ?? null")
    return value


# --- Names, headings, roles ---------------------------------------------------------------


def test_walkthrough_is_a_region_named_by_its_heading(page: Page) -> None:
    open_player(page)
    region = page.get_by_role("region", name=TITLE)
    expect(region, "the walkthrough is a region named by its title").to_have_count(1)
    expect(region).to_have_attribute("id", WALKTHROUGH)
    # The heading sits one below the section the walkthrough stands in, the steps one below it.
    levels: dict[str, int] = page.evaluate(
        """id => {
            const root = document.getElementById(id);
            const headings = [...document.querySelectorAll("h1, h2, h3, h4, h5, h6")];
            const before = headings.filter(h => !root.contains(h)
                && (h.compareDocumentPosition(root) & Node.DOCUMENT_POSITION_FOLLOWING));
            const level = h => Number(h.tagName[1]);
            return {
                section: level(before[before.length - 1]),
                title: level(root.querySelector(".lessons-walkthrough__title")),
                step: level(root.querySelector(".lessons-step__title")),
            };
        }""",
        WALKTHROUGH,
    )
    assert levels["title"] == levels["section"] + 1, levels
    assert levels["step"] == levels["title"] + 1, levels
    tree = region.aria_snapshot()
    assert f'- heading "{TITLE}" [level={levels["title"]}]' in tree, tree
    assert f'- heading "Step 1 of {STEPS}" [level={levels["step"]}]' in tree, tree
    assert '- radiogroup "Steps"' in tree, tree
    assert f'- radio "Step 1 of {STEPS}" [checked]' in tree, tree
    assert re.search(rf'- radio "Step 2 of {STEPS}"$', tree, re.MULTILINE), tree


def test_dots_check_the_current_step_in_the_accessibility_tree(page: Page) -> None:
    open_player(page)
    root(page).locator(".lessons-walkthrough__controls [data-action=next]").click()
    expect_step(page, 2)
    tree = root(page).locator(".lessons-walkthrough__dots").aria_snapshot()
    checked = re.findall(r'radio "([^"]+)" \[checked\]', tree)
    assert checked == [f"Step 2 of {STEPS}"], tree
    assert len(re.findall(r"- radio ", tree)) == STEPS, tree


# --- The live region ------------------------------------------------------------------------


def test_live_region_says_the_step_title_and_first_sentence(page: Page) -> None:
    open_player(page)
    status = root(page).locator("[aria-live=polite]")
    expect(status, "nothing is said on load").to_have_text("")
    root(page).locator(".lessons-walkthrough__controls [data-action=next]").click()
    expect(status).to_have_text(
        f"Step 2 of {STEPS}: Every role carries a trust policy, stored under "
        "AssumeRolePolicyDocument: it says who is allowed to assume the role."
    )
    # Any step: its title, then the first sentence of its narration (not the whole of it).
    page.keyboard.press("End")
    narration = page.locator(f"#{WALKTHROUGH}-step-{STEPS} .lessons-step__narration > p").first
    text = " ".join((narration.text_content() or "").split())
    sentence = re.match(r".*?[.!?](?=\s|$)", text)
    assert sentence is not None and sentence.group() != text, text
    expect(status).to_have_text(f"Step {STEPS} of {STEPS}: {sentence.group()}")


# --- Keyboard -------------------------------------------------------------------------------


def test_dots_are_one_tab_stop_that_follows_the_step(page: Page) -> None:
    open_player(page)
    dots = root(page).locator("[data-action=goto]")
    expect(dots).to_have_count(STEPS)
    expect(root(page).locator("[data-action=goto][tabindex='0']")).to_have_count(1)
    expect(dot(page, 1)).to_have_attribute("tabindex", "0")
    next_button = root(page).locator(".lessons-walkthrough__controls [data-action=next]")
    next_button.click()
    next_button.click()
    expect_step(page, 3)
    expect(root(page).locator("[data-action=goto][tabindex='0']")).to_have_count(1)
    expect(dot(page, 3)).to_have_attribute("tabindex", "0")
    # Tab from Next lands on the current step's dot, and the next Tab leaves the dots.
    next_button.focus()
    page.keyboard.press("Tab")
    assert focused_step(page) == "3"
    page.keyboard.press("Tab")
    assert focused_step(page) is None, "a second Tab leaves the dots"
    page.keyboard.press("Shift+Tab")
    assert focused_step(page) == "3", "Shift+Tab comes back to the checked dot"


def test_arrows_move_from_the_focused_dot(page: Page) -> None:
    open_player(page)
    root(page).locator(".lessons-walkthrough__controls [data-action=next]").click()
    expect_step(page, 2)
    # The focus is on dot 9 while step 2 is shown (a script or a screen reader put it there):
    # ArrowRight goes to 10, not to 3.
    dot(page, 9).focus()
    page.keyboard.press("ArrowRight")
    expect_step(page, 10)
    assert focused_step(page) == "10", "the focus moves with the check"
    expect(dot(page, 10)).to_have_attribute("aria-checked", "true")
    expect(dot(page, 10)).to_have_attribute("tabindex", "0")
    expect(dot(page, 9)).to_have_attribute("tabindex", "-1")
    page.keyboard.press("ArrowDown")
    expect_step(page, 11)
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowUp")
    expect_step(page, 9)
    assert focused_step(page) == "9"
    # A radio group wraps round at its ends.
    page.keyboard.press("End")
    expect_step(page, STEPS)
    page.keyboard.press("ArrowRight")
    expect_step(page, 1)
    assert focused_step(page) == "1"
    page.keyboard.press("ArrowLeft")
    expect_step(page, STEPS)
    page.keyboard.press("Home")
    expect_step(page, 1)
    assert focused_step(page) == "1"
    expect(page).to_have_url(re.compile(rf"#{WALKTHROUGH}-step-1$"))


_TAB_STOPS = """id => {
    // The focusable elements a reader can see: Tab must reach each of them.
    const root = document.getElementById(id);
    return [...root.querySelectorAll("a[href], button, input, select, textarea, [tabindex]")]
        .filter(e => e.tabIndex >= 0 && !e.disabled
            && e.checkVisibility({ visibilityProperty: true })).length;
}"""


def tab_stops(page: Page, walkthrough: str) -> list[str]:
    """Press Tab from just before the walkthrough until the focus leaves it; what it reached."""
    page.evaluate(
        """id => {
            const start = document.createElement("button");
            start.id = "tab-start";
            start.textContent = "start";
            document.getElementById(id).before(start);
            start.focus();
        }""",
        walkthrough,
    )
    stops: list[str] = []
    for _ in range(40):
        page.keyboard.press("Tab")
        inside: str | None = page.evaluate(
            """id => {
                const element = document.activeElement;
                if (!document.getElementById(id).contains(element)) return null;
                return `${element.tagName.toLowerCase()} ${element.getAttribute("aria-label")
                    || element.textContent.trim().slice(0, 30)}`;
            }""",
            walkthrough,
        )
        if inside is None:
            break
        stops.append(inside)
    page.evaluate("document.getElementById('tab-start').remove()")
    return stops


@pytest.mark.parametrize(("url", "walkthrough", "steps"), WALKTHROUGHS)
def test_at_most_six_tab_stops_in_any_step(
    page: Page, url: str, walkthrough: str | None, steps: int | None
) -> None:
    response = page.goto(url, wait_until="networkidle")
    assert response is not None and response.ok, url
    if walkthrough is None:
        walkthrough = page.locator("[data-lessons-walkthrough]").first.get_attribute("id") or ""
    expect(root(page, walkthrough)).to_have_class(re.compile(r"\blessons-walkthrough--player\b"))
    total = int(root(page, walkthrough).get_attribute("data-steps") or 0)
    assert total > 1 and (steps is None or total == steps)
    counts = {}
    for n in range(1, total + 1):
        root(page, walkthrough).locator(f"[data-action=goto][data-step='{n}']").click()
        expect(root(page, walkthrough)).to_have_attribute("data-current", str(n))
        stops = tab_stops(page, walkthrough)
        counts[n] = len(stops)
        assert len(stops) <= MAX_TAB_STOPS, (
            f"{walkthrough} step {n}: {len(stops)} Tab stops {stops}"
        )
        assert sum(stop.startswith("button Step ") for stop in stops) == 1, (
            f"{walkthrough} step {n}: the dots are one Tab stop: {stops}"
        )
        assert page.evaluate(_TAB_STOPS, walkthrough) == len(stops), (
            f"{walkthrough} step {n}: Tab reached {stops}, other focusable elements are skipped"
        )
    assert counts, walkthrough
