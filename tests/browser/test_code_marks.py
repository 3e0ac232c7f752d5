"""Marks in a walkthrough's code, as a reader sees them: the focus bar and the change sign each
at 3:1 on the code (WCAG 1.4.11) in light and dark, changed lines in their own colours, removed
lines as struck ghosts that are never copied, text marks and callouts on screen and read."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import BrowserContext, Locator, Page, expect

from mkdocs_lessons.core.i18n import Translator
from mkdocs_lessons.walkthrough.highlight import CodeHighlighter
from mkdocs_lessons.walkthrough.model import CodeState, Step, Walkthrough
from mkdocs_lessons.walkthrough.render import code_panel

from .conftest import LESSON, SCHEMES, ColorScheme

pytestmark = pytest.mark.browser

WALKTHROUGH = "iam-role"
ROOT = f"#{WALKTHROUGH}"
# WCAG 1.4.11: a mark that tells a reader something is a graphical object, 3:1 on its ground.
NON_TEXT = 3.0

Colour = tuple[float, float, float, float]


def colour(css: str) -> Colour:
    """An rgb()/rgba() value as (r, g, b, alpha), the format getComputedStyle gives."""
    numbers = [float(part) for part in re.findall(r"[\d.]+", css)]
    assert len(numbers) in (3, 4), f"not an rgb() colour: {css!r}"
    return (numbers[0], numbers[1], numbers[2], numbers[3] if len(numbers) == 4 else 1.0)


def over(top: Colour, ground: Colour) -> Colour:
    alpha = top[3]
    mixed = [top[i] * alpha + ground[i] * (1 - alpha) for i in range(3)]
    return (mixed[0], mixed[1], mixed[2], 1.0)


def luminance(value: Colour) -> float:
    def channel(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in value[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(one: Colour, other: Colour) -> float:
    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def open_step(page: Page, n: int) -> Locator:
    """Step n of the seed walkthrough, on the lesson page already open (by a link to it)."""
    page.evaluate(f"location.hash = '#{WALKTHROUGH}-step-{n}'")
    expect(page.locator(ROOT)).to_have_attribute("data-current", str(n))
    settle(page)
    return page.locator(f"#{WALKTHROUGH}-step-{n}")


def settle(page: Page) -> None:
    """Colours are read once the fade and the scheme's transitions are over."""
    page.wait_for_function("document.getAnimations().every(a => a.playState !== 'running')")


def first_step_with(page: Page, selector: str) -> int:
    """The first step of the seed walkthrough that has ``selector`` (the lesson is open)."""
    number: str | None = page.evaluate(
        f"""() => document.querySelector("{ROOT} .lessons-step:has({selector})")?.dataset.step"""
    )
    assert number, f"no step of the seed walkthrough has {selector}"
    return int(number)


def computed(element: Locator, prop: str, pseudo: str | None = None) -> str:
    value: str = element.evaluate(
        "(e, [prop, pseudo]) => getComputedStyle(e, pseudo).getPropertyValue(prop)",
        [prop, pseudo],
    )
    return value


# (scheme, mark) -> contrast ratio, printed at the end of the run (`pytest -s`) for the notes.
MEASURED: dict[tuple[str, str], float] = {}


@pytest.fixture(scope="module", autouse=True)
def print_measured() -> object:
    yield
    for (scheme, mark), ratio in sorted(MEASURED.items()):
        print(f"\ncontrast {scheme:5} {mark:42} {ratio:.2f}:1", end="")


