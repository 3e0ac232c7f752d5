"""New kinds of System Check (issue 14, point 3), source in and HTML out: a matching (``pairs:``)
and a Parsons problem (``type: parsons``, its solution a fenced code block, with ``indent:`` and
``distractors:``); each author mistake one ``path:line`` message, hostile input no traceback."""

from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from mkdocs_lessons.catalog.loader import load_catalog
from mkdocs_lessons.checks import outputs
from mkdocs_lessons.checks.model import LessonChecks, QuestionKind
from mkdocs_lessons.checks.outputs import (
    MAX_ERRORS,
    MAX_OUTPUT,
    MAX_READ,
    RunBudget,
    compute_outputs,
    lesson_outputs,
    normalise_output,
)
from mkdocs_lessons.checks.parser import ChecksReader
from mkdocs_lessons.core.blocks import scan_blocks
from mkdocs_lessons.core.diagnostics import Diagnostics
from mkdocs_lessons.walkthrough.parser import WalkthroughReader
from tests.sources import lesson, valid_tree, write_tree
from tests.unit.blocks_page import render_blocks
from tests.unit.test_checks import SOURCE, messages, parse, render


def question(options: str, body: str = "", prompt: str = "Match them") -> str:
    return f"/// question | {prompt}\n{options}\n{body}///\n"


MATCHING = question(
    "    pairs:\n"
    "      IAM user: a person with `long-term` keys\n"
    "      IAM role: an identity one *assumes*\n"
    "      Group: a set of users\n"
    "    explain: Roles are assumed.",
)
PARSONS = question(
    "    type: parsons\n    indent: true\n    distractors:\n      - return event",
    "Put the lines in order.\n\n```python\ndef handler(event):\n    for r in event:\n"
    '        print(r)\n    return "done"\n```\n',
    prompt="Order the handler",
)
SAME_LINES = question(
    "    type: parsons",
    "```python\nif a:\n    pass\nif b:\n    pass\n```\n",
    prompt="Two ifs",
)


def test_a_matching_is_read_from_its_pairs_in_order() -> None:
    _, checks, errors = parse(MATCHING)
    assert errors == []
    q = checks.questions[0]
    assert q.kind is QuestionKind.MATCHING
    assert q.pairs == [
        ("IAM user", "a person with `long-term` keys"),
        ("IAM role", "an identity one *assumes*"),
        ("Group", "a set of users"),
    ]


def test_pairs_as_a_list_read_the_same() -> None:
    listed = question("    pairs:\n      - [IAM user, a person]\n      - IAM role: assumed")
    _, checks, errors = parse(listed)
    assert errors == []
    assert checks.questions[0].pairs == [("IAM user", "a person"), ("IAM role", "assumed")]


def test_a_matching_renders_a_labelled_choice_per_left_item() -> None:
    page = render(MATCHING)
    form = page.select_one("form[data-lessons-kind=matching]")
    assert form is not None
    selects = form.select(".lessons-pair select")
    assert len(selects) == 3
    for number, select in enumerate(selects, start=1):
        label = form.select_one(f"label[for='{select['id']}']")
        assert label is not None
        assert select["data-lessons-pair"] == str(number)
        options = [(o["value"], o.get_text()) for o in select.select("option")]
        assert options[0] == ("", "Choose one")
        # Every right item, as plain text, in an order that is not the pairs' own.
        assert sorted(options[1:]) == [
            ("1", "a person with long-term keys"),
            ("2", "an identity one assumes"),
            ("3", "a set of users"),
        ]
        assert [value for value, _ in options[1:]] != ["1", "2", "3"]
    labels = [label.decode_contents() for label in form.select(".lessons-pair__left")]
    assert labels == ["IAM user", "IAM role", "Group"]
    # The answer, behind Show answer: each left item with its right one, inline Markdown kept.
    answer = form.select_one("details.lessons-question__answer .lessons-question__solution")
    assert answer is not None
    pairs = [
        (dt.get_text(), dd.decode_contents())
        for dt, dd in zip(answer.select("dt"), answer.select("dd"), strict=True)
    ]
    assert pairs == [
        ("IAM user", "a person with <code>long-term</code> keys"),
        ("IAM role", "an identity one <em>assumes</em>"),
        ("Group", "a set of users"),
    ]


