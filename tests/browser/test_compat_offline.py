"""The example site built with Material's offline plugin and opened from the file system
(`file://`), as a reader who downloaded it would: the walkthrough steps and a System Check
answers, with no console error."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, Request, Route, expect

from tests.build.compat import SEED_PAGE, add_plugin, build, edit_config, example_site

from .conftest import PageWatch
from .test_checks import answer_right, read_questions
from .test_walkthrough import STEPS, button, counter, root

pytestmark = pytest.mark.browser

OFFLINE_POLYFILL = "https://unpkg.com/iframe-worker/shim"
"""The script Material's offline plugin adds to every page for search under file:// (its
own; a reader without a network does without it). Blocked here like any outside request."""


class FileWatch(PageWatch):
    """PageWatch for a site opened from disk: file:// requests are the site's own."""

    def _route(self, route: Route) -> None:
        if urlsplit(route.request.url).scheme == "file":
            route.fallback()
        elif route.request.url == OFFLINE_POLYFILL:
            route.abort("blockedbyclient")  # not ours, and not a request this test may make
        else:
            super()._route(route)

    def _request_failed(self, request: Request) -> None:
        if urlsplit(request.url).scheme == "file":
            self._add(f"request failed: {request.url}: {request.failure}")
        elif request.url != OFFLINE_POLYFILL:
            super()._request_failed(request)


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = example_site(tmp_path_factory.mktemp("offline"))

    def change(config: dict[str, Any]) -> None:
        add_plugin(config, "offline")  # sets use_directory_urls: false itself
        # Material's guide for offline builds: turn instant loading off (it fetches pages, which
        # file:// forbids; left on, Material's document$ completes without a page).
        config["theme"]["features"].remove("navigation.instant")

    edit_config(project, change)
    built = build(project)
    if built.returncode != 0:
        pytest.fail(f"mkdocs build --strict with offline failed:\n{built.log}", pytrace=False)
    return built.site


def open_lesson(page: Page, site: Path) -> FileWatch:
    watch = FileWatch("offline lesson")
    watch.attach(page)
    lesson = site / SEED_PAGE
    assert lesson.is_file(), f"no {SEED_PAGE} in the offline build"
    page.goto(lesson.as_uri(), wait_until="load")
    expect(root(page), "the walkthrough becomes a player").to_have_class(
        re.compile(r"\blessons-walkthrough--player\b"), timeout=10_000
    )
    return watch


def test_offline_walkthrough_steps(page: Page, offline_site: Path) -> None:
    watch = open_lesson(page, offline_site)
    expect(counter(page)).to_have_text(f"1 / {STEPS}")
    button(page, "next").click()
    expect(counter(page)).to_have_text(f"2 / {STEPS}")
    button(page, "previous").click()
    expect(counter(page)).to_have_text(f"1 / {STEPS}")
    assert not watch.problems, watch.report()


def test_offline_system_check_answers(page: Page, offline_site: Path) -> None:
    watch = open_lesson(page, offline_site)
    questions = read_questions(page)
    assert questions, "the offline lesson has no System Check question"
    single = next(q for q in questions.values() if q.kind == "single")
    answer_right(page, single)  # checks the verdict, the chosen choice's feedback, the explanation
    assert not watch.problems, watch.report()
