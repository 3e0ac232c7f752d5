"""The concept graph of a lesson: requirements resolved and checked, and the map's layout."""

from __future__ import annotations

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
                circle = [*trail[trail.index(required) :], required]
                diagnostics.add(
                    path,
                    concept.requires_line,
                    "concepts require each other in a circle ("
                    + " requires ".join(f"'{item}'" for item in circle)
                    + f"): no reader could ever unlock them; remove '{required}' from the "
                    f"'requires:' of '{concept.id}'",
                )
                concept.requires.remove(required)
            else:
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
