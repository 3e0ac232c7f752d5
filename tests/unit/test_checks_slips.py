"""Slips in concepts and questions that rendered wrong or gave a misleading message: empty
choices, setext headings, renamed duplicate ids, options after a blank line."""

from __future__ import annotations

from pathlib import Path

import pytest

from mkdocs_lessons.checks.model import LessonChecks, QuestionKind
from mkdocs_lessons.checks.parser import ChecksReader
from mkdocs_lessons.core.blocks import scan_blocks
from mkdocs_lessons.core.diagnostics import Diagnostics
from mkdocs_lessons.core.markers import marker
from mkdocs_lessons.walkthrough.parser import WalkthroughReader

SOURCE = Path("lesson/index.md")


def scan(body: str) -> tuple[str, LessonChecks, list[str]]:
    """The scanned body, the checks and the messages of ``body`` (from file line 10)."""
    diagnostics = Diagnostics()
    checks = ChecksReader()
    out = scan_blocks(body, 10, SOURCE, [WalkthroughReader(), checks], diagnostics)
    return out, checks.checks, [d.format(Path()) for d in diagnostics]


@pytest.mark.parametrize(
    ("choices", "line", "message"),
    [
        ("- [x] \n- [ ] b", 11, "choice 1 has no text: write the choice after '- [x]'"),
        ("- [x] a\n- [ ]", 12, "choice 2 has no text: write the choice after '- [ ]'"),
        ("1. a\n2. ", 12, "item 2 of the ordering has no text: write it after '2.'"),
    ],
)
def test_a_choice_with_no_text_is_one_message_at_its_line(
    choices: str, line: int, message: str
) -> None:
    _, checks, messages = scan(f"/// question | Q\n{choices}\n///\n")
    assert messages == [f"lesson/index.md:{line}: {message} (or remove the line)"]
    assert len(checks.questions[0].choices) == 2


@pytest.mark.parametrize("underline", ["-------", "===", "-"])
def test_a_setext_heading_ends_a_concept_like_a_hash_heading(underline: str) -> None:
    body = (
        "/// concept | A\n///\n\nText.\n\nSection\n"
        f"{underline}\n\n/// question | Q\n    answer: true\n///\n"
    )
    out, checks, messages = scan(body)
    assert messages == []
    assert checks.questions[0].concept_id is None
    end = out.split("\n").index(marker("concept-end", "a"))
    assert out.split("\n")[end:].index("Section") > 0


def test_dashes_after_a_blank_line_are_a_rule_inside_the_concept() -> None:
    body = "/// concept | A\n///\n\nText.\n\n---\n\n/// question | Q\n    answer: true\n///\n"
    _, checks, _ = scan(body)
    assert checks.questions[0].concept_id == "a"


def test_a_renamed_duplicate_id_does_not_collide_with_a_later_one() -> None:
    question = "/// question | {}\n    answer: true\n///\n\n"
    _, checks, messages = scan("".join(question.format(q) for q in ["Q", "Q", "Q 2"]))
    assert messages == [
        "lesson/index.md:14: two questions in this lesson have the id 'q': give one an 'id:' "
        "option (progress is kept by question id)"
    ]
    assert [q.id for q in checks.questions] == ["q", "q-3", "q-2"]


def test_a_renamed_duplicate_id_avoids_a_later_given_id() -> None:
    body = (
        "/// question | Q\n    answer: true\n///\n\n/// question | Q\n    answer: true\n///\n\n"
        "/// question | R\n    id: q-2\n    answer: true\n///\n"
    )
    _, checks, messages = scan(body)
    assert len(messages) == 1
    assert [q.id for q in checks.questions] == ["q", "q-3", "q-2"]


def test_question_options_after_a_blank_line_are_one_message_and_still_read() -> None:
    _, checks, messages = scan("/// question | Q\n\n    answer: x\n///\n")
    assert messages == [
        "lesson/index.md:12: the question options come right under the opening line, with no "
        "blank line before them: remove the blank line above 'answer: x'"
    ]
    (question,) = checks.questions
    assert (question.kind, question.answers, question.context) == (QuestionKind.FILL_IN, ["x"], "")


def test_options_split_by_a_blank_line_are_one_message() -> None:
    body = "/// question | Q\n    hint: Think.\n\n    answer: true\n///\n"
    _, checks, messages = scan(body)
    assert messages == [
        "lesson/index.md:13: the question options come right under the opening line, with no "
        "blank line before them: remove the blank line above 'answer: true'"
    ]
    assert checks.questions[0].kind is QuestionKind.TRUE_FALSE
    assert checks.questions[0].hint == "Think."


def test_concept_options_after_a_blank_line_are_one_message() -> None:
    _, checks, messages = scan("/// concept | A\n\n    id: basics\n///\n")
    assert messages == [
        "lesson/index.md:12: the concept options come right under the opening line, with no "
        "blank line before them: remove the blank line above 'id: basics'"
    ]
    assert checks.concepts[0].id == "basics"


def test_an_indented_code_block_in_a_question_is_still_its_context() -> None:
    _, checks, messages = scan("/// question | Q\n\n    x = 1\n\n- [x] a\n- [ ] b\n///\n")
    assert messages == []
    assert checks.questions[0].context == "    x = 1"
