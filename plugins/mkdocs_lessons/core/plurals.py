"""CLDR plural categories of whole numbers, for the languages mkdocs-lessons ships.

Counts on our pages are whole numbers, so only the integer rules are needed. The browser code
asks ``Intl.PluralRules`` the same question; a browser test compares the two for each language.
A language without rules here gets "one" for 1 and "other" for the rest, as English does.
"""

from __future__ import annotations

from collections.abc import Callable

PluralRule = Callable[[int], str]


def _english(n: int) -> str:
    return "one" if n == 1 else "other"


def _french(n: int) -> str:
    # French and Portuguese (Brazil, CLDR's "pt") count 0 and 1 as singular; a multiple of a
    # million takes "many" ("1 000 000 de leçons").
    if n in (0, 1):
        return "one"
    return "many" if n != 0 and n % 1_000_000 == 0 else "other"


def _romance(n: int) -> str:
    # Spanish and Italian: singular for 1, "many" for multiples of a million ("de lecciones").
    if n == 1:
        return "one"
    return "many" if n != 0 and n % 1_000_000 == 0 else "other"


def _polish(n: int) -> str:
    if n == 1:
        return "one"
    if n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14):
        return "few"
    return "many"


def _arabic(n: int) -> str:
    if n in (0, 1, 2):
        return ("zero", "one", "two")[n]
    if 3 <= n % 100 <= 10:
        return "few"
    return "many" if 11 <= n % 100 <= 99 else "other"


def _none(n: int) -> str:
    return "other"


RULES: dict[str, PluralRule] = {
    "en": _english,
    "de": _english,
    "nl": _english,
    "es": _romance,
    "it": _romance,
    "fr": _french,
    "pt": _french,
    "pl": _polish,
    "ar": _arabic,
    "ja": _none,
    "zh": _none,
    "ko": _none,
}

CATEGORIES: dict[str, tuple[str, ...]] = {
    "en": ("one", "other"),
    "de": ("one", "other"),
    "nl": ("one", "other"),
    "es": ("one", "many", "other"),
    "it": ("one", "many", "other"),
    "fr": ("one", "many", "other"),
    "pt": ("one", "many", "other"),
    "pl": ("one", "few", "many"),
    "ar": ("zero", "one", "two", "few", "many", "other"),
    "ja": ("other",),
    "zh": ("other",),
    "ko": ("other",),
}
"""The categories whole numbers fall in, per language: what a count's mapping must give.
(Polish "other" is for fractions only, so it is not needed for counts.)"""


def plural_category(language: str, n: int) -> str:
    """The CLDR category of ``n`` in ``language`` (``pl``, ``pt-BR``, ``zh_Hant``)."""
    code = language.replace("_", "-").lower().split("-")[0]
    return RULES.get(code, _english)(abs(n))