@pytest.mark.parametrize("color_scheme", list(SCHEMES))
def test_focus_and_change_marks_are_distinct_and_3_to_1(
    page: Page, color_scheme: ColorScheme
) -> None:
    page.set_viewport_size({"width": 1280, "height": 1400})
    page.emulate_media(color_scheme=color_scheme)
    page.goto(LESSON, wait_until="networkidle")
    both = first_step_with(page, "[data-focus][data-changed]")
    item = open_step(page, both)
    assert page.locator("body").get_attribute("data-md-color-scheme") == SCHEMES[color_scheme]
    code = item.locator("pre > code")
    ground = colour(computed(code, "background-color"))
    assert ground[3] == 1, "the code background is opaque"

    line = item.locator(".lessons-line[data-focus][data-changed]").first
    tint = over(colour(computed(line, "background-color")), ground)
    shadow = computed(line, "box-shadow")
    bar = colour(re.match(r"rgba?\([^)]*\)", shadow).group())  # type: ignore[union-attr]
    bar_width = float(shadow.split(")")[1].split()[0].rstrip("px"))
    assert bar_width >= 2, f"the focus bar is {bar_width}px wide"
    sign = colour(computed(line, "color", "::before"))
    assert "+" in computed(line, "content", "::before")

    MEASURED[(color_scheme, "focus bar / code background")] = contrast(bar, ground)
    MEASURED[(color_scheme, "focus bar / focused line")] = contrast(bar, tint)
    MEASURED[(color_scheme, "change sign / code background")] = contrast(sign, ground)
    MEASURED[(color_scheme, "change sign / focused line")] = contrast(sign, tint)
    for (scheme, mark), ratio in MEASURED.items():
        if scheme == color_scheme:
            assert ratio >= NON_TEXT, f"{color_scheme}: {mark} is {ratio:.2f}:1"

    # Not stacked: the sign stands right of the bar, and a changed line is not tinted (the
    # focus tint is the only one, so focus+change reads as focus with a sign).
    sign_left = float(computed(line, "left", "::before").rstrip("px"))
    assert sign_left > bar_width, f"the '+' ({sign_left}px) is over the bar ({bar_width}px)"
    plain_change: bool = item.evaluate(
        """item => [...document.querySelectorAll('.lessons-line[data-changed]:not([data-focus])')]
            .every(line => getComputedStyle(line).backgroundColor === 'rgba(0, 0, 0, 0)'
                && getComputedStyle(line).boxShadow === 'none')"""
    )
    assert plain_change, "a changed line that is not focused has neither the tint nor the bar"
    focus_only = page.locator(f"{ROOT} .lessons-line[data-focus]:not([data-changed])").first
    assert "+" not in computed(focus_only, "content", "::before"), "focus alone has no '+'"


@pytest.mark.parametrize("color_scheme", list(SCHEMES))
def test_removed_lines_and_text_marks_read_in_both_schemes(
    page: Page, color_scheme: ColorScheme
) -> None:
    page.emulate_media(color_scheme=color_scheme)
    page.goto(LESSON, wait_until="networkidle")
    item = open_step(page, first_step_with(page, ".lessons-ghost"))
    ground = colour(computed(item.locator("pre > code"), "background-color"))
    ghost = item.locator(".lessons-ghost").first
    minus = colour(computed(ghost, "color", "::before"))
    MEASURED[(color_scheme, "removed sign / code background")] = contrast(minus, ground)
    text = colour(computed(ghost, "color"))
    MEASURED[(color_scheme, "removed text / code background (text)")] = contrast(text, ground)
    assert contrast(minus, ground) >= NON_TEXT
    assert contrast(text, ground) >= 4.5, "a ghost is dim, not illegible"

    marked = open_step(page, first_step_with(page, ".lessons-mark")).locator(".lessons-mark")
    mark = marked.first
    expect(mark).to_be_visible()
    assert mark.inner_text().strip(), "a text mark wraps text"
    under = computed(mark, "box-shadow")
    underline = colour(re.match(r"rgba?\([^)]*\)", under).group())  # type: ignore[union-attr]
    mark_ground = over(colour(computed(mark, "background-color")), ground)
    MEASURED[(color_scheme, "text mark underline / marked text")] = contrast(underline, mark_ground)
    assert contrast(underline, mark_ground) >= NON_TEXT


def test_changed_lines_keep_their_syntax_colours(page: Page) -> None:
    page.goto(LESSON, wait_until="networkidle")
    item = open_step(page, first_step_with(page, "[data-focus][data-changed] .nt"))
    line = item.locator(".lessons-line[data-focus][data-changed]:has(.nt)").first
    token = line.locator(".nt").first
    focused = computed(token, "color")
    dimmed = computed(
        item.locator(".lessons-line:not([data-focus], [data-changed])").first, "color"
    )
    # The same line, changed but out of focus, as a step that changes more than it focuses has.
    line.evaluate("line => line.removeAttribute('data-focus')")
    assert computed(token, "color") == focused, "a changed line lost its token colours"
    assert focused != dimmed, "the test needs a token coloured apart from dimmed code"


