"""Walkthroughs: parsing, focus, diffs and every message with its line; Markdown in, HTML out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from mkdocs_lessons.core.diagnostics import Diagnostics
from mkdocs_lessons.core.markers import marker
from mkdocs_lessons.lesson_page import render_markdown
from mkdocs_lessons.walkthrough.diff import changed_lines
from mkdocs_lessons.walkthrough.focus import parse_focus, resolve_focus
from mkdocs_lessons.walkthrough.model import Walkthrough
from mkdocs_lessons.walkthrough.parser import extract_walkthroughs
from tests.unit.blocks_page import BlocksWork, render_blocks

CONFIG = '{\n  "RoleName": "EC2-S3-Role",\n  "Statement": [\n    "s3:GetObject"\n  ]\n}\n'

BODY = """\
## Build it

//// walkthrough | config.json
    id: role
    title: The role

/// step | 2
Start with the **name**.
///

/// step | "Statement" .. "]"
```json
{
  "RoleName": "EC2-S3-Role",
  "Statement": [
    "s3:GetObject",
    "s3:ListBucket"
  ]
}
```

Add a second action.
///

/// step | /Role/
    code: config.json

Back to the file as it is.
///
////

After.
"""


def parse(
    body: str, tmp_path: Path, files: dict[str, str] | None = None
) -> tuple[str, list[Walkthrough], list[str]]:
    for name, content in (files if files is not None else {"config.json": CONFIG}).items():
        (tmp_path / name).write_text(content, encoding="utf-8", newline="")
    diagnostics = Diagnostics()
    source = tmp_path / "index.md"
    markdown_text, walkthroughs = extract_walkthroughs(body, 10, source, diagnostics)
    return markdown_text, walkthroughs, [d.format(tmp_path) for d in diagnostics]


def test_parses_steps_states_focus_and_changes(tmp_path: Path) -> None:
    text, (walkthrough,), messages = parse(BODY, tmp_path)
    assert messages == []
    assert (walkthrough.id, walkthrough.title, walkthrough.files) == (
        "role",
        "The role",
        ["config.json"],
    )
    assert walkthrough.heading_level == 3
    first, second, third = walkthrough.steps
    assert first.line == 16 and first.focus == [2] and first.changed == []
    assert first.narration == "Start with the **name**."
    assert second.focus == [3, 4, 5, 6] and second.changed == [4, 5]
    assert json.loads(second.state.text)["Statement"] == ["s3:GetObject", "s3:ListBucket"]
    assert third.state.text == CONFIG.rstrip("\n") and third.changed == [4]
    assert third.focus == [2]
    assert len(walkthrough.states) == 2, "the file's state is shared by steps 1 and 3"
    assert "////" not in text and "```json" not in text
    assert marker("step", "role", "2") in text and "After." in text


def test_markdown_in_html_out(tmp_path: Path) -> None:
    text, walkthroughs, _ = parse(BODY, tmp_path)
    html = render_blocks(text, walkthroughs)
    soup = BeautifulSoup(html, "html.parser")
    root = soup.select_one("div.lessons-walkthrough#role")
    assert root is not None and root["data-steps"] == "3"
    steps = root.select("li.lessons-step")
    assert [step["id"] for step in steps] == ["role-step-1", "role-step-2", "role-step-3"]
    # The walkthrough's heading is h3 (one below the section), its steps' one below that.
    assert root.select_one("h3.lessons-walkthrough__title").get_text() == "The role"
    assert [s.select_one("h4").get_text() for s in steps] == [
        "Step 1 of 3",
        "Step 2 of 3",
        "Step 3 of 3",
    ]
    assert steps[0].select_one(".lessons-step__narration strong").get_text() == "name"
    lines = steps[1].select(".lessons-line")
    assert len(lines) == 7
    assert [line["data-line"] for line in lines if line.has_attr("data-focus")] == [
        "3",
        "4",
        "5",
        "6",
    ]
    assert [line["data-line"] for line in lines if line.has_attr("data-changed")] == ["4", "5"]
    code = steps[1].select_one("code").get_text()
    assert json.loads(code)["Statement"][1] == "s3:ListBucket", "the code reads as the state"
    assert steps[1].select_one(".highlight.no-copy .nt") is not None, "Pygments tokens"
    assert root.select_one(".lessons-walkthrough__controls")["hidden"] == ""
    assert len(root.select(".lessons-walkthrough__dot")) == 3
    assert soup.get_text().strip().endswith("After.")
    assert "§§" not in html and "lessons-marker" not in html, "no marker left"


def test_two_files_and_switching(tmp_path: Path) -> None:
    body = (
        "//// walkthrough | a.py b.py\n\n"
        "/// step | 1\nIn a.\n///\n\n"
        "/// step | 1\n    file: b.py\n\nIn b.\n///\n\n"
        "/// step\n    file: c.py\n\nNowhere.\n///\n////\n"
    )
    _, (walkthrough,), messages = parse(body, tmp_path, {"a.py": "x = 1\n", "b.py": "y = 2\n"})
    assert [step.file for step in walkthrough.steps] == ["a.py", "b.py", "b.py"]
    assert walkthrough.steps[0].state.language == "python"
    assert messages == [
        "index.md:22: unknown file 'c.py': this walkthrough's files are a.py, b.py "
        "(name it after '//// walkthrough |')"
    ]


def test_inline_file_and_crlf(tmp_path: Path) -> None:
    body = "//// walkthrough | app.js\n/// step | 1\n```\nlet a = 1;\n```\nA line.\n///\n////\n"
    _, (walkthrough,), messages = parse(body, tmp_path, {})
    assert messages == []
    assert walkthrough.steps[0].state.text == "let a = 1;"
    assert walkthrough.steps[0].state.language == "javascript"
    _, (crlf,), messages = parse(
        "//// walkthrough | w.txt\n/// step | 2\nTwo.\n///\n////\n",
        tmp_path,
        {"w.txt": "a\r\nb\r\n"},
    )
    assert messages == [] and crlf.steps[0].state.lines == ["a", "b"]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "//// walkthrough | config.json\n/// step | 9\nToo far.\n///\n////\n",
            "index.md:11: step 1: focus 9 is outside config.json, which has 6 lines at this step",
        ),
        (
            '//// walkthrough | config.json\n/// step | "Nope"\nNo match.\n///\n////\n',
            'index.md:11: step 1: focus "Nope" matches no line of config.json at this step',
        ),
        (
            "//// walkthrough | config.json\n/// step | /Nope/\nNo match.\n///\n////\n",
            "index.md:11: step 1: focus /Nope/ matches no line of config.json at this step",
        ),
        (
            "//// walkthrough | config.json\n/// step | 3 to 5\nBad.\n///\n////\n",
            "index.md:11: cannot read the focus '3 to 5': write line numbers (3-5, 9), a quoted "
            'text ("Role"), a span ("a" .. "b") or a /regex/',
        ),
        (
            "//// walkthrough | missing.json\n/// step | 1\nNo file.\n///\n////\n",
            "index.md:11: unknown file 'missing.json': it is not in the lesson folder and no step "
            "before this one gives its code (start the step with a fenced code block)",
        ),
        (
            "//// walkthrough | config.json\n////\n",
            "index.md:10: the walkthrough has no steps: add '/// step | lines' blocks, each with "
            "the tutor's narration, before its closing line",
        ),
        (
            "//// walkthrough | config.json\n/// step | 1\n```json\n{}\n```\n///\n////\n",
            "index.md:11: this step has no narration: write what the tutor says about it below "
            "its code",
        ),
        (
            "//// walkthrough | config.json\n/// step | 2\nText.\n///\n",
            "index.md:10: this walkthrough is never closed: add a line with only //// after its "
            "last step",
        ),
        (
            "/// walkthrough | config.json\n/// step | 2\nText.\n///\n///\n",
            "index.md:11: a step opened with /// cannot sit in a walkthrough opened with ///: "
            "open the walkthrough with more slashes (////)",
        ),
        (
            "//// walkthrough | config.json\n    idd: x\n/// step | 2\nText.\n///\n////\n",
            "index.md:11: unknown key 'idd' in the walkthrough options (did you mean 'id'?); "
            "known keys: id, title, lang, tour",
        ),
        (
            "//// walkthrough\n/// step\nText.\n///\n////\n",
            "index.md:10: the walkthrough names no code file: write '//// walkthrough | file.py' "
            "(or give a 'tour:' option)",
        ),
        (
            "/// step | 1\nLost.\n///\n",
            "index.md:10: a step outside a walkthrough: put it between '//// walkthrough | file' "
            "and '////'",
        ),
        (
            "//// walkthrough | config.json\nStray text.\n/// step | 2\nText.\n///\n////\n",
            "index.md:11: text between steps belongs to no step: move it into a '/// step' block "
            "or out of the walkthrough",
        ),
        (
            "//// walkthrough | config.json\n/// step | 2\n"
            "    code: other.json\n\nText.\n///\n////\n",
            "index.md:11: code file 'other.json' is not in the lesson folder: add it beside "
            "index.md or correct 'code:'",
        ),
    ],
)
def test_each_mistake_gives_one_message_at_its_line(
    tmp_path: Path, body: str, expected: str
) -> None:
    _, _, messages = parse(body, tmp_path)
    assert messages == [expected]


def test_blocks_inside_code_fences_are_left_alone(tmp_path: Path) -> None:
    body = "```md\n//// walkthrough | config.json\n////\n```\n"
    text, walkthroughs, messages = parse(body, tmp_path)
    assert (text, walkthroughs, messages) == (body, [], [])


def test_duplicate_ids(tmp_path: Path) -> None:
    one = "//// walkthrough | config.json\n/// step | 1\nA.\n///\n////\n"
    _, walkthroughs, messages = parse(one + "\n" + one, tmp_path)
    assert [w.id for w in walkthroughs] == ["config-json", "config-json-2"]
    assert messages == [
        "index.md:16: two walkthroughs on this page have the id 'config-json': give one an "
        "'id:' option"
    ]


def test_focus_parsing_and_resolution() -> None:
    lines = ["{", '  "a": [', "    1", "  ],", '  "b": 2', "}"]
    parts, error = parse_focus('1, 5-6, "a" .. "]", /b/')
    assert error is None
    assert resolve_focus(parts, lines, "f") == ([1, 2, 3, 4, 5, 6], [])
    assert parse_focus("5-3")[1] == "the range '5-3' is backwards or starts at 0"
    assert parse_focus("/(/")[1] is not None
    _, errors = resolve_focus(parse_focus('"a" .. "zzz"')[0], lines, "f")
    assert errors == ['focus "a" .. "zzz": no line from line 2 of f on contains "zzz"']
    json_lines = ["{", '  "Condition": {', '    "a": {"b": 1}', "  },", '  "Sid": "x"', "}"]
    parts, error = parse_focus('"Condition" .., \'"Sid"\'')
    assert error is None
    assert resolve_focus(parts, json_lines, "f") == ([2, 3, 4, 5], [])
    python = ["def f():", "    x = 1", "", "    return x", "y = 2"]
    assert resolve_focus(parse_focus('"def" ..')[0], python, "f") == ([1, 2, 3, 4], [])


def test_changed_lines() -> None:
    assert changed_lines(["a", "b"], ["a", "x", "b", "c"]) == [2, 4]
    assert changed_lines(["a", "b"], ["a", "B"]) == [2]
    assert changed_lines(["a"], ["a"]) == []


def test_search_is_given_the_narrations_and_the_last_code_only(tmp_path: Path) -> None:
    text, walkthroughs, _ = parse(BODY, tmp_path)
    work = BlocksWork(walkthroughs)
    whole = render_markdown(text, work, ["pymdownx.superfences"])
    assert whole.count('class="lessons-code"') == 3, "the page keeps every step's code"
    # Per step its title, the code of all steps (the last one's given as plain code), and
    # the controls.
    assert len(work.unsearched) == 3 + 3 + 1
    lean = work.unsearched.searchable(whole)
    assert lean.count('class="lessons-code"') == 0 and lean.count("<pre><code>") == 1
    assert "lessons-line" not in lean, "the finished code as plain text: no token tags"
    assert "lessons-walkthrough__controls" not in lean
    assert "Step 1 of 3" not in lean and "lessons-step__title" not in lean
    assert lean.count("<li") == lean.count("</li>") == 3, "the steps stay whole"
    assert "Start with the <strong>name</strong>." in lean and "Add a second action." in lean


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "//// walkthrough | config.json\n    id: 9lives\n/// step | 2\nText.\n///\n////\n",
            "index.md:11: the id '9lives' must start with a letter and hold only letters, digits, "
            "'-' and '_'",
        ),
        (
            "//// walkthrough | config.json\n/// step | 2\n    focus: 3\n\nText.\n///\n////\n",
            "index.md:11: the focus is given twice (after '|' and as 'focus:'): keep one",
        ),
        (
            "//// walkthrough | config.json\n/// step | 1\n    code: config.json\n\n```json\n{}\n"
            "```\nText.\n///\n////\n",
            "index.md:14: the step gives its code twice (a code block and 'code:'): keep one",
        ),
        (
            "//// walkthrough | config.json\n/// step | 2\n    - a\n\nText.\n///\n////\n",
            "index.md:12: the step options must be 'key: value' lines indented by 4 spaces",
        ),
        (
            "//// walkthrough | config.json\n    tour: missing.tour\n////\n",
            "index.md:11: CodeTour file 'missing.tour' is not in the lesson folder: copy it "
            "beside index.md or correct 'tour:'",
        ),
    ],
)
def test_more_mistakes(tmp_path: Path, body: str, expected: str) -> None:
    _, _, messages = parse(body, tmp_path)
    assert expected in messages, messages
    assert len(messages) <= 2, messages
