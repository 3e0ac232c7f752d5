"""With JavaScript off, a lesson still reads top to bottom (progressive enhancement)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import BrowserContext, expect

from .conftest import LESSON, read_lesson, title_pattern

pytestmark = pytest.mark.browser


def test_lesson_shows_everything_without_javascript(
    new_context: Callable[..., BrowserContext],
) -> None:
    course, slug = LESSON.strip("/").split("/")[-2:]
    source = read_lesson(course, slug)
    page = new_context(java_script_enabled=False).new_page()
    response = page.goto(LESSON)
    assert response is not None and response.ok, f"{LESSON}: HTTP {response and response.status}"

    article = page.locator(".lessons-lesson")
    expect(article, "a lesson page wraps in <div class='lessons-lesson'>").to_have_count(1)
    header = article.locator("header.lessons-lesson-header")
    expect(header.locator("h1")).to_have_text(title_pattern(source.title))
    expect(header.locator("p.lessons-summary")).to_have_text(source.summary)
    card = header.locator(".lessons-author-card")
    expect(card).to_be_visible()
    for name in source.author_names:
        expect(card).to_contain_text(name)

    assert source.sections, f"{course}/{slug}/index.md has no `##` sections to check"
    headings = article.locator("h2")
    for section in source.sections:
        expect(headings.filter(has_text=section).first, f"section {section!r}").to_be_visible()
    # Sections the plugin adds (walkthrough, check, glossary...) must not wait for JavaScript.
    for index in range(headings.count()):
        expect(headings.nth(index)).to_be_visible()