def test_a_removed_line_shows_struck_and_is_never_copied(
    new_context: Callable[..., BrowserContext],
) -> None:
    context = new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(LESSON, wait_until="networkidle")
    n = first_step_with(page, ".lessons-ghost")
    item = open_step(page, n)
    ghost = item.locator(".lessons-ghost").first
    removed = ghost.get_attribute("data-text") or ""
    assert removed.strip()
    expect(ghost).to_be_visible()
    box = ghost.bounding_box()
    assert box and box["height"] > 10 and box["width"] > 100, f"the ghost is not a line: {box}"
    assert "line-through" in computed(ghost, "text-decoration-line")
    assert computed(ghost, "content", "::after").strip('"').replace('\\"', '"') == removed

    page.evaluate("navigator.clipboard.writeText('')")
    item.locator("[data-action=copy]").click()
    page.wait_for_function("navigator.clipboard.readText().then(text => text !== '')")
    copied: str = page.evaluate("navigator.clipboard.readText()")
    code = item.locator("pre > code")
    assert removed not in copied.split("\n"), "the copy button copied a removed line"
    json.loads(copied)  # the step's state, nothing else
    # A reader's selection of the whole code takes no ghost either.
    selected: str = code.evaluate(
        """code => { const range = document.createRange(); range.selectNodeContents(code);
            getSelection().removeAllRanges(); getSelection().addRange(range);
            return getSelection().toString(); }"""
    )
    assert removed not in selected.split("\n")
    # Screen readers are told: the line's text with the word for "removed".
    tree = item.locator("pre").aria_snapshot()
    assert f"removed {removed.strip()}" in tree.replace('\\"', '"'), tree[:400]

    # In print every step is shown, the ghost with it.
    page.emulate_media(media="print")
    expect(ghost).to_be_visible()
    assert "line-through" in computed(ghost, "text-decoration-line")


def test_ghost_lines_show_without_javascript(
    new_context: Callable[..., BrowserContext],
) -> None:
    page = new_context(java_script_enabled=False).new_page()
    page.goto(LESSON)
    ghost = page.locator(f"{ROOT} .lessons-ghost").first
    expect(ghost).to_be_visible()
    assert "line-through" in computed(ghost, "text-decoration-line")
    assert computed(ghost, "content", "::after") != "none"


def test_a_callout_shows_under_its_line_and_is_read(page: Page, tmp_path: Path) -> None:
    # The callout as the renderer writes it, put into the seed lesson's page: the page's own
    # stylesheet is what is tested.
    state = CodeState("a.json", '{\n  "a": 1\n}', "json")
    walkthrough = Walkthrough(WALKTHROUGH, tmp_path / "index.md", 1, ["a.json"])
    note_text = "The account that may assume the role"
    made = Step(1, 1, "a.json", state, "", callouts={2: note_text})
    panel = code_panel(walkthrough, made, CodeHighlighter(), Translator("en"))
    soup = BeautifulSoup(panel, "html.parser")
    callout = soup.select_one(".lessons-callout")
    assert callout is not None
    page.goto(LESSON, wait_until="networkidle")
    item = open_step(page, 1)
    line = item.locator(".lessons-line[data-line='2']")
    line.evaluate(
        "(line, [html, id]) => { line.insertAdjacentHTML('afterend', html); "
        "line.setAttribute('aria-describedby', id); }",
        [str(callout), callout["id"]],
    )
    note = item.locator(".lessons-callout")
    expect(note).to_be_visible()
    line_box, note_box = line.bounding_box(), note.bounding_box()
    assert line_box and note_box
    assert line_box["y"] + line_box["height"] <= note_box["y"] + 1, "the note is under its line"
    assert note_box["height"] >= 10
    assert note_text in item.locator("pre").aria_snapshot(), "the note is in the reading order"
    assert note_text not in (item.locator("pre > code").text_content() or ""), "not code"
