"""The walkthrough player on the seed lesson: one step at a time, buttons, keyboard, links to a
step, copy, announcements, motion, narrow screens, instant navigation, axe; and the plain list
of every step without JavaScript."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe  # type: ignore[import-untyped]
from playwright.sync_api import BrowserContext, Locator, Page, expect

from .conftest import (
    LESSON,
    LESSONS_SCRIPT,
    SCHEMES,
    ColorScheme,
    PageWatch,
    axe_violations,
    format_violations,
    read_course,
)

pytestmark = pytest.mark.browser

WALKTHROUGH = "iam-role"  # the seed lesson's walkthrough of iam-role-config.json
STEPS = 13
ROOT = f"#{WALKTHROUGH}"
COURSE_SLUG = LESSON.strip("/").split("/")[-2]


# --- Helpers ----------------------------------------------------------------------------


def root(page: Page, walkthrough: str = WALKTHROUGH) -> Locator:
    return page.locator(f"#{walkthrough}")


def step(page: Page, n: int, walkthrough: str = WALKTHROUGH) -> Locator:
    return page.locator(f"#{walkthrough}-step-{n}")


def button(page: Page, action: str, walkthrough: str = WALKTHROUGH) -> Locator:
    return root(page, walkthrough).locator(f".lessons-walkthrough__controls [data-action={action}]")


def counter(page: Page, walkthrough: str = WALKTHROUGH) -> Locator:
    return root(page, walkthrough).locator(".lessons-walkthrough__counter")


def status(page: Page, walkthrough: str = WALKTHROUGH) -> Locator:
    return root(page, walkthrough).locator(".lessons-walkthrough__status")


def hash_of(n: int, walkthrough: str = WALKTHROUGH) -> re.Pattern[str]:
    return re.compile(re.escape(f"#{walkthrough}-step-{n}") + "$")


def open_player(page: Page, url: str = LESSON) -> None:
    """Load the lesson; networkidle: Material intercepts clicks once it has the sitemap."""
    response = page.goto(url, wait_until="networkidle")
    assert response is not None and response.ok, f"{url}: HTTP {response and response.status}"
    expect(root(page), "the walkthrough becomes a player").to_have_class(
        re.compile(r"\blessons-walkthrough--player\b")
    )


def expect_at(page: Page, n: int, walkthrough: str = WALKTHROUGH, total: int = STEPS) -> None:
    """The player shows step n and only step n, with the counter, dots and buttons to match."""
    expect(counter(page, walkthrough)).to_have_text(f"{n} / {total}")
    expect(root(page, walkthrough)).to_have_attribute("data-current", str(n))
    current = step(page, n, walkthrough)
    expect(current).to_be_visible()
    expect(current.locator(".lessons-step__title")).to_have_text(f"Step {n} of {total}")
    expect(current.locator(".lessons-step__narration")).to_be_visible()
    expect(current.locator("pre code")).to_be_visible()
    expect_one_row_per_line(current.locator("pre > code"), f"step {n}")
    visible_steps = root(page, walkthrough).locator(".lessons-step:visible")
    expect(visible_steps, "one step at a time").to_have_count(1)
    dots = root(page, walkthrough).locator("[data-action=goto]")
    expect(dots).to_have_count(total)
    expect(dots.nth(n - 1)).to_have_attribute("aria-current", "step")
    expect(root(page, walkthrough).locator("[data-action=goto][aria-current]")).to_have_count(1)
    previous, following = button(page, "previous", walkthrough), button(page, "next", walkthrough)
    if n == 1:
        expect(previous).to_be_disabled()
    else:
        expect(previous).to_be_enabled()
    if n == total:
        expect(following).to_be_disabled()
    else:
        expect(following).to_be_enabled()


# Where each line of a code panel sits, and how its text reads (innerText: as a selection
# copies it): one row per line, no line lost or doubled, no blank line added.
_ROWS = """code => {
    const lines = [...code.querySelectorAll(".lessons-line")];
    const tops = lines.map(line => line.getBoundingClientRect().top);
    return {
        lines: lines.length,
        ordered: tops.every((top, i) => i === 0 || top > tops[i - 1]),
        read: code.innerText.replace(/\\n$/, "").split("\\n").length,
    };
}"""


def expect_one_row_per_line(code: Locator, where: str) -> None:
    rows: dict[str, Any] = code.evaluate(_ROWS)
    assert rows["lines"] > 0, f"{where}: no .lessons-line in the code"
    assert rows["ordered"], f"{where}: lines of code share a row: {rows}"
    assert rows["read"] == rows["lines"], f"{where}: the code reads as other lines: {rows}"


def settle(page: Page) -> None:
    """Wait for the step's fade to end: axe must see the colours a reader sees."""
    page.wait_for_function("document.getAnimations().every(a => a.playState !== 'running')")


