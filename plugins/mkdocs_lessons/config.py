"""The plugin's options in ``mkdocs.yml``, validated by MkDocs' own config machinery.

Options name folders and addresses that the build writes under: an unchecked ``prefix`` of
``''`` or ``../up`` would write pages outside the site, so every option is checked here, once,
and ``mkdocs-lessons check`` validates with this same schema.
"""

from __future__ import annotations

import re
from typing import Any

from mkdocs.config import config_options as c
from mkdocs.config.base import Config, ValidationError

from .core.i18n import string_problems

# A path segment of an address that needs no escaping and leaves nothing: not "." nor "..".
_SEGMENT = re.compile(r"(?!\.{1,2}\Z)[A-Za-z0-9._~-]+")


class _Text(c.Type[str]):
    """A text without control characters (a NUL would reach the file system)."""

    def __init__(self, default: str | None = None) -> None:
        super().__init__(str, default=default)

    def run_validation(self, value: object) -> str:
        text = super().run_validation(value)
        if not text.isprintable():
            raise ValidationError("must not hold control characters (such as a NUL or a tab)")
        return text


class _Prefix(_Text):
    def run_validation(self, value: object) -> str:
        text = super().run_validation(value).strip("/")
        parts = text.split("/")
        if not text or not all(_SEGMENT.fullmatch(part) for part in parts):
            raise ValidationError(
                "must be a relative address inside the site, such as 'lessons' or "
                "'learn/lessons': letters, digits, '-', '_' and '.', no '..', not empty"
            )
        return text


class _Number(c.Type[Any]):
    """A number of at least ``least`` (true and false are not numbers)."""

    def __init__(self, kind: type | tuple[type, ...], default: float, least: float) -> None:
        super().__init__(kind, default=default)
        self.least = least

    def run_validation(self, value: object) -> Any:
        if isinstance(value, bool):
            raise ValidationError(f"must be a number of at least {self.least:g}, not {value}")
        number = super().run_validation(value)
        if not number >= self.least:  # also refuses NaN
            raise ValidationError(f"must be a number of at least {self.least:g}, not {number}")
        return number


class _Strings(c.DictOfItems[Any]):
    """Reader-facing string overrides: texts, with the placeholders of the string they replace."""

    def __init__(self) -> None:
        # Any value here: string_problems says what a wrong one should be, in our words.
        super().__init__(c.Type(object), default={})

    def run_validation(self, value: object) -> dict[str, Any]:
        strings = super().run_validation(value)
        problems = string_problems(strings)
        if problems:
            raise ValidationError("; ".join(problems))
        return strings


class LessonsConfig(Config):  # type: ignore[no-untyped-call]
    enabled = c.Type(bool, default=True)
    """Switch the plugin off (for example for a quick build of the rest of the site)."""
    sources = _Text(default="lessons")
    """The lessons sources folder, relative to ``mkdocs.yml``."""
    prefix = _Prefix(default="lessons")
    """The URL prefix of the generated pages: ``<prefix>/``, ``<prefix>/<course>/``, …"""
    glossary_link_all = c.Type(bool, default=False)
    """Link every use of a term on a page, not only the first."""
    glossary_in_docs = c.Type(bool, default=False)
    """Also link terms in the pages of ``docs/``."""
    showcase_cap = _Number(int, default=3, least=1)
    """How many showcase entries a lesson shows; with more, a page lists them all."""
    showcase_max_bytes = _Number(int, default=20_000, least=1)
    """The largest showcase entry file accepted, in bytes."""
    showcase_branch = c.Optional(_Text())
    """The branch "Share yours" proposes entries on; by default the one named in ``edit_uri``
    (which MkDocs sets to ``edit/master/docs/`` for GitHub when it is left out)."""
    code_checks = c.DictOfItems(_Text(), default={})
    """Commands that check lesson code by file extension: ``{".sh": "bash -n {file}"}``."""
    code_check_timeout = _Number((int, float), default=10, least=0.001)
    """Seconds each code check command may take."""
    code_runs = c.DictOfItems(_Text(), default={})
    """Commands that run a predict-the-output question's program, by the name a question
    gives (``run: python``): ``{python: "python3 {file}"}``; none: no lesson code runs."""
    strings = _Strings()
    """Overrides for reader-visible strings, by key (see ``core/i18n.py``)."""
    instructor = c.Type(bool, default=False)
    """Show the lessons' instructor notes to every reader (a build for instructors)."""
