"""Every string a reader sees, from one data file per language (``locales/<code>.yml``).

Templates call ``t("next_lesson")``; the browser code reads the strings it needs from the
``data-lessons-strings`` attribute the templates write, so JavaScript has no text of its own.
The theme's ``language`` picks the file; English fills in a key a file lacks. A site overrides
any string with the plugin's ``strings`` option, for every language or for one
(``strings: {fr: {next_lesson: …}}``).

A value is a text, or for a count a mapping of plural categories (``one``, ``few``, …, see
``core/plurals.py``), picked by the number in ``{count}`` (``{n}`` where there is none).
"""

from __future__ import annotations

import functools
import json
import re
import string
from collections.abc import Mapping
from pathlib import Path

import yaml

from .plurals import CATEGORIES, plural_category

LOCALES = Path(__file__).resolve().parent.parent / "locales"

Value = str | dict[str, str]
"""A string: a text, or a count's texts by plural category."""

NUMBER_KEYS = ("decimal_separator", "group_separator")
"""How a language writes numbers: in counters and in the fill-in answers readers type."""

# A language code as static-i18n and Material write it: "fr", "pt-BR", "zh_Hant".
_LANGUAGE_CODE = re.compile(r"[a-z]{2,3}([-_][A-Za-z0-9]{2,8})*\Z")

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@functools.cache
def load_language(code: str) -> dict[str, Value]:
    """The shipped strings of ``code`` (``fr``), or {} for a language we do not ship."""
    path = LOCALES / f"{code}.yml"
    if not path.is_file():
        return {}
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    return {str(key): _value(value) for key, value in data.items()}


def _value(value: object) -> Value:
    if isinstance(value, dict):
        return {str(form): str(text) for form, text in value.items()}
    return str(value)


LANGUAGES: tuple[str, ...] = tuple(sorted(path.stem for path in LOCALES.glob("*.yml")))
"""The languages shipped, by code."""

ENGLISH: dict[str, Value] = load_language("en")


def language_code(language: object) -> str:
    """``language`` as the tables name it: ``pt_BR`` -> ``pt-br``; English when unset."""
    return (language if isinstance(language, str) and language else "en").replace("_", "-").lower()


def shipped_language(language: object) -> str | None:
    """The shipped language ``language`` names (``pt-BR`` -> ``pt``), or None."""
    code = language_code(language)
    for candidate in (code, code.split("-")[0]):
        if candidate in LANGUAGES:
            return candidate
    return None


def overrides_for(language: object, overrides: Mapping[str, object]) -> dict[str, Value]:
    """A site's ``strings`` option as they apply to ``language``: the keys for every language,
    then those of its section (``fr:``, or ``pt-br:`` over ``pt:``). ``key.form`` is a
    shorthand for one plural form (``lesson_count.one``)."""
    code = language_code(language)
    sections = [dict(overrides)]
    for name in (code.split("-")[0], code):
        section = next((v for k, v in overrides.items() if _section_name(k) == name), None)
        if isinstance(section, Mapping) and section not in sections:
            sections.append(dict(section))
    found: dict[str, Value] = {}
    for section in sections:
        for key, value in section.items():
            base, _, form = str(key).rpartition(".")
            if key in ENGLISH and isinstance(value, (str, dict)):
                found[key] = _value(value)
            elif base in ENGLISH and isinstance(ENGLISH[base], dict) and isinstance(value, str):
                forms = found.get(base)
                found[base] = {**(forms if isinstance(forms, dict) else {}), form: value}
    return found


def _section_name(key: object) -> str | None:
    """The language a ``strings`` key names as a section of its own, or None."""
    text = str(key)
    if text in ENGLISH or not _LANGUAGE_CODE.match(text):
        return None
    return text.replace("_", "-").lower()