def no_page_scroll_sideways(page: Page) -> tuple[int, int]:
    sizes: list[int] = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    return sizes[0], sizes[1]


def lessons_listeners(page: Page) -> list[str]:
    """Event listeners that lessons.js holds on window and document, as 'target:type'.

    Read through the DevTools protocol (DOMDebugger.getEventListeners), which sees every
    listener, however it was added and whatever the page script does."""
    cdp = page.context.new_cdp_session(page)
    scripts: dict[str, str] = {}
    cdp.on("Debugger.scriptParsed", lambda event: scripts.update({event["scriptId"]: event["url"]}))
    cdp.send("Debugger.enable")
    try:
        assert any(LESSONS_SCRIPT.search(url) for url in scripts.values()), (
            f"lessons.js is not among the page's scripts: {sorted(set(scripts.values()))}"
        )
        found = []
        for target in ("window", "document"):
            handle = cdp.send("Runtime.evaluate", {"expression": target})["result"]["objectId"]
            listeners = cdp.send("DOMDebugger.getEventListeners", {"objectId": handle})
            found += [
                f"{target}:{listener['type']}"
                for listener in listeners["listeners"]
                if LESSONS_SCRIPT.search(scripts.get(listener["scriptId"], ""))
            ]
        return sorted(found)
    finally:
        cdp.send("Debugger.disable")
        cdp.detach()


# --- Stepping ---------------------------------------------------------------------------


def test_buttons_step_through_every_step(page: Page, watch: PageWatch) -> None:
    open_player(page)
    expect(root(page).locator(".lessons-walkthrough__controls")).to_be_visible()
    expect_at(page, 1)
    expect(status(page), "nothing is announced on load").to_have_text("")
    history_length = page.evaluate("history.length")

    for n in range(2, STEPS + 1):
        button(page, "next").click()
        expect_at(page, n)
        expect(page).to_have_url(hash_of(n))
        expect(status(page)).to_have_text(re.compile(rf"^Step {n} of {STEPS}: "))
    button(page, "next").click(force=True)  # disabled: nothing happens
    expect_at(page, STEPS)

    for n in range(STEPS - 1, 0, -1):
        button(page, "previous").click()
        expect_at(page, n)
        expect(page).to_have_url(hash_of(n))
        expect(status(page)).to_have_text(re.compile(rf"^Step {n} of {STEPS}: "))

    root(page).locator("[data-action=goto][data-step='7']").click()
    expect_at(page, 7)
    expect(page).to_have_url(hash_of(7))
    assert page.evaluate("history.length") == history_length, (
        "the hash follows the step with history.replaceState, not a history entry per step"
    )
    assert not watch.problems, watch.report()


def test_keyboard_steps_through_every_step(page: Page) -> None:
    open_player(page)
    # Keys do nothing while the focus is outside the walkthrough.
    page.locator("body").focus()
    page.keyboard.press("ArrowRight")
    expect_at(page, 1)

    button(page, "next").focus()
    for n in range(2, STEPS + 1):
        page.keyboard.press("ArrowRight")
        expect_at(page, n)
        expect(page).to_have_url(hash_of(n))
    # Next is disabled at the end; the focus moved within the walkthrough, so keys still work,
    # and it shows.
    assert page.evaluate(f"document.querySelector('{ROOT}').contains(document.activeElement)")
    ring = page.evaluate(
        "(() => { const style = getComputedStyle(document.activeElement);"
        " return [style.outlineStyle, style.outlineWidth]; })()"
    )
    assert ring[0] != "none" and ring[1] != "0px", f"no visible focus ring: {ring}"
    page.keyboard.press("ArrowRight")
    expect_at(page, STEPS)
    for n in range(STEPS - 1, 0, -1):
        page.keyboard.press("ArrowLeft")
        expect_at(page, n)
    page.keyboard.press("End")
    expect_at(page, STEPS)
    page.keyboard.press("Home")
    expect_at(page, 1)
    expect(page).to_have_url(hash_of(1))
    # A step dot has the keys too (and keeps the focus inside).
    root(page).locator("[data-action=goto][data-step='5']").click()
    expect_at(page, 5)
    page.keyboard.press("ArrowRight")
    expect_at(page, 6)
    # Alt+Left is the browser's Back: not ours.
    page.keyboard.press("Alt+ArrowLeft")
    expect_at(page, 6)