def test_a_parsons_problem_takes_its_solution_out_of_the_context() -> None:
    _, checks, errors = parse(PARSONS)
    assert errors == []
    q = checks.questions[0]
    assert q.kind is QuestionKind.PARSONS
    assert q.indent is True
    assert q.code_lines == [
        (0, "def handler(event):"),
        (1, "for r in event:"),
        (2, "print(r)"),
        (1, 'return "done"'),
    ]
    assert q.distractors == ["return event"]
    assert q.context == "Put the lines in order."


def test_the_same_code_again_in_the_text_stays_there() -> None:
    code = "```python\nx = 1\ny = 2\n```"
    _, checks, errors = parse(
        question("    type: parsons", f"{code}\n\nThe same lines, shown again:\n\n{code}\n")
    )
    assert errors == []
    assert checks.questions[0].context == f"The same lines, shown again:\n\n{code}"


def test_a_tab_indented_solution_is_one_level_a_tab() -> None:
    body = question("    type: parsons", "```python\nif x:\n\tif y:\n\t\tz()\n\tw()\n```\n")
    _, checks, errors = parse(body)
    assert errors == []
    levels = [level for level, _ in checks.questions[0].code_lines]
    assert levels == [0, 1, 2, 1]


def test_a_parsons_problem_renders_its_lines_shuffled_and_the_solution_as_code() -> None:
    form = render(PARSONS).select_one("form[data-lessons-kind=parsons]")
    assert form is not None
    context = form.select_one(".lessons-question__context")
    assert context is not None and "def handler" not in context.get_text()
    listing = form.select_one("ol.lessons-parsons")
    assert listing is not None
    assert listing["data-lessons-keys"] == "1 2 3 4"
    assert listing["data-lessons-levels"] == "0 1 2 1"
    items = listing.select("li.lessons-order-item")
    shown = [
        (item["data-lessons-key"], item.code.get_text() if item.code else "") for item in items
    ]
    assert sorted(shown) == [
        ("0", "return event"),
        ("1", "def handler(event):"),
        ("2", "for r in event:"),
        ("3", "print(r)"),
        ("4", 'return "done"'),
    ]
    assert [key for key, _ in shown] != ["1", "2", "3", "4", "0"]
    first = items[0]
    names = [control["aria-label"] for control in first.select("input, button")]
    text = first.code.get_text() if first.code else ""
    assert names == [
        f"Use: {text}",
        f"Outdent: {text}",
        f"Indent: {text}",
        f"Move up: {text}",
        f"Move down: {text}",
    ]
    solution = form.select_one("details .lessons-parsons__solution")
    assert solution is not None
    assert solution.get_text() == (
        'def handler(event):\n    for r in event:\n        print(r)\n    return "done"'
    )


