"""Issue 11 for concepts and System Checks: numbers a browser cannot hold, blocks never closed,
options indented with a tab, and the other shapes of bad input a question or concept can take.

Each mistake is one message at its line, never an exception, in the check and in the render:
the body goes through the same pass as a lesson's (walkthroughs and checks together), then
Markdown pass as the build does.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from mkdocs_lessons.catalog.loader import load_catalog
from mkdocs_lessons.checks import parser
from mkdocs_lessons.checks.model import LessonChecks, Question, QuestionKind
from mkdocs_lessons.checks.parser import ChecksReader
from mkdocs_lessons.core.blocks import scan_blocks
from mkdocs_lessons.core.diagnostics import UNEXPECTED, Diagnostics
from mkdocs_lessons.core.markers import marker
from mkdocs_lessons.walkthrough.parser import WalkthroughReader
from tests.sources import AUTHORS, lesson
from tests.unit.blocks_page import render_blocks

SOURCE = Path("lesson/index.md")


def parse(body: str) -> tuple[str, LessonChecks, list[str], WalkthroughReader]:
    """The body as lines 10 onwards of a lesson: its Markdown, checks and messages."""
    diagnostics = Diagnostics()
    walkthroughs, reader = WalkthroughReader(), ChecksReader()
    out = scan_blocks(body, 10, SOURCE, [walkthroughs, reader], diagnostics)
    checks = reader.result(diagnostics, SOURCE)
    return out, checks, [d.format(Path()) for d in diagnostics], walkthroughs


def messages(body: str) -> list[str]:
    return parse(body)[2]


def render(body: str) -> BeautifulSoup:
    """The page as the build makes it, whatever the messages (a check run reports them; the
    build must not die before it can)."""
    out, checks, _, _ = parse(body)
    html = render_blocks(out, checks=checks, extensions=["toc", "fenced_code"], with_map=True)
    return BeautifulSoup(html, "html.parser")


def question(options: str, body: str = "") -> str:
    """A question block at line 10, its options from line 11."""
    return (
        "/// question | Q\n" + "".join(f"    {o}\n" for o in options.split("\n")) + body + "///\n"
    )


def expect_one(found: list[str], start: str) -> None:
    assert len(found) == 1 and found[0].startswith(start), found


def _strict_json(text: str) -> object:
    def refuse(constant: str) -> object:
        raise ValueError(f"{constant} is not JSON")

    return json.loads(text, parse_constant=refuse)


# --- 1. Numbers a browser cannot hold -------------------------------------------------------


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        pytest.param(
            "answer: 5\ntolerance: .inf",
            "lesson/index.md:12: 'tolerance: inf' is not a number a browser can compare with: "
            "give a finite number of 0 or more",
            id="tolerance-infinite",
        ),
        pytest.param(
            "answer: 5\ntolerance: -.inf",
            "lesson/index.md:12: 'tolerance: -inf' is not a number a browser can compare with",
            id="tolerance-minus-infinite",
        ),
        pytest.param(
            "answer: 5\ntolerance: .nan",
            "lesson/index.md:12: 'tolerance: nan' is not a number a browser can compare with",
            id="tolerance-not-a-number",
        ),
        pytest.param(
            "answer: 5\ntolerance: -1",
            "lesson/index.md:12: 'tolerance: -1' is below 0: give how far from the answer",
            id="tolerance-negative",
        ),
        pytest.param(
            "answer: 5\ntolerance: 1e3",
            "lesson/index.md:12: 'tolerance' in the question options must be a number of 0 or "
            "more (YAML reads 1e3 as text: write 1.0e+3), not '1e3' (text)",
            id="tolerance-exponent-read-as-text",
        ),
        pytest.param(
            "answer: [1, .inf]",
            "lesson/index.md:11: 'answer:' holds inf, which is not a number a reader can type: "
            "give a finite number between -1.7e308 and 1.7e308, or quote it",
            id="infinite-in-a-list",
        ),
        pytest.param(
            "answer: [S3, .nan]",
            "lesson/index.md:11: 'answer:' holds nan, which is not a number a reader can type",
            id="not-a-number-in-a-list",
        ),
        pytest.param(
            "answer: -.inf",
            "lesson/index.md:11: 'answer: -inf' is not a number a reader can type: give a finite "
            "number between -1.7e308 and 1.7e308",
            id="answer-minus-infinite",
        ),
        pytest.param(
            "answer: 9007199254740993",
            "lesson/index.md:11: 'answer: 9007199254740993' has more digits than a browser keeps "
            "(it would accept 9007199254740992): give at most 15 significant digits",
            id="integer-a-double-cannot-hold",
        ),
        pytest.param(
            "answer: -123456789012345678",
            "lesson/index.md:11: 'answer: -123456789012345678' has more digits than a browser "
            "keeps",
            id="huge-negative-integer",
        ),
        pytest.param(
            "answer: .inf\ntolerance: 1",
            "lesson/index.md:11: 'answer: inf' is not a number a reader can type",
            id="refused-answer-does-not-also-refuse-its-tolerance",
        ),
    ],
)
def test_numbers_a_browser_cannot_hold_are_one_message_at_their_option(
    options: str, expected: str
) -> None:
    body = question(options)
    expect_one(messages(body), expected)
    page = render(body)  # the build goes on to render: it must not die there
    for field in page.select("input[data-lessons-answers]"):
        _strict_json(str(field["data-lessons-answers"]))
    assert "Infinity" not in str(page) and "NaN" not in str(page)


@pytest.mark.parametrize("digits", ["1" + "0" * 400, "-" + "9" * 400])
def test_an_answer_of_400_digits_is_one_message_at_its_line(digits: str) -> None:
    found = messages(question(f"answer: {digits}"))
    assert len(found) == 1 and found[0].startswith("lesson/index.md:11: "), found
    render(question(f"answer: {digits}"))


def test_integers_too_large_for_a_double_are_refused_not_raised() -> None:
    # YAML refuses such numbers first today; the parser must not rely on it (float() raises).
    diagnostics = Diagnostics()
    asked = Question("q", "Q", QuestionKind.FILL_IN, 1)
    parser._read_fill_in(asked, -(10**400), 11, SOURCE, diagnostics)
    parser._read_tolerance(asked, 10**400, 12, SOURCE, diagnostics)
    assert [d.format(Path()) for d in diagnostics] == [
        "lesson/index.md:11: 'answer: -100000000000... (401 digits)' is not a number a reader "
        "can type: give a finite number between -1.7e308 and 1.7e308, or quote it to accept it "
        "as text",
        "lesson/index.md:12: 'tolerance: 100000000000... (401 digits)' is not a number a "
        "browser can compare with: give a finite number of 0 or more, at most 1.7e308, such as "
        "'tolerance: 0.5'",
    ]
    assert asked.number is None and asked.tolerance == 0.0


@pytest.mark.parametrize(
    ("options", "number", "tolerance"),
    [
        pytest.param("answer: 3.14159265", "3.14159265", "0", id="every-digit-kept"),
        pytest.param("answer: 1234567.5\ntolerance: 0.25", "1234567.5", "0.25", id="no-e+06"),
        pytest.param(
            "answer: 1.0e+300\ntolerance: 1.0e+300", "1e+300", "1e+300", id="huge-not-301-digits"
        ),
    ],
)
def test_numbers_reach_the_page_as_the_browser_reads_them_back(
    options: str, number: str, tolerance: str
) -> None:
    body = question(options)
    assert messages(body) == []
    field = render(body).select_one("input[data-lessons-number]")
    assert field is not None
    assert (field["data-lessons-number"], field["data-lessons-tolerance"]) == (number, tolerance)
    assert float(number) == parse(body)[1].questions[0].number


# --- 2. Blocks never closed -----------------------------------------------------------------


def test_a_question_never_closed_is_reported_once_and_does_not_swallow_what_follows() -> None:
    out, checks, found, _ = parse(
        "/// question | Q\n    answer: a\n\n## Heading\n\n/// question | R\n    answer: b\n///\n"
    )
    assert found == [
        "lesson/index.md:10: this question is never closed: add a line with only /// after "
        "its choices"
    ]
    assert [q.id for q in checks.questions] == ["q", "r"]
    assert checks.questions[0].answers == ["a"] and checks.questions[0].context == ""
    assert out.index(marker("question-end", "q")) < out.index("## Heading")


def test_a_question_never_closed_ends_after_its_choices() -> None:
    out, checks, found, _ = parse(
        "/// question | Q\n- [x] a\n- [ ] b\n\nProse after it.\n\n- [ ] a list of the prose\n\n"
        "/// concept | B\n///\n"
    )
    expect_one(found, "lesson/index.md:10: this question is never closed")
    assert [c.text for c in checks.questions[0].choices] == ["a", "b"]
    assert out.index(marker("question-end", "q")) < out.index("Prose after it.")
    assert [c.id for c in checks.concepts] == ["b"]


def test_a_concept_never_closed_is_reported_once_and_its_text_is_the_pages() -> None:
    out, checks, found, walkthroughs = parse(
        "/// concept | A\n    id: a\n\nText of A.\n\n"
        "//// walkthrough | a.py\n\n/// step\n```python\nx = 1\n```\nSet x.\n///\n////\n\n"
        "/// question | R\n    answer: b\n///\n\n## Next\n"
    )
    assert found == [
        "lesson/index.md:10: this concept is never closed: add a line with only /// after "
        "its options"
    ]
    assert [q.concept_id for q in checks.questions] == ["a"]
    assert len(walkthroughs.walkthroughs) == 1
    assert out.index(marker("concept", "a")) < out.index("Text of A.")
    assert out.index("Text of A.") < out.index(marker("concept-end", "a")) < out.index("## Next")


def test_blocks_never_closed_in_a_row_are_each_reported_at_their_own_line() -> None:
    found = messages(
        "/// question | A\n    answer: a\n\n/// question | B\n    answer: b\n\n"
        "/// concept | C\n\n/// question | D\n- [x] d\n- [ ] e\n"
    )
    assert [message.split(": ", 1)[0] + ": " + message.split(": ")[1] for message in found] == [
        "lesson/index.md:10: this question is never closed",
        "lesson/index.md:13: this question is never closed",
        "lesson/index.md:16: this concept is never closed",
        "lesson/index.md:18: this question is never closed",
    ]


# --- 3. Options indented otherwise than by four spaces ---------------------------------------


@pytest.mark.parametrize(
    ("indent", "how"),
    [("\t", "a tab"), ("  ", "2 spaces"), ("   ", "3 spaces"), (" ", "1 space"), (" \t", "tabs")],
)
def test_options_indented_otherwise_say_four_spaces_at_the_option(indent: str, how: str) -> None:
    _, checks, found, _ = parse(f"/// question | Q\n{indent}answer: a\n{indent}hint: h\n///\n")
    expect_one(
        found,
        f"lesson/index.md:11: the question options are indented by four spaces, not {how}",
    )
    assert found[0].endswith(": write '    answer: a' (and indent the other options the same way)")
    # Read anyway: no "the question has no answers" on top.
    assert (checks.questions[0].answers, checks.questions[0].hint) == (["a"], "h")


def test_the_first_option_indented_otherwise_is_reported_among_good_ones() -> None:
    _, checks, found, _ = parse("/// question | Q\n    answer: 3\n\ttolerance: 1\n///\n")
    expect_one(
        found,
        "lesson/index.md:12: the question options are indented by four spaces, not a tab: "
        "write '    tolerance: 1'",
    )
    assert (checks.questions[0].number, checks.questions[0].tolerance) == (3.0, 1.0)


def test_options_nested_under_a_tab_indented_option_are_read() -> None:
    _, checks, found, _ = parse("/// question | Q\n\tanswer:\n\t\t- a\n\t\t- b\n///\n")
    expect_one(
        found, "lesson/index.md:11: the question options are indented by four spaces, not a tab"
    )
    assert checks.questions[0].answers == ["a", "b"]


def test_a_concepts_options_indented_with_a_tab_are_read() -> None:
    _, checks, found, _ = parse(
        "/// concept | A\n///\n/// concept | B\n\tid: b2\n\trequires: []\n///\n"
    )
    expect_one(
        found,
        "lesson/index.md:13: the concept options are indented by four spaces, not a tab: write "
        "'    id: b2'",
    )
    assert [(c.id, c.requires) for c in checks.concepts] == [("a", []), ("b2", [])]


def test_a_misspelt_option_indented_with_a_tab_is_still_an_option() -> None:
    found = messages("/// question | Q\n\tanswr: a\n- [x] a\n- [ ] b\n///\n")
    assert [f.split(":", 3)[:3] for f in found] == [
        ["lesson/index.md", "11", " the question options are indented by four spaces, not a tab"],
        [
            "lesson/index.md",
            "11",
            " unknown key 'answr' in the question options (did you mean 'answer'?); known keys",
        ],
    ], found


def test_tab_indented_code_under_the_prompt_is_the_questions_context() -> None:
    _, checks, found, _ = parse("/// question | Q\n\tprint(1)\n- [x] 1\n- [ ] 2\n///\n")
    assert found == []
    assert checks.questions[0].context == "\tprint(1)"


# --- 4. Ids (the regexes themselves: test_blocks.py) ------------------------------------------


def test_a_long_id_is_cut_in_its_message() -> None:
    found = messages(question("id: " + "x" * 5000 + ".\nanswer: a"))
    assert found == [
        "lesson/index.md:11: the id '" + "x" * 37 + "...' must start with a letter and hold only "
        "letters, digits, '-' and '_'"
    ]


def test_an_unknown_requirement_is_cut_in_its_message() -> None:
    found = messages(f"/// concept | A\n    requires: [{'b' * 5000}]\n///\n")
    expect_one(
        found, f"lesson/index.md:11: the concept 'a' requires an unknown concept '{'b' * 37}...';"
    )


def test_a_renamed_duplicate_never_takes_an_authors_id() -> None:
    body = (
        question("id: q\nanswer: a") + question("id: q-3\nanswer: a") + question("id: q\nanswer: a")
    )
    _, checks, found, _ = parse(body)
    expect_one(found, "lesson/index.md:18: two questions in this lesson have the id 'q'")
    assert [q.id for q in checks.questions] == ["q", "q-3", "q-4"]


# --- 5. Other shapes of bad input -------------------------------------------------------------


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        pytest.param(
            "answer: {a: 1}",
            "lesson/index.md:11: 'answer:' holds a mapping: give each accepted answer as a text "
            "or a number, such as [S3, Amazon S3]",
            id="answer-mapping",
        ),
        pytest.param(
            "answer: [[a, [b, [c]]]]",
            "lesson/index.md:11: 'answer:' holds a list: give each accepted answer",
            id="answer-nested-lists",
        ),
        pytest.param(
            "answer: [yes, S3]",
            "lesson/index.md:11: 'answer:' holds true (true/false): give each accepted answer",
            id="answer-list-with-true",
        ),
        pytest.param(
            "answer: [S3, '']",
            "lesson/index.md:11: 'answer:' lists an empty text, which no reader can type",
            id="answer-list-with-empty-text",
        ),
        pytest.param(
            "answer: 2024-01-01",
            "lesson/index.md:11: 'answer:' holds date: give each accepted answer",
            id="answer-date",
        ),
        pytest.param(
            "answer: [a\nhint: h",
            "lesson/index.md:11: invalid YAML",
            id="yaml-error-is-not-also-no-answers",
        ),
        pytest.param(
            "- a\n    - b",
            "lesson/index.md:11: the question options must be 'key: value' lines",
            id="options-not-a-mapping-is-not-also-no-answers",
        ),
        pytest.param(
            "answer: a\x00b",
            "lesson/index.md:11: invalid YAML",
            id="nul-byte",
        ),
    ],
)
def test_wrong_option_shapes_are_one_message(options: str, expected: str) -> None:
    body = question(options)
    expect_one(messages(body), expected)
    render(body)


def test_text_after_the_choices_is_reported_once_and_the_choices_after_it_are_read() -> None:
    _, checks, found, _ = parse(
        "/// question | Q\n- [x] a\nStray.\n    more stray\n```\n- [ ] in code\n```\n- [ ] b\n///\n"
    )
    expect_one(found, "lesson/index.md:12: text after the list of answers")
    assert [(c.text, c.feedback) for c in checks.questions[0].choices] == [("a", ""), ("b", "")]


def test_a_chain_of_1500_concepts_is_laid_out_without_recursion() -> None:
    body = "".join(f"/// concept | C{i}\n    requires: [c{i + 1}]\n///\n" for i in range(1499))
    body += "/// concept | C1499\n    requires: []\n///\n"
    _, checks, found, _ = parse(body)
    assert found == []
    assert [checks.concepts[0].layer, checks.concepts[-1].layer] == [1500, 1]
    assert render(body).select_one("nav.lessons-map") is not None


def test_a_circle_through_2000_concepts_is_one_short_message() -> None:
    body = "".join(
        f"/// concept | C{i}\n    requires: [c{(i + 1) % 2000}]\n///\n" for i in range(2000)
    )
    found = messages(body)
    expect_one(
        found,
        "lesson/index.md:11: concepts require each other in a circle ('c0' requires 'c1' "
        "requires 'c2' requires 'c3' requires ... requires 'c1998' requires 'c1999' requires "
        "'c0'): no reader could ever unlock them; remove 'c1' from the 'requires:' of 'c0'",
    )
    assert len(found[0]) < 300


def test_an_unknown_requirement_lists_a_dozen_concepts_not_all() -> None:
    body = "".join(f"/// concept | C{i:03}\n///\n" for i in range(100))
    found = messages(body + "/// concept | Last\n    requires: [nothing-like-it]\n///\n")
    expect_one(found, "lesson/index.md:211: the concept 'last' requires an unknown concept")
    assert found[0].endswith(
        "c000, c001, c002, c003, c004, c005, c006, c007, c008, c009, c010, c011 and 89 more"
    )


def test_hostile_blocks_through_load_catalog_give_messages_never_a_traceback(
    tmp_path: Path,
) -> None:
    # Written as bytes: tests.sources.write_tree dedents, which would eat the tabs.
    body = (
        "/// concept | A\n\tid: a\n///\n\n"
        "/// question | Q\n    answer: 1\n    tolerance: .inf\n///\n\n"
        "/// question | R\n    answer: [x, .nan, [y]]\n\n## Heading\n\n"
        "/// concept | B\n    requires: 5\n///\n"
        "/// question | S\n  answer: 12345678901234567\n///\n"
    )
    (tmp_path / ".authors.yml").write_text(AUTHORS)
    (tmp_path / "basics").mkdir()
    (tmp_path / "basics/course.yml").write_text("title: B\nsummary: S.\nlessons: [first]\n")
    (tmp_path / "basics/first").mkdir()
    (tmp_path / "basics/first/index.md").write_bytes(lesson(body=body).encode())
    diagnostics = Diagnostics()
    catalog = load_catalog(tmp_path, diagnostics)
    found = [d.format(tmp_path) for d in diagnostics]
    assert not [f for f in found if UNEXPECTED in f], found
    assert [f.split(": ")[0] for f in found] == [
        "basics/first/index.md:8",  # the tab
        "basics/first/index.md:13",  # tolerance: .inf
        "basics/first/index.md:16",  # R never closed
        "basics/first/index.md:17",  # .nan in its answers
        "basics/first/index.md:22",  # requires: 5
        "basics/first/index.md:25",  # two spaces
        "basics/first/index.md:25",  # more digits than a double keeps
    ], found
    checks = catalog.lessons["first"].checks
    assert [q.id for q in checks.questions] == ["q", "r", "s"]
    _strict_json(checks.progress_json)