def test_link_to_a_step_opens_it(page: Page) -> None:
    open_player(page, f"{LESSON}#{WALKTHROUGH}-step-7")
    expect_at(page, 7)
    expect(step(page, 7)).to_be_in_viewport()
    expect(status(page), "opening a link announces nothing").to_have_text("")

    # A link on the page (taken over by Material's instant navigation), then a hash change.
    page.evaluate(
        f"""() => {{
            const link = document.createElement("a");
            link.href = "#{WALKTHROUGH}-step-4";
            link.id = "test-link";
            link.textContent = "step 4";
            document.querySelector(".lessons-lesson").prepend(link);
        }}"""
    )
    page.locator("#test-link").click()
    expect_at(page, 4)
    expect(page).to_have_url(hash_of(4))
    expect(step(page, 4)).to_be_in_viewport()

    page.evaluate(f"location.hash = '#{WALKTHROUGH}-step-11'")
    expect_at(page, 11)

    # A hash that names no step of this walkthrough leaves it alone.
    page.evaluate(f"location.hash = '#{WALKTHROUGH}-step-99'")
    expect_at(page, 11)


def test_copy_button_copies_the_current_state(
    new_context: Callable[..., BrowserContext],
) -> None:
    context = new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    open_player(page)
    copied: dict[int, str] = {}
    for n in (1, 6, STEPS):
        root(page).locator(f"[data-action=goto][data-step='{n}']").click()
        expect_at(page, n)
        page.evaluate("navigator.clipboard.writeText('')")
        copy = step(page, n).locator("[data-action=copy]")
        expect(copy).to_be_visible()
        label = copy.inner_text()
        assert label.strip(), "the copy button has a label"
        copy.click()
        expect(copy, "the button says it copied").to_have_text(
            copy.get_attribute("data-copied") or "(no data-copied)"
        )
        page.wait_for_function("navigator.clipboard.readText().then(text => text !== '')")
        text: str = page.evaluate("navigator.clipboard.readText()")
        code = step(page, n).locator("pre code")
        assert text == code.text_content(), f"step {n}: the clipboard is not the step's code"
        # And what a reader sees (innerText: as a selection would copy it), line for line.
        assert text.rstrip("\n").split("\n") == code.inner_text().rstrip("\n").split("\n")
        json.loads(text)  # a state of iam-role-config.json: valid JSON, nothing extra copied
        copied[n] = text
        expect(copy, "the label comes back").to_have_text(label, timeout=5000)
    assert copied[1] != copied[STEPS], "each step copies its own state, not the first one"


def test_one_polite_live_region_per_walkthrough(page: Page) -> None:
    open_player(page)
    live = root(page).locator("[aria-live]")
    expect(live, "one live region, and not on a big region").to_have_count(1)
    expect(live).to_have_attribute("aria-live", "polite")
    expect(live).to_have_class(re.compile(r"\blessons-walkthrough__status\b"))
    assert page.evaluate(f"document.querySelector('{ROOT}').closest('[aria-live]')") is None
    button(page, "next").click()
    expect(live).to_have_text(re.compile(rf"^Step 2 of {STEPS}: "))
    page.keyboard.press("End")
    expect(live).to_have_text(re.compile(rf"^Step {STEPS} of {STEPS}: "))


# --- Motion, layout, code panel ---------------------------------------------------------

# Click Next and, in the same task, list what animates in the walkthrough.
_ANIMATIONS_ON_NEXT = f"""() => {{
    const root = document.querySelector("{ROOT}");
    root.querySelector(".lessons-walkthrough__controls [data-action=next]").click();
    const current = document.getElementById(`${{root.id}}-step-${{root.dataset.current}}`);
    return {{
        running: root.getAnimations({{ subtree: true }})
            .map(a => a.animationName || a.transitionProperty || "?"),
        animationName: getComputedStyle(current).animationName,
    }};
}}"""


