"""The reader strings as data: every shipped language complete, plural forms, overrides."""

from __future__ import annotations

import string

import pytest

from mkdocs_lessons.core.i18n import (
    ENGLISH,
    LANGUAGES,
    Translator,
    load_language,
    missing_string_keys,
    missing_strings_note,
    string_problems,
    unknown_string_keys,
)
from mkdocs_lessons.core.plurals import CATEGORIES, plural_category

SHIPPED = ("en", "es", "fr", "de", "pt", "it", "nl", "pl", "ja", "zh", "ko", "ar")


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_the_twelve_languages_are_shipped() -> None:
    assert set(SHIPPED) <= set(LANGUAGES)


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_language_gives_every_key_and_no_other(language: str) -> None:
    table = load_language(language)
    assert sorted(set(ENGLISH) - set(table)) == [], "missing"
    assert sorted(set(table) - set(ENGLISH)) == [], "unknown"


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_count_has_the_plural_forms_of_its_language(language: str) -> None:
    needed = CATEGORIES[language]
    for key, value in load_language(language).items():
        english = ENGLISH[key]
        if isinstance(english, str) and isinstance(value, str):
            continue
        if isinstance(english, str):
            # A text with a number may take the language's plural forms (Polish "1 z 4
            # opanowane pojęcie", "5 opanowanych pojęć") where the English needs none.
            assert _placeholders(english) & {"count", "n"}, key
        if needed == ("other",) and isinstance(value, str):
            continue  # one form for every number: a plain text is that form
        assert isinstance(value, dict), key
        assert sorted(set(needed) - set(value)) == [], key
        assert set(value) <= {"zero", "one", "two", "few", "many", "other"}, key


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_text_keeps_the_placeholders_of_the_english(language: str) -> None:
    for key, value in load_language(language).items():
        english = ENGLISH[key]
        expected = _placeholders(english if isinstance(english, str) else english["other"])
        for text in value.values() if isinstance(value, dict) else [value]:
            found = _placeholders(text)
            # A singular may say "one" in words instead of {count}; nothing else may be dropped.
            assert found <= expected, (key, text)
            assert expected - found <= {"count", "n"}, (key, text)


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_language_says_how_it_writes_numbers(language: str) -> None:
    table = load_language(language)
    assert table["decimal_separator"] in (".", ",", "\u066b")
    assert table["group_separator"] != table["decimal_separator"]


@pytest.mark.parametrize(
    ("language", "numbers"),
    [
        ("en", {1: "one", 0: "other", 2: "other", 21: "other"}),
        ("fr", {0: "one", 1: "one", 2: "other", 1_000_000: "many"}),
        ("pl", {1: "one", 2: "few", 4: "few", 5: "many", 12: "many", 22: "few", 25: "many"}),
        ("ar", {0: "zero", 1: "one", 2: "two", 3: "few", 10: "few", 11: "many", 99: "many"}),
        ("ar", {100: "other", 102: "other", 103: "few", 111: "many"}),
        ("ja", {1: "other", 5: "other"}),
        ("pt-BR", {0: "one", 1: "one", 2: "other"}),
    ],
)
def test_plural_categories(language: str, numbers: dict[int, str]) -> None:
    assert {n: plural_category(language, n) for n in numbers} == numbers


def test_counts_read_right_in_polish_and_arabic() -> None:
    polish, arabic = Translator("pl"), Translator("ar")
    texts = {n: polish("concepts_mastered", n=n, total=4) for n in (1, 2, 5)}
    assert len(set(texts.values())) == 3, texts
    texts = {n: arabic.count("lesson_count", n) for n in (0, 1, 2, 3, 11, 100)}
    assert len(set(texts.values())) == 6, texts


def test_numbers_are_grouped_as_the_language_writes_them() -> None:
    assert Translator("en")("step_of", n=12_000, total=40_000) == "Step 12,000 of 40,000"
    assert Translator("en")("step_of", n=1000, total=2000) == "Step 1000 of 2000"
    german = Translator("de")
    assert german.number(12_000) == "12.000"


