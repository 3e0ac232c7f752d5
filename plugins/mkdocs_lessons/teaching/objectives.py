"""A lesson's objectives: read from its front matter, then tied to the concepts of its body.

An objective is a text, or a mapping with ``text:`` and ``concept:``; the concept, given by id
or by title, is the one whose System Check proves the objective (the page ticks it when the
concept is mastered). Concepts are known only once the body is read, hence two steps.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markupsafe import Markup

from ..catalog.schema import OBJECTIVE_FIELDS
from ..checks.model import LessonChecks, listed, quoted
from ..core.diagnostics import Diagnostics, did_you_mean
from ..core.fields import describe, read_fields
from ..core.yamlsource import YamlSource
from .inline import inline_html, read_inline


@dataclass
class Objective:
    text: str
    """Inline Markdown."""
    concept: str | None = None
    """The id of the concept that proves it (None: never ticked)."""
    line: int = 1
    """Where its concept is written (or the objective, without one)."""

    @property
    def html(self) -> Markup:
        return inline_html(self.text)


def read_objectives(source: YamlSource, written: Any, diagnostics: Diagnostics) -> list[Objective]:
    """The objectives of ``objectives:`` (a list, or one text) whose shape is right; every
    other item is reported at its line and left out."""
    items = [written] if isinstance(written, str) else written
    objectives: list[Objective] = []
    for index, item in enumerate(items):
        at = ("objectives", index) if isinstance(written, list) else ("objectives",)
        if isinstance(item, str) and item.strip():
            objectives.append(Objective(item.strip(), line=source.line_of(*at)))
            _report_inline(source, at, objectives[-1].text, index, diagnostics)
            continue
        if not isinstance(item, dict):
            line, column = source.position_of(*at, value=True)
            diagnostics.add(
                source.path,
                line,
                f"objective {index + 1} in the front matter must be a text or a mapping "
                f"'text: ...' with 'concept: <concept id>', not {describe(item)}",
                column,
            )
            continue
        values = read_fields(
            source,
            item,
            OBJECTIVE_FIELDS,
            diagnostics,
            what=f"front matter's objective {index + 1}",
            key_path=at,
        )
        if "text" in values:
            concept = values.get("concept")
            line = source.line_of(*at, "concept" if concept else "text")
            objectives.append(Objective(values["text"], concept, line))
            _report_inline(source, (*at, "text"), values["text"], index, diagnostics)
    return objectives


def _report_inline(
    source: YamlSource, at: tuple[str | int, ...], text: str, index: int, diagnostics: Diagnostics
) -> None:
    """Report what of an objective's text is not inline Markdown (a heading, a relative link)."""
    for problem in read_inline(text).problems(f"objective {index + 1}"):
        diagnostics.add(source.path, source.line_of(*at), problem)


def tie_objectives(
    objectives: list[Objective], checks: LessonChecks, path: Path, diagnostics: Diagnostics
) -> list[Objective]:
    """``objectives`` with each concept named by its id; a concept the lesson does not have
    is reported, and its objective kept, never ticked. The concepts' key points, known only
    now too, are reported here when they are not inline Markdown."""
    for concept in checks.concepts:
        for number, point in enumerate(concept.key_points, 1):
            what = f"key point {number} of the concept '{concept.id}'"
            for problem in read_inline(point).problems(what):
                diagnostics.add(path, concept.line, problem)
    ids = [concept.id for concept in checks.concepts]
    by_title = {concept.title.casefold(): concept.id for concept in checks.concepts}
    for number, objective in enumerate(objectives, 1):
        named = objective.concept
        if named is None or named in ids:
            continue
        objective.concept = by_title.get(named.casefold())
        if objective.concept is not None:
            continue
        if not ids:
            diagnostics.add(
                path,
                objective.line,
                f"objective {number} names the concept {quoted(named)}, but this lesson has no "
                "concepts: add a '/// concept | Title' block, or remove 'concept:'",
            )
            continue
        hint = did_you_mean(named, ids) or f"; its concepts: {listed(ids)}"
        diagnostics.add(
            path,
            objective.line,
            f"objective {number} names the concept {quoted(named)}, which this lesson does not "
            f"have{hint}",
        )
    return objectives
