"""Objectives, key points and instructor notes in a real build: where they stand on the lesson
and course pages, and what search is given of them, with and without ``instructor: true``."""

from __future__ import annotations

import json

from tests.build.conftest import BuildSite, Built
from tests.sources import lesson, valid_tree

BODY = """\
Opening words.

/// concept | Policies
    key_points:
      - A zorblax policy *allows* or denies.
///

Some text.

/// instructor
Ask about quuxification before the check.
///

/// question | Is a policy JSON?
    answer: true
///
"""

FRONT = "objectives:\n  - text: Write a policy\n    concept: policies\n"


def _build(build_site: BuildSite, plugins: str = "  - search\n  - lessons") -> Built:
    tree = valid_tree()
    tree["basics/first/index.md"] = lesson("First", FRONT, BODY)
    built = build_site(tree, plugins=plugins)
    assert built.returncode == 0, built.log
    return built


def _searched(built: Built, word: str) -> set[str]:
    index = json.loads((built.site / "search" / "search_index.json").read_text())
    return {doc["location"].split("#")[0] for doc in index["docs"] if word in doc["text"]}


def test_objectives_top_key_points_end_and_on_the_course_page(build_site: BuildSite) -> None:
    built = _build(build_site)
    page = built.html("lessons/basics/first/index.html")
    content = str(page.select_one(".lessons-lesson"))
    objective = page.select_one(".lessons-objectives li[data-lessons-objective='policies']")
    assert objective is not None and "Write a policy" in objective.get_text()
    # Objectives first (before the map and the text), key points after the last question.
    assert content.index("lessons-objectives") < content.index("lessons-map")
    assert content.index("Opening words.") < content.index("Is a policy JSON?")
    assert content.index("Is a policy JSON?") < content.index("lessons-key-points")
    points = page.select_one("section.lessons-key-points")
    assert points is not None and "zorblax" in points.get_text()
    course = built.html("lessons/basics/index.html")
    section = course.select_one(".lessons-key-points")
    assert section is not None
    assert [a.get_text() for a in section.select("h3 a")] == ["First"]
    assert "zorblax" in section.get_text()
    # Searched once, where it belongs: the lesson page.
    assert _searched(built, "zorblax") == {"lessons/basics/first/"}


def test_notes_are_hidden_and_unsearched_for_readers(build_site: BuildSite) -> None:
    built = _build(build_site)
    page = built.html("lessons/basics/first/index.html")
    (note,) = page.select("[data-lessons-note]")
    assert note.has_attr("hidden") and "quuxification" in note.get_text()
    assert _searched(built, "quuxification") == set()
    assert "Some text." in (built.site / "search" / "search_index.json").read_text()


def test_the_instructor_option_shows_notes_to_everybody(build_site: BuildSite) -> None:
    built = _build(build_site, "  - search\n  - lessons:\n      instructor: true")
    page = built.html("lessons/basics/first/index.html")
    (note,) = page.select("[data-lessons-note]")
    assert not note.has_attr("hidden")
    assert _searched(built, "quuxification") == {"lessons/basics/first/"}


def test_a_wrong_instructor_option_stops_the_build(build_site: BuildSite) -> None:
    built = build_site(plugins="  - search\n  - lessons:\n      instructor: maybe")
    assert built.returncode != 0
    assert "instructor" in built.log
