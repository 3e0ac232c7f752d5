"""CodeTour files given hostile input: names that leave the lesson folder, values of the wrong
shape, bytes that are not UTF-8, absurd nesting. Each is one message at its line (the ``tour:``
option's in index.md, or the step's in the tour), never an exception, and no file outside the
lesson folder is ever opened."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from mkdocs_lessons.core.diagnostics import Diagnostics
from mkdocs_lessons.walkthrough.model import Walkthrough
from mkdocs_lessons.walkthrough.parser import extract_walkthroughs

SECRET = "SECRET-OUTSIDE-THE-LESSON"
APP = "import os\n\n\ndef main():\n    print(os.getcwd())\n\n\nmain()\n"
BODY = "Intro.\n\n//// walkthrough\n    title: A tour\n    tour: {tour}\n////\n"


def folder_with(tmp_path: Path, tour: str | bytes | None = None) -> Path:
    """``tmp_path/lesson`` with app.py, intro.tour, and links to a secret beside the folder."""
    folder = tmp_path / "lesson"
    folder.mkdir()
    secret = tmp_path / "secret.txt"
    secret.write_text(json.dumps({"steps": [{"file": "app.py", "description": SECRET}]}))
    os.symlink(secret, folder / "link.tour")
    os.symlink(secret, folder / "link.py")
    (folder / "app.py").write_text(APP, encoding="utf-8")
    if isinstance(tour, bytes):
        (folder / "intro.tour").write_bytes(tour)
    elif tour is not None:
        (folder / "intro.tour").write_text(tour, encoding="utf-8")
    return folder


def load(folder: Path, tour: str = "intro.tour") -> tuple[list[Walkthrough], list[str]]:
    diagnostics = Diagnostics()
    _, walkthroughs = extract_walkthroughs(
        BODY.format(tour=tour), 1, folder / "index.md", diagnostics
    )
    for walkthrough in walkthroughs:
        for step in walkthrough.steps:
            assert SECRET not in step.narration and SECRET not in step.state.text
    return walkthroughs, [d.format(folder) for d in diagnostics]


def tour_of(*steps: object) -> str:
    """A tour with one step a line: step n is on line n + 2."""
    lines = ",\n".join(f"    {json.dumps(step)}" for step in steps)
    return '{\n  "steps": [\n' + lines + "\n  ]\n}\n"


@pytest.mark.parametrize(
    ("name", "start"),
    [
        ("../secret.txt", "'../secret.txt' leaves the lesson folder"),
        ("/etc/passwd", "'/etc/passwd' is an absolute path"),
        ("C:\\tours\\x.tour", "'C:\\tours\\x.tour' is an absolute path"),
        ("link.tour", "'link.tour' is a symbolic link to a file outside the lesson folder"),
        ("t" * 300 + ".tour", "'" + "t" * 57 + "...': the name is too long for the file system"),
        ("missing.tour", "'missing.tour' is not in the lesson folder: copy it beside index.md"),
    ],
)
def test_a_tour_option_outside_the_folder_is_one_message_at_the_option(
    tmp_path: Path, name: str, start: str
) -> None:
    walkthroughs, messages = load(folder_with(tmp_path), name)
    assert walkthroughs == []
    assert len(messages) == 1, messages
    assert messages[0].startswith(f"index.md:5: CodeTour file {start}"), messages


def test_a_tour_that_is_not_utf8_says_so_at_the_line_of_the_byte(tmp_path: Path) -> None:
    folder = folder_with(tmp_path, b'{\n  "steps": [\n    {"description": "caf\xe9"}\n  ]\n}\n')
    walkthroughs, messages = load(folder)
    assert walkthroughs == []
    assert messages == [
        "intro.tour:3: the tour is not UTF-8 text (it was saved in another encoding, or it is "
        "not text): save it as UTF-8 in your editor"
    ]


@pytest.mark.parametrize(
    ("name", "start"),
    [
        ("../secret.txt", "file '../secret.txt' leaves the lesson folder"),
        ("../../../../mkdocs.yml", "file '../../../../mkdocs.yml' leaves the lesson folder"),
        ("/etc/passwd", "file '/etc/passwd' is an absolute path"),
        ("C:\\x\\app.py", "file 'C:\\x\\app.py' is an absolute path"),
        ("link.py", "file 'link.py' is a symbolic link to a file outside the lesson folder"),
        ("f" * 300, "file '" + "f" * 57 + "...': the name is too long for the file system"),
        ("a\0.py", "file 'a\\x00.py' holds a NUL character"),
    ],
)
def test_a_tour_step_file_outside_the_folder_is_skipped_with_one_message(
    tmp_path: Path, name: str, start: str
) -> None:
    tour = tour_of(
        {"file": "app.py", "line": 1, "description": "Inside."},
        {"file": name, "line": 1, "description": "Outside."},
    )
    (walkthrough,), messages = load(folder_with(tmp_path, tour))
    assert len(messages) == 1, messages
    assert messages[0].startswith(f"intro.tour:4: tour step 2: {start}"), messages
    assert messages[0].endswith("; the step is skipped")
    assert [step.narration for step in walkthrough.steps] == ["Inside."]


def test_a_tour_whose_only_file_is_outside_is_one_message(tmp_path: Path) -> None:
    tour = tour_of({"file": "/etc/passwd", "line": 1, "description": "Outside."})
    walkthroughs, messages = load(folder_with(tmp_path, tour))
    assert walkthroughs == []
    assert len(messages) == 1 and messages[0].startswith("intro.tour:3: tour step 1: file "), (
        "not also 'the walkthrough names no code file'"
    )


def test_files_named_from_the_repository_root_are_found_in_the_lesson(tmp_path: Path) -> None:
    tour = tour_of(
        {"file": "src/app.py", "line": 4, "description": "From the root."},
        {"file": "src\\app.py", "line": 5, "description": "Windows."},
        {"file": "./app.py", "line": 8, "description": "Dotted."},
    )
    (walkthrough,), messages = load(folder_with(tmp_path, tour))
    assert messages == []
    assert walkthrough.files == ["app.py"]
    assert [step.focus for step in walkthrough.steps] == [[4], [5], [8]]


def test_directory_steps_are_named_unread_wherever_they_point(tmp_path: Path) -> None:
    tour = tour_of(
        {"directory": "../../..", "description": "Up."},
        {"file": "app.py", "line": 1, "description": "Here."},
        {"directory": "`x` <script>", "uri": "javascript:alert(1)", "description": "Odd."},
    )
    (walkthrough,), messages = load(folder_with(tmp_path, tour))
    assert messages == [
        "intro.tour:3: tour step 1 is a directory step: a page cannot open it as the editor "
        "does, so the narration names the folder",
        "intro.tour:5: tour step 3 is a directory step: a page cannot open it as the editor "
        "does, so the narration names the folder",
        "intro.tour:5: tour step 3 is a uri step: a page cannot open it as the editor does, so "
        "the narration names the URI",
    ]
    first, _, odd = walkthrough.steps
    assert first.narration.endswith("opens the folder `../../..`.*")
    assert "``" in odd.narration and "](" not in odd.narration, "code spans, never a link"


SELECTION = (
    'tour step 2: \'selection\' must be {"start": {"line": 3}, "end": {"line": 5}} with line '
    "numbers of 1 or more; the step shows no line in particular"
)


def line_must(value: str) -> str:
    return (
        f"tour step 2: 'line' must be a line number of 1 or more, such as 3, not {value}; the "
        "step shows no line in particular"
    )


@pytest.mark.parametrize(
    ("step", "expected"),
    [
        ({"selection": {"start": 3}}, SELECTION),
        ({"selection": {"start": {"line": "x"}, "end": {"line": 2}}}, SELECTION),
        ({"selection": {"start": {"line": 2}, "end": {"line": 0}}}, SELECTION),
        ({"selection": [1, 2]}, SELECTION),
        ({"selection": "1-2"}, SELECTION),
        ({"line": "2"}, line_must("the text '2'")),
        ({"line": 2.5}, line_must("the number 2.5")),
        ({"line": True}, line_must("true")),
        ({"line": -3}, line_must("the number -3")),
        ({"line": 0}, line_must("the number 0")),
        ({"line": None}, line_must("null")),
        ({"line": [1]}, line_must("a list")),
        (
            {"line": 10**30},
            "step 2: focus 1000000000000000000 is outside app.py, which has 8 lines at this step",
        ),
        (
            {"pattern": 5},
            "tour step 2: 'pattern' must be a regular expression as a text, such as \"^def "
            'main", not the number 5; the step shows no line in particular',
        ),
        ({"pattern": "("}, "the pattern /(/ is not a valid regex: missing ) at position 1"),
        (
            {"description": {"text": "x"}},
            "tour step 2: 'description' must be a text (the tutor's narration, in Markdown), "
            "not an object",
        ),
        (
            {"file": 5},
            "tour step 2: 'file' must be a text naming a file in the lesson folder, such as "
            '"app.py", not the number 5; the step is skipped',
        ),
        (
            {"file": ["app.py"]},
            "tour step 2: 'file' must be a text naming a file in the lesson folder, such as "
            '"app.py", not a list; the step is skipped',
        ),
    ],
)
def test_each_value_of_the_wrong_shape_is_one_message_at_its_step(
    tmp_path: Path, step: dict[str, object], expected: str
) -> None:
    # A narration, unless the case is about it: a step without one is a mistake of its own.
    tour = tour_of(
        {"file": "app.py", "line": 1, "description": "First."}, {"description": "Two.", **step}
    )
    (walkthrough,), messages = load(folder_with(tmp_path, tour))
    assert messages == [f"intro.tour:4: {expected}"]
    assert walkthrough.steps[0].focus == [1]


def test_a_pattern_is_matched_as_written_even_with_slashes(tmp_path: Path) -> None:
    tour = tour_of(
        {"file": "app.py", "pattern": "os\\.getcwd\\(\\)", "description": "Call."},
        {"file": "app.py", "pattern": "a/b|^main", "description": "Slash."},
    )
    (walkthrough,), messages = load(folder_with(tmp_path, tour))
    assert messages == []
    assert [step.focus for step in walkthrough.steps] == [[5], [8]]


@pytest.mark.parametrize(
    ("tour", "line", "expected"),
    [
        ("[" * 100_000, 1, "the tour nests brackets too deeply to be read"),
        ('{"steps": ' + "[" * 100_000 + "]" * 100_000 + "}", 1, "the tour nests brackets"),
        ('{\n"steps": [\n' + "[\n" * 50_000, 200, "the tour nests brackets too deeply"),
        ("", 1, "invalid JSON in the tour: Expecting value"),
        ('{"steps": 3}', 1, "a tour must be an object with a 'steps' list: "),
        ('"steps"', 1, "a tour must be an object with a 'steps' list: "),
        ('{"steps": {"a": 1}}', 1, "a tour must be an object with a 'steps' list: "),
        ("null", 1, "a tour must be an object with a 'steps' list: "),
    ],
)
def test_a_tour_of_the_wrong_shape_is_one_message(
    tmp_path: Path, tour: str, line: int, expected: str
) -> None:
    walkthroughs, messages = load(folder_with(tmp_path, tour))
    assert walkthroughs == []
    assert len(messages) == 1, messages
    assert messages[0].startswith(f"intro.tour:{line}: {expected}"), messages


def test_a_number_of_thousands_of_digits_is_read(tmp_path: Path) -> None:
    tour = '{"steps": [{"file": "app.py", "line": ' + "7" * 5000 + ', "description": "Far."}]}'
    (walkthrough,), messages = load(folder_with(tmp_path, tour))
    assert messages == [
        "intro.tour:1: step 1: focus 1000000000000000000 is outside app.py, which has 8 lines "
        "at this step"
    ]
    assert walkthrough.steps[0].focus == []


def test_step_lines_count_every_element_and_only_the_steps_key(tmp_path: Path) -> None:
    tour = (
        '{\n  "title": "the \\"steps\\": [ {",\n  "note": "steps",\n'
        '  "nested": {"steps": [{"a": 1}, {"b": 2}]},\n'
        '  "steps": [\n    42,\n    "text",\n'
        '    {"file": "app.py", "line": 99, "description": "{[ brackets ]}"},\n'
        '    {"file": "app.py",\n     "line": 4, "description": "Two lines."}, null\n  ]\n}\n'
    )
    (walkthrough,), messages = load(folder_with(tmp_path, tour))
    skipped = "is not an object; it is skipped: write each step as"
    assert [message.split(" tour step")[0] for message in messages] == [
        "intro.tour:6:",
        "intro.tour:7:",
        "intro.tour:10:",
        "intro.tour:8: step 1: focus 99 is outside app.py, which has 8 lines at this step",
    ]
    assert all(skipped in message for message in messages[:3])
    assert [step.line for step in walkthrough.steps] == [8, 9]