def test_without_indent_or_distractors_the_lines_keep_their_indentation_and_no_extras() -> None:
    form = render(SAME_LINES).select_one("form[data-lessons-kind=parsons]")
    assert form is not None
    listing = form.select_one("ol.lessons-parsons")
    assert listing is not None and not listing.has_attr("data-lessons-levels")
    # Lines of the same text are one to a reader: they share a key.
    assert listing["data-lessons-keys"] == "1 2 3 2"
    assert sorted(code.get_text() for code in listing.select("code")) == [
        "    pass",
        "    pass",
        "if a:",
        "if b:",
    ]
    assert form.select("input[type=checkbox], [data-lessons-indent]") == []


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            question("    pairs:\n      User: a person"),
            "lesson/index.md:11: a matching needs at least two pairs: add another 'left: right' "
            "line under 'pairs:'",
        ),
        (
            question("    pairs:\n      - User: a person\n      - Role: assumed\n      - User: x"),
            "lesson/index.md:14: 'User' is on the left of two pairs: each item is matched once, "
            "so reword one (or merge the pairs)",
        ),
        (
            question("    pairs:\n      User: a person\n      Role: A  person"),
            "lesson/index.md:13: 'A  person' is on the right of two pairs: each item is matched "
            "once, so reword one (or merge the pairs)",
        ),
        (
            question("    pairs:\n      User: ''\n      Role: assumed\n      Group: users"),
            "lesson/index.md:12: pair 1 has an empty item: write both, as 'left: right'",
        ),
        (
            question("    pairs: a"),
            "lesson/index.md:11: 'pairs' in the question options must be a mapping of each left "
            "item to its right item, such as 'IAM user: a person or program with long-term "
            "credentials' (one pair a line), not 'a' (text)",
        ),
        (
            question(
                "    pairs:\n      - User: a person\n      - [Role, assumed, twice]\n"
                "      - Group: users"
            ),
            "lesson/index.md:13: item 2 of 'pairs' in the question options must be one pair of "
            "texts, as 'left: right' or [left, right], not a list",
        ),
        (
            question("    pairs:\n      User: [a, b]\n      Role: assumed"),
            "lesson/index.md:12: 'pairs' in the question options must be a mapping of left "
            "items to right items, each a text: 'User' (text) is matched to a list; write both "
            "as text (quote a number or true/false), not a mapping",
        ),
        (
            question("    type: parsons", "```python\nif x:\n\ty()\nif z:\n    w()\n```\n"),
            "lesson/index.md:16: this line is indented with spaces but the solution's first "
            "indented line with tabs: indent every line of the solution the same way",
        ),
        (
            question("    type: parsons", "```python\nif x:\n  y()\n  if z:\n     w()\n```\n"),
            "lesson/index.md:16: this line is indented by 5 spaces, not a multiple of 2 spaces "
            "as the first indented line: indent it by whole levels",
        ),
        (
            question(
                "    type: parsons\n    distractors:\n      - y = 3\n      - y = 3",
                "```\nx = 1\ny = 2\n```\n",
            ),
            "lesson/index.md:14: the distractor 'y = 3' is given twice: a reader would see two "
            "identical lines; remove one",
        ),
        (
            question(
                "    type: parsons\n    distractors: |\n      y = 3\n      y = 3",
                "```\nx = 1\ny = 2\n```\n",
            ),
            "lesson/index.md:14: the distractor 'y = 3' is given twice: a reader would see two "
            "identical lines; remove one",
        ),
        (
            question("    type: matching"),
            "lesson/index.md:10: a matching needs 'pairs:': a mapping of each left item to its "
            "right item, one 'left: right' line each",
        ),
        (
            question("    pairs:\n      User: a person\n      Role: assumed", "- [x] a\n- [ ] b\n"),
            "lesson/index.md:14: a matching takes no list: remove it (the pairs are 'pairs:')",
        ),
        (
            question("    answer: x\n    pairs:\n      User: a person\n      Role: assumed"),
            "lesson/index.md:11: a matching takes no 'answer:': the pairs are 'pairs:'",
        ),
        (
            question("    answer: x\n    distractors: [a]"),
            "lesson/index.md:12: 'distractors:' only applies to a Parsons problem "
            "('type: parsons')",
        ),
        (
            question("    answer: x\n    indent: true"),
            "lesson/index.md:12: 'indent:' only applies to a Parsons problem ('type: parsons')",
        ),
        (
            question("    type: parsons", "Some text\n"),
            "lesson/index.md:10: a Parsons problem needs its solution: write its lines, in "
            "order, as a fenced code block (between ``` lines) in the question",
        ),
        (
            question("    type: parsons", "```python\nx = 1\n```\n"),
            "lesson/index.md:12: a Parsons problem needs at least two lines of code to put in "
            "order",
        ),
        (
            question("    type: parsons", "```python\nif x:\n    y()\n      z()\n```\n"),
            "lesson/index.md:15: this line is indented by 6 spaces, not a multiple of 4 spaces "
            "as the first indented line: indent it by whole levels",
        ),
        (
            question("    type: parsons\n    distractors: ['x = 1']", "```\nx = 1\ny = 2\n```\n"),
            "lesson/index.md:12: the distractor 'x = 1' is also a line of the solution: a "
            "reader could not tell them apart; remove it or change it",
        ),
        (
            question("    type: parsons\n    indent: 2", "```python\nx = 1\ny = 2\n```\n"),
            "lesson/index.md:12: 'indent' in the question options must be true or false, not 2 "
            "(number)",
        ),
        (
            question("    type: parsons", "```python\nx = 1\ny = 2\n```\n1. a\n2. b\n"),
            "lesson/index.md:16: a Parsons problem takes no list: remove it (the fenced code "
            "block is the solution)",
        ),
        (
            question("    type: parsons\n    answer: 3", "```python\nx = 1\ny = 2\n```\n"),
            "lesson/index.md:12: a Parsons problem takes no 'answer:': the fenced code block is "
            "the solution",
        ),
    ],
)
def test_each_mistake_gives_one_message_at_its_line(body: str, expected: str) -> None:
    assert messages(body) == [expected]