def test_reduced_motion_means_no_animation(page: Page) -> None:
    page.emulate_media(reduced_motion="reduce")
    open_player(page)
    result: dict[str, Any] = page.evaluate(_ANIMATIONS_ON_NEXT)
    expect_at(page, 2)
    assert result == {"running": [], "animationName": "none"}, result


def test_step_change_fades_when_motion_is_fine(page: Page) -> None:
    # The counterpart of the test above: without it, that one would pass with no fade at all.
    page.emulate_media(reduced_motion="no-preference")
    open_player(page)
    result: dict[str, Any] = page.evaluate(_ANIMATIONS_ON_NEXT)
    assert result["animationName"] != "none" and result["running"], result


def test_code_panel_scrolls_to_the_focus_not_the_page(page: Page) -> None:
    # Short: the code panel scrolls inside itself. Once the walkthrough stands under the
    # header (as a reader's first move puts it), Next never moves the page.
    page.set_viewport_size({"width": 1280, "height": 640})
    open_player(page)
    root(page).scroll_into_view_if_needed()
    button(page, "next").click()
    button(page, "previous").click()
    scrolled_panels = 0
    for n in range(1, STEPS + 1):
        if n > 1:
            before = page.evaluate("window.scrollY")
            button(page, "next").click()
            expect_at(page, n)
            assert page.evaluate("window.scrollY") == before, f"step {n}: the page scrolled"
        geometry = page.evaluate(
            f"""() => {{
                const step = document.getElementById("{WALKTHROUGH}-step-{n}");
                const code = step.querySelector(".lessons-code pre > code");
                const line = step.querySelector(".lessons-line[data-focus]");
                if (!line) return null;
                const box = code.getBoundingClientRect(), row = line.getBoundingClientRect();
                return {{top: row.top - box.top, bottom: box.bottom - row.bottom,
                         scrollTop: code.scrollTop}};
            }}"""
        )
        if geometry is None:
            continue
        assert geometry["top"] >= -1 and geometry["bottom"] >= -1, (
            f"step {n}: the first focus line is outside the code panel: {geometry}"
        )
        scrolled_panels += geometry["scrollTop"] > 0
    assert scrolled_panels, "no step needed the panel to scroll: make the viewport shorter"


def test_first_move_brings_the_walkthrough_under_the_header(page: Page) -> None:
    # A reader who scrolled past the walkthrough's top and presses Next sees its title again,
    # just under Material's sticky header, not under it.
    page.set_viewport_size({"width": 1280, "height": 800})
    open_player(page)
    root(page).evaluate("e => scrollTo(0, scrollY + e.getBoundingClientRect().top + 300)")
    # From the keyboard: a click would first scroll the button into view itself.
    button(page, "next").evaluate("e => e.focus({ preventScroll: true })")
    page.keyboard.press("Enter")
    expect_at(page, 2)
    header, title = page.evaluate(
        f"""() => [document.querySelector(".md-header").getBoundingClientRect().bottom,
                   document.querySelector("{ROOT} .lessons-walkthrough__title")
                       .getBoundingClientRect().top]"""
    )
    assert header <= title <= header + 40, (header, title)


def test_wide_screen_gives_the_code_the_width_of_the_page(page: Page) -> None:
    # Material's content column is too narrow for narration and code side by side (each got
    # ~32 characters a line): the narration reads above code as wide as the page's text.
    page.set_viewport_size({"width": 1280, "height": 800})
    open_player(page)
    narration = step(page, 1).locator(".lessons-step__narration").bounding_box()
    code = step(page, 1).locator(".lessons-code").bounding_box()
    article = page.locator("article.md-content__inner").bounding_box()
    assert narration and code and article
    assert code["y"] >= narration["y"] + narration["height"] - 1, (narration, code)
    assert code["width"] >= article["width"] - 2, (code, article)
    assert narration["width"] >= article["width"] - 2, (narration, article)


