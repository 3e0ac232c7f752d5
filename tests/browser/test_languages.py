"""The reader's language in the browser: the script picks the same plural forms as the build
for every shipped language, and a reader of a decimal-comma language writes numbers as they
usually do in a fill-in answer."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from mkdocs_lessons.core.i18n import LANGUAGES, NUMBER_KEYS, Translator, load_language
from mkdocs_lessons.core.plurals import plural_category
from tests.build.compat import SEED_PAGE, build, edit_config, example_site

from .conftest import _SiteHandler, serve
from .test_checks import open_lesson as open_seed_lesson

pytestmark = pytest.mark.browser

NUMBERS = [*range(0, 230), 1000, 1001, 10_000, 1_000_000, 2_000_000, 1_000_001]


def test_the_browser_and_the_build_agree_on_every_plural_form(page: Page) -> None:
    open_seed_lesson(page)
    for language in LANGUAGES:
        browser: list[str] = page.evaluate(
            "([lang, ns]) => ns.map((n) => new Intl.PluralRules(lang).select(n))",
            [language, NUMBERS],
        )
        build_side = [plural_category(language, n) for n in NUMBERS]
        differ = {n: (b, p) for n, b, p in zip(NUMBERS, browser, build_side, strict=True) if b != p}
        assert differ == {}, language


def test_the_script_writes_each_count_as_the_build_does(page: Page) -> None:
    """lessons.t with each language's own strings, under that language: every count key, for
    numbers that fall in each plural category, as Translator writes it."""
    open_seed_lesson(page)
    for language in LANGUAGES:
        translate = Translator(language)
        table = load_language(language)
        counts = [key for key, value in table.items() if isinstance(value, dict)]
        strings = {**{key: translate.strings[key] for key in counts}}
        strings.update({key: translate.strings[key] for key in NUMBER_KEYS})
        page.evaluate("lang => { document.documentElement.lang = lang; }", language)
        for key in counts:
            written: list[str] = page.evaluate(
                "([strings, key, ns]) => ns.map((n) => window.lessons.t(strings, key,"
                " { count: n, n, total: n }))",
                [strings, key, NUMBERS[:30] + NUMBERS[-6:]],
            )
            expected = [translate(key, count=n, n=n, total=n) for n in NUMBERS[:30] + NUMBERS[-6:]]
            assert written == expected, (language, key)


# --- A decimal-comma language -----------------------------------------------------------


@pytest.fixture(scope="module")
def spanish_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    project = example_site(tmp_path_factory.mktemp("spanish"))

    def speak(config: dict[str, Any]) -> None:
        config["theme"]["language"] = "es"

    edit_config(project, speak)
    built = build(project)
    if built.returncode != 0:
        pytest.fail(f"the Spanish example site did not build:\n{built.log}", pytrace=False)
    handler = functools.partial(_SiteHandler, directory=str(built.site), site_url="")
    yield from serve(handler)


def _answer(page: Page, question: str, text: str) -> str:
    form = page.locator(f"#lessons-question-{question}")
    form.locator(".lessons-question__field input").fill(text)
    form.get_by_role("button", name=Translator("es")("check")).click()
    result = form.locator(".lessons-question__result")
    expect(result).not_to_be_empty()
    return result.inner_text()


def test_a_spanish_reader_writes_numbers_the_spanish_way(page: Page, spanish_url: str) -> None:
    page.goto(f"{spanish_url}/{SEED_PAGE}", wait_until="networkidle")
    spanish = Translator("es")
    right, wrong = spanish("right"), spanish("wrong")
    # The counter the script writes reads as the build's own text.
    counter = page.locator(".lessons-map__count")
    total = int(page.locator(".lessons-map .lessons-progress").get_attribute("max") or 0)
    expect(counter).to_have_text(spanish("concepts_mastered", n=0, total=total))
    # "rotations-per-year": 4, tolerance 0.1; "default-session": 3600 (seconds).
    for text, said in [
        ("4,05", right),
        ("4.05", right),
        ("4,5", wrong),
        ("٤", right),
    ]:
        assert _answer(page, "rotations-per-year", text).startswith(said), text
    for text, said in [("3.600", right), ("3 600 s", right), ("3600", right), ("3,600", wrong)]:
        assert _answer(page, "default-session", text).startswith(said), text
