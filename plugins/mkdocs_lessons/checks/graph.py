"""The concept graph of a lesson: requirements resolved and checked, and the map's layout."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

from ..core.diagnostics import Diagnostics, did_you_mean
from .model import Concept


def resolve_concepts(concepts: list[Concept], path: Path, diagnostics: Diagnostics) -> None:
    """Fill in default requirements, drop (and report) unknown and circular ones, lay out.

    Afterwards every ``requires`` names a known concept and the requirements form no cycle, so
    the browser can trust them. ``layer`` is one more than the deepest requirement (the map
    draws layers as rows or columns) and ``slot`` is the place inside the layer.
    """
    known = {concept.id for concept in concepts}
    previous: Concept | None = None
    for concept in concepts:
        if not concept.requires_given:
            concept.requires = [previous.id] if previous is not None else []
        previous = concept
        kept: list[str] = []
        for required in concept.requires:
            if required == concept.id:
                diagnostics.add(
                    path,
                    concept.requires_line,
                    f"the concept '{concept.id}' requires itself: remove it from 'requires:'",
                )
            elif required not in known:
                diagnostics.add(
                    path,
                    concept.requires_line,
                    f"the concept '{concept.id}' requires an unknown concept '{required}'"
                    + did_you_mean(required, known)
                    + "; the concepts of this lesson are "
                    + ", ".join(sorted(known)),
                )
            elif required not in kept:
                kept.append(required)
        concept.requires = kept
    _break_cycles(concepts, path, diagnostics)
    _lay_out(concepts)


def _break_cycles(concepts: list[Concept], path: Path, diagnostics: Diagnostics) -> None:
    by_id = {concept.id: concept for concept in concepts}
    done: set[str] = set()

    def visit(concept: Concept, trail: list[str]) -> None:
        if concept.id in done:
            return
        trail.append(concept.id)
        for required in list(concept.requires):
            if required in trail:
                _report_circle(
                    [*trail[trail.index(required) :], required], by_id, path, diagnostics
                )
            elif required in concept.requires:
                visit(by_id[required], trail)
        trail.pop()
        done.add(concept.id)

    for concept in concepts:
        visit(concept, [])


def _lay_out(concepts: list[Concept]) -> None:
    by_id = {concept.id: concept for concept in concepts}
    layers: dict[str, int] = {}

    def layer(concept: Concept) -> int:
        if concept.id not in layers:
            layers[concept.id] = 1 + max(
                (layer(by_id[required]) for required in concept.requires), default=0
            )
        return layers[concept.id]

    filled: dict[int, int] = {}
    for concept in concepts:
        concept.layer = layer(concept)
        filled[concept.layer] = filled.get(concept.layer, 0) + 1
        concept.slot = filled[concept.layer]


def _report_circle(
    circle: list[str], by_id: dict[str, Concept], path: Path, diagnostics: Diagnostics
) -> None:
    """Report a circle of requirements and break it at an edge the author wrote.

    ``circle`` runs from a concept back to itself, each requiring the next. A default edge
    (requiring the concept before) is not written anywhere, so the message points at the first
    ``requires:`` that is.
    """
    edges = list(pairwise(circle))
    source, target = next(((a, b) for a, b in edges if by_id[a].requires_given), edges[-1])
    concept = by_id[source]
    diagnostics.add(
        path,
        concept.requires_line,
        "concepts require each other in a circle ("
        + " requires ".join(f"'{item}'" for item in circle)
        + f"): no reader could ever unlock them; remove '{target}' from the 'requires:' of "
        f"'{source}'",
    )
    if target in concept.requires:
        concept.requires.remove(target)