@pytest.mark.parametrize(
    "body",
    [
        question("    pairs:\n      ? [a, b]\n      : c"),
        question("    pairs: {null: x, 1: 2}"),
        question("    pairs:\n      - [a]\n      - [b, c, d]"),
        question("    pairs:\n      " + "x" * 5000 + ": y\n      b: " + "<script>" * 50),
        question("    pairs:\n      '<b>': '</p></li></ul>'\n      '&amp;': '{{ t }}'"),
        question("    type: parsons\n    distractors: {a: b}", "```\na\nb\n```\n"),
        question("    type: parsons\n    distractors: |\n      one\n      two", "```\na\nb\n```\n"),
        question("    type: parsons", "```python\n\tif x:\n\t\ty\n"),
        question("    type: parsons", "```\n" + "a\n" * 3000 + "```\n"),
        question("    type: parsons", "````\n```\n</code></pre><script>\n````\n"),
        question("    type: matching\n    pairs: ~"),
        question("    type: parsons\n    pairs:\n      a: b\n      c: d", "```\na\nb\n```\n"),
    ],
)
def test_hostile_input_never_raises_and_renders(body: str) -> None:
    out, checks, errors = parse(body)
    assert checks.questions, out
    html = render_blocks(out, checks=checks, extensions=["toc", "fenced_code"], with_map=True)
    assert "<script>" not in html
    assert "lessons-question" in html
    del errors


# --- Predict the output -----------------------------------------------------------------

PYTHON = {"python": f"{sys.executable} {{file}}"}


def output_question(program: str, options: str = "    run: python") -> str:
    return question(options, f"What does it print?\n\n```python\n{program}\n```\n", "Predict")


def ran(
    body: str, commands: dict[str, str] | None = None, timeout: float = 10
) -> tuple[LessonChecks, list[str]]:
    """The body as lines 10 onwards of a lesson, its programs run as the build runs them."""
    diagnostics = Diagnostics()
    reader = ChecksReader()
    scan_blocks(body, 10, SOURCE, [WalkthroughReader(), reader], diagnostics)
    checks = reader.result(diagnostics, SOURCE)
    lesson_outputs(SOURCE, checks, PYTHON if commands is None else commands, timeout, diagnostics)
    return checks, [d.format(Path()) for d in sorted(diagnostics)]


def test_the_build_runs_the_program_and_its_output_is_the_answer() -> None:
    checks, errors = ran(output_question('for n in (1, 2):\n    print(n, "  ")\nprint()'))
    assert errors == []
    q = checks.questions[0]
    assert q.kind is QuestionKind.OUTPUT
    assert q.output == "1\n2", "trailing spaces and blank lines at the end are not the answer"
    assert q.program_line == 15
    assert normalise_output("\r\n a  \r\nb\n\n") == " a\nb"