class Translator:
    """Looks strings up for one language, falling back to English, with site overrides on top."""

    def __init__(self, language: object, overrides: Mapping[str, object] | None = None) -> None:
        self.language = language_code(language)
        shipped = shipped_language(self.language)
        table = load_language(shipped) if shipped else {}
        self.strings: dict[str, Value] = {**ENGLISH, **table}
        for key, value in overrides_for(self.language, overrides or {}).items():
            forms = self.strings[key]
            if isinstance(value, dict) and isinstance(forms, dict):
                value = {**forms, **value}  # one plural form overridden keeps the others
            self.strings[key] = value
        self._group = str(self.strings["group_separator"])
        self._decimal = str(self.strings["decimal_separator"])
        self._json: dict[tuple[str, ...], str] = {}

    def __call__(self, key: str, **values: object) -> str:
        text = self.strings.get(key, key)
        if isinstance(text, dict):
            text = self._form(text, values.get("count", values.get("n")))
        if not values:
            return text
        return text.format(**{name: self.number(v) for name, v in values.items()})

    def _form(self, forms: Mapping[str, str], number: object) -> str:
        count = number if isinstance(number, int) else 0
        category = plural_category(self.language, count)
        return forms.get(category) or forms.get("other") or next(iter(forms.values()), "")

    def number(self, value: object) -> object:
        """A whole number as the language writes it (``36 000``, ``36.000``); other values as
        they are."""
        if isinstance(value, bool) or not isinstance(value, int):
            return value
        # Grouped from five digits ("1000", "10 000"), as CLDR has it for Spanish or Polish and
        # style guides allow elsewhere: the browser's counters then write the same.
        if abs(value) < 10_000:
            return str(value)
        return f"{value:,}".replace(",", self._group)

    def decimal(self, written: str) -> str:
        """A number written with a decimal point ("3.5", as the answers are) written as the
        language writes it ("3,5")."""
        return written.replace(".", self._decimal)

    def as_json(self, keys: tuple[str, ...]) -> str:
        """The strings of ``keys`` as a JSON object, made once (every page carries it): counts
        keep their plural forms, which the browser picks with ``Intl.PluralRules``."""
        if keys not in self._json:
            strings = {key: self.strings.get(key, key) for key in (*keys, *NUMBER_KEYS)}
            self._json[keys] = json.dumps(strings, ensure_ascii=False, separators=(",", ":"))
        return self._json[keys]

    def count(self, key: str, count: int) -> str:
        """A count with its noun: ``count("lesson_count", 3)`` -> ``3 lessons``."""
        return self(key, count=count)


def string_problems(overrides: Mapping[str, object], *, section: str = "") -> list[str]:
    """What is wrong with override values: each must be a text (or a count's texts by plural
    category) that names the placeholders of the string it replaces and no others (``{total}``
    in "Step {n} of {total}"), or pages would fail to render with it; a language's section
    (``fr:``) is a mapping of such keys."""
    problems: list[str] = []
    for key, value in overrides.items():
        if not section and _section_name(key) is not None and isinstance(value, Mapping):
            problems += string_problems(value, section=str(key))
            continue
        if not section and key not in ENGLISH and shipped_language(key) is not None:
            problems.append(
                f"'{key}' names a language: give its strings under it, such as "
                f"'{key}: {{next_lesson: …}}'"
            )
            continue
        base, _, form = str(key).rpartition(".")
        english = ENGLISH.get(key)
        if english is None and isinstance(ENGLISH.get(base), dict):
            english, value, key = ENGLISH[base], {form: value}, base
        if english is None:
            continue  # unknown keys are reported by unknown_string_keys
        where = f"{section}: " if section else ""
        sample = english if isinstance(english, str) else english["other"]
        if isinstance(value, Mapping) and not (_placeholders(sample) or set()) & {"count", "n"}:
            problems.append(f"{where}'{key}' is no count: give it one text, such as '{sample}'")
            continue
        texts = value.items() if isinstance(value, Mapping) else [("", value)]
        for name, text in texts:
            label = f"{where}'{key}.{name}'" if name else f"{where}'{key}'"
            if name and name not in ("zero", "one", "two", "few", "many", "other"):
                problems.append(f"{label}: a count's forms are zero, one, two, few, many, other")
            elif not isinstance(text, str):
                problems.append(
                    f"{label} must be a text, such as '{sample}' (quote words YAML reads as "
                    "true/false or numbers: 'On', 'No', '10')"
                )
            else:
                problems += _placeholder_problems(label, text, sample)
    return problems


