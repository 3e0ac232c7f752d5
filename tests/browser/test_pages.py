"""Every page of the built site loads cleanly and keeps its requests on this machine."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import BrowserContext, Page

from .conftest import PageWatch

pytestmark = pytest.mark.browser


def test_every_page_loads_without_errors_or_outside_requests(
    page: Page, watch: PageWatch, site_pages: list[str]
) -> None:
    # One test over all pages (the list is known only once the site is built), reporting every
    # page's problems together. networkidle: Material fetches the sitemap and the search index
    # after load, and those requests must succeed too.
    for path in site_pages:
        watch.where = path
        response = page.goto(path, wait_until="networkidle")
        assert response is not None
        if not response.ok:
            watch.problems.append(f"{path}: HTTP {response.status}")
    assert not watch.problems, f"{len(site_pages)} pages checked:\n{watch.report()}"


@pytest.mark.parametrize("width", [390, 1280])
def test_no_lesson_page_scrolls_sideways(
    new_context: Callable[..., BrowserContext], site_pages: list[str], width: int
) -> None:
    """Whatever a page of ours holds (Parsons lines, predicted outputs, a long word in a
    prompt), the page fits the window: only code blocks may scroll inside themselves."""
    page = new_context(viewport={"width": width, "height": 844}).new_page()
    wide: dict[str, int] = {}
    for path in (p for p in site_pages if p.startswith("/lessons/")):
        page.goto(path, wait_until="load")
        overflow: int = page.evaluate("document.documentElement.scrollWidth - innerWidth")
        if overflow > 0:
            wide[path] = overflow
    assert wide == {}
