"""Issue 13: text marks, callouts, and the focus language's blank lines, did-you-mean and
leading code blocks meant as narration."""

from __future__ import annotations

from pathlib import Path

from mkdocs_lessons.core.diagnostics import Diagnostics
from mkdocs_lessons.walkthrough.focus import parse_focus, resolve
from mkdocs_lessons.walkthrough.model import Walkthrough
from mkdocs_lessons.walkthrough.parser import extract_walkthroughs

POLICY = (
    "{\n"
    '  "Condition": {\n'
    '    "StringEquals": {"aws:SourceAccount": "123", "x": "aws:SourceAccount"}\n'
    "  },\n"
    '  "Effect": "Allow"\n'
    "}\n"
)


def parse(body: str, tmp_path: Path, files: dict[str, str]) -> tuple[list[Walkthrough], list[str]]:
    for name, content in files.items():
        (tmp_path / name).write_text(content, encoding="utf-8")
    diagnostics = Diagnostics()
    _, walkthroughs = extract_walkthroughs(body, 1, tmp_path / "index.md", diagnostics)
    return walkthroughs, [d.format(tmp_path) for d in diagnostics]


def test_a_quoted_text_marks_every_occurrence_on_its_lines() -> None:
    lines = POLICY.split("\n")
    resolved = resolve(parse_focus('"aws:SourceAccount"')[0], lines, "f")
    assert resolved.lines == [3]
    line = lines[2]
    assert [line[start:end] for _, start, end in resolved.marks] == ["aws:SourceAccount"] * 2
    assert {number for number, _, _ in resolved.marks} == {3}


def test_a_regex_marks_its_matches_and_spans_and_numbers_mark_nothing() -> None:
    lines = ["a = 10", "b = 200", "c"]
    resolved = resolve(parse_focus(r"/\d+/, 3")[0], lines, "f")
    assert resolved.lines == [1, 2, 3]
    assert resolved.marks == [(1, 4, 6), (2, 4, 7)]
    empty = resolve(parse_focus("/x*/")[0], lines, "f")
    assert empty.lines == [1, 2, 3] and empty.marks == [], "an empty match marks no text"
    span = resolve(parse_focus('"a" .. "b"')[0], lines, "f")
    assert span.lines == [1, 2] and span.marks == []


def test_an_open_span_leaves_the_blank_lines_after_its_block() -> None:
    python = ["def greet():", "    return 'hi'", "", "", "def other():", "    pass", ""]
    assert resolve(parse_focus('"def greet" ..')[0], python, "f").lines == [1, 2]
    last = resolve(parse_focus('"def other" ..')[0], python, "f")
    assert last.lines == [5, 6], "nor the blank lines at the end of the file"


def test_a_text_that_matches_nothing_suggests_the_nearest() -> None:
    lines = POLICY.split("\n")
    errors = resolve(parse_focus('"aws:SourceAcount"')[0], lines, "policy.json").errors
    assert errors == [
        'focus "aws:SourceAcount" matches no line of policy.json at this step '
        '(did you mean "aws:SourceAccount" on line 3?)'
    ]
    nothing = resolve(parse_focus('"zzzzqqq"')[0], lines, "p").errors
    assert nothing == ['focus "zzzzqqq" matches no line of p at this step']


def test_step_marks_reach_the_model(tmp_path: Path) -> None:
    body = '//// walkthrough | policy.json\n/// step | "Effect"\nThe effect.\n///\n////\n'
    (walkthrough,), messages = parse(body, tmp_path, {"policy.json": POLICY})
    assert messages == []
    step = walkthrough.steps[0]
    assert step.focus == [5] and step.marks == [(5, 3, 9)]


CALLOUTS = """//// walkthrough | policy.json
/// step | 3
    callouts:
        "aws:SourceAccount": the account that may assume the role
        5: allow, not deny
Narration.
///
////
"""


def test_callouts_are_placed_on_lines(tmp_path: Path) -> None:
    (walkthrough,), messages = parse(CALLOUTS, tmp_path, {"policy.json": POLICY})
    assert messages == []
    assert walkthrough.steps[0].callouts == {
        3: "the account that may assume the role",
        5: "allow, not deny",
    }


def test_callout_mistakes_are_messages_at_their_lines(tmp_path: Path) -> None:
    body = CALLOUTS.replace('"aws:SourceAccount"', '"aws:SourceAcount"').replace(
        "5: allow, not deny",
        "40: far\n        Effect: [1, 2]\n        Allow: " + "x" * 90,
    )
    (walkthrough,), messages = parse(body, tmp_path, {"policy.json": POLICY})
    assert messages == [
        "index.md:6: the callout 'Effect' needs a note: a short text, such as Effect: the "
        "account that may assume the role (quote it if it holds ': ' or starts with a special "
        "character)",
        "index.md:7: the callout 'Allow' is 90 characters long: a callout stands beside a line "
        "of code and may have 80; say the rest in the narration",
        "index.md:4: step 1: the callout 'aws:SourceAcount' matches no line of policy.json at "
        'this step (did you mean "aws:SourceAccount" on line 3?)',
        "index.md:5: step 1: the callout on line 40 is outside policy.json, which has 6 lines "
        "at this step",
    ]
    assert walkthrough.steps[0].callouts == {5: "x" * 79 + "…"}


def test_callouts_must_be_a_mapping(tmp_path: Path) -> None:
    body = CALLOUTS.replace(
        '    callouts:\n        "aws:SourceAccount": the account that may assume the role\n'
        "        5: allow, not deny\n",
        "    callouts: [a, b]\n",
    )
    (walkthrough,), messages = parse(body, tmp_path, {"policy.json": POLICY})
    assert len(messages) == 1 and "callouts" in messages[0] and "mapping" in messages[0]
    assert walkthrough.steps[0].callouts == {}


SHELL = "#!/bin/sh\necho hi\n"


def test_a_shell_session_as_the_steps_code_is_said(tmp_path: Path) -> None:
    body = (
        "//// walkthrough | run.sh\n/// step\n```\n$ git status\n```\nCheck first.\n///\n"
        "/// step\n```sh\necho bye\n```\nA new version.\n///\n////\n"
    )
    (walkthrough,), messages = parse(body, tmp_path, {"run.sh": SHELL})
    assert messages == [
        "index.md:3: this code block starts the step, so it replaces the code of run.sh at "
        "this step, but it reads as a shell session (its first line starts with '$ '): if it "
        "belongs to the narration, write a sentence before it; if it is the file's code, give "
        "its fence the file's language"
    ]
    assert walkthrough.steps[0].state.text == "$ git status", "today's behaviour is kept"


def test_a_leading_block_in_another_language_is_said(tmp_path: Path) -> None:
    body = (
        "//// walkthrough | app.py\n/// step\n```json\n{}\n```\nText.\n///\n"
        "/// step\n```py\nx = 2\n```\nSame language, another name.\n///\n////\n"
    )
    _, messages = parse(body, tmp_path, {"app.py": "x = 1\n"})
    assert len(messages) == 1
    assert messages[0].startswith(
        "index.md:3: this code block starts the step, so it replaces the code of app.py at "
        "this step, but it is marked as json code and app.py is python:"
    )


def test_a_sentence_before_the_block_makes_it_narration(tmp_path: Path) -> None:
    body = "//// walkthrough | run.sh\n/// step\nRun:\n\n```\n$ git status\n```\n///\n////\n"
    (walkthrough,), messages = parse(body, tmp_path, {"run.sh": SHELL})
    assert messages == []
    assert "echo hi" in walkthrough.steps[0].state.text