def test_an_output_question_renders_its_program_a_box_and_the_answer() -> None:
    body = output_question('print("hi")')
    out, checks, errors = parse(body)
    assert errors == []
    lesson_outputs(SOURCE, checks, PYTHON, 10, Diagnostics())
    html = render_blocks(out, checks=checks, extensions=["toc", "fenced_code"], with_map=True)
    form = BeautifulSoup(html, "html.parser").select_one("form[data-lessons-kind=output]")
    assert form is not None
    context = form.select_one(".lessons-question__context")
    assert context is not None and 'print("hi")' in context.get_text(), "the reader sees the code"
    box = form.select_one("label.lessons-question__field textarea")
    assert box is not None and box["data-lessons-output"] == "hi"
    answer = form.select_one("details .lessons-output__answer")
    assert answer is not None and answer.get_text() == "hi"


def test_without_an_output_the_question_says_so_and_publishes_no_answer() -> None:
    body = output_question('print("hi")')
    out, checks, _ = parse(body)
    lesson_outputs(SOURCE, checks, {}, 10, Diagnostics())
    html = render_blocks(out, checks=checks, extensions=["toc", "fenced_code"], with_map=True)
    form = BeautifulSoup(html, "html.parser").select_one("form[data-lessons-kind=output]")
    assert form is not None
    assert form.select("textarea, .lessons-output__answer") == []
    note = form.select_one(".lessons-question__unavailable")
    assert note is not None and "could not run" in note.get_text()
    # Nothing to check and nothing to show: no Check button, no "Show answer".
    assert form.select(".lessons-question__actions, button, details") == []


@pytest.mark.parametrize(
    ("body", "commands", "expected"),
    [
        (
            output_question("x = 1\nprint(1 / 0)"),
            None,
            "lesson/index.md:16: '{python} {{file}}' failed: ZeroDivisionError: division by "
            "zero: the question is published without an answer until it runs",
        ),
        (
            output_question("x = 1"),
            None,
            "lesson/index.md:15: '{python} {{file}}' prints nothing: a reader could not type "
            "the output; make the program print what the question asks about",
        ),
        (
            output_question("print('x' * 3000)"),
            None,
            "lesson/index.md:15: the program prints 3000 characters, more than a reader types "
            "(at most 2000): make it print less",
        ),
        (
            output_question("print(1)", "    run: node"),
            None,
            "lesson/index.md:10: 'run: node' is not one of the site's 'code_runs' (python): use "
            "one of them, or add it to 'code_runs' in mkdocs.yml",
        ),
        (
            output_question("print(1)"),
            {},
            "lesson/index.md:10: 'run: python': running lesson code is off (the lessons "
            "plugin's 'code_runs' names no command): add one to mkdocs.yml, such as "
            "'code_runs: {{python: ...}}'; the question is published without an answer",
        ),
        (
            output_question("print(1)", "    type: output"),
            None,
            "lesson/index.md:10: a predict-the-output question needs 'run:', the name of one of "
            "the site's 'code_runs' commands, such as 'run: python'",
        ),
        (
            question("    run: python", "No code here.\n"),
            None,
            "lesson/index.md:10: a predict-the-output question needs the program to run: write "
            "it as a fenced code block (between ``` lines) in the question",
        ),
        (
            output_question("print(1)", "    run: python\n    answer: 1"),
            None,
            "lesson/index.md:12: a predict-the-output question takes no 'answer:': the build "
            "runs the program to find it",
        ),
        (
            question("    type: parsons\n    run: python", "```\na\nb\n```\n"),
            None,
            "lesson/index.md:12: 'run:' only applies to a predict-the-output question "
            "('type: output')",
        ),
        (
            output_question("print(1)", "    run: python\n    type: single"),
            None,
            "lesson/index.md:12: 'type: single' does not fit the question, which reads as "
            "output: list the choices and mark one '- [x]'",
        ),
    ],
)
def test_each_output_mistake_gives_one_message_at_its_line(
    body: str, commands: dict[str, str] | None, expected: str
) -> None:
    assert ran(body, commands)[1] == [expected.format(python=sys.executable)]


