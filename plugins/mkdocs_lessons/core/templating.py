"""The Jinja environments our fragments are rendered with: the site's theme first, then ours.

A site overrides a fragment as it overrides a Material partial: the file
``<custom_dir>/partials/lessons/<name>`` (``overrides/partials/lessons/walkthrough/controls.html``)
replaces the package's ``templates/<name>``. The host (the MkDocs adapter) hands the theme's
directories to :func:`use_search_path` at the start of every build; without that call every
fragment comes from the package, as the ``mkdocs-lessons`` command wants.

An override is the site's code, so its mistakes are reported as the site's: one
``path:line: message`` for the override file, through the host's ``report`` callback, and the
fragment falls back to the package's template. Errors in our own templates stay exceptions
(they are bugs, and the tests must see them).
"""

from __future__ import annotations

import os
import re
import traceback
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from jinja2 import (
    BaseLoader,
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    PrefixLoader,
    StrictUndefined,
    TemplateSyntaxError,
    UndefinedError,
    select_autoescape,
)

from .diagnostics import Diagnostic, did_you_mean
from .text import escaped, shown

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"

OVERRIDES = Path("partials") / "lessons"
"""Where a theme directory keeps its overrides of our templates, as Material keeps partials."""

ORIGINALS = "mkdocs_lessons"
"""Prefix that always names the package's own template (``mkdocs_lessons/walkthrough/...``),
so an override can include the fragment it wraps instead of copying it."""

Report = Callable[[Diagnostic], None]
"""How a mistake in an override reaches the host's log."""

_KEPT_ENVIRONMENTS = 8
"""Search paths remembered at once: one per site a process builds (tests build many)."""


def _environment(loader: BaseLoader) -> Environment:
    return Environment(
        loader=loader,
        autoescape=select_autoescape(["html"]),
        # A template typo (ours or a site's) is an error, not an empty string in the page.
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        # Templates do not change during a build: skip the check of each file's modification
        # time on every fragment. Edited overrides are seen through a new environment
        # (see use_search_path), once per build rather than once per render.
        auto_reload=False,
    )


@cache
def environment() -> Environment:
    """The package's templates alone: the fallback for a broken override, and the default."""
    return _environment(FileSystemLoader(TEMPLATES))


@dataclass
class _SearchPath:
    environment: Environment
    overrides: tuple[str, ...] = ()
    """Absolute ``<theme dir>/partials/lessons`` folders that exist, searched in this order."""
    report: Report | None = None
    reported: set[tuple[str, int, str]] = field(default_factory=set)
    """What this build has already said: a broken controls.html fails on every walkthrough."""
    broken: set[str] = field(default_factory=set)
    """Names whose override does not parse: straight to the package's template."""


_active = _SearchPath(environment())
_environments: dict[tuple[str, ...], tuple[tuple[tuple[str, int, int], ...], Environment]] = {}


def use_search_path(dirs: Sequence[str | os.PathLike[str]], report: Report | None = None) -> None:
    """Render the fragments of the coming build from ``dirs`` (highest first), then ours.

    Call it once per build (``mkdocs serve`` rebuilds included): the environment is kept per
    search path and rebuilt only when an override file was added, removed or edited, so the
    package's compiled templates are reused and an edited override is read again.
    """
    global _active
    overrides = tuple(
        os.path.abspath(Path(directory) / OVERRIDES)
        for directory in dirs
        if (Path(directory) / OVERRIDES).is_dir()
    )
    if not overrides:
        _active = _SearchPath(environment(), (), report)
        return
    stamp = _stamp(overrides)
    kept = _environments.get(overrides)
    if kept is not None and kept[0] == stamp:
        chosen = kept[1]
    else:
        chosen = _environment(
            ChoiceLoader(
                [
                    PrefixLoader({ORIGINALS: FileSystemLoader(TEMPLATES)}),
                    *(FileSystemLoader(folder) for folder in overrides),
                    FileSystemLoader(TEMPLATES),
                ]
            )
        )
        _environments.pop(overrides, None)
        _environments[overrides] = (stamp, chosen)
        while len(_environments) > _KEPT_ENVIRONMENTS:
            del _environments[next(iter(_environments))]
    _active = _SearchPath(chosen, overrides, report)