def _placeholder_problems(label: str, text: str, sample: str) -> list[str]:
    expected = _placeholders(sample) or set()
    found = _placeholders(text)
    if found is None:
        return [
            f"{label}: '{text}' has an unmatched '{{' or '}}': write placeholders as in '{sample}'"
        ]
    if not found <= expected:
        unknown = ", ".join(f"{{{name}}}" for name in sorted(found - expected))
        known = ", ".join(f"{{{name}}}" for name in sorted(expected)) or "none"
        return [f"{label}: {unknown} is not a placeholder of it (it has {known})"]
    return []


def _placeholders(text: str) -> set[str] | None:
    """The ``{name}`` placeholders of ``text``, or None when its braces do not parse."""
    try:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError:
        return None


def unknown_string_keys(overrides: Mapping[str, object]) -> list[str]:
    """Override keys that name no string, so a typo in ``mkdocs.yml`` does not pass silently
    (``fr.nxt_lesson`` for one in a language's section)."""
    unknown: list[str] = []
    for key, value in overrides.items():
        if _section_name(key) is not None and isinstance(value, Mapping):
            # A section's keys are strings' (a section within one is no key).
            unknown += [f"{key}.{inner}" for inner in value if _unknown(inner)]
        elif _unknown(key) and shipped_language(key) is None:  # "fr: x": string_problems'
            unknown.append(str(key))
    return sorted(unknown)


def _unknown(key: object) -> bool:
    return key not in ENGLISH and str(key).rpartition(".")[0] not in ENGLISH


def missing_string_keys(language: object, overrides: Mapping[str, object]) -> list[str]:
    """The keys a site in ``language`` shows in English: all of those its overrides do not
    give (and the forms of a count they give only some of, as ``key.form``, first), for a
    language we do not ship; none for one we ship (each file is complete)."""
    if shipped_language(language) is not None:
        return []
    given = overrides_for(language, overrides)
    # First a count given some of its forms: the others would be English ("4 lessons"), the
    # least expected of what a site leaves out.
    forms = CATEGORIES.get(language_code(language).split("-")[0], ("one", "other"))
    partly = [
        f"{key}.{form}"
        for key, value in sorted(given.items())
        if isinstance(value, dict) and isinstance(ENGLISH.get(key), dict)
        for form in forms
        if form not in value
    ]
    return partly + sorted(key for key in ENGLISH if key not in given and key not in NUMBER_KEYS)


def missing_strings_note(
    language: object, overrides: Mapping[str, object]
) -> tuple[bool, str] | None:
    """What a site in a language we do not ship shows in English, said once, or None; with
    whether it is a mistake: a site that gives the language a section of its own is
    translating it, and a key it left out is one it missed (a note otherwise: Material speaks
    the language, and our strings are English until the site gives them)."""
    missing = missing_string_keys(language, overrides)
    if not missing:
        return None
    shown = ", ".join(missing[:5]) + (", …" if len(missing) > 5 else "")
    code = language_code(language)
    section = next(
        (str(key) for key in overrides if _section_name(key) in (code, code.split("-")[0])),
        None,
    )
    if section is not None:
        return True, (
            f"'{section}' gives the strings of a language mkdocs-lessons does not ship, but not "
            f"{len(missing)} of them, which show in English ({shown}): add them"
        )
    return False, (
        f"language '{language}' is not one mkdocs-lessons ships ({', '.join(LANGUAGES)}): "
        f"{len(missing)} reader strings show in English ({shown}); give them here"
    )
