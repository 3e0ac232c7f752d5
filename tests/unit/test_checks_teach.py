"""Questions that teach (issue 14, point 1), source in and HTML out: several hints, feedback for
a fill-in's expected mistakes, unit words after a numeric answer ("answer: 90 days"),
``reveal_after``, and inline Markdown in the prompt; each slip one ``path:line`` message."""

from __future__ import annotations

import json

import pytest

from tests.unit.test_checks import messages, parse, render


def question(options: str, body: str = "", prompt: str = "How long, in seconds?") -> str:
    return f"/// question | {prompt}\n{options}\n{body}///\n"


def test_a_list_of_hints_is_revealed_in_order() -> None:
    source = question("    answer: 3600\n    hint:\n      - It is *one* hour.\n      - 60 x 60.")
    _, checks, errors = parse(source)
    assert errors == []
    assert checks.questions[0].hints == ["It is *one* hour.", "60 x 60."]
    hints = render(source).select(".lessons-question__hint")
    assert [hint.summary and hint.summary.get_text() for hint in hints] == [
        "Hint 1 of 2",
        "Hint 2 of 2",
    ]
    assert hints[0].div is not None and hints[0].div.em is not None, "hints are Markdown"


def test_one_hint_is_just_hint() -> None:
    hints = render(question("    answer: 3600\n    hint: An hour.")).select(
        ".lessons-question__hint"
    )
    assert [hint.summary and hint.summary.get_text() for hint in hints] == ["Hint"]


def test_a_numeric_answer_with_a_unit_word_is_a_number() -> None:
    _, checks, errors = parse(question("    answer: 90 days\n    units: [d]"))
    assert errors == []
    q = checks.questions[0]
    assert (q.number, q.answers, q.units) == (90.0, [], ["days", "d"])
    field = render(question("    answer: 90 days\n    units: [d]")).select_one("input")
    assert field is not None
    assert field["data-lessons-number"] == "90"
    assert json.loads(str(field["data-lessons-units"])) == ["days", "d"]


@pytest.mark.parametrize(
    ("answer", "number"), [("3,600 seconds", 3600.0), ("3 600 s", 3600.0), ("0.5 h", 0.5)]
)
def test_numbers_are_read_as_authors_write_them(answer: str, number: float) -> None:
    _, checks, errors = parse(question(f"    answer: {answer}"))
    assert errors == [] and checks.questions[0].number == number


def test_a_number_then_more_than_a_unit_is_refused_never_made_a_text() -> None:
    assert messages(question("    answer: 90 days or more")) == [
        "lesson/index.md:11: 'answer: 90 days or more' starts with a number, then more than a unit "
        "word: for a number write 'answer: 90' (with 'units: [days]' for the word a reader may "
        "add); for a text, give it in a list: 'answer: [90 days or more]'"
    ]
    # In a list it is a text, as written.
    _, checks, errors = parse(question("    answer: [90 days or more]"))
    assert errors == [] and checks.questions[0].answers == ["90 days or more"]


def test_units_need_a_numeric_answer() -> None:
    assert messages(question("    answer: STS\n    units: [s]")) == [
        "lesson/index.md:12: 'units:' only applies to a numeric answer, such as 'answer: 3600'"
    ]


def test_expected_mistakes_get_their_feedback() -> None:
    source = question('    answer: 3600\n    feedback:\n      "60": That is *minutes*.\n')
    _, checks, errors = parse(source)
    assert errors == [] and checks.questions[0].mistakes == {"60": "That is *minutes*."}
    mistake = render(source).select_one(".lessons-question__mistake")
    assert mistake is not None and mistake["data-lessons-for"] == "60"
    assert mistake.has_attr("hidden") and mistake.em is not None


def test_feedback_for_an_accepted_answer_or_a_choice_question_is_said() -> None:
    assert messages(question('    answer: 3600\n    feedback:\n      "3,600": Yes.\n')) == [
        "lesson/index.md:12: 'feedback:' has '3,600', which is an accepted answer: give "
        "feedback to the wrong answers readers are expected to give (the explanation follows a "
        "right one)"
    ]
    choices = question('    feedback:\n      "a": No.\n', "- [x] a\n- [ ] b\n")
    assert messages(choices) == [
        "lesson/index.md:11: 'feedback:' is for a fill-in's expected wrong answers; a choice "
        "takes its feedback indented under it"
    ]


def test_reveal_after_is_a_number_of_tries() -> None:
    source = question("    answer: 2\n    reveal_after: 2")
    form = render(source).select_one("form")
    assert form is not None and form["data-lessons-reveal-after"] == "2"
    assert "reveal_after" in messages(question("    answer: 2\n    reveal_after: soon"))[0]
    assert render(question("    answer: 2")).select_one("form[data-lessons-reveal-after]") is None


def test_the_prompt_reads_inline_markdown() -> None:
    legend = render(question("    answer: x", prompt="What does `s3:*` allow?")).select_one(
        "legend"
    )
    assert legend is not None and legend.code is not None and legend.code.get_text() == "s3:*"
    # A prompt Markdown reads as a list stays its text.
    listed = render(question("    answer: x", prompt="1. First?")).select_one("legend")
    assert listed is not None and listed.get_text() == "1. First?"
