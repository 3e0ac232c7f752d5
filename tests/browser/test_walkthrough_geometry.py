"""What a reader sees of every walkthrough of the example site (issue 13, point 1), measured
in the browser at four screens: every focused and changed line of every step fully visible
(inside the window, below Material's sticky header, inside the code panel, not cut off at its
right edge) after Next and after a link to the step; the walkthrough's title never under the
header; the height unchanged between steps on tablets and desktops (the issue allows 120 px).
Then axe on every step of every walkthrough, light and dark, and the other files' tabs.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Page, expect

from .conftest import SCHEMES, ColorScheme, axe_violations, format_violations

pytestmark = pytest.mark.browser

SCREENS = {
    "desktop": (1280, 800),
    "wide": (1600, 900),
    "tablet": (820, 1180),
    "phone": (390, 844),
}
STEADY_SCREENS = {"desktop", "wide", "tablet"}
"""Where the walkthrough's height must not change between steps (on a phone the narration
scrolls below the sticky code, and the page may grow)."""
MAX_HEIGHT_CHANGE = 120


@dataclass(frozen=True)
class Walkthrough:
    url: str
    id: str
    steps: int


def walkthroughs_of(site_dir: Path) -> list[Walkthrough]:
    found = []
    for index in sorted(site_dir.rglob("index.html")):
        soup = BeautifulSoup(index.read_text(encoding="utf-8"), "html.parser")
        for root in soup.select("[data-lessons-walkthrough]"):
            folder = index.parent.relative_to(site_dir).as_posix()
            url = "/" if folder == "." else f"/{folder}/"
            found.append(Walkthrough(url, str(root["id"]), int(str(root["data-steps"]))))
    return found


@pytest.fixture(scope="module")
def walkthroughs(site_dir: Path) -> list[Walkthrough]:
    found = walkthroughs_of(site_dir)
    # The example site's five, the one with two files in a step and a terminal among them.
    assert len(found) >= 5 and any(w.id == "validate-policy" for w in found), found
    return found


# Measures the current step of walkthrough `id`: what of its marked lines a reader cannot see.
_MEASURE = """id => {
    const root = document.getElementById(id);
    const header = Math.max(0, document.querySelector(".md-header").getBoundingClientRect().bottom);
    const step = root.querySelector(".lessons-step--current");
    const block = step?.querySelector(".lessons-code__file:not([hidden])");
    if (!block) {
        return { step: root.dataset.current, file: null, lines: 0, height: 0,
                 problems: [`no code shown (${step ? "every file hidden" : "no current step"})`] };
    }
    const code = block.querySelector("pre > code");
    const box = code.getBoundingClientRect();
    const top = Math.max(box.top, header), bottom = Math.min(box.bottom, innerHeight);
    const problems = [];
    const lines = block.querySelectorAll(".lessons-line[data-focus], .lessons-line[data-changed]");
    for (const line of lines) {
        const row = line.getBoundingClientRect();
        const range = document.createRange();
        range.selectNodeContents(line);
        const text = range.getBoundingClientRect();
        const name = `line ${line.dataset.line}`;
        if (row.top < top - 1 || row.bottom > bottom + 1) {
            problems.push(`${name} is out of view (${Math.round(row.top)}-${Math.round(row.bottom)}`
                + ` outside ${Math.round(top)}-${Math.round(bottom)})`);
        }
        if (text.right > box.right + 1) {
            problems.push(`${name} is cut off at the panel's edge`);
        }
    }
    if (code.scrollWidth > code.clientWidth + 1) problems.push("the code scrolls sideways");
    const title = root.querySelector(".lessons-walkthrough__title").getBoundingClientRect();
    if (title.bottom > 0 && title.top < header - 1 && title.bottom > header) {
        problems.push(`the title is under the header (${Math.round(title.top)} < ${header})`);
    }
    return {
        step: Number(root.dataset.current),
        file: block.dataset.file,
        lines: lines.length,
        problems,
        height: root.getBoundingClientRect().height,
    };
}"""

# Every step in turn with Next, as a reader who starts with the walkthrough half in view.
_EVERY_STEP_WITH_NEXT = """async ([id, measure]) => {
    const root = document.getElementById(id);
    const frames = () => new Promise(done => requestAnimationFrame(() =>
        requestAnimationFrame(done)));
    scrollTo(0, scrollY + root.getBoundingClientRect().top - innerHeight / 2);
    const next = root.querySelector("[data-action=next]");
    const results = [];
    // Step 1 is measured after the reader's first move too (Next, then Previous).
    for (const action of ["next", "previous"]) {
        root.querySelector(`[data-action=${action}]`).click();
        await frames();
    }
    results.push(measure(id));
    while (!next.disabled) {
        next.focus({ preventScroll: true });
        next.click();
        await frames();
        results.push(measure(id));
    }
    return results;
}"""

# Every step in turn through a change of the URL's fragment to it (#<id>-step-<n>), from
# the end of the page. Set without Material seeing it: its instant navigation may render the
# page anew on a fragment it did not expect, and the test would measure that page half-built
# (the fresh load of such a URL is the next test's).
_EVERY_STEP_BY_LINK = """async ([id, total, measure]) => {
    const frames = () => new Promise(done => setTimeout(() => requestAnimationFrame(() =>
        requestAnimationFrame(done))));
    const results = [];
    for (let n = total; n >= 1; n--) {
        scrollTo(0, document.body.scrollHeight);
        const before = location.href;
        history.replaceState(history.state, "", `#${id}-step-${n}`);
        window.dispatchEvent(new HashChangeEvent("hashchange", { oldURL: before,
            newURL: location.href }));
        await frames();
        results.push(measure(id));
    }
    return results;
}"""


def measure_with(script: str, page: Page, *args: Any) -> list[dict[str, Any]]:
    # The measuring function is passed as source: evaluate() cannot send a function.
    wrapped = f"""async args => {{
        const measure = {_MEASURE};
        return ({script})([...args.slice(0, -1), measure]);
    }}"""
    results: list[dict[str, Any]] = page.evaluate(wrapped, [*args, None])
    return results


def problems_of(results: list[dict[str, Any]], how: str) -> list[str]:
    return [
        f"{how}, step {result['step']} ({result['file']}): {problem}"
        for result in results
        for problem in result["problems"]
    ]


def use_screen(page: Page, screen: str) -> str:
    """Size the page as ``screen`` of SCREENS; return its name in messages ("1280x800")."""
    width, height = SCREENS[screen]
    page.set_viewport_size({"width": width, "height": height})
    return f"{width}x{height}"


@pytest.mark.parametrize("screen", list(SCREENS))
def test_every_marked_line_is_in_view_on_every_step(
    page: Page, walkthroughs: list[Walkthrough], screen: str
) -> None:
    size = use_screen(page, screen)
    problems: list[str] = []
    checked = 0
    for walkthrough in walkthroughs:
        page.goto(walkthrough.url)
        # Every step laid out (the steps join the grid one task each after the start).
        expect(page.locator(f"#{walkthrough.id}")).to_have_attribute("data-steady", "")
        by_next = measure_with(_EVERY_STEP_WITH_NEXT, page, walkthrough.id)
        assert len(by_next) == walkthrough.steps
        by_link = measure_with(_EVERY_STEP_BY_LINK, page, walkthrough.id, walkthrough.steps)
        assert sorted(result["step"] for result in by_link) == list(range(1, walkthrough.steps + 1))
        checked += sum(result["lines"] for result in by_next + by_link)
        name = f"{walkthrough.id} at {size}"
        problems += problems_of(by_next, f"{name}, Next")
        problems += problems_of(by_link, f"{name}, link")
        if screen in STEADY_SCREENS:
            heights = [result["height"] for result in by_next]
            change = max(abs(a - b) for a, b in itertools.pairwise(heights))
            if change > MAX_HEIGHT_CHANGE:
                problems.append(f"{name}: the height changes by {change:.0f} px between steps")
    assert checked > 100, f"only {checked} marked lines measured"
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("screen", ["desktop", "phone"])
def test_a_link_to_a_step_opens_it_under_the_header(
    page: Page, walkthroughs: list[Walkthrough], screen: str
) -> None:
    # A fresh page load with the step in its URL (the browser's own scroll to the fragment).
    size = use_screen(page, screen)
    problems: list[str] = []
    for walkthrough in walkthroughs:
        # A new document each time: from the same page, only the fragment would change.
        page.goto("about:blank")
        page.goto(f"{walkthrough.url}#{walkthrough.id}-step-{walkthrough.steps}")
        expect(page.locator(f"#{walkthrough.id}")).to_have_attribute(
            "data-current", str(walkthrough.steps)
        )
        page.wait_for_load_state("load")
        page.evaluate("() => new Promise(done => requestAnimationFrame(done))")
        result: dict[str, Any] = page.evaluate(_MEASURE, walkthrough.id)
        problems += problems_of([result], f"{walkthrough.id} at {size}")
        header, title = page.evaluate(
            """id => [document.querySelector(".md-header").getBoundingClientRect().bottom,
                      document.querySelector(`#${id} .lessons-walkthrough__title`)
                          .getBoundingClientRect().top]""",
            walkthrough.id,
        )
        if not header - 1 <= title <= header + 60:
            problems.append(f"{walkthrough.id}: the title stands at {title:.0f}, header {header}")
    assert not problems, "\n".join(problems)


# --- Other files, at the current step -----------------------------------------------------

TWO_FILES = "/lessons/aws-iam/least-privilege-permission-policies/"
TWO_FILES_ID = "validate-policy"


def test_a_tab_shows_another_file_as_it_stands_at_this_step(page: Page) -> None:
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{TWO_FILES}#{TWO_FILES_ID}-step-3")
    step = page.locator(f"#{TWO_FILES_ID}-step-3")
    tabs = step.get_by_role("tablist", name="Files")
    expect(tabs.get_by_role("tab")).to_have_count(2)
    own = tabs.get_by_role("tab", name="policy.json")
    other = tabs.get_by_role("tab", name="check-policy.sh")
    expect(own).to_have_attribute("aria-selected", "true")
    expect(step.get_by_role("tabpanel", name="policy.json")).to_be_visible()
    other.click()
    expect(other).to_have_attribute("aria-selected", "true")
    panel = step.get_by_role("tabpanel", name="check-policy.sh")
    expect(panel).to_be_visible()
    expect(step.get_by_role("tabpanel", name="policy.json")).to_be_hidden()
    # The file this step changes beside its own: its changes are marked, and in view.
    expect(panel.locator("[data-changed]").first).to_be_visible()
    result: dict[str, Any] = page.evaluate(_MEASURE, TWO_FILES_ID)
    assert result["file"] == "check-policy.sh" and result["lines"] and not result["problems"]
    # Copy takes the file shown.
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    step.locator("[data-action=copy]").click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("#!/usr/bin/env bash") and "findings=$(" in copied
    # Leaving the step puts its own file back.
    page.locator(f"#{TWO_FILES_ID} [data-action=previous]").click()
    page.locator(f"#{TWO_FILES_ID} [data-action=next]").click()
    expect(own).to_have_attribute("aria-selected", "true")
    expect(step.get_by_role("tabpanel", name="policy.json")).to_be_visible()


def test_a_tab_of_a_file_the_step_does_not_change_shows_it_unmarked(page: Page) -> None:
    # Step 2 is about check-policy.sh; policy.json stands as step 1 left it, without marks.
    page.goto(f"{TWO_FILES}#{TWO_FILES_ID}-step-2")
    step = page.locator(f"#{TWO_FILES_ID}-step-2")
    step.get_by_role("tab", name="policy.json").click()
    panel = step.get_by_role("tabpanel", name="policy.json")
    expect(panel).to_be_visible()
    expect(panel).to_contain_text('"s3:DeleteObject"')
    expect(panel.locator("[data-focus], [data-changed], mark, .lessons-callout")).to_have_count(0)
    assert page.locator("[id]").evaluate_all(
        "nodes => nodes.length === new Set(nodes.map(node => node.id)).size"
    ), "a copied file repeats an id"


def test_tabs_are_one_tab_stop_and_arrows_move_between_them(page: Page) -> None:
    page.goto(f"{TWO_FILES}#{TWO_FILES_ID}-step-3")
    step = page.locator(f"#{TWO_FILES_ID}-step-3")
    own = step.get_by_role("tab", name="policy.json")
    other = step.get_by_role("tab", name="check-policy.sh")
    assert own.get_attribute("tabindex") == "0" and other.get_attribute("tabindex") == "-1"
    own.focus()
    page.keyboard.press("ArrowRight")
    expect(other).to_be_focused()
    expect(other).to_have_attribute("aria-selected", "true")
    # Arrows on a tab move between files, not steps.
    expect(page.locator(f"#{TWO_FILES_ID}")).to_have_attribute("data-current", "3")
    page.keyboard.press("Home")
    expect(own).to_be_focused()


def test_a_file_not_shown_yet_is_a_disabled_tab(page: Page) -> None:
    page.goto(f"{TWO_FILES}#{TWO_FILES_ID}-step-1")
    later = page.locator(f"#{TWO_FILES_ID}-step-1").get_by_role("tab", name="check-policy.sh")
    expect(later).to_have_attribute("aria-disabled", "true")
    expect(later).to_have_attribute("title", re.compile(r"from step 2"))
    later.dispatch_event("click")
    expect(later).to_have_attribute("aria-selected", "false")


def test_one_file_walkthroughs_have_no_tabs(page: Page) -> None:
    page.goto("/lessons/aws-iam/iam-roles-vs-user-credentials/")
    walkthrough = page.locator("#iam-role")
    expect(walkthrough).to_have_class(re.compile(r"\blessons-walkthrough--player\b"))
    expect(walkthrough.get_by_role("tab")).to_have_count(0)
    expect(walkthrough.locator(".lessons-code__tab").first).to_have_text("iam-role-config.json")


def test_the_terminal_is_a_named_figure_with_commands(page: Page) -> None:
    page.goto(f"{TWO_FILES}#{TWO_FILES_ID}-step-2")
    terminal = page.locator(f"#{TWO_FILES_ID}-step-2").get_by_role("figure", name="Output")
    expect(terminal).to_be_visible()
    expect(terminal.locator(".lessons-output__command")).to_have_text("$ ./check-policy.sh")
    assert (
        terminal.locator(".lessons-output__prompt").evaluate("e => getComputedStyle(e).userSelect")
        == "none"
    )
    # Not a Tab stop of its own: Material's copy button is left out.
    expect(terminal.locator("button")).to_have_count(0)


# --- axe on every step --------------------------------------------------------------------


@pytest.mark.parametrize("color_scheme", list(SCHEMES))
def test_no_axe_violations_in_any_step(
    page: Page, walkthroughs: list[Walkthrough], color_scheme: ColorScheme
) -> None:
    # Tall: every line in view, so that axe can tell each token's background.
    page.set_viewport_size({"width": 1280, "height": 2400})
    page.emulate_media(color_scheme=color_scheme, reduced_motion="reduce")
    failures = []
    for walkthrough in walkthroughs:
        page.goto(walkthrough.url)
        root = page.locator(f"#{walkthrough.id}")
        expect(root).to_have_class(re.compile(r"\blessons-walkthrough--player\b"))
        for n in range(1, walkthrough.steps + 1):
            root.locator(f"[data-action=goto][data-step='{n}']").click()
            expect(root).to_have_attribute("data-current", str(n))
            violations = axe_violations(page, context=f"#{walkthrough.id}")
            if violations:
                failures.append(f"{walkthrough.id} step {n}:\n{format_violations(violations)}")
        for tab in root.locator(".lessons-step--current [role=tab]:not([aria-disabled])").all():
            tab.click()
            violations = axe_violations(page, context=f"#{walkthrough.id}")
            if violations:
                failures.append(
                    f"{walkthrough.id} last step, a tab:\n" + format_violations(violations)
                )
    assert not failures, f"axe ({color_scheme}):\n" + "\n".join(failures)
