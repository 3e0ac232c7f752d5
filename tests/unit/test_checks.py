"""Concepts and System Checks: parsing, the requirement graph, every message with its line;
Markdown in, HTML out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from mkdocs_lessons.checks.model import LessonChecks, QuestionKind
from mkdocs_lessons.checks.parser import ChecksReader
from mkdocs_lessons.checks.render import render_map
from mkdocs_lessons.core.blocks import scan_blocks
from mkdocs_lessons.core.diagnostics import Diagnostics
from mkdocs_lessons.core.i18n import Translator
from mkdocs_lessons.core.markers import marker
from mkdocs_lessons.lesson_page import render_markdown
from mkdocs_lessons.walkthrough.parser import WalkthroughReader
from tests.unit.blocks_page import BlocksWork, render_blocks

SOURCE = Path("lesson/index.md")

BODY = """\
Before any concept.

/// concept | IAM Basics
///

Two ways to grant access.

/// question | What are the two main ways to grant access in IAM?
    hint: One of them *expires*.
    explain: Keys never expire; **roles** hand out temporary credentials.

Think of a program on EC2.

- [ ] Passwords and MFA
    Those sign *people* in.
- [x] Access keys and roles
- [ ] Security groups
///

/// question | A role's credentials expire.
    id: expire
    answer: true
///

/// concept | Credentials
    id: creds
///

### Keys

/// question | Which identities can hold access keys?
- [x] An IAM user
- [x] The root user
- [ ] An IAM role
///

/// question | Which service issues temporary credentials?
    answer: [STS, Security Token Service]
///

/// question | Default session length in seconds?
    answer: 3600
    tolerance: 60
///

/// concept | Roles
    requires: [iam-basics]
///

/// question | Put the steps in order
1. Create the role
2. Attach a policy
3. Assume it
///

## Summary

