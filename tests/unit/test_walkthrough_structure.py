"""Walkthroughs whose structure is slightly off (a step or a code block never closed, an indented
fence, a file named twice, an unknown language, a tour step with no narration): each mistake is
one message at its line, and the rest is read as the author meant it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mkdocs_lessons.catalog.loader import load_catalog
from mkdocs_lessons.codecheck import verify_catalog
from mkdocs_lessons.core.diagnostics import Diagnostics
from mkdocs_lessons.walkthrough.model import Walkthrough
from mkdocs_lessons.walkthrough.parser import extract_walkthroughs
from tests.sources import lesson, valid_tree, write_tree

FENCE = "```"


def parse(folder: Path, body: str) -> tuple[list[Walkthrough], list[str]]:
    """The walkthroughs of ``body`` (its first line is line 1 of index.md) and the messages."""
    diagnostics = Diagnostics()
    _, walkthroughs = extract_walkthroughs(body, 1, folder / "index.md", diagnostics)
    return walkthroughs, [d.format(folder) for d in diagnostics]


def checked(tmp_path: Path, body: str, files: dict[str, str] | None = None) -> list[str]:
    """The messages of a lesson whose body is ``body`` (on line 7), its code checked too."""
    tree = valid_tree()
    tree["basics/first/index.md"] = lesson("First", body=body)
    for name, content in (files or {}).items():
        tree[f"basics/first/{name}"] = content
    root = write_tree(tmp_path, tree)
    diagnostics = Diagnostics()
    verify_catalog(load_catalog(root, diagnostics), {}, 5, diagnostics)
    return [d.format(root) for d in diagnostics]


def test_a_step_never_closed_ends_where_the_next_step_opens(tmp_path: Path) -> None:
    body = (
        f"//// walkthrough | app.py\n/// step | 1\n{FENCE}python\nx = 1\n{FENCE}\nSet x.\n"
        f"/// step | 1\n{FENCE}python\nx = 2\n{FENCE}\nChange x.\n///\n////\n"
    )
    (walkthrough,), messages = parse(tmp_path, body)
    assert messages == [
        "index.md:2: this step is never closed: add a line with only /// after its narration"
    ]
    assert [step.narration for step in walkthrough.steps] == ["Set x.", "Change x."]
    assert [step.state.text for step in walkthrough.steps] == ["x = 1", "x = 2"]
    assert walkthrough.steps[1].line == 7


def test_two_steps_never_closed_are_each_said_once(tmp_path: Path) -> None:
    body = (
        f"//// walkthrough | app.py\n/// step | 1\n{FENCE}python\nx = 1\n{FENCE}\nSet x.\n"
        f"/// step | 1\n{FENCE}python\nx = 2\n{FENCE}\nChange x.\n////\n"
    )
    (walkthrough,), messages = parse(tmp_path, body)
    assert [message.split(": ")[0] for message in messages] == ["index.md:2", "index.md:7"]
    assert all("this step is never closed" in message for message in messages)
    assert [step.narration for step in walkthrough.steps] == ["Set x.", "Change x."]


def test_a_code_option_needs_no_file_of_that_name_on_disk(tmp_path: Path) -> None:
    (tmp_path / "v1.json").write_text('{"a": 1}\n', encoding="utf-8")
    body = (
        "//// walkthrough | policy.json\n/// step | 1\n    code: v1.json\n\nFirst version.\n"
        "///\n////\n"
    )
    (walkthrough,), messages = parse(tmp_path, body)
    assert messages == []
    assert walkthrough.steps[0].state.text == '{"a": 1}'
    assert walkthrough.steps[0].file == "policy.json"


def test_a_missing_file_is_still_said_when_no_step_gives_its_code(tmp_path: Path) -> None:
    body = "//// walkthrough | policy.json\n/// step | 1\nFirst version.\n///\n////\n"
    _, messages = parse(tmp_path, body)
    assert len(messages) == 1 and messages[0].startswith("index.md:2: unknown file 'policy.json'")


def test_an_indented_fence_under_the_opening_line_is_one_message(tmp_path: Path) -> None:
    body = (
        f"//// walkthrough | app.py\n/// step | 1\n    {FENCE}python\n    x = 1\n    {FENCE}\n"
        "Set x.\n///\n////\n"
    )
    messages = checked(tmp_path, body)
    assert len(messages) == 1, messages
    assert messages[0].startswith(
        "basics/first/index.md:9: this code block is indented, and indented lines right under "
        "the step's opening line are its options"
    )


def test_an_indented_fence_after_options_is_the_code(tmp_path: Path) -> None:
    body = (
        f"//// walkthrough | app.py\n/// step\n    focus: 1\n    {FENCE}python\n    x = 1\n"
        f"    {FENCE}\nSet x.\n///\n////\n"
    )
    (walkthrough,), messages = parse(tmp_path, body)
    assert len(messages) == 1 and messages[0].startswith("index.md:4: this code block is indented")
    assert walkthrough.steps[0].state.text == "x = 1"
    assert walkthrough.steps[0].focus == [1]


@pytest.mark.parametrize(
    ("opening", "closing", "expected"),
    [
        (FENCE + "python", "", FENCE),
        ("````python", FENCE, "````"),
    ],
)
def test_a_code_block_never_closed_is_one_message(
    tmp_path: Path, opening: str, closing: str, expected: str
) -> None:
    code = "x = 1\n" + (f"{closing}\n" if closing else "")
    body = (
        f"//// walkthrough | app.py\n/// step | 1\n{opening}\n{code}Set x.\n///\n////\n\n"
        "## After\n\nText after the walkthrough.\n"
    )
    messages = checked(tmp_path, body)
    assert messages == [
        f"basics/first/index.md:9: this code block is never closed: add a line with only "
        f"{expected} after its code"
    ]


def test_after_a_code_block_never_closed_the_page_is_read_again(tmp_path: Path) -> None:
    (tmp_path / "b.py").write_text("y = 2\n", encoding="utf-8")
    body = (
        f"//// walkthrough | app.py\n/// step | 1\n{FENCE}python\nx = 1\n///\n////\n\n"
        "//// walkthrough | b.py\n/// step | 1\nSet y.\n///\n////\n"
    )
    (first, second), messages = parse(tmp_path, body)
    assert len(messages) == 1 and messages[0].startswith("index.md:3: this code block is never")
    assert [step.state.text for step in first.steps] == ["x = 1"]
    assert [step.narration for step in second.steps] == ["Set y."]
    assert second.steps[0].line == 9


def test_a_file_named_twice_is_said_once(tmp_path: Path) -> None:
    (tmp_path / "app.py").write_text("x = 1\n", encoding="utf-8")
    body = "//// walkthrough | app.py app.py\n/// step | 1\nSet x.\n///\n////\n"
    (walkthrough,), messages = parse(tmp_path, body)
    assert messages == ["index.md:1: the walkthrough names 'app.py' twice: name each file once"]
    assert walkthrough.files == ["app.py"]


def test_an_unknown_language_is_said_at_its_option(tmp_path: Path) -> None:
    (tmp_path / "app.py").write_text("x = 1\n", encoding="utf-8")
    body = (
        "//// walkthrough | app.py\n    title: T\n    lang: nosuchlang\n/// step | 1\nSet x.\n"
        "///\n////\n"
    )
    (walkthrough,), messages = parse(tmp_path, body)
    assert len(messages) == 1, messages
    assert messages[0].startswith("index.md:3: unknown language 'nosuchlang' in 'lang:'")
    # The file's extension says the language instead.
    assert walkthrough.steps[0].state.language == "python"


def test_a_known_language_alias_is_accepted(tmp_path: Path) -> None:
    (tmp_path / "app.conf").write_text("x = 1\n", encoding="utf-8")
    body = "//// walkthrough | app.conf\n    lang: ini\n/// step | 1\nSet x.\n///\n////\n"
    (walkthrough,), messages = parse(tmp_path, body)
    assert messages == []
    assert walkthrough.steps[0].state.language == "ini"


def test_a_tour_step_without_description_is_said_at_its_line(tmp_path: Path) -> None:
    (tmp_path / "app.py").write_text("x = 1\ny = 2\n", encoding="utf-8")
    steps = [{"file": "app.py", "line": 1, "description": "One."}, {"file": "app.py", "line": 2}]
    lines = ",\n".join(f"    {json.dumps(step)}" for step in steps)
    (tmp_path / "intro.tour").write_text('{\n  "steps": [\n' + lines + "\n  ]\n}\n")
    body = "//// walkthrough\n    tour: intro.tour\n////\n"
    (walkthrough,), messages = parse(tmp_path, body)
    assert messages == [
        'intro.tour:4: tour step 2 has no narration: add a "description" with what the tutor '
        "says about it"
    ]
    assert len(walkthrough.steps) == 2
