"""Every page of the built site loads cleanly and keeps its requests on this machine."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

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