@pytest.mark.parametrize("javascript", [True, False], ids=["player", "no-javascript"])
def test_narrow_screen_has_no_sideways_page_scroll(
    new_context: Callable[..., BrowserContext], javascript: bool
) -> None:
    context = new_context(viewport={"width": 360, "height": 740}, java_script_enabled=javascript)
    page = context.new_page()
    page.goto(LESSON)
    if javascript:
        expect(root(page)).to_have_class(re.compile(r"\blessons-walkthrough--player\b"))
    for n in range(1, STEPS + 1):
        if javascript and n > 1:
            button(page, "next").click()
            expect_at(page, n)
        expect(step(page, n).locator("pre code").first).to_be_visible()
        width, viewport = no_page_scroll_sideways(page)
        assert width <= viewport, f"step {n}: the page scrolls sideways ({width} > {viewport})"
        # Long lines wrap: the code never scrolls sideways either.
        sideways = (
            step(page, n)
            .locator(".lessons-code pre > code")
            .first.evaluate("e => e.scrollWidth - e.clientWidth")
        )
        assert sideways <= 0, f"step {n}: the code scrolls sideways by {sideways} px"
    narration = step(page, STEPS).locator(".lessons-step__narration").bounding_box()
    code = step(page, STEPS).locator(".lessons-step__code").bounding_box()
    assert narration and code
    if javascript:
        # The code first, sticky under the controls, the narration scrolling below it.
        assert narration["y"] >= code["y"] + code["height"] - 1, (narration, code)
        position = (
            step(page, STEPS)
            .locator(".lessons-step__code")
            .evaluate("e => getComputedStyle(e).position")
        )
        assert position == "sticky"
    else:
        assert code["y"] >= narration["y"] + narration["height"] - 1, (narration, code)


# --- Without JavaScript -----------------------------------------------------------------


def test_without_javascript_every_step_reads_in_order(
    new_context: Callable[..., BrowserContext],
) -> None:
    page = new_context(java_script_enabled=False).new_page()
    page.goto(LESSON)
    walkthrough = root(page)
    expect(walkthrough).not_to_have_class(re.compile("player"))
    expect(walkthrough.locator(".lessons-walkthrough__controls")).to_be_hidden()
    steps = walkthrough.locator("ol.lessons-walkthrough__steps > li.lessons-step")
    expect(steps).to_have_count(STEPS)
    previous_top = -1.0
    for n in range(1, STEPS + 1):
        item = step(page, n)
        expect(item).to_be_visible()
        expect(item.locator(".lessons-step__title")).to_have_text(f"Step {n} of {STEPS}")
        expect(item.locator(".lessons-step__narration")).to_be_visible()
        code = item.locator("pre code")
        expect(code).to_be_visible()
        json.loads(code.inner_text())
        expect_one_row_per_line(code, f"step {n} without JavaScript")
        expect(item.locator("[data-action=copy]"), "copying needs JavaScript").to_be_hidden()
        box = item.bounding_box()
        assert box and box["y"] > previous_top, f"step {n} is out of order"
        previous_top = box["y"]
    # Focus lines are marked by more than colour (a bar), changed lines by a "+"; none dimmed.
    focus = walkthrough.locator(".lessons-line[data-focus]").first
    assert focus.evaluate("e => getComputedStyle(e).boxShadow") != "none"
    assert focus.evaluate("e => getComputedStyle(e).backgroundColor") != "rgba(0, 0, 0, 0)"
    changed = walkthrough.locator(".lessons-line[data-changed]").first
    marker = changed.evaluate("e => getComputedStyle(e, '::before').content")
    assert "+" in marker, marker
    plain = walkthrough.locator(
        ".lessons-code__file[data-has-focus] .lessons-line:not([data-focus])"
    )
    assert plain.first.evaluate("e => getComputedStyle(e).opacity") == "1"


def test_print_shows_every_step(page: Page) -> None:
    open_player(page)
    button(page, "next").click()
    page.emulate_media(media="print")
    expect(root(page).locator(".lessons-step:visible")).to_have_count(STEPS)
    expect(root(page).locator(".lessons-walkthrough__controls")).to_be_hidden()
    expect(root(page).locator("[data-action=copy]:visible")).to_have_count(0)


# --- Instant navigation -----------------------------------------------------------------


