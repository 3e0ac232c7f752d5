"""``mkdocs-lessons export gift`` (issue 15, point 4): Moodle GIFT text of the System Checks, read
back through a strict GIFT reader (``gift_grammar``: no parser on PyPI is strict or usable)."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from mkdocs_lessons.cli import main
from mkdocs_lessons.export.gift import escape
from tests.unit.gift_grammar import GiftError, GiftQuestion, parse
from tests.unit.test_export_qti import BODY, HOSTILE, REPO, export, write_project

_TAG = re.compile(r"<[^>]+>")


def shown(fragment: str | None) -> str:
    """What a reader sees of an HTML fragment: its text."""
    assert fragment is not None
    return html.unescape(_TAG.sub("", fragment))


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, GiftQuestion], str]:
    root = write_project(tmp_path_factory.mktemp("site"))
    target = root / "out.gift.txt"
    assert main(["export", "gift", str(root), "-o", str(target)]) == 0
    text = target.read_text(encoding="utf-8")
    return {question.title: question for question in parse(text)}, text


def test_each_kind_gift_carries_reads_back_and_the_others_are_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = write_project(tmp_path)
    run = export(["gift", str(root), "-o", str(tmp_path / "x.gift.txt")], capsys)
    assert run.code == 0
    questions = parse((tmp_path / "x.gift.txt").read_text(encoding="utf-8"))
    kinds = [question.kind for question in questions]
    assert kinds == [
        "multichoice", "multichoice", "truefalse", "shortanswer", "numerical", "matching",
        "multichoice", "shortanswer", "truefalse",
    ]  # fmt: skip
    for name, kind in (("steps", "order"), ("lines", "parsons"), ("handler", "parsons")):
        assert f"skipped basics/first#{name} ({kind}): GIFT has no ordering question" in run.err
    assert "skipped basics/first#two-lines (output)" in run.err
    assert run.err.count(": skipped ") == 4
    assert "9 question(s) of 2 lesson(s) as GIFT, 4 skipped" in run.err
    assert {question.category for question in questions} == {"Basics/First", "Basics/Second"}


def test_single_choice_with_feedback_and_explanation(
    exported: tuple[dict[str, GiftQuestion], str],
) -> None:
    question = exported[0][f"Pick the right one {HOSTILE}"]
    assert question.text_format == "html"
    assert [(a.mark, shown(a.text)) for a in question.answers] == [
        ("~", f"Wrong one {HOSTILE}"),
        ("=", "Right one"),
    ]
    assert question.answers[0].feedback == "<p>Feedback for the wrong one.</p>"
    assert question.general_feedback == "<p>Because <strong>roles</strong> expire.</p>"


def test_hostile_text_survives_exactly(exported: tuple[dict[str, GiftQuestion], str]) -> None:
    question = exported[0][f"Pick the right one {HOSTILE}"]
    assert shown(question.text) == (
        f"Pick the right one {HOSTILE}Context with code {{x}} and <b>raw</b> HTML."
    )
    assert "<script>" not in question.text  # shown as text, never run
    assert "&lt;script&gt;" in question.text


def test_multiple_choice_shares_the_right_and_takes_all_for_a_wrong_one(
    exported: tuple[dict[str, GiftQuestion], str],
) -> None:
    question = exported[0]["Pick all that apply"]
    assert [(a.weight, a.text) for a in question.answers] == [
        (33.33333, "First right"),
        (33.33333, "Second right"),
        (33.33333, "Third right"),
        (-100, "Wrong"),
    ]
    assert question.answers[3].feedback == "<p>Not this one.</p>"


def test_true_false(exported: tuple[dict[str, GiftQuestion], str]) -> None:
    assert exported[0]["Roles expire."].truth is False
    assert exported[0]["A second lesson's question"].truth is True


def test_a_short_answer_keeps_alternatives_a_literal_star_and_mistakes(
    exported: tuple[dict[str, GiftQuestion], str],
) -> None:
    question = exported[0]["Which service issues temporary credentials?"]
    assert [(a.weight, a.text, a.feedback) for a in question.answers] == [
        (None, "STS", None),
        (None, "Security Token Service", None),
        (None, "a\\*b", None),  # Moodle reads '\*' as a star, '*' alone as a wildcard
        (0, "IAM", "<p>IAM holds the policies.</p>"),
    ]


def test_a_numeric_answer_with_tolerance_and_a_mistake(
    exported: tuple[dict[str, GiftQuestion], str],
) -> None:
    question = exported[0]["Default session length in seconds?"]
    assert [(a.number, a.tolerance, a.weight) for a in question.answers] == [
        (3600, 60, None),
        (60, 0, 0),
    ]
    assert question.answers[1].feedback == "<p>That is minutes.</p>"


def test_a_matching_gives_plain_text_answers(exported: tuple[dict[str, GiftQuestion], str]) -> None:
    question = exported[0]["Match them"]
    assert [(a.text, a.right_side) for a in question.answers] == [
        ("IAM user", "a person"),
        ("IAM role", "an identity one assumes"),
        ("Group", "a set of users"),
    ]


def test_predict_the_output_as_a_choice_and_as_a_short_answer(
    exported: tuple[dict[str, GiftQuestion], str],
) -> None:
    picked = exported[0]["What does it print?"]
    assert [(a.mark, a.text) for a in picked.answers] == [
        ("=", "<pre>7</pre>"),
        ("~", "<pre>3</pre>"),
        ("~", "<pre>12</pre>"),
    ]
    assert "print" in shown(picked.text)
    typed = exported[0]["Type what it prints"]
    assert [a.text for a in typed.answers] == ["a{b}#c"]


def test_each_question_is_one_block_and_code_keeps_its_lines(
    exported: tuple[dict[str, GiftQuestion], str],
) -> None:
    text = exported[1]
    assert "\n\n\n" not in text
    picked = exported[0]["What does it print?"]
    assert "&#10;" in picked.text  # the program's line end, inside <pre>


@pytest.mark.parametrize(
    "broken",
    [
        "::t::q {=a ~b",  # never closed
        "::t::q {=a ~b} extra",
        "::t::q: {=a ~b}",  # a bare ':'
        "::t::q {=a#b#c ~d}",  # two feedbacks
        "::t::q {=a ~b}\n\n::t::\\q {T}",  # an unknown escape
        "::t::q {=a =b ~c}",  # two right answers of a single choice
        "::t::q {~%50%a ~%-100%b}",  # weights short of 100
        "::t::q {#abc}",
        "::t::q {=a -> b ~c}",
        "::t::q\n\n{T}",  # a blank line inside
    ],
)
def test_the_reader_refuses_malformed_gift(broken: str) -> None:
    with pytest.raises(GiftError):
        parse(broken)


@pytest.mark.parametrize(
    "text", [HOSTILE.replace("->", ""), "\\", "a\\~b", "::", "{}", "####", "=~#{}:"]
)
def test_escape_round_trips_any_text(text: str) -> None:
    question = parse(f"::{escape(text)}::{escape(text)} {{={escape(text)}}}")[0]
    assert question.title == text
    assert question.answers[0].text == text.strip()


def test_a_short_answer_holding_an_arrow_is_reported_and_skipped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    body = "/// question | Which arrow?\n    id: arrow\n    answer: [a -> b]\n///\n"
    root = write_project(tmp_path, body)
    run = export(["gift", str(root), "-o", str(tmp_path / "x.gift.txt")], capsys)
    assert run.code == 0
    assert "skipped basics/first#arrow (fill-in): GIFT reads a short answer holding '->'" in run.err
    titles = [q.title for q in parse((tmp_path / "x.gift.txt").read_text(encoding="utf-8"))]
    assert titles == ["A second lesson's question"]


def test_the_example_site_exports_without_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run = export(["gift", str(REPO), "-o", str(tmp_path / "site.gift.txt")], capsys)
    assert run.code == 0, run.err
    questions = parse((tmp_path / "site.gift.txt").read_text(encoding="utf-8"))
    assert len(questions) >= 20
    assert "error" not in run.err


def test_a_lesson_to_standard_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = write_project(tmp_path, BODY)
    run = export(["gift", str(root), "--lesson", "second", "-o", "-"], capsys)
    assert run.code == 0
    assert [question.title for question in parse(run.out)] == ["A second lesson's question"]