def test_a_site_overrides_strings_for_every_language_or_for_one() -> None:
    overrides = {"next_lesson": "Onward", "fr": {"next_lesson": "En avant"}}
    overrides["lesson_count.one"] = "a"
    assert Translator("en", overrides)("next_lesson") == "Onward"
    assert Translator("fr", overrides)("next_lesson") == "En avant"
    assert Translator("fr-CA", overrides)("next_lesson") == "En avant"
    assert Translator("en", overrides).count("lesson_count", 1) == "a"
    assert Translator("en", overrides).count("lesson_count", 2) == "2 lessons"


def test_override_mistakes_are_named() -> None:
    assert unknown_string_keys({"nxet": "x", "fr": {"nxt": "y"}, "next": "z"}) == ["fr.nxt", "nxet"]
    problems = string_problems({"fr": {"step_of": "Étape {m}"}, "lesson_count": {"won": "x"}})
    assert any("fr: 'step_of'" in problem and "{m}" in problem for problem in problems)
    assert any("lesson_count.won" in problem for problem in problems)
    forms = {"one": "{count} leçon", "other": "{count} leçons"}
    assert string_problems({"lesson_count": forms}) == []


def test_a_language_not_shipped_is_said_to_show_english() -> None:
    assert missing_string_keys("fr", {}) == []
    missing = missing_string_keys("sv", {"next_lesson": "Nästa lektion"})
    assert "next_lesson" not in missing and "previous_lesson" in missing
    said = missing_strings_note("sv", {})
    assert said is not None
    mistake, note = said
    assert not mistake and "'sv'" in note and str(len(ENGLISH) - 2) in note
    assert missing_strings_note("de", {}) is None
    # A site translating the language in a section of its own and missing keys: a mistake.
    said = missing_strings_note("sv-SE", {"sv": {"next_lesson": "Nästa lektion"}})
    assert said is not None and said[0] and "'sv'" in said[1]
    assert str(len(ENGLISH) - 3) in said[1]


def test_a_decimal_is_written_as_the_language_writes_it() -> None:
    assert Translator("de").decimal("3.5") == "3,5"
    assert Translator("en").decimal("3.5") == "3.5"
    assert Translator("fr").decimal("3600") == "3600"


def test_a_count_given_some_of_its_forms_names_the_others() -> None:
    strings = {"sv": {"next_lesson": "Nästa lektion", "lesson_count": {"one": "{count} lektion"}}}
    missing = missing_string_keys("sv", strings)
    assert "lesson_count.other" in missing and "lesson_count" not in missing
    said = missing_strings_note("sv", strings)
    assert said is not None and said[0] and "lesson_count.other" in said[1]


@pytest.mark.parametrize(
    ("overrides", "said"),
    [
        ({"lesson_count.sevral": "x {count}"}, "'lesson_count.sevral': a count's forms are"),
        ({"pl": {"lesson_count.few": 5}}, "pl: 'lesson_count.few' must be a text"),
        ({"pl": "x"}, "'pl' names a language: give its strings under it"),
        ({"pl": {"course": {"one": "x", "other": "y"}}}, "pl: 'course' is no count"),
        ({"step_of": "Step {m}"}, "'step_of': {m} is not a placeholder of it"),
    ],
)
def test_each_override_mistake_is_said_once_and_plainly(
    overrides: dict[str, object], said: str
) -> None:
    problems = string_problems(overrides)
    assert len(problems) == 1 and problems[0].startswith(said), problems


def test_a_section_within_a_section_is_an_unknown_key() -> None:
    assert unknown_string_keys({"fr": {"de": {"next": "x"}, "next": "y"}}) == ["fr.de"]
    assert unknown_string_keys({"pl": "x"}) == []  # string_problems says what it should be
