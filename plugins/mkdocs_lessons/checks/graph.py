"""The concept graph of a lesson: requirements resolved and checked, and the map's layout."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

from ..core.diagnostics import Diagnostics, did_you_mean
from .model import Concept, listed, quoted


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
                    f"the concept '{concept.id}' requires an unknown concept {quoted(required)}"
                    + did_you_mean(required, known)
                    + "; the concepts of this lesson are "
                    + listed(sorted(known)),
                )
            elif required not in kept:
                kept.append(required)
        concept.requires = kept
    _break_cycles(concepts, path, diagnostics)
    _lay_out(concepts)


def _break_cycles(concepts: list[Concept], path: Path, diagnostics: Diagnostics) -> None:
    """Depth first from each concept, with a stack of our own rather than recursion: a lesson
    may chain a thousand concepts, past Python's recursion limit."""
    by_id = {concept.id: concept for concept in concepts}
    done: set[str] = set()
    for root in concepts:
        if root.id in done:
            continue
        trail = [root.id]
        place = {root.id: 0}  # where each concept of the trail is in it
        stack = [(root, iter(list(root.requires)))]
        while stack:
            concept, pending = stack[-1]
            required = next(pending, None)
            if required is None:
                stack.pop()
                del place[trail.pop()]
                done.add(concept.id)
            elif required in place:
                _report_circle([*trail[place[required] :], required], by_id, path, diagnostics)
            elif required in concept.requires and required not in done:
                place[required] = len(trail)
                trail.append(required)
                stack.append((by_id[required], iter(list(by_id[required].requires))))


def _lay_out(concepts: list[Concept]) -> None:
    by_id = {concept.id: concept for concept in concepts}
    layers: dict[str, int] = {}
    for concept in concepts:
        # Requirements first, on a stack of our own (see _break_cycles). They form no circle
        # by now; were one left, "ancestors" keeps this from going round it for ever.
        stack = [concept]
        ancestors: set[str] = set()
        while stack:
            top = stack[-1]
            if top.id in layers:
                stack.pop()
                continue
            ancestors.add(top.id)
            below = [
                by_id[required]
                for required in top.requires
                if required not in layers and required not in ancestors
            ]
            if below:
                stack.extend(below)
                continue
            layers[top.id] = 1 + max((layers.get(r, 0) for r in top.requires), default=0)
            ancestors.discard(top.id)
            stack.pop()
    filled: dict[int, int] = {}
    for concept in concepts:
        concept.layer = layers[concept.id]
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
    # A circle through a thousand concepts is shown by its ends.
    shown = [f"'{item}'" for item in circle]
    if len(shown) > 8:
        shown = [*shown[:4], "...", *shown[-3:]]
    diagnostics.add(
        path,
        concept.requires_line,
        "concepts require each other in a circle ("
        + " requires ".join(shown)
        + f"): no reader could ever unlock them; remove '{target}' from the 'requires:' of "
        f"'{source}'",
    )
    if target in concept.requires:
        concept.requires.remove(target)
