"""Glossary terms in a real browser: hover, keyboard focus and touch show a term's definition,
screen readers get it as the link's description; terms are never linked where they must not be;
the glossary page's letters, anchors, "Used in" links and search work; axe finds nothing."""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest
from playwright.sync_api import BrowserContext, Locator, Page, expect

from .conftest import (
    LESSON,
    LESSONS_SCRIPT,
    SCHEMES,
    ColorScheme,
    PageWatch,
    axe_violations,
    fail_on_axe_violations,
    format_violations,
    read_config,
    read_course,
    sources_dir,
)

pytestmark = pytest.mark.browser

GLOSSARY = "/lessons/glossary/"
TERM = "iam-role"  # a seed term whose first use is in the lesson's opening paragraph
# First linked a few paragraphs below TERM: never under TERM's popover, which opens above the
# term when touch emulation's own scroll leaves the term low on the screen.
OTHER_TERM = "access-key-id"
LOW_TERM = "trust-policy"  # first used far enough down the seed lesson to scroll to the bottom
TERMS = ".md-content a.lessons-term"
DESKTOP = {"width": 1280, "height": 800}
PHONE: dict[str, Any] = {
    "has_touch": True,
    "is_mobile": True,
    "viewport": {"width": 390, "height": 844},
}
# Where the linker must never put a term (issue 4, section 2). `a:not(.lessons-term)` can only
# catch a term inside a link that survived parsing; nested <a> tags are checked in the HTML source.
EXCLUDED = {
    "headings": "h1, h2, h3, h4, h5, h6",
    "code": "code, pre, kbd, samp",
    "links": "a:not(.lessons-term)",
    "buttons": "button",
    "walkthrough code panel": ".lessons-code",
    "glossary section": ".lessons-glossary-section",
}


# --- What the site holds ------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    id: str
    name: str
    definition: str  # as plain text, whitespace collapsed
    aliases: tuple[str, ...]


