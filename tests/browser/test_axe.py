"""axe-core finds no violation on the site's kinds of page, in the light and the dark palette."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from .conftest import (
    AUTHOR,
    COURSE,
    HOME,
    LESSON,
    LESSONS_INDEX,
    SCHEMES,
    ColorScheme,
    axe_violations,
    fail_on_axe_violations,
    format_violations,
)

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("color_scheme", list(SCHEMES))
@pytest.mark.parametrize("path", [HOME, LESSONS_INDEX, COURSE, LESSON, AUTHOR])
def test_no_axe_violations(page: Page, path: str, color_scheme: ColorScheme) -> None:
    # The palette follows prefers-color-scheme on a first visit (nothing stored yet): emulate
    # it before loading, then make sure Material did switch, or "dark" would test light twice.
    page.emulate_media(color_scheme=color_scheme)
    response = page.goto(path, wait_until="networkidle")
    assert response is not None and response.ok, f"{path}: HTTP {response and response.status}"
    scheme = page.locator("body").get_attribute("data-md-color-scheme")
    assert scheme == SCHEMES[color_scheme], (
        f"{path}: prefers-color-scheme {color_scheme} gave Material's scheme {scheme!r}, "
        f"not {SCHEMES[color_scheme]!r} (check theme.palette in mkdocs.yml)"
    )
    fail_on_axe_violations(page, f"{path} ({color_scheme}, scheme {scheme})")


@pytest.mark.parametrize("color_scheme", list(SCHEMES))
def test_no_axe_violations_on_any_page(
    page: Page, site_pages: list[str], color_scheme: ColorScheme
) -> None:
    # The pages above are one of each kind; every other lesson, course and author page has
    # content of its own (tables, links around code...) that can fail where those pass.
    page.emulate_media(color_scheme=color_scheme)
    check_every_page(page, site_pages, f"axe-core ({color_scheme})")


@pytest.mark.parametrize("color_scheme", list(SCHEMES))
def test_no_axe_violations_in_open_search(page: Page, color_scheme: ColorScheme) -> None:
    # The search dialog is hidden until opened, so the page-load runs above never see it.
    page.emulate_media(color_scheme=color_scheme)
    page.goto(HOME, wait_until="networkidle")
    page.keyboard.press("/")  # Material's shortcut: opens search and focuses the query field
    page.keyboard.type("lesson")
    meta = page.locator(".md-search-result__meta")
    expect(meta).to_be_visible()
    expect(meta).not_to_have_text(re.compile("Initializing", re.IGNORECASE))
    # Material fades the results in; mid-transition colours are not the ones a reader sees.
    page.wait_for_function("document.getAnimations().every(a => a.playState !== 'running')")
    fail_on_axe_violations(page, f"{HOME} with search open ({color_scheme})")


@pytest.mark.parametrize("color_scheme", list(SCHEMES))
def test_no_axe_violations_on_a_phone(
    browser: Browser, site_pages: list[str], color_scheme: ColorScheme, base_url: str
) -> None:
    # Touch devices get another Material: no hover, so code blocks are not made focusable and
    # sideways scrolling by keyboard fails (`scrollable-region-focusable`), among others.
    context = browser.new_context(
        viewport={"width": 390, "height": 844},
        has_touch=True,
        is_mobile=True,
        color_scheme=color_scheme,
        base_url=base_url,
    )
    try:
        check_every_page(context.new_page(), site_pages, f"axe-core on a phone ({color_scheme})")
    finally:
        context.close()


def check_every_page(page: Page, site_pages: list[str], what: str) -> None:
    """Run axe on every page of the site; fail once, listing every page's violations."""
    failures = []
    for path in site_pages:
        page.goto(path, wait_until="networkidle")
        violations = axe_violations(page)
        if violations:
            failures.append(f"{path}:\n{format_violations(violations)}")
    if failures:
        pytest.fail(
            f"{what}, {len(failures)} of {len(site_pages)} pages:\n" + "\n".join(failures),
            pytrace=False,
        )