def _stamp(overrides: tuple[str, ...]) -> tuple[tuple[str, int, int], ...]:
    """Every override file with its modification time and size: what an edit changes."""
    found: list[tuple[str, int, int]] = []
    for folder in overrides:
        for path in sorted(Path(folder).rglob("*")):
            try:
                status = path.stat()
            except OSError:
                continue  # removed while we looked: the next build sees it gone
            found.append((str(path), status.st_mtime_ns, status.st_size))
    return tuple(found)


def render(template: str, **context: object) -> str:
    active = _active
    if template in active.broken:
        return environment().get_template(template).render(**context)
    try:
        return active.environment.get_template(template).render(**context)
    except Exception as error:
        if not active.overrides:
            raise  # our own template: a bug, which the tests must see
        return _fall_back(active, template, error, context)


def _fall_back(
    active: _SearchPath, template: str, error: Exception, context: Mapping[str, object]
) -> str:
    """Report a broken override and render ``template`` from the package instead."""
    blamed = _blamed_override(error, active.overrides)
    # Our templates alone: if they fail too, the error is ours and is raised from here.
    html = environment().get_template(template).render(**context)
    if blamed is None:
        # The override broke something it did not run itself (a macro file that lacks a macro
        # our page imports, say): name the folder, as no line of it is to blame.
        path, line = active.overrides[0], 1
    else:
        path, line = blamed
    if isinstance(error, TemplateSyntaxError):
        active.broken.add(template)
    message = (
        f"{_detail(error, template, context)}; until it is fixed, pages use the template of "
        f"mkdocs-lessons for '{shown(template)}'"
    )
    key = (path, line, message)
    if key not in active.reported:
        active.reported.add(key)
        if active.report is not None:
            active.report(Diagnostic(Path(path), line, escaped(message)))
    return html


def _blamed_override(error: Exception, overrides: tuple[str, ...]) -> tuple[str, int] | None:
    """The override file and line the error happened in, if it happened in one.

    A syntax error says where it is. A runtime error (an undefined variable, a failing call)
    does not, but Jinja rewrites the traceback so that each template frame carries the
    template's file name and line: the innermost frame in an override folder is the culprit.
    """
    if isinstance(error, TemplateSyntaxError) and _is_override(error.filename, overrides):
        return os.path.abspath(error.filename or ""), error.lineno
    for frame in reversed(traceback.extract_tb(error.__traceback__)):
        if _is_override(frame.filename, overrides):
            return os.path.abspath(frame.filename), frame.lineno or 1
    return None


def _is_override(filename: str | None, overrides: tuple[str, ...]) -> bool:
    if not filename:
        return False
    absolute = os.path.abspath(filename)
    return any(absolute.startswith(folder + os.sep) for folder in overrides)


_UNDEFINED_NAME = re.compile(r"^'([A-Za-z_][A-Za-z0-9_]*)' is undefined$")


def _detail(error: Exception, template: str, context: Mapping[str, object]) -> str:
    if isinstance(error, TemplateSyntaxError):
        return f"template syntax error: {error.message or 'invalid syntax'}"
    if isinstance(error, UndefinedError):
        text = str(error)
        match = _UNDEFINED_NAME.match(text)
        if match is not None:
            hint = did_you_mean(match.group(1), context)
            received = ", ".join(sorted(context)) or "nothing"
            return f"{text}{hint} (this template receives: {received})"
        return text
    detail = f"{type(error).__name__}: {error}".strip().rstrip(":")
    return detail if len(detail) <= 200 else detail[:197] + "..."