def test_a_program_that_runs_too_long_is_stopped_and_reported() -> None:
    checks, errors = ran(output_question("import time\ntime.sleep(30)"), timeout=0.5)
    assert errors == [
        f"lesson/index.md:15: '{sys.executable} {{file}}' took longer than 0.5 s: stopped: the "
        "question is published without an answer until it runs"
    ]
    assert checks.questions[0].output is None


def test_a_command_that_cannot_start_is_reported() -> None:
    _, errors = ran(output_question("print(1)"), {"python": "/no/such/python {file}"})
    assert errors == [
        "lesson/index.md:15: cannot run '/no/such/python {file}': No such file or directory: "
        "the question is published without an answer until it runs"
    ]


def test_hostile_output_stays_text() -> None:
    body = output_question("print('\"><script>alert(1)</script>{{ t }}')")
    out, checks, _ = parse(body)
    lesson_outputs(SOURCE, checks, PYTHON, 10, Diagnostics())
    html = render_blocks(out, checks=checks, extensions=["toc", "fenced_code"], with_map=True)
    assert "<script>" not in html
    box = BeautifulSoup(html, "html.parser").select_one("textarea")
    assert box is not None and box["data-lessons-output"] == '"><script>alert(1)</script>{{ t }}'


def test_with_wrong_outputs_the_reader_picks_the_output_among_them() -> None:
    body = output_question(
        'print("b")', "    run: python\n    wrong_outputs:\n      - a\n      - 'c  '\n      - c"
    )
    out, checks, errors = parse(body)
    assert errors == []
    lesson_outputs(SOURCE, checks, PYTHON, 10, Diagnostics())
    html = render_blocks(out, checks=checks, extensions=["toc", "fenced_code"], with_map=True)
    form = BeautifulSoup(html, "html.parser").select_one("form[data-lessons-kind=output]")
    assert form is not None
    assert form.select("textarea") == []
    offered = {
        choice.get_text().strip(): choice["data-lessons-correct"]
        for choice in form.select("li.lessons-choice")
    }
    assert offered == {"a": "false", "b": "true", "c": "false"}, "each output once"
    assert len(form.select("li.lessons-choice input[type=radio]")) == 3
    # A <label> holds phrasing content only: each output is a <code>, kept as lines by CSS.
    assert form.select("label pre, label div") == []
    assert [code.get_text() for code in form.select("label > code.lessons-output__choice")]


@pytest.mark.parametrize(
    ("written", "shown"),
    [("1.10", "1.1 (number)"), (".inf", "inf (number)"), ("true", "true (true/false)")],
)
def test_a_wrong_output_yaml_reads_as_no_text_is_refused(written: str, shown: str) -> None:
    body = output_question("print('1.10')", f"    run: python\n    wrong_outputs: ['2', {written}]")
    checks, errors = ran(body)
    assert errors == [
        "lesson/index.md:12: item 2 of 'wrong_outputs' in the question options must be a "
        "non-empty text (quote a number or true/false to make it text: '2024'), not " + shown
    ]
    assert checks.questions[0].wrong_outputs == ["2"]


def test_a_wrong_output_that_is_the_right_one_is_reported() -> None:
    body = output_question('print("b")', "    run: python\n    wrong_outputs: [a, 'b ']")
    checks, errors = ran(body)
    assert errors == [
        "lesson/index.md:12: 'wrong_outputs:' has 'b', which is what the program prints: give "
        "outputs a reader might expect instead"
    ]
    assert checks.questions[0].wrong_outputs == ["a"]


# --- Running lesson code safely ------------------------------------------------------------


def test_a_program_that_prints_forever_is_stopped_at_the_cap() -> None:
    started = time.monotonic()
    checks, errors = ran(output_question('while True:\n    print("forever" * 20)'))
    assert time.monotonic() - started < 5, "stopped at the cap, not at the 10 s time limit"
    assert errors == [
        f"lesson/index.md:15: the program prints more than {MAX_READ} bytes, more than a reader "
        f"types (at most {MAX_OUTPUT} characters): it was stopped; make it print less"
    ]
    assert checks.questions[0].output is None


