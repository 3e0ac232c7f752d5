"""The end of a lesson and its map in a real build (issue 14, point 5): the lesson's summary
after the teaching, the glossary section and the showcase closed to a line each, the map's line
of progress, a question's hints and Show answer beside Check, in English and Spanish."""

from __future__ import annotations

from bs4 import BeautifulSoup, Tag

from tests.build.conftest import BuildSite, Built
from tests.sources import lesson, valid_tree

GLOSSARY = """\
terms:
  Zorblax:
    definition: A made-up word.
  Quux:
    definition: Another made-up word.
"""

BODY = """\
/// concept | Policies
///

A zorblax and a quux.

/// question | Is a policy JSON?
    id: json
    hint: Think of the braces.
    answer: true
///

/// concept | Roles
///

More text.

/// question | Does a role have keys?
    id: keys
    answer: false
///
"""

FRONT = "concept_map:\n  title: Our map\n  summary: Pass each check to open the next concept.\n"


def _build(build_site: BuildSite, language: str = "en") -> Built:
    tree = valid_tree()
    tree["glossary.yml"] = GLOSSARY
    tree["basics/first/index.md"] = lesson("First", FRONT, BODY)
    built = build_site(tree, language=language)
    assert built.returncode == 0, built.log
    return built


def _one(page: BeautifulSoup | Tag, selector: str) -> Tag:
    found = page.select(selector)
    assert len(found) == 1, f"{selector}: {len(found)} elements"
    return found[0]


def test_the_summary_follows_the_teaching_and_leads_to_the_next_lesson(
    build_site: BuildSite,
) -> None:
    page = _build(build_site).html("lessons/basics/first/index.html")
    recap = _one(page, "section.lessons-recap[data-lessons-recap]")
    assert _one(recap, "h2").get_text() == "Lesson summary"
    assert recap["aria-labelledby"] == "lessons-recap-title"
    # Without JavaScript: each concept as a link to it, and the next lesson.
    concepts = [(a.get_text(), a["href"]) for a in recap.select(".lessons-recap__concepts a")]
    assert concepts == [
        ("Concept 1: Policies", "#lessons-concept-policies"),
        ("Concept 2: Roles", "#lessons-concept-roles"),
    ]
    for item in recap.select(".lessons-recap__concepts li"):
        assert item.select_one("[data-lessons-state-label]") is not None  # map.js marks it
    next_link = _one(recap, ".lessons-recap__next a")
    assert next_link.get_text() == "Next lesson: Second"
    assert next_link["href"] == "../second/"
    # What JavaScript fills in is hidden until it does.
    assert _one(recap, ".lessons-recap__review").has_attr("hidden")
    assert _one(recap, ".lessons-recap__questions").has_attr("hidden")
    # In order: the last question, the summary, the glossary section, the pager.
    content = str(_one(page, ".lessons-lesson"))
    assert content.index("Does a role have keys?") < content.index("lessons-recap")
    assert content.index("lessons-recap") < content.index("lessons-glossary-section")
    assert content.index("lessons-glossary-section") < content.index("lessons-pager")


def test_the_last_lesson_has_a_summary_without_a_next_lesson(build_site: BuildSite) -> None:
    tree = valid_tree()
    tree["basics/second/index.md"] = lesson("Second", "prerequisites: [first]\n", BODY)
    built = build_site(tree)
    assert built.returncode == 0, built.log
    recap = _one(built.html("lessons/basics/second/index.html"), "section.lessons-recap")
    assert recap.select(".lessons-recap__next") == []
    # A lesson without concepts has nothing to sum up.
    assert built.html("lessons/basics/first/index.html").select(".lessons-recap") == []


def test_the_glossary_section_is_one_line_that_opens(build_site: BuildSite) -> None:
    page = _build(build_site).html("lessons/basics/first/index.html")
    section = _one(page, "section.lessons-glossary-section")
    details = _one(section, "details.lessons-end")
    assert not details.has_attr("open")
    summary = _one(details, ":scope > summary")
    assert _one(summary, "h2#lessons-glossary-title").get_text() == "Glossary"
    assert _one(summary, ".lessons-end__count").get_text() == "2 terms used in this lesson"
    # The terms, and their anchors, are inside the disclosure.
    assert [dt["id"] for dt in details.select("dt")] == [
        "lessons-glossary-quux",
        "lessons-glossary-zorblax",
    ]


def test_the_map_is_a_disclosure_with_a_line_of_progress(build_site: BuildSite) -> None:
    page = _build(build_site).html("lessons/basics/first/index.html")
    concept_map = _one(page, "nav.lessons-map")
    # The heading and the author's summary stay outside the disclosure; it is open (map.js
    # closes it on a phone).
    assert _one(concept_map, ":scope > h2").get_text() == "Our map"
    assert _one(concept_map, ":scope > .lessons-map__summary").get_text().startswith("Pass")
    details = _one(concept_map, ":scope > details.lessons-map__more")
    assert details.has_attr("open")
    summary = _one(details, ":scope > summary.lessons-map__progress")
    assert _one(summary, "progress").has_attr("hidden")  # shown by map.js, with the count
    assert _one(summary, ".lessons-map__count").get_text() == "2 concepts"
    assert len(details.select(":scope > ol.lessons-map__nodes > li")) == 2


def test_hints_and_show_answer_come_after_check_and_its_verdict(build_site: BuildSite) -> None:
    page = _build(build_site).html("lessons/basics/first/index.html")
    form = _one(page, "form#lessons-question-json")
    classes = [(child.get("class") or [child.name])[0] for child in form.find_all(recursive=False)]
    # One row of small controls (checks.css): Check, the verdict, the hint, Show answer.
    assert classes == [
        "fieldset",
        "lessons-question__actions",
        "lessons-question__result",
        "lessons-question__hint",
        "lessons-question__answer",
    ]
    assert _one(form, ".lessons-question__hint > summary").get_text() == "Hint"
    assert _one(form, ".lessons-question__answer > summary").get_text() == "Show answer"


def test_the_end_reads_in_spanish(build_site: BuildSite) -> None:
    page = _build(build_site, language="es").html("lessons/basics/first/index.html")
    recap = _one(page, "section.lessons-recap")
    assert _one(recap, "h2").get_text() == "Resumen de la lección"
    assert _one(recap, ".lessons-recap__next a").get_text() == "Lección siguiente: Second"
    count = _one(page, ".lessons-glossary-section .lessons-end__count").get_text()
    assert count == "2 términos usados en esta lección"
    assert _one(page, ".lessons-map__count").get_text() == "2 conceptos"