Done.
"""


def parse(body: str, first_line: int = 1) -> tuple[str, LessonChecks, list[str]]:
    diagnostics = Diagnostics()
    reader = ChecksReader()
    out = scan_blocks(body, first_line, SOURCE, [WalkthroughReader(), reader], diagnostics)
    checks = reader.result(diagnostics, SOURCE)
    return out, checks, [d.format(Path()) for d in sorted(diagnostics)]


def render(body: str) -> BeautifulSoup:
    out, checks, errors = parse(body)
    assert errors == []
    html = render_blocks(out, checks=checks, extensions=["toc", "fenced_code"], with_map=True)
    return BeautifulSoup(html, "html.parser")


def messages(body: str) -> list[str]:
    return parse(body, first_line=10)[2]


# --- Parsing -------------------------------------------------------------------------------


def test_every_kind_is_read_with_its_answers() -> None:
    _, checks, errors = parse(BODY)
    assert errors == []
    assert [c.id for c in checks.concepts] == ["iam-basics", "creds", "roles"]
    kinds = {q.id: q.kind for q in checks.questions}
    assert kinds == {
        "what-are-the-two-main-ways-to-grant-access-in-iam": QuestionKind.SINGLE,
        "expire": QuestionKind.TRUE_FALSE,
        "which-identities-can-hold-access-keys": QuestionKind.MULTIPLE,
        "which-service-issues-temporary-credentials": QuestionKind.FILL_IN,
        "default-session-length-in-seconds": QuestionKind.FILL_IN,
        "put-the-steps-in-order": QuestionKind.ORDER,
    }
    first = checks.questions[0]
    assert first.context == "Think of a program on EC2."
    assert [(c.text, c.correct) for c in first.choices] == [
        ("Passwords and MFA", False),
        ("Access keys and roles", True),
        ("Security groups", False),
    ]
    assert first.choices[0].feedback == "Those sign *people* in."
    assert first.hint == "One of them *expires*."
    assert first.concept_id == "iam-basics"
    assert [(c.text, c.correct) for c in checks.questions[1].choices] == [
        ("true", True),
        ("false", False),
    ]
    assert checks.questions[3].answers == ["STS", "Security Token Service"]
    numeric = checks.questions[4]
    assert (numeric.number, numeric.tolerance, numeric.answers) == (3600.0, 60.0, [])
    assert [c.text for c in checks.questions[5].choices] == [
        "Create the role",
        "Attach a policy",
        "Assume it",
    ]


def test_requirements_default_to_the_concept_before_and_lay_out_in_layers() -> None:
    _, checks, _ = parse(BODY)
    basics, creds, roles = checks.concepts
    assert (basics.requires, creds.requires, roles.requires) == ([], ["iam-basics"], ["iam-basics"])
    assert [(c.layer, c.slot) for c in checks.concepts] == [(1, 1), (2, 1), (2, 2)]
    assert [q.concept_id for q in checks.questions] == [
        "iam-basics",
        "iam-basics",
        "creds",
        "creds",
        "creds",
        "roles",
    ]


def test_concepts_end_at_the_next_level_two_heading_and_questions_outside_still_count() -> None:
    out, checks, errors = parse(
        "/// question | Outside?\n    answer: yes\n///\n\n/// concept | A\n///\n\n### Inside\n\n"
        "## After\n"
    )
    assert errors == []
    assert checks.questions[0].concept_id is None
    assert out.index(marker("concept-end", "a")) < out.index("## After")
    assert out.index("### Inside") < out.index(marker("concept-end", "a"))


def test_blocks_inside_fenced_code_are_text() -> None:
    out, checks, _ = parse("```markdown\n/// question | Not a question\n- [x] a\n///\n```\n")
    assert not checks
    assert "/// question | Not a question" in out


def test_walkthrough_and_checks_in_one_body_keep_their_lines() -> None:
    body = (
        "/// concept | A\n///\n\n//// walkthrough | a.py\n\n/// step\n```python\nx = 1\n```\n"
        "Set x.\n///\n////\n\n/// question | Q\n- [ ] a\n- [ ] b\n///\n"
    )
    errors = parse(body, first_line=5)[2]
    assert errors == [
        "lesson/index.md:19: no choice is marked right: mark the right choice "
        "'- [x]' (the others stay '- [ ]')"
    ]


# --- Messages ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param(
            "/// question | Q\n- [ ] a\n- [ ] b\n///\n",
            "lesson/index.md:11: no choice is marked right",
            id="choice-without-right-answer",
        ),
        pytest.param(
            "/// question | Q\n    answer: []\n///\n",
            "lesson/index.md:11: the fill-in question accepts no answer",
            id="fill-in-without-answer",
        ),
        pytest.param(
            "/// question | Q\n    answer: ''\n///\n",
            "lesson/index.md:11: the fill-in question accepts no answer",
            id="fill-in-with-empty-answer",
        ),
        pytest.param(
            "/// question | Q\n    answer: .nan\n///\n",
            "lesson/index.md:11: 'answer: nan' is not a number a reader can type",
            id="fill-in-not-finite",
        ),
        pytest.param(
            "/// question | Q\n1. only\n///\n",
            "lesson/index.md:11: an ordering needs at least two items",
            id="ordering-of-one",
        ),
        pytest.param(
            "/// concept | A\n///\n/// concept | B\n    requires: [aa]\n///\n",
            "lesson/index.md:13: the concept 'b' requires an unknown concept 'aa' (did you mean "
            "'a'?)",
            id="unknown-requirement",
        ),
        pytest.param(
            "/// concept | A\n    requires: [b]\n///\n/// concept | B\n///\n",
            "lesson/index.md:11: concepts require each other in a circle ('a' requires 'b' "
            "requires 'a'): no reader could ever unlock them; remove 'b' from the 'requires:' "
            "of 'a'",
            id="cycle",
        ),
        pytest.param(
            "/// concept | A\n    requires: [a]\n///\n",
            "lesson/index.md:11: the concept 'a' requires itself",
            id="self-requirement",
        ),
        pytest.param(
            "/// question | Q\n    answer: x\n///\n/// question | Q\n    answer: y\n///\n",
            "lesson/index.md:13: two questions in this lesson have the id 'q'",
            id="duplicate-question-id",
        ),
        pytest.param(
            "/// concept | A\n///\n/// concept | B\n    id: a\n///\n",
            "lesson/index.md:12: two concepts in this lesson have the id 'a'",
            id="duplicate-concept-id",
        ),
        pytest.param(
            "/// question | Q\n///\n",
            "lesson/index.md:10: the question has no answers",
            id="no-answers",
        ),
        pytest.param(
            "/// question\n    answer: x\n///\n",
            "lesson/index.md:10: the question has no prompt",
            id="no-prompt",
        ),
        pytest.param(
            "/// concept\n///\n",
            "lesson/index.md:10: the concept has no title",
            id="concept-without-title",
        ),
        pytest.param(
            "/// question | Q\n- [x] a\n- [ ] b\n\nAfter.\n///\n",
            "lesson/index.md:14: text after the list of answers",
            id="text-after-choices",
        ),
        pytest.param(
            "/// question | Q\n    answer: x\n- [x] a\n- [ ] b\n///\n",
            "lesson/index.md:11: the question has both a list of choices and 'answer:'",
            id="choices-and-answer",
        ),
        pytest.param(
            "/// question | Q\n    type: single\n- [x] a\n- [x] b\n///\n",
            "lesson/index.md:12: a single-choice question has one right choice, and 2 are marked",
            id="single-with-two-right",
        ),
        pytest.param(
            "/// question | Q\n    type: order\n    answer: x\n///\n",
            "lesson/index.md:11: 'type: order' does not fit the question, which reads as fill-in",
            id="type-contradicts",
        ),
        pytest.param(
            "/// question | Q\n    answer: x\n    tolerance: 2\n///\n",
            "lesson/index.md:12: 'tolerance:' only applies to a numeric answer",
            id="tolerance-without-number",
        ),
        pytest.param(
            "/// question | Q\n- [x] a\n///\n",
            "lesson/index.md:11: a choice question needs at least two choices",
            id="one-choice",
        ),
        pytest.param(
            "/// question | Q\n    answer: x\n    hnt: x\n///\n",
            "lesson/index.md:12: unknown key 'hnt' in the question options (did you mean 'hint'?)",
            id="unknown-option",
        ),
        pytest.param(
            "/// concept | A\n    id: 1a\n///\n",
            "lesson/index.md:11: the id '1a' must start with a letter",
            id="bad-id",
        ),
        pytest.param(
            "/// concept | A\nText inside.\n///\n",
            "lesson/index.md:11: a concept block holds only its options",
            id="text-in-concept-block",
        ),
        pytest.param(
            "/// question | Q\n    answer: x\n",
            "lesson/index.md:10: this question is never closed",
            id="never-closed",
        ),
    ],
)
def test_each_mistake_gives_one_message_at_its_line(body: str, expected: str) -> None:
    found = messages(body)
    assert len(found) == 1 and found[0].startswith(expected), found


def test_a_cycle_is_reported_once_and_broken() -> None:
    _, checks, errors = parse(
        "/// concept | A\n    requires: [c]\n///\n/// concept | B\n///\n/// concept | C\n///\n"
    )
    assert len(errors) == 1 and "circle" in errors[0]
    assert sorted(c.layer for c in checks.concepts) == [1, 2, 3]


# --- HTML ------------------------------------------------------------------------------------


def test_questions_render_as_forms_with_their_markdown() -> None:
    page = render(BODY)
    single = page.select_one(
        "form#lessons-question-what-are-the-two-main-ways-to-grant-access-in-iam"
    )
    assert single["data-lessons-kind"] == "single"
    assert single.select_one("legend").get_text() == (
        "What are the two main ways to grant access in IAM?"
    )
    assert single.select_one(".lessons-question__context p").get_text() == (
        "Think of a program on EC2."
    )
    choices = single.select("li.lessons-choice")
    assert [c["data-lessons-correct"] for c in choices] == ["false", "true", "false"]
    assert [c.select_one("input")["type"] for c in choices] == ["radio"] * 3
    assert choices[0].select_one(".lessons-choice__feedback em").get_text() == "people"
    assert choices[0].select_one(".lessons-choice__feedback").has_attr("hidden")
    assert single.select_one(".lessons-question__hint summary").get_text() == "Hint"
    answer = single.select_one("details.lessons-question__answer")
    assert answer.select_one("summary").get_text() == "Show answer"
    assert answer.select_one(".lessons-question__solution li").get_text() == "Access keys and roles"
    assert answer.select_one(".lessons-question__explanation strong").get_text() == "roles"
    assert single.select_one(".lessons-question__actions").has_attr("hidden")
    true_false = page.select_one("#lessons-question-expire")
    assert [s.get_text() for s in true_false.select(".lessons-choice__text")] == ["True", "False"]
    multiple = page.select_one("#lessons-question-which-identities-can-hold-access-keys")
    assert {i["type"] for i in multiple.select("input")} == {"checkbox"}
    text = page.select_one("#lessons-question-which-service-issues-temporary-credentials input")
    assert json.loads(str(text["data-lessons-answers"])) == ["sts", "security token service"]
    number = page.select_one("#lessons-question-default-session-length-in-seconds input")
    assert (number["data-lessons-number"], number["data-lessons-tolerance"]) == ("3600", "60")
    order = page.select_one("#lessons-question-put-the-steps-in-order")
    positions = [
        int(str(li["data-lessons-position"])) for li in order.select("li.lessons-order-item")
    ]
    assert sorted(positions) == [1, 2, 3] and positions != [1, 2, 3], "shown shuffled"
    assert [li.get_text() for li in order.select(".lessons-question__solution li")] == [
        "Create the role",
        "Attach a policy",
        "Assume it",
    ]
    move = order.select_one("button[data-lessons-move='-1']")
    assert move["aria-label"].startswith("Move up: ")


def test_the_shuffle_is_the_same_on_every_build() -> None:
    first = [li["data-lessons-position"] for li in render(BODY).select(".lessons-order-item")]
    again = [li["data-lessons-position"] for li in render(BODY).select(".lessons-order-item")]
    assert first == again


def test_concepts_wrap_their_content_and_checks_group_their_questions() -> None:
    page = render(BODY)
    sections = page.select("section.lessons-concept")
    assert [s["id"] for s in sections] == [
        "lessons-concept-iam-basics",
        "lessons-concept-creds",
        "lessons-concept-roles",
    ]
    basics = sections[0]
    assert basics.select_one(".lessons-concept__label").get_text(strip=True) == "Concept 1"
    assert basics.select_one("h2").get_text() == "IAM Basics"
    checks = basics.select("section.lessons-check")
    assert len(checks) == 1 and len(checks[0].select("form")) == 2
    assert checks[0].select_one("h3").get_text() == "System Check"
    assert "Before any concept." not in basics.get_text()
    assert page.find("h2", string="Summary").find_parent("section") is None
    assert len(sections[1].select("form")) == 3


def test_the_map_lists_the_concepts_with_links_and_layout() -> None:
    page = render(BODY)
    nodes = page.select("nav.lessons-map li.lessons-map__node")
    assert [n.select_one("a")["href"] for n in nodes] == [
        "#lessons-concept-iam-basics",
        "#lessons-concept-creds",
        "#lessons-concept-roles",
    ]
    assert nodes[2]["style"] == "--lessons-layer:2;--lessons-slot:2"
    assert page.select_one("nav.lessons-map h2").get_text() == "Concept map"
    assert page.select_one("nav.lessons-map progress")["max"] == "3"


def test_system_checks_are_in_the_content_and_not_given_to_search() -> None:
    out, checks, _ = parse(BODY)
    work = BlocksWork(checks=checks)
    html = render_markdown(out, work, ["toc", "fenced_code"])
    page = BeautifulSoup(html, "html.parser")
    assert len(page.select("section.lessons-concept section.lessons-check")) == 3
    assert len(page.select("details.lessons-question__answer")) == 6
    assert "Keys never expire" in page.get_text()
    searched = BeautifulSoup(work.unsearched.searchable(html), "html.parser")
    assert searched.select("form") == [] and searched.select("section.lessons-check") == []
    assert "Keys never expire" not in str(searched)
    assert len(searched.select("section.lessons-concept")) == 3, "the concepts stay"


def test_a_lesson_without_checks_is_untouched() -> None:
    out, checks, _ = parse("## Title\n\nText.\n")
    assert out == "## Title\n\nText.\n" and not checks
    assert render_map(checks, Translator("en")) == ""


def test_a_walkthrough_in_a_concept_titles_its_steps_one_level_below() -> None:
    body = (
        "/// concept | A\n///\n\n/// question | Q\n    answer: x\n\n```bash\n# not a heading\n```\n"
        "///\n\n//// walkthrough | a.py\n\n/// step\n```python\nx = 1\n```\nSet x.\n///\n////\n"
    )
    diagnostics = Diagnostics()
    walkthroughs = WalkthroughReader()
    scan_blocks(body, 1, SOURCE, [walkthroughs, ChecksReader()], diagnostics)
    assert list(diagnostics) == []
    assert walkthroughs.walkthroughs[0].heading_level == 3


def test_a_line_opening_with_inline_code_is_not_a_fence() -> None:
    body = "```x``` is inline code.\n\n/// question | Q\n- [ ] a\n- [ ] b\n///\n"
    assert messages(body) == [
        "lesson/index.md:13: no choice is marked right: mark the right choice '- [x]' (the "
        "others stay '- [ ]')"
    ]