def test_instant_navigation_away_and_back_leaves_one_player(page: Page, watch: PageWatch) -> None:
    course = read_course(COURSE_SLUG)
    other_slug = course["lessons"][1]
    open_player(page)
    page.evaluate("window.__lessonsTestMark = 1")
    listeners = lessons_listeners(page)

    button(page, "next").click()
    button(page, "next").click()
    expect_at(page, 3)

    # Away by the lesson pager, back by the browser's history: the URL keeps the step.
    page.locator("nav.lessons-pager a[rel=next]").click()
    expect(page).to_have_url(re.compile(re.escape(f"/{other_slug}/") + "$"))
    page.go_back()
    expect(page).to_have_url(hash_of(3))
    expect_at(page, 3)
    button(page, "next").click()
    expect_at(page, 4)
    assert lessons_listeners(page) == listeners, "listeners piled up on window or document"

    # Away again and back by a link: the player starts at the first step.
    page.locator("nav.lessons-pager a[rel=next]").click()
    expect(page).to_have_url(re.compile(re.escape(f"/{other_slug}/") + "$"))
    page.locator("nav.lessons-pager a[rel=prev]").click()
    expect(page).to_have_url(re.compile(re.escape(LESSON) + "$"))
    expect_at(page, 1)
    button(page, "next").click()
    expect_at(page, 2)
    page.keyboard.press("ArrowRight")
    expect_at(page, 3)
    assert lessons_listeners(page) == listeners, "listeners piled up on window or document"

    assert page.evaluate("window.__lessonsTestMark") == 1, "the clicks reloaded the page"
    assert not watch.problems, watch.report()


def test_walkthroughs_on_one_page_are_independent(page: Page) -> None:
    # A second copy of the walkthrough (ids renamed), made before the scripts mount.
    page.add_init_script(
        f"""document.addEventListener("DOMContentLoaded", () => {{
            const first = document.getElementById("{WALKTHROUGH}");
            const second = first.cloneNode(true);
            for (const node of [second, ...second.querySelectorAll("[id]")]) {{
                node.id = node.id.replace("{WALKTHROUGH}", "copy");
            }}
            first.after(second);
        }});"""
    )
    open_player(page)
    expect(root(page, "copy")).to_have_class(re.compile(r"\blessons-walkthrough--player\b"))
    button(page, "next", "copy").click()
    button(page, "next", "copy").click()
    expect_at(page, 3, "copy")
    expect_at(page, 1)
    expect(page).to_have_url(hash_of(3, "copy"))
    expect(status(page, "copy")).to_have_text(re.compile(rf"^Step 3 of {STEPS}: "))
    expect(status(page)).to_have_text("")
    button(page, "next").click()
    expect_at(page, 2)
    expect_at(page, 3, "copy")
    button(page, "previous").focus()  # focus inside the first: keys move the first only
    page.keyboard.press("End")
    expect_at(page, STEPS)
    expect_at(page, 3, "copy")


# --- axe-core ---------------------------------------------------------------------------


@pytest.mark.parametrize("color_scheme", list(SCHEMES))
def test_player_has_no_axe_violations(page: Page, color_scheme: ColorScheme) -> None:
    # Tall enough for the code panel to show every line without scrolling: axe cannot tell the
    # background of a line scrolled out of the panel, and would leave it unchecked.
    page.set_viewport_size({"width": 1280, "height": 2000})
    page.emulate_media(color_scheme=color_scheme)
    open_player(page)
    scheme = page.locator("body").get_attribute("data-md-color-scheme")
    assert scheme == SCHEMES[color_scheme], scheme
    failures = []
    for n in (1, STEPS):
        root(page).locator(f"[data-action=goto][data-step='{n}']").click()
        expect_at(page, n)
        settle(page)
        violations = axe_violations(page)
        if violations:
            failures.append(f"step {n}:\n{format_violations(violations)}")
        # Every token of the step, dimmed or tinted, was actually checked, not left "incomplete".
        contrast = (
            Axe()
            .run(
                page,
                context=ROOT,
                options={"runOnly": ["color-contrast"], "resultTypes": ["incomplete"]},
            )
            .response
        )
        unchecked = [node for rule in contrast["incomplete"] for node in rule["nodes"]]
        if unchecked:
            failures.append(
                f"step {n}: axe could not check the contrast of {len(unchecked)} elements: "
                + "; ".join(f"{node['target']}: {node['failureSummary']}" for node in unchecked[:5])
            )
    if failures:
        pytest.fail(
            f"axe-core on the player ({color_scheme}):\n" + "\n".join(failures), pytrace=False
        )
