"""The plugin's script and stylesheet load only on pages that use them, instant navigation
from a page without them to a lesson still starts the lesson, and pages opened from file://
(Material's offline plugin) load them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import ConsoleMessage, Page, expect

from .conftest import (
    CONFIG,
    HOME,
    LESSON,
    LESSONS_ASSET,
    LESSONS_SCRIPT,
    PageWatch,
    build_strict,
    read_config,
    sources_dir,
)

pytestmark = pytest.mark.browser

WALKTHROUGH = ".lessons-walkthrough"


def asset_requests(page: Page) -> list[str]:
    """URLs of the plugin's bundles that ``page`` requests from now on."""
    requested: list[str] = []
    page.on(
        "request",
        lambda request: (
            requested.append(request.url) if LESSONS_ASSET.search(request.url) else None
        ),
    )
    return requested


def follow_nav_link(page: Page, href_end: str) -> None:
    """Follow the primary navigation's link to ``href_end`` as Material sees a click on it.

    The lesson's entry sits in collapsed sections on the home page; the click is dispatched to
    the link itself, which bubbles to the listener on <body> through which Material's instant
    navigation takes every click (opening the sections first would test the site's nav)."""
    page.locator(f'nav.md-nav--primary a.md-nav__link[href$="{href_end}"]').first.dispatch_event(
        "click"
    )


def test_page_without_lessons_requests_no_bundle(page: Page, watch: PageWatch) -> None:
    requested = asset_requests(page)
    page.goto(HOME, wait_until="networkidle")
    expect(page.locator(".md-content h1")).to_be_visible()
    assert requested == [], f"the home page (no lesson feature) loaded {requested}"
    assert not watch.problems, watch.report()


def test_instant_navigation_from_a_page_without_lessons_starts_the_walkthrough(
    page: Page, watch: PageWatch
) -> None:
    requested = asset_requests(page)
    # networkidle: Material intercepts clicks only once it has the sitemap.
    page.goto(HOME, wait_until="networkidle")
    assert requested == [], f"the home page (no lesson feature) loaded {requested}"
    # A mark on window survives only if instant navigation swapped the page in.
    page.evaluate("window.__lessonsTestMark = 1")

    follow_nav_link(page, LESSON.strip("/").split("/")[-1] + "/")
    expect(page).to_have_url(re.compile(re.escape(LESSON) + "$"))
    walkthrough = page.locator(WALKTHROUGH).first
    expect(walkthrough, "the script ran: the walkthrough is a player").to_have_class(
        re.compile(r"\blessons-walkthrough--player\b")
    )
    counter = walkthrough.locator(".lessons-walkthrough__counter")
    expect(counter).to_have_text(re.compile(r"^1 / \d+$"))
    walkthrough.locator(".lessons-walkthrough__controls [data-action=next]").click()
    expect(counter).to_have_text(re.compile(r"^2 / \d+$"))
    expect(walkthrough).to_have_attribute("data-current", "2")
    # The stylesheet applies (the controls are a flex row by lessons.css alone).
    controls = walkthrough.locator(".lessons-walkthrough__controls")
    assert controls.evaluate("(el) => getComputedStyle(el).display") == "flex"

    assert page.evaluate("window.__lessonsTestMark") == 1, "a full page load, not instant"
    assert any(LESSONS_SCRIPT.search(url) for url in requested), requested
    assert any(url.endswith(".css") for url in requested), requested
    assert not watch.problems, watch.report()


def test_instant_navigation_back_to_a_page_without_lessons_drops_the_stylesheet(
    page: Page, watch: PageWatch
) -> None:
    page.goto(LESSON, wait_until="networkidle")
    ours = page.locator('head link[rel=stylesheet][href*="/assets/mkdocs-lessons/lessons."]')
    expect(ours).to_have_count(1)
    page.evaluate("window.__lessonsTestMark = 1")

    page.locator("nav.md-nav--primary a.md-nav__link").first.click()  # Home, the first entry
    expect(page).to_have_url(re.compile(r"^http://[^/]+/$"))
    expect(page.locator(".md-content .lessons-walkthrough")).to_have_count(0)
    # Material removes from the <head> what the new page's <head> does not have.
    expect(ours).to_have_count(0)
    assert page.evaluate("window.__lessonsTestMark") == 1, "a full page load, not instant"
    assert not watch.problems, watch.report()


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example site built with Material's offline plugin too (pages opened from file://)."""
    root = tmp_path_factory.mktemp("offline")
    config = read_config()
    config["docs_dir"] = str(CONFIG.parent / config.get("docs_dir", "docs"))
    theme = config["theme"]
    if theme.get("custom_dir"):
        theme["custom_dir"] = str(CONFIG.parent / theme["custom_dir"])
    plugins = [
        {"lessons": {**plugin["lessons"], "sources": str(sources_dir())}}
        if isinstance(plugin, dict) and "lessons" in plugin
        else {"lessons": {"sources": str(sources_dir())}}
        if plugin == "lessons"
        else plugin
        for plugin in config.get("plugins") or []
    ]
    config["plugins"] = [*plugins, "offline"]
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    site = root / "site"
    build_strict(root / "mkdocs.yml", site, cwd=root)
    return site


def is_error(message: ConsoleMessage) -> bool:
    """A console error, other than the one for each request blocked above."""
    return message.type == "error" and "ERR_BLOCKED_BY_CLIENT" not in message.text


def test_offline_site_from_file_urls_starts_the_walkthrough(page: Page, offline_site: Path) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if is_error(message) else None)
    failed: list[str] = []
    page.on("requestfailed", lambda request: failed.append(request.url))
    # The offline plugin's polyfill for Material's search worker comes from unpkg.com (it is
    # Material's, not ours, and it fails without a network): nothing leaves the machine here.
    page.route("http*://**/*", lambda route: route.abort("blockedbyclient"))
    lesson = offline_site / LESSON.strip("/") / "index.html"
    page.goto(lesson.as_uri())

    walkthrough = page.locator(WALKTHROUGH).first
    expect(walkthrough).to_have_class(re.compile(r"\blessons-walkthrough--player\b"))
    counter = walkthrough.locator(".lessons-walkthrough__counter")
    walkthrough.locator(".lessons-walkthrough__controls [data-action=next]").click()
    expect(counter).to_have_text(re.compile(r"^2 / \d+$"))
    controls = walkthrough.locator(".lessons-walkthrough__controls")
    assert controls.evaluate("(el) => getComputedStyle(el).display") == "flex"
    failed_here = [url for url in failed if url.startswith("file:")]
    assert not failed_here, f"requests that failed under file://: {failed_here}"
    assert not errors, "\n".join(errors)
