"""Declarative checks for YAML mappings (front matter, course files, authors files).

Each source type declares its keys once as :class:`Field` objects; :func:`read_fields` checks a
mapping against them and reports unknown keys (with the nearest known one), missing required
keys and wrong types at the line of the offending key. The declarations double as the
documentation of the format (the authors' guide table and, later, JSON Schemas).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .diagnostics import Diagnostics, closest, did_you_mean
from .yamlsource import YamlSource

Check = Callable[[Any], tuple[Any, str | None]]
"""Returns the normalised value and None, or anything and an error such as "a number"."""


@dataclass(frozen=True)
class Field:
    name: str
    check: Check
    required: bool = False
    doc: str = ""
    item: Check | None = None
    """For a list: the check of each item. A list with some bad items is then not refused
    whole: each bad item is reported at its own line and the good ones are kept."""


def text(value: Any) -> tuple[Any, str | None]:
    if isinstance(value, str) and value.strip():
        return value.strip(), None
    if isinstance(value, (int, float, bool)):
        # YAML read "2024", "3.10" or "yes" as a number or true/false: the author meant text.
        return None, "a non-empty text (quote a number or true/false to make it text: '2024')"
    return None, "a non-empty text"


def text_or_number(value: Any) -> tuple[Any, str | None]:
    """A text, with a bare YAML number (``focus: 7``) read as its digits."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value), None
    return text(value)


def boolean(value: Any) -> tuple[Any, str | None]:
    if isinstance(value, bool):
        return value, None
    return None, "true or false"


def mapping(value: Any) -> tuple[Any, str | None]:
    if isinstance(value, dict):
        return value, None
    return None, "a mapping of keys to values"


def positive_int(value: Any) -> tuple[Any, str | None]:
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value, None
    return None, "a whole number greater than 0"


def integer(value: Any) -> tuple[Any, str | None]:
    if isinstance(value, int) and not isinstance(value, bool):
        return value, None
    return None, "a whole number"


def text_list(value: Any) -> tuple[Any, str | None]:
    """A list of texts; a single text is accepted as a list of one."""
    if isinstance(value, str) and value.strip():
        return [value.strip()], None
    if isinstance(value, list) and all(isinstance(item, str) and item.strip() for item in value):
        return [item.strip() for item in value], None
    return None, "a list of texts, such as [a, b]"


def choice(*options: str) -> Check:
    def check(value: Any) -> tuple[Any, str | None]:
        if isinstance(value, str) and value.strip().lower() in options:
            return value.strip().lower(), None
        return None, "one of " + ", ".join(options)

    return check


def describe(value: Any) -> str:
    """How a wrong value reads in a message: short, quoted, with its YAML type."""
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"'{shown}' (text)"
    if isinstance(value, bool):
        return f"{str(value).lower()} (true/false)"
    if isinstance(value, (int, float)):
        return f"{value} (number)"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if value is None:
        return "nothing"
    return type(value).__name__


def _read_items(
    source: YamlSource,
    items: list[Any],
    check: Check,
    diagnostics: Diagnostics,
    what: str,
    key_path: tuple[str | int, ...],
) -> list[Any]:
    kept: list[Any] = []
    for index, item in enumerate(items):
        normalised, expected = check(item)
        if expected is None:
            kept.append(normalised)
            continue
        line, column = source.position_of(*key_path, index, value=True)
        diagnostics.add(
            source.path,
            line,
            f"item {index + 1} of '{key_path[-1]}' in the {what} must be {expected}, not "
            f"{describe(item)}",
            column,
        )
    return kept


def _without_repeats(
    source: YamlSource,
    items: list[Any],
    written: Any,
    diagnostics: Diagnostics,
    what: str,
    key_path: tuple[str | int, ...],
) -> list[Any]:
    """``items`` with an item given twice kept once, and the second writing reported."""
    if len(set(map(str, items))) == len(items) or not isinstance(written, list):
        return items
    kept: list[Any] = []
    for index, item in enumerate(items):
        if item in kept:
            line, column = source.position_of(*key_path, index, value=True)
            diagnostics.add(
                source.path,
                line,
                f"'{item}' is listed twice in '{key_path[-1]}' of the {what}: remove one",
                column,
            )
            continue
        kept.append(item)
    return kept


def read_fields(
    source: YamlSource,
    mapping: Mapping[str, Any],
    fields: Sequence[Field],
    diagnostics: Diagnostics,
    *,
    what: str,
    key_path: tuple[str | int, ...] = (),
) -> dict[str, Any]:
    """Check ``mapping`` against ``fields``; return the valid, normalised values by name.

    ``what`` names the mapping in messages ("front matter", "course file", "author 'jane'").
    Invalid values are reported and left out, so callers see only good data.
    """
    known = {field.name: field for field in fields}
    values: dict[str, Any] = {}
    # A misspelt key ("autor") is reported with its right name: the key it stands for is not
    # also "missing".
    misspelt: set[str] = set()
    for key, value in mapping.items():
        line, column = source.position_of(*key_path, key)
        field = known.get(key) if isinstance(key, str) else None
        if field is None and not isinstance(key, str):
            diagnostics.add(
                source.path,
                line,
                f"the key {describe(key)} is not a name: YAML reads it as a value, and keys are "
                f"names such as {next(iter(known), 'title')}; quote it if you meant it as text",
                column,
            )
            continue
        if field is None:
            meant = closest(key, (name for name in known if name not in mapping))
            if meant is not None:
                misspelt.add(meant)
            diagnostics.add(
                source.path,
                line,
                f"unknown key '{key}' in the {what}{did_you_mean(key, known)}; "
                f"known keys: {', '.join(known)}",
                column,
            )
            continue
        normalised, expected = field.check(value)
        if expected is not None and field.item is not None and isinstance(value, list):
            values[field.name] = _read_items(
                source, value, field.item, diagnostics, what, (*key_path, key)
            )
            continue
        if expected is not None:
            line, column = source.position_of(*key_path, key, value=True)
            diagnostics.add(
                source.path,
                line,
                f"'{key}' in the {what} must be {expected}, not {describe(value)}",
                column,
            )
            continue
        if field.item is not None and isinstance(normalised, list):
            normalised = _without_repeats(
                source, normalised, value, diagnostics, what, (*key_path, key)
            )
        values[field.name] = normalised
    for field in fields:
        if field.required and field.name not in mapping and field.name not in misspelt:
            diagnostics.add(
                source.path,
                source.line_of(*key_path),
                f"missing required key '{field.name}' in the {what}"
                + (f": add '{field.name}: ...' ({field.doc})" if field.doc else ""),
            )
    return values