def test_a_program_that_writes_errors_forever_is_stopped_too() -> None:
    started = time.monotonic()
    _, errors = ran(output_question('import sys\nwhile True:\n    sys.stderr.write("e" * 999)'))
    assert time.monotonic() - started < 5
    assert errors == [
        f"lesson/index.md:15: '{sys.executable} {{file}}' writes more than {MAX_ERRORS} bytes of "
        "errors: stopped: the question is published without an answer until it runs"
    ]


def test_only_outputs_a_reader_may_type_are_kept_between_builds() -> None:
    ran(output_question("print('y' * 3001)"))
    assert all(len(outcome.output or "") <= MAX_OUTPUT for outcome in outputs._ran.values())
    assert all(len(outcome.problem) < 400 for outcome in outputs._ran.values())


def test_a_long_error_is_cut_in_the_message() -> None:
    _, errors = ran(output_question('raise SystemExit("E" * 5000)'))
    assert len(errors) == 1 and len(errors[0]) < 400, errors
    assert "E" * 200 + "... (cut at 200 characters): the question is published" in errors[0]


@pytest.mark.parametrize(
    ("program", "line", "shown"),
    [
        ('print("ok")\nprint("\\x1b[31mred\\x1b[0m")', 2, "an escape character (U+001B: terminal"),
        ('print("a\\0b")', 1, "a NUL character"),
        ('print("ding\\a")', 1, "a bell character (U+0007)"),
        ('print("a\\u202eb")', 1, "the invisible character U+202E"),
    ],
)
def test_an_output_a_reader_cannot_type_is_reported_and_has_no_answer(
    program: str, line: int, shown: str
) -> None:
    body = output_question(program)
    checks, errors = ran(body)
    assert len(errors) == 1 and errors[0].startswith(
        f"lesson/index.md:15: line {line} of the program's output holds {shown}"
    ), errors
    assert errors[0].endswith(
        "make it print visible text only; the question is published without an answer"
    )
    assert checks.questions[0].output is None
    html = render_blocks(parse(body)[0], checks=checks, extensions=["fenced_code"], with_map=True)
    assert BeautifulSoup(html, "html.parser").select("textarea, .lessons-output__answer") == []


def test_tabs_are_expanded_to_the_columns_a_terminal_shows() -> None:
    checks, errors = ran(output_question('print("id\\tname")\nprint("1234567\\t8")'))
    assert errors == []
    assert checks.questions[0].output == "id      name\n1234567 8"
    assert normalise_output("a\tb\t\n") == "a       b"


def test_the_program_gets_a_minimal_environment_and_stable_hashes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("LESSONS_TEST_SECRET", "s3cr3t")
    program = (
        "import os, tempfile\nprint(sorted(os.environ))\nprint(os.environ['PYTHONHASHSEED'])\n"
        "print(os.environ['HOME'] == os.getcwd() == tempfile.gettempdir())\n"
        "print(os.environ['LC_ALL'], os.environ['LANG'])"
    )
    checks, errors = ran(output_question(program))
    assert errors == []
    expected = ["HOME", "LANG", "LC_ALL", "PATH", "PYTHONDONTWRITEBYTECODE", "PYTHONHASHSEED"]
    assert (
        checks.questions[0].output == f"{sorted([*expected, 'TMPDIR'])}\n0\nTrue\nC.UTF-8 C.UTF-8"
    )


posix_only = pytest.mark.skipif(sys.platform == "win32", reason="process groups are POSIX")


@posix_only
def test_a_finished_program_is_not_held_up_by_a_child_and_leaves_none_behind() -> None:
    # The forked child keeps the pipes open: the program itself ended at once.
    marker = "107.25"
    program = (
        "import os\nif os.fork() == 0:\n"
        f"    os.execv('/bin/sleep', ['sleep', '{marker}'])\nprint('parent')"
    )
    started = time.monotonic()
    checks, errors = ran(output_question(program), timeout=5)
    assert time.monotonic() - started < 3
    assert errors == [] and checks.questions[0].output == "parent"
    assert left_running(marker) == []


