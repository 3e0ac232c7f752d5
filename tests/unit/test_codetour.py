"""CodeTour import: file steps, line and selection focus, text-only steps, what is skipped."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mkdocs_lessons.core.diagnostics import Diagnostics
from mkdocs_lessons.walkthrough.model import Walkthrough
from mkdocs_lessons.walkthrough.parser import extract_walkthroughs

APP = "import os\n\n\ndef main():\n    print(os.getcwd())\n\n\nmain()\n"
TOUR = {
    "$schema": "https://aka.ms/codetour-schema",
    "title": "A tour",
    "steps": [
        {"description": "Welcome: **no file** yet."},
        {"file": "app.py", "line": 1, "description": "The import."},
        {
            "file": "app.py",
            "selection": {
                "start": {"line": 4, "character": 1},
                "end": {"line": 5, "character": 10},
            },
            "description": "The function.",
        },
        {"directory": "src", "description": "A folder."},
        {"uri": "https://example.com", "description": "A page."},
        {
            "file": "util.py",
            "line": 2,
            "description": "Another file, with commands.",
            "commands": ["editor.action.formatDocument"],
        },
        {"file": "app.py", "pattern": "^main", "description": "The call."},
    ],
}


def load(tmp_path: Path, tour: str, files: dict[str, str]) -> tuple[Walkthrough, list[str]]:
    for name, content in files.items():
        (tmp_path / name).write_text(content, encoding="utf-8", newline="")
    (tmp_path / "intro.tour").write_text(tour, encoding="utf-8", newline="")
    diagnostics = Diagnostics()
    body = "//// walkthrough\n    tour: intro.tour\n////\n"
    _, walkthroughs = extract_walkthroughs(body, 5, tmp_path / "index.md", diagnostics)
    assert len(walkthroughs) == 1, [d.format(tmp_path) for d in diagnostics]
    return walkthroughs[0], [d.format(tmp_path) for d in diagnostics]


def test_tour_steps_become_walkthrough_steps(tmp_path: Path) -> None:
    walkthrough, messages = load(
        tmp_path, json.dumps(TOUR, indent=2), {"app.py": APP, "util.py": "a = 1\nb = 2\n"}
    )
    assert walkthrough.files == ["app.py", "util.py"]
    steps = walkthrough.steps
    assert [step.file for step in steps] == ["app.py", "app.py", "app.py", "util.py", "app.py"]
    assert [step.focus for step in steps] == [[], [1], [4, 5], [2], [8]]
    assert steps[0].narration == "Welcome: **no file** yet."
    assert steps[3].state.language == "python"
    assert messages == [
        "intro.tour:27: tour step 4 is a directory step, which a lesson page cannot show "
        "(directory steps show a folder in VS Code's explorer); it is skipped",
        "intro.tour:31: tour step 5 is a uri step, which a lesson page cannot show "
        "(URI steps open a web page or another resource); it is skipped",
        "intro.tour:35: tour step 6 runs VS Code commands, which a lesson page cannot do; "
        "the commands are ignored",
    ]


def test_crlf_tour_and_files(tmp_path: Path) -> None:
    tour = json.dumps({"steps": [{"file": "app.py", "line": 5, "description": "Print."}]})
    walkthrough, messages = load(
        tmp_path, tour.replace(",", ",\r\n"), {"app.py": APP.replace("\n", "\r\n")}
    )
    assert messages == []
    assert walkthrough.steps[0].focus == [5]
    assert walkthrough.steps[0].state.lines[4] == "    print(os.getcwd())"


def test_tour_mistakes(tmp_path: Path) -> None:
    _, unsorted = load(
        tmp_path,
        '{\n "steps": [\n  {"file": "app.py", "line": 99, "description": "Far."},\n'
        '  {"file": "gone.py", "line": 1, "description": "Missing."}\n ]\n}\n',
        {"app.py": APP},
    )
    assert sorted(unsorted) == [
        "intro.tour:3: step 1: focus 99 is outside app.py, which has 8 lines at this step",
        "intro.tour:4: tour step 2 shows 'gone.py', which is not in the lesson folder: copy "
        "the file beside the lesson",
    ]


def test_broken_tour_json(tmp_path: Path) -> None:
    (tmp_path / "app.py").write_text(APP)
    (tmp_path / "intro.tour").write_text('{\n  "steps": [\n    {"file": "app.py",}\n  ]\n}\n')
    diagnostics = Diagnostics()
    body = "//// walkthrough | app.py\n    tour: intro.tour\n////\n"
    extract_walkthroughs(body, 1, tmp_path / "index.md", diagnostics)
    messages = [d.format(tmp_path) for d in diagnostics]
    assert messages[0].startswith("intro.tour:3: invalid JSON in the tour:")


@pytest.mark.parametrize(
    ("tour", "expected"),
    [
        (
            '["not", "a", "tour"]',
            "intro.tour:1: a tour must be an object with a 'steps' list: "
            '{"steps": [{"file": "app.py", "line": 1, "description": "..."}]}',
        ),
        (
            '{"steps": [42]}',
            "intro.tour:1: tour step 1 is not an object; it is skipped: write each step as "
            '{"file": "app.py", "line": 3, "description": "..."}',
        ),
    ],
)
def test_a_tour_of_the_wrong_shape_is_a_message(tmp_path: Path, tour: str, expected: str) -> None:
    (tmp_path / "intro.tour").write_text(tour, encoding="utf-8")
    diagnostics = Diagnostics()
    body = "//// walkthrough | a.py\n    tour: intro.tour\n////\n"
    extract_walkthroughs(body, 5, tmp_path / "index.md", diagnostics)
    messages = [d.format(tmp_path) for d in diagnostics]
    assert messages == [expected], "the tour's mistake is said once, not also as 'no steps'"