def _text(markup: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", markup)).split())


@pytest.fixture(scope="session")
def entries(site_dir: Path) -> dict[str, Entry]:
    """The glossary page's entries as built: id, name, definition (as text), aliases.

    The definition is the glossary page's own rendering of the term's Markdown, so comparing a
    tooltip with it also checks that the title carries the right text, not just any text."""
    source = (site_dir / GLOSSARY.strip("/") / "index.html").read_text(encoding="utf-8")
    found: dict[str, Entry] = {}
    for block in source.split('<div class="lessons-glossary__entry">')[1:]:
        head = re.search(r'<h3 id="([^"]+)"[^>]*>(.*?)</h3>', block, re.DOTALL)
        body = re.search(r'<p class="lessons-glossary__definition">(.*?)</p>', block, re.DOTALL)
        assert head and body, f"a glossary entry without a heading or definition:\n{block[:400]}"
        aliases = re.search(
            r'<p class="lessons-glossary__aliases">.*?</span>(.*?)</p>', block, re.DOTALL
        )
        found[head.group(1)] = Entry(
            id=head.group(1),
            name=_text(head.group(2)),
            definition=_text(body.group(1)),
            aliases=tuple(a.strip() for a in _text(aliases.group(1)).split(",")) if aliases else (),
        )
    assert TERM in found and OTHER_TERM in found, f"seed terms missing from {sorted(found)}"
    return found


def lesson_paths() -> list[str]:
    """Every lesson of every course, in course order."""
    paths = []
    for course_file in sorted(sources_dir().glob("*/course.yml")):
        course = course_file.parent.name
        paths += [f"/lessons/{course}/{slug}/" for slug in read_course(course)["lessons"]]
    assert LESSON in paths, f"the seed lesson {LESSON} is not in {paths}"
    return paths


def links_all_uses() -> bool:
    for plugin in read_config().get("plugins") or []:
        if isinstance(plugin, dict) and isinstance(plugin.get("lessons"), dict):
            return bool(plugin["lessons"].get("glossary_link_all", False))
    return False


def term(page: Page, term_id: str = TERM) -> Locator:
    return page.locator(f"{TERMS}[data-lessons-term='{term_id}']")


def popovers(page: Page) -> Locator:
    return page.locator(".lessons-term-popover")


def open_page(page: Page, path: str) -> None:
    """Load a page; networkidle: Material intercepts clicks only once it has the sitemap."""
    response = page.goto(path, wait_until="networkidle")
    assert response is not None and response.ok, f"{path}: HTTP {response and response.status}"


def place(page: Page, locator: Locator, block: str = "center") -> None:
    """Scroll so that locator sits mid-viewport (block "center") or on its bottom edge ("end"),
    and wait until it stays there: right after a tap, Chromium's touch emulation may still be
    finishing a scroll of its own that undoes a programmatic one."""
    page.wait_for_function(
        """([e, block]) => {
            const box = e.getBoundingClientRect();
            const at = block === "end" ? box.bottom : box.top + box.height / 2;
            const want = block === "end" ? innerHeight - 8 : innerHeight / 2;
            if (Math.abs(at - want) < 2) return true;
            window.scrollTo({top: scrollY + at - want, behavior: "instant"});
            return false;
        }""",
        arg=[locator.element_handle(), block],
        timeout=5000,
    )


def settle(page: Page) -> None:
    """Wait for fades to end: a tooltip or axe must see what a reader sees."""
    page.wait_for_function("document.getAnimations().every(a => a.playState !== 'running')")


def accessible_description(page: Page, selector: str, index: int = 0) -> tuple[str, str]:
    """(name, description) of the index-th element matching selector, as Chromium's
    accessibility tree computes them: what a screen reader gets, whatever provides it
    (a title, aria-describedby)."""
    cdp = page.context.new_cdp_session(page)
    try:
        expression = f"document.querySelectorAll({selector!r})[{index}]"
        found = cdp.send("Runtime.evaluate", {"expression": expression})["result"]
        assert "objectId" in found, f"no element {index} for {selector}"
        tree = cdp.send(
            "Accessibility.getPartialAXTree",
            {"objectId": found["objectId"], "fetchRelatives": False},
        )
        node = tree["nodes"][0]
        name = str(node.get("name", {}).get("value", ""))
        description = str(node.get("description", {}).get("value", ""))
        return " ".join(name.split()), " ".join(description.split())
    finally:
        cdp.detach()


TIP = "#lessons-term-tip"
# Every box that may show a term's definition: Material's tooltips (which must never show a
# term's), any other tooltip, and the touch popover.
DEFINITION_BOXES = ".md-tooltip, .md-tooltip2, [role=tooltip], .lessons-term-popover"


def definitions_shown(page: Page, definition: str, wait_ms: int = 0) -> int:
    """How many boxes show ``definition`` to the eye (in the page, drawn, not see-through),
    after ``wait_ms`` (time for a late tooltip to arrive) and the fades."""
    page.wait_for_timeout(wait_ms)
    settle(page)
    count: int = page.evaluate(
        """([selector, definition]) => [...document.querySelectorAll(selector)].filter(e =>
            e.textContent.includes(definition) && e.getClientRects().length &&
            e.checkVisibility({opacityProperty: true, visibilityProperty: true})).length""",
        [DEFINITION_BOXES, definition],
    )
    return count


def expect_tooltip_shows(page: Page, link: Locator, definition: str) -> Locator:
    """The tooltip for `link` is in <main> (a landmark), is the link's description, is opaque, in
    view, next to its term, with the definition, and the only box showing it."""
    tip = page.locator(TIP)
    expect(tip).to_be_visible()
    expect(link).to_have_attribute("aria-describedby", "lessons-term-tip")
    expect(tip).to_have_attribute("role", "tooltip")
    expect(tip).to_have_text(definition)
    assert definitions_shown(page, definition) == 1, "the definition shows more than once"
    assert tip.evaluate("e => getComputedStyle(e).opacity") == "1", "the tooltip stays see-through"
    expect(tip).to_be_in_viewport()
    assert tip.evaluate("e => e.parentElement.tagName") == "MAIN"
    host, box = link.bounding_box(), tip.bounding_box()
    assert host is not None and box is not None
    below = 0 <= box["y"] - (host["y"] + host["height"]) <= 24
    above = 0 <= host["y"] - (box["y"] + box["height"]) <= 24
    assert below or above, (host, box)
    assert box["x"] <= host["x"] + host["width"] and box["x"] + box["width"] >= host["x"], (
        host,
        box,
    )
    return tip


def tab_to(page: Page, link: Locator) -> None:
    """Press Tab until ``link`` has the focus, a visible one, as a keyboard user would."""
    page.mouse.move(0, 0)  # nowhere near the term: only the focus can show the tooltip
    for _ in range(300):
        page.keyboard.press("Tab")
        if link.evaluate("e => e === document.activeElement"):
            break
    else:
        pytest.fail("300 presses of Tab never reached the term", pytrace=False)
    assert link.evaluate("e => e.matches(':focus-visible')"), "Tab gave no visible focus"


# --- Hover, keyboard focus, screen readers -----------------------------------------------


def test_hovering_a_term_shows_its_definition(
    page: Page, watch: PageWatch, entries: dict[str, Entry]
) -> None:
    open_page(page, LESSON)
    link = term(page)
    expect(link).to_have_count(1)
    definition = entries[TERM].definition
    assert definitions_shown(page, definition) == 0
    # Its title would be a second tooltip, the browser's own, under ours.
    expect(link).not_to_have_attribute("title", re.compile("."))

    link.hover()
    expect_tooltip_shows(page, link, definition)
    expect(page.locator("[role=tooltip]"), "one tooltip at a time").to_have_count(1)
    assert definitions_shown(page, definition, wait_ms=600) == 1, "a second tooltip came late"

    page.locator(".md-content h1").hover()
    expect(link, "the tooltip goes when the pointer leaves").not_to_have_attribute(
        "aria-describedby", re.compile(".")
    )
    assert definitions_shown(page, definition) == 0
    assert not watch.problems, watch.report()


def test_keyboard_focus_on_a_term_shows_its_definition(
    page: Page, entries: dict[str, Entry]
) -> None:
    open_page(page, LESSON)
    link = term(page)
    tab_to(page, link)
    expect_tooltip_shows(page, link, entries[TERM].definition)
    assert definitions_shown(page, entries[TERM].definition, wait_ms=600) == 1

    page.keyboard.press("Tab")  # on to the next link: the tooltip goes with the focus
    assert not link.evaluate("e => e === document.activeElement"), "Tab stays on the term"
    expect(link).not_to_have_attribute("aria-describedby", re.compile(r"."))
    assert definitions_shown(page, entries[TERM].definition) == 0


@pytest.mark.parametrize("how", ["hover", "focus"])
def test_escape_dismisses_the_tooltip(
    page: Page, watch: PageWatch, entries: dict[str, Entry], how: str
) -> None:
    # WCAG 1.4.13: content shown on hover or focus can be dismissed without moving either.
    open_page(page, LESSON)
    link = term(page)
    definition = entries[TERM].definition
    if how == "hover":
        link.hover()
    else:
        tab_to(page, link)
    expect_tooltip_shows(page, link, definition)
    page.keyboard.press("Escape")
    assert definitions_shown(page, definition, wait_ms=600) == 0, f"Escape left the {how} tooltip"
    expect(link).not_to_have_attribute("aria-describedby", re.compile(r"."))
    if how == "focus":
        expect(link, "Escape keeps the focus where it was").to_be_focused()
    else:
        assert link.evaluate("e => e.matches(':hover')"), "the pointer left the term"
    assert urlsplit(page.url).path == LESSON
    assert not watch.problems, watch.report()


def test_the_pointer_can_move_onto_the_tooltip(page: Page, entries: dict[str, Entry]) -> None:
    # WCAG 1.4.13: hoverable. Moving from the term to its tooltip, across the gap between them,
    # leaves it up, as does resting on it; leaving both takes it down after a short grace.
    open_page(page, LESSON)
    link = term(page)
    place(page, link)  # mid-screen: the tooltip opens below the term
    definition = entries[TERM].definition
    link.hover()
    tip = expect_tooltip_shows(page, link, definition)
    host, box = link.bounding_box(), tip.bounding_box()
    assert host is not None and box is not None
    start = (host["x"] + host["width"] / 2, host["y"] + host["height"] / 2)
    end = (box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.move(*start)
    page.mouse.move(*end, steps=12)
    assert tip.evaluate("e => e.matches(':hover')"), "the pointer is not over the tooltip"
    assert definitions_shown(page, definition, wait_ms=800) == 1, "it went under the pointer"
    expect(tip).to_be_visible()
    expect(link).to_have_attribute("aria-describedby", "lessons-term-tip")

    page.mouse.move(end[0], box["y"] + box["height"] + 80, steps=4)  # off it, away from the term
    expect(tip, "the tooltip stays after the pointer left both").to_have_count(0)
    assert definitions_shown(page, definition) == 0


def test_definitions_are_set_as_body_text(page: Page, entries: dict[str, Entry]) -> None:
    # Definitions run to 40-60 words: at Material's tooltip size (10 px, bold) they are hard
    # to read. The tooltip's text is the size and weight of the paragraph the term is in.
    open_page(page, LESSON)
    link = term(page)
    link.hover()
    tip = expect_tooltip_shows(page, link, entries[TERM].definition)
    style = "e => [getComputedStyle(e).fontSize, getComputedStyle(e).fontWeight]"
    body = link.evaluate(f"e => ({style})(e.closest('p, li'))")
    text = tip.locator("p").evaluate(style)
    assert text == body, f"the definition is set {text}, the body text {body}"
    assert text[1] == "400", f"the definition is set in weight {text[1]}"


def test_without_javascript_a_term_is_a_link_with_its_definition(
    new_context: Callable[..., BrowserContext], entries: dict[str, Entry]
) -> None:
    page = new_context(java_script_enabled=False).new_page()
    open_page(page, LESSON)
    link = term(page)
    href = link.get_attribute("href") or ""
    assert urlsplit(urljoin(page.url, href)).path == GLOSSARY and href.endswith(f"#{TERM}"), href
    expect(link).to_have_attribute("title", entries[TERM].definition)  # the browser's tooltip
    link.hover()
    expect(page.locator("[role=tooltip]")).to_have_count(0)


@pytest.mark.parametrize("javascript", [True, False], ids=["tooltips", "no-javascript"])
def test_screen_readers_get_the_definition_as_description(
    new_context: Callable[..., BrowserContext], entries: dict[str, Entry], javascript: bool
) -> None:
    # With JavaScript, the term is described by its definition (aria-description) and, while
    # its tooltip shows, by the tooltip (aria-describedby); without, by its title. Either way
    # the accessibility tree, which is what screen readers read, must hold the definition.
    page = new_context(java_script_enabled=javascript).new_page()
    open_page(page, LESSON)
    links = page.locator(TERMS)
    checked = 0
    for index in range(links.count()):
        link = links.nth(index)
        if not link.is_visible():
            continue  # in a walkthrough step the player hides: out of the accessibility tree
        checked += 1
        term_id = link.get_attribute("data-lessons-term") or ""
        assert term_id in entries, f"a link to an unknown term {term_id!r}"
        name, description = accessible_description(page, TERMS, index)
        assert name == " ".join((link.text_content() or "").split()), name
        assert description == entries[term_id].definition, (
            f"{term_id}: described as {description!r}"
        )
    assert checked >= 6, f"only {checked} visible terms linked on the seed lesson"
    if not javascript:
        return
    link = term(page)
    link.hover()
    expect_tooltip_shows(page, link, entries[TERM].definition)
    _, description = accessible_description(page, f"{TERMS}[data-lessons-term='{TERM}']")
    assert description == entries[TERM].definition, f"while hovered: {description!r}"


def test_a_mouse_click_follows_the_link_to_the_entry(page: Page) -> None:
    # Only touch opens the popover; a mouse (and Enter) go to the full entry.
    open_page(page, LESSON)
    term(page).click()
    expect(page).to_have_url(re.compile(re.escape(f"{GLOSSARY}#{TERM}") + "$"))
    expect(popovers(page)).to_have_count(0)
    expect(page.locator(f"h3#{TERM}")).to_be_in_viewport()


# --- Touch ---------------------------------------------------------------------------------


@pytest.fixture
def phone(new_context: Callable[..., BrowserContext]) -> Iterator[tuple[Page, PageWatch]]:
    page = new_context(**PHONE).new_page()
    yield page, PageWatch().attach(page)


def expect_popover(page: Page, entry: Entry, term_text: str) -> Locator:
    """Exactly one popover, a dialog named after the term, with the definition, a link to the
    full entry and a close button, inside the viewport, and nothing else showing the text."""
    expect(popovers(page), "one popover").to_have_count(1)
    popover = popovers(page)
    expect(popover).to_be_visible()
    expect(popover).to_have_attribute("role", "dialog")
    expect(popover).to_have_attribute("aria-label", term_text)
    expect(popover.locator("p")).to_have_text(entry.definition)
    full_entry = popover.get_by_role("link", name="Full entry")
    expect(full_entry).to_be_visible()
    href = full_entry.get_attribute("href") or ""
    assert urlsplit(urljoin(page.url, href)).path == GLOSSARY, href
    assert href.endswith(f"#{entry.id}"), href
    expect(popover.get_by_role("button", name="Close")).to_be_visible()
    box = popover.bounding_box()
    size = page.viewport_size
    assert box and size
    assert box["x"] >= 0 and box["x"] + box["width"] <= size["width"], f"off-screen: {box}"
    assert box["y"] >= 0 and box["y"] + box["height"] <= size["height"], f"off-screen: {box}"
    # A tap is also a hover and a focus: a tooltip beside the popover would put the definition
    # on the screen twice, one box over the other.
    assert definitions_shown(page, entry.definition, wait_ms=400) == 1, "a tooltip beside it"
    return popover


@pytest.mark.parametrize(
    ("term_id", "where"),
    [(TERM, "center"), (LOW_TERM, "end")],
    ids=["mid-screen", "bottom-of-screen"],
)
def test_tap_shows_the_definition_in_place(
    phone: tuple[Page, PageWatch], entries: dict[str, Entry], term_id: str, where: str
) -> None:
    page, watch = phone
    open_page(page, LESSON)
    url, history = page.url, page.evaluate("history.length")
    link = term(page, term_id)
    # Mid-screen, or on the bottom edge, where a popover below the term would not fit.
    place(page, link, where)
    link.tap()
    popover = expect_popover(page, entries[term_id], link.inner_text())
    assert page.url == url, f"the tap left the lesson for {page.url}"
    assert page.evaluate("history.length") == history, "the tap added a history entry"
    expect(popover.get_by_role("link", name="Full entry")).to_be_focused()

    popover.get_by_role("button", name="Close").tap()
    expect(popovers(page)).to_have_count(0)
    expect(link, "focus returns to the term").to_be_focused()
    assert page.url == url
    assert not watch.problems, watch.report()


def test_escape_closes_the_popover(
    phone: tuple[Page, PageWatch], entries: dict[str, Entry]
) -> None:
    page, watch = phone
    open_page(page, LESSON)
    link = term(page)
    link.tap()
    expect_popover(page, entries[TERM], link.inner_text())
    page.keyboard.press("Escape")
    expect(popovers(page)).to_have_count(0)
    expect(link, "focus returns to the term").to_be_focused()
    assert urlsplit(page.url).path == LESSON
    assert not watch.problems, watch.report()


@pytest.mark.parametrize("how", ["close", "escape"])
@pytest.mark.parametrize("screen", ["phone", "touch-laptop"])
def test_no_definition_stays_on_screen_after_the_popover_closes(
    new_context: Callable[..., BrowserContext], entries: dict[str, Entry], screen: str, how: str
) -> None:
    # The tap is a hover and a focus too, and Close gives the focus back to the term: neither
    # may leave a tooltip with the definition once the reader closed it.
    options = PHONE if screen == "phone" else {"has_touch": True, "viewport": DESKTOP}
    page = new_context(**options).new_page()
    watch = PageWatch().attach(page)
    open_page(page, LESSON)
    link = term(page)
    place(page, link)
    link.tap()
    definition = entries[TERM].definition
    expect_popover(page, entries[TERM], link.inner_text())
    if how == "close":
        popovers(page).get_by_role("button", name="Close").tap()
    else:
        page.keyboard.press("Escape")
    expect(popovers(page)).to_have_count(0)
    expect(link, "focus returns to the term").to_be_focused()
    assert definitions_shown(page, definition, wait_ms=800) == 0, f"a tooltip after {how}"
    assert not watch.problems, watch.report()


def test_tap_elsewhere_closes_the_popover(
    phone: tuple[Page, PageWatch], entries: dict[str, Entry]
) -> None:
    page, watch = phone
    open_page(page, LESSON)
    url = page.url
    link = term(page)
    # Mid-screen, so that the popover opens below the term.
    place(page, link)
    link.tap()
    expect_popover(page, entries[TERM], link.inner_text())
    page.locator(".md-content h1").tap()  # plain text, away from the term and the popover
    expect(popovers(page)).to_have_count(0)
    assert page.url == url

    # A tap inside the popover keeps it; another term replaces it; the same term again closes.
    place(page, link)
    link.tap()
    popover = expect_popover(page, entries[TERM], link.inner_text())
    popover.locator("p").tap()
    expect(popovers(page)).to_have_count(1)
    other = term(page, OTHER_TERM)
    other.tap()
    expect_popover(page, entries[OTHER_TERM], other.inner_text())
    other.tap()
    expect(popovers(page)).to_have_count(0)
    assert page.url == url
    assert not watch.problems, watch.report()


def test_full_entry_link_goes_to_the_glossary(
    phone: tuple[Page, PageWatch], entries: dict[str, Entry]
) -> None:
    page, watch = phone
    open_page(page, LESSON)
    page.evaluate("window.__lessonsTestMark = 1")
    link = term(page)
    link.tap()
    expect_popover(page, entries[TERM], link.inner_text())
    # Chromium's touch emulation may still be scrolling after the first tap; a scroll that
    # lands after the navigation would carry the new page away from its anchor (seen once in a
    # loaded full run). Wait for the page to rest, as a reader's finger would.
    page.wait_for_function(
        """() => new Promise(done => {
            const y = scrollY;
            setTimeout(() => done(scrollY === y), 250);
        })"""
    )
    popovers(page).get_by_role("link", name="Full entry").tap()
    expect(page).to_have_url(re.compile(re.escape(f"{GLOSSARY}#{TERM}") + "$"))
    expect(popovers(page), "the popover does not follow to the next page").to_have_count(0)
    expect(page.locator(f"h3#{TERM}")).to_be_in_viewport()
    assert page.evaluate("window.__lessonsTestMark") == 1, "a full page load, not instant"
    assert not watch.problems, watch.report()


def glossary_listeners(page: Page) -> list[str]:
    """Listeners that the plugin's script (lessons.js, which holds glossary.js) has on window,
    document and the content, as 'target:type', read through the DevTools protocol."""
    cdp = page.context.new_cdp_session(page)
    scripts: dict[str, str] = {}
    cdp.on("Debugger.scriptParsed", lambda event: scripts.update({event["scriptId"]: event["url"]}))
    cdp.send("Debugger.enable")
    try:
        ours = {sid for sid, url in scripts.items() if LESSONS_SCRIPT.search(url)}
        assert ours, f"lessons.js is not among the page's scripts: {sorted(scripts.values())}"
        found = []
        for target in ("window", "document", "document.querySelector('.md-content')"):
            handle = cdp.send("Runtime.evaluate", {"expression": target})["result"]["objectId"]
            listeners = cdp.send("DOMDebugger.getEventListeners", {"objectId": handle})
            found += [
                f"{target}:{listener['type']}"
                for listener in listeners["listeners"]
                if listener["scriptId"] in ours
            ]
        return sorted(found)
    finally:
        cdp.send("Debugger.disable")
        cdp.detach()


def test_tap_after_instant_navigation_opens_one_popover(
    phone: tuple[Page, PageWatch], entries: dict[str, Entry]
) -> None:
    page, watch = phone
    open_page(page, LESSON)
    page.evaluate("window.__lessonsTestMark = 1")
    listeners = glossary_listeners(page)
    assert any(entry.endswith(":pointerdown") for entry in listeners), listeners

    for _ in range(2):  # away and back twice: piled-up listeners would show by the second time
        page.locator("nav.lessons-pager a[rel=next]").tap()
        expect(page).not_to_have_url(re.compile(re.escape(LESSON) + "$"))
        page.wait_for_load_state("networkidle")
        elsewhere = page.locator(TERMS).first
        elsewhere.tap()
        term_id = elsewhere.get_attribute("data-lessons-term") or ""
        expect_popover(page, entries[term_id], elsewhere.inner_text())
        page.keyboard.press("Escape")
        expect(popovers(page)).to_have_count(0)

        page.go_back()
        expect(page).to_have_url(re.compile(re.escape(LESSON) + "$"))
        page.wait_for_load_state("networkidle")
        link = term(page)
        url = page.url
        link.tap()
        expect_popover(page, entries[TERM], link.inner_text())
        assert page.url == url
        page.locator(".md-content h1").tap()
        expect(popovers(page)).to_have_count(0)

    assert page.evaluate("window.__lessonsTestMark") == 1, "a full page load, not instant"
    assert glossary_listeners(page) == listeners, "listeners piled up across navigation"
    assert not watch.problems, watch.report()


# --- Where terms are linked, and where never ---------------------------------------------


class _NestedLinks(HTMLParser):
    """Term links opened while another <a> is open: the browser's parser would split such a
    link in two, so the DOM cannot show it; the HTML source can."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.nested: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "a":
            return
        if self.depth and "lessons-term" in (dict(attrs).get("class") or "").split():
            self.nested.append(f"line {self.getpos()[0]}: {dict(attrs).get('href')}")
        self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            self.depth = max(0, self.depth - 1)


def mentions(entries: dict[str, Entry]) -> str:
    """A JavaScript regular expression source for any term name or alias, whole words, plural."""
    names = sorted({n for e in entries.values() for n in (e.name, *e.aliases)}, key=len)
    words = "|".join(re.escape(name).replace("\\ ", "\\s+") for name in reversed(names))
    return rf"(^|[^\w])({words})(s|es)?(?![\w])"


def test_terms_are_never_linked_in_headings_code_links_panels_or_glossary_sections(
    page: Page, site_dir: Path, entries: dict[str, Entry]
) -> None:
    pattern = mentions(entries)
    found_in: dict[str, int] = dict.fromkeys(EXCLUDED, 0)
    failures = []
    for path in lesson_paths():
        open_page(page, path)
        content = page.locator(".md-content")
        for place, selector in EXCLUDED.items():
            inside = content.locator(f":is({selector}) a.lessons-term")
            if inside.count():
                texts = inside.evaluate_all("els => els.map(e => e.outerHTML.slice(0, 120))")
                failures.append(f"{path}: term linked inside {place}: {texts}")
            # The check means something only where terms are written in such places.
            found_in[place] += content.locator(f":is({selector})").evaluate_all(
                "(els, source) => els.filter(e => new RegExp(source, 'i').test(e.textContent))"
                ".length",
                pattern,
            )
        linked = content.locator("a.lessons-term")
        ids = linked.evaluate_all("els => els.map(e => e.dataset.lessonsTerm)")
        if not ids:
            failures.append(f"{path}: no term linked at all")
        if not links_all_uses():
            repeated = sorted({i for i in ids if ids.count(i) > 1})
            if repeated:
                failures.append(f"{path}: linked more than once (first use only): {repeated}")
        unknown = sorted(set(ids) - set(entries))
        if unknown:
            failures.append(f"{path}: links to terms the glossary lacks: {unknown}")
        source = (site_dir / path.strip("/") / "index.html").read_text(encoding="utf-8")
        parser = _NestedLinks()
        parser.feed(source)
        if parser.nested:
            failures.append(f"{path}: term links inside other links: {parser.nested}")
    assert not failures, "\n".join(failures)
    vacuous = [place for place, count in found_in.items() if not count and place != "buttons"]
    assert not vacuous, f"no lesson mentions a term in {vacuous}: the check proves nothing there"


# --- The glossary page ---------------------------------------------------------------------


def test_letter_index_leads_to_each_letter(page: Page, watch: PageWatch) -> None:
    open_page(page, GLOSSARY)
    expect(page.locator(".md-content h1")).to_have_text(re.compile(r"^\s*Glossary\s*¶?\s*$"))
    letters = page.locator("nav.lessons-glossary__letters a")
    count = letters.count()
    assert count >= 2, f"{count} letters in the index"
    labels = [letters.nth(i).inner_text().strip() for i in range(count)]
    assert labels == sorted(labels), f"letters out of order: {labels}"
    for label in labels:
        link = letters.filter(has_text=re.compile(rf"^\s*{label}\s*$"))
        # Material's instant navigation makes every link absolute.
        expect(link).to_have_attribute(
            "href", re.compile(re.escape(f"{GLOSSARY}#letter-{label.lower()}") + "$")
        )
        expect(page.locator(f"h2#letter-{label.lower()}")).to_have_text(label)
        # Each letter's terms start with it, in alphabetical order.
        names = page.locator(f"h2#letter-{label.lower()}").evaluate(
            """h => { const names = [];
                for (let e = h.nextElementSibling; e && e.tagName !== 'H2';
                     e = e.nextElementSibling) {
                  const t = e.querySelector('h3'); if (t) names.push(t.textContent.trim()); }
                return names; }"""
        )
        assert names, f"letter {label} has no terms"
        assert all(name.upper().startswith(label) for name in names), (label, names)
        assert names == sorted(names, key=str.casefold), f"{label}: out of order {names}"

    page.evaluate("window.__lessonsTestMark = 1")
    letters.filter(has_text=re.compile(r"^\s*S\s*$")).click()
    expect(page).to_have_url(re.compile(re.escape(GLOSSARY) + "#letter-s$"))
    target = page.locator("#letter-s")
    expect(target).to_be_in_viewport()
    assert page.evaluate("document.querySelector(':target')?.id") == "letter-s"
    top = target.evaluate("e => e.getBoundingClientRect().top")
    header = page.locator(".md-header").evaluate("e => e.getBoundingClientRect().bottom")
    assert header - 1 <= top <= header + 120, f"#letter-s at {top}px, header ends at {header}px"
    assert page.evaluate("window.__lessonsTestMark") == 1, "the letter link reloaded the page"
    assert not watch.problems, watch.report()


def test_each_term_has_an_anchor_that_works(page: Page, entries: dict[str, Entry]) -> None:
    open_page(page, GLOSSARY)
    headings = page.locator(".lessons-glossary__entry h3")
    ids = headings.evaluate_all("els => els.map(e => e.id)")
    assert all(ids), "a term heading without an id"
    assert len(ids) == len(set(ids)), f"duplicate anchors: {ids}"
    assert set(ids) == set(entries)
    # "See also" links point at anchors of this page.
    see_also: list[list[str]] = page.locator(".lessons-glossary__see a").evaluate_all(
        "els => els.map(e => [new URL(e.href).pathname, new URL(e.href).hash.slice(1)])"
    )
    assert see_also, "no see-also links on the glossary page"
    broken = [link for link in see_also if link[0] != GLOSSARY or link[1] not in ids]
    assert not broken, f"see-also links to nowhere: {broken}"
    # A link from outside (a term link, a search result) lands on the entry.
    for term_id in (ids[0], TERM, ids[-1]):
        page.goto(f"{GLOSSARY}#{term_id}", wait_until="networkidle")
        expect(page.locator(f"h3[id='{term_id}']")).to_be_in_viewport()
        assert page.evaluate("document.querySelector(':target')?.id") == term_id


def used_in_links(page: Page, entries: dict[str, Entry]) -> dict[str, set[str]]:
    """From the glossary page (loaded): lesson path -> ids of the terms whose "Used in" names it."""
    used_in: dict[str, set[str]] = {}
    for term_id in entries:
        paths = page.locator(f"h3[id='{term_id}'] ~ .lessons-glossary__used a").evaluate_all(
            "els => els.map(e => new URL(e.href).pathname)"
        )
        for path in paths:
            used_in.setdefault(path, set()).add(term_id)
    return used_in


def lesson_terms(page: Page) -> tuple[set[str], set[str]]:
    """On a lesson (loaded): the terms it links, and those its glossary section lists."""
    linked = set(page.locator(TERMS).evaluate_all("els => els.map(e => e.dataset.lessonsTerm)"))
    listed = set(
        page.locator(".lessons-glossary-section dt a").evaluate_all(
            "els => els.map(e => new URL(e.href).hash.slice(1))"
        )
    )
    return linked, listed


def test_used_in_links_lead_to_lessons_that_use_the_term(
    page: Page, watch: PageWatch, entries: dict[str, Entry]
) -> None:
    open_page(page, GLOSSARY)
    used_in = used_in_links(page, entries)
    lessons = set(lesson_paths())
    assert used_in, "no 'Used in' links on the glossary page"
    assert set(used_in) <= lessons, f"'Used in' links to non-lessons: {set(used_in) - lessons}"

    # A lesson that links a term is named in the term's "Used in" and lists it at its end.
    failures = []
    for path in sorted(lessons):
        open_page(page, path)
        linked, listed = lesson_terms(page)
        said = used_in.get(path, set())
        if not linked:
            failures.append(f"{path}: links no term")
        if linked - said:
            failures.append(f"{path}: links {sorted(linked - said)}, whose 'Used in' lacks it")
        if linked - listed:
            failures.append(f"{path}: links {sorted(linked - listed)}, its glossary lacks them")
    assert not failures, "\n".join(failures)

    # And a click on one follows it (instant navigation), to the lesson.
    open_page(page, GLOSSARY)
    page.evaluate("window.__lessonsTestMark = 1")
    page.locator(f"h3[id='{TERM}'] ~ .lessons-glossary__used a").first.click()
    expect(page).to_have_url(re.compile(re.escape(LESSON) + "$"))
    expect(term(page)).to_have_count(1)
    assert page.evaluate("window.__lessonsTestMark") == 1, "a full page load, not instant"
    assert not watch.problems, watch.report()


def test_lessons_named_in_used_in_list_the_term(page: Page, entries: dict[str, Entry]) -> None:
    # A reader who follows "Used in" must find the term in that lesson.
    open_page(page, GLOSSARY)
    failures = []
    for path, said in sorted(used_in_links(page, entries).items()):
        open_page(page, path)
        _, listed = lesson_terms(page)
        if said - listed:
            failures.append(f"{path}: 'Used in' of {sorted(said - listed)}, not in its glossary")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("term_id", [TERM, "confused-deputy"])
def test_search_finds_a_term_on_the_glossary_page(
    page: Page, entries: dict[str, Entry], term_id: str
) -> None:
    open_page(page, LESSON)
    entry = entries[term_id]
    page.keyboard.press("/")  # Material's shortcut: opens search and focuses the query field
    page.keyboard.type(entry.name.lower())
    meta = page.locator(".md-search-result__meta")
    expect(meta).not_to_have_text(re.compile("Initializing|No matching", re.IGNORECASE))
    result = page.locator(f".md-search-result__link[href*='{GLOSSARY}'][href$='#{entry.id}']")
    expect(result).to_have_count(1)
    if not result.is_visible():
        # A term the lessons use a lot ranks its entry among "N more on this page".
        page.locator(".md-search-result__item").filter(has=result).locator("summary").click()
    expect(result).to_be_visible()
    expect(result).to_contain_text(entry.name)
    result.click()
    expect(page).to_have_url(re.compile(re.escape(GLOSSARY) + r"\?h=[^#]*#" + entry.id + "$"))
    expect(page.locator(f"h3[id='{entry.id}']")).to_be_in_viewport()


# --- axe-core ------------------------------------------------------------------------------


def use_scheme(page: Page, color_scheme: ColorScheme, path: str) -> None:
    page.emulate_media(color_scheme=color_scheme)
    open_page(page, path)
    scheme = page.locator("body").get_attribute("data-md-color-scheme")
    assert scheme == SCHEMES[color_scheme], f"{color_scheme} gave Material's scheme {scheme!r}"


@pytest.mark.parametrize("color_scheme", list(SCHEMES))
def test_glossary_page_has_no_axe_violations(page: Page, color_scheme: ColorScheme) -> None:
    use_scheme(page, color_scheme, GLOSSARY)
    fail_on_axe_violations(page, f"{GLOSSARY} ({color_scheme})")


def violation_keys(violations: list[dict[str, Any]]) -> set[str]:
    return {
        f"{v['id']} {' '.join(map(str, node['target']))}" for v in violations for node in v["nodes"]
    }


@pytest.mark.parametrize("color_scheme", list(SCHEMES))
def test_open_popover_has_no_axe_violations(
    new_context: Callable[..., BrowserContext],
    entries: dict[str, Entry],
    color_scheme: ColorScheme,
) -> None:
    # A touch screen wide enough for the lesson's code blocks: the whole page must be clean.
    page = new_context(has_touch=True, viewport={"width": 1024, "height": 768}).new_page()
    use_scheme(page, color_scheme, LESSON)
    link = term(page)
    link.tap()
    expect_popover(page, entries[TERM], link.inner_text())
    settle(page)
    fail_on_axe_violations(page, f"{LESSON} with the popover open, touch 1024x768 ({color_scheme})")


@pytest.mark.parametrize("color_scheme", list(SCHEMES))
def test_open_popover_adds_no_axe_violations_on_a_phone(
    phone: tuple[Page, PageWatch], entries: dict[str, Entry], color_scheme: ColorScheme
) -> None:
    # On a phone the lesson's code blocks scroll sideways, and Material makes a scrolling code
    # block focusable only where the device can hover: axe reports scrollable-region-focusable
    # with or without a popover (a page-wide matter, not the glossary's). What the popover
    # brings must be clean: nothing axe reports with it open that it did not report before.
    page, _ = phone
    use_scheme(page, color_scheme, LESSON)
    before = violation_keys(axe_violations(page))
    link = term(page)
    link.tap()
    expect_popover(page, entries[TERM], link.inner_text())
    settle(page)
    violations = axe_violations(page)
    added = violation_keys(violations) - before
    assert not added, (
        f"axe-core on {LESSON}, phone ({color_scheme}): the open popover adds {sorted(added)}\n"
        + format_violations(violations)
    )


@pytest.mark.parametrize("how", ["hover", "focus"])
@pytest.mark.parametrize("color_scheme", list(SCHEMES))
def test_open_tooltip_has_no_axe_violations(
    page: Page, entries: dict[str, Entry], color_scheme: ColorScheme, how: str
) -> None:
    use_scheme(page, color_scheme, LESSON)
    link = term(page)
    if how == "hover":
        link.hover()
    else:
        tab_to(page, link)
    expect_tooltip_shows(page, link, entries[TERM].definition)
    fail_on_axe_violations(page, f"{LESSON} with a term's tooltip open ({how}, {color_scheme})")