@posix_only
def test_what_a_program_started_is_stopped_even_when_it_holds_no_pipe() -> None:
    marker = "108.25"
    program = (
        "import subprocess\n"
        f"subprocess.Popen(['sleep', '{marker}'], stdout=subprocess.DEVNULL, "
        "stderr=subprocess.DEVNULL)\nprint('started')"
    )
    checks, errors = ran(output_question(program))
    assert errors == [] and checks.questions[0].output == "started"
    assert left_running(marker) == []


@posix_only
def test_a_daemon_holding_the_pipes_does_not_hold_up_the_build() -> None:
    # A child in a session of its own leaves the group: only a container stops it (the
    # guide says so); the build reads what the program printed and goes on.
    marker = "109.25"
    program = (
        f"import subprocess\nsubprocess.Popen(['sleep', '{marker}'], start_new_session=True)\n"
        "print('daemon started')"
    )
    try:
        started = time.monotonic()
        checks, errors = ran(output_question(program), timeout=5)
        assert time.monotonic() - started < 3
        assert errors == [] and checks.questions[0].output == "daemon started"
    finally:
        for pid in left_running(marker):
            os.kill(pid, signal.SIGKILL)


def left_running(marker: str) -> list[int]:
    """The processes whose command line holds ``marker`` (an unusual sleep duration), after
    the moment a killed one takes to go."""
    deadline = time.monotonic() + 2
    while True:
        found = []
        for entry in Path("/proc").iterdir():
            try:
                command_line = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            except OSError:
                continue
            if entry.name.isdigit() and marker in command_line:
                found.append(int(entry.name))
        if not found or time.monotonic() > deadline:
            return found
        time.sleep(0.05)


def test_the_programs_of_a_build_share_a_time_budget() -> None:
    body = "".join(
        question(
            "    run: python",
            f"```python\nimport time\ntime.sleep(0.4)\nprint({n})\n```\n",
            f"Predict {n}",
        )
        for n in range(3)
    )
    diagnostics = Diagnostics()
    reader = ChecksReader()
    scan_blocks(body, 10, SOURCE, [WalkthroughReader(), reader], diagnostics)
    checks = reader.result(diagnostics, SOURCE)
    budget = RunBudget(0.3)
    assert lesson_outputs(SOURCE, checks, PYTHON, 10, diagnostics, budget) == 1
    budget.report(diagnostics)
    errors = [d.format(Path()) for d in sorted(diagnostics)]
    assert [q.output for q in checks.questions] == ["0", None, None]
    second = checks.questions[1].line
    assert len(errors) == 1 and errors[0].startswith(
        f"lesson/index.md:{second}: the programs of predict-the-output questions ran for "
    ), errors
    assert errors[0].endswith(
        "more than a build allows (0.3 s): this question and 1 more after it are published "
        "without an answer; make the slow programs faster"
    ), errors


def test_the_budget_is_one_for_every_lesson_of_the_build(tmp_path: Path) -> None:
    tree = valid_tree()
    for name in ("first", "second"):
        program = f"import time\ntime.sleep(0.4)\nprint('{name}')"
        tree[f"basics/{name}/index.md"] = lesson(name.title(), body=output_question(program))
    root = write_tree(tmp_path, tree)
    diagnostics = Diagnostics()
    catalog = load_catalog(root, diagnostics)
    assert list(diagnostics) == []
    assert compute_outputs(catalog, PYTHON, 10, diagnostics, budget=0.3) == 1
    found = [d.format(root) for d in sorted(diagnostics)]
    assert len(found) == 1 and found[0].startswith(
        "basics/second/index.md:7: the programs of predict-the-output questions ran for"
    ), found
    assert found[0].endswith(
        ": this question is published without an answer; make the slow programs faster"
    )
