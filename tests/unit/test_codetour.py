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
    assert [step.file for step in steps] == [
        "app.py",
        "app.py",
        "app.py",
        "app.py",
        "app.py",
        "util.py",
        "app.py",
    ], "the folder and URI steps keep the file on screen"
    assert [step.focus for step in steps] == [[], [1], [4, 5], [], [], [2], [8]]
    assert steps[0].narration == "Welcome: **no file** yet."
    assert steps[5].state.language == "python"
    assert walkthrough.title == "A tour", "the tour's title, as the block gives none"
    assert steps[3].narration == (
        "A folder.\n\n*In the editor, this step of the tour opens the folder `src`.*"
    )
    assert steps[4].narration == (
        "A page.\n\n*This step of the tour opens [https://example.com](https://example.com).*"
    )
    assert steps[5].narration.endswith(
        "*In the editor, this step of the tour runs `editor.action.formatDocument`.*"
    )
    assert messages == [
        "intro.tour:27: tour step 4 is a directory step: a page cannot open it as the editor "
        "does, so the narration names the folder",
        "intro.tour:31: tour step 5 is a uri step: a page cannot open it as the editor does, "
        "so the narration links to the URI",
        "intro.tour:35: tour step 6 runs VS Code commands, which a page cannot do: the "
        "narration names them",
    ]


def test_editor_only_steps_are_notes_not_warnings(tmp_path: Path) -> None:
    diagnostics = Diagnostics()
    (tmp_path / "app.py").write_text(APP)
    (tmp_path / "intro.tour").write_text(json.dumps(TOUR, indent=2))
    (tmp_path / "util.py").write_text("a = 1\nb = 2\n")
    body = "//// walkthrough\n    tour: intro.tour\n////\n"
    extract_walkthroughs(body, 5, tmp_path / "index.md", diagnostics)
    assert len(diagnostics) == 3
    assert all(d.is_info for d in diagnostics) and diagnostics.warnings == 0


def test_a_tour_of_only_a_folder_step_is_still_said_to_show_no_file(tmp_path: Path) -> None:
    (tmp_path / "intro.tour").write_text(
        json.dumps({"steps": [{"directory": "src", "description": "A folder."}]})
    )
    diagnostics = Diagnostics()
    body = "//// walkthrough\n    tour: intro.tour\n////\n"
    extract_walkthroughs(body, 5, tmp_path / "index.md", diagnostics)
    warnings = [d.format(tmp_path) for d in diagnostics if not d.is_info]
    assert warnings == [
        "index.md:5: the walkthrough names no code file: write '//// walkthrough | file.py' "
        "(or give a 'tour:' option)"
    ], "a note is no reason to stay silent about the real mistake"


def test_tour_fidelity_titles_description_links_and_commands(tmp_path: Path) -> None:
    tour = {
        "title": "Getting  started",
        "description": "A tour of the *app*.",
        "steps": [
            {
                "file": "app.py",
                "line": 1,
                "title": "The import_os line",
                "description": "Then see [#3] and [the call][#3].\n>> pip install x\n>> make",
            },
            {"file": "gone.py", "line": 1, "description": "Missing: skipped."},
            {
                "file": "app.py",
                "line": 8,
                "description": "Back to [#1].\n\n```\n>> kept as written\n```",
            },
        ],
    }
    walkthrough, _ = load(tmp_path, json.dumps(tour), {"app.py": APP})
    assert walkthrough.title == "Getting started"
    first, second = walkthrough.steps
    assert first.narration == (
        "A tour of the *app*.\n\n**The import\\_os line**\n\n"
        "Then see [#3](#app-py-step-2) and [the call](#app-py-step-2).\n\n"
        "```sh\npip install x\nmake\n```"
    ), "tour step 3 is walkthrough step 2: tour step 2 was skipped"
    assert second.narration == "Back to [#1](#app-py-step-1).\n\n```\n>> kept as written\n```"
    assert "#" not in first.narration.split("**")[0], "a step title is bold, not a heading"


def test_a_block_title_wins_over_the_tour_title(tmp_path: Path) -> None:
    (tmp_path / "app.py").write_text(APP)
    (tmp_path / "intro.tour").write_text(
        json.dumps({"title": "Tour", "steps": [{"file": "app.py", "line": 1, "description": "x"}]})
    )
    diagnostics = Diagnostics()
    body = "//// walkthrough\n    title: Mine\n    tour: intro.tour\n////\n"
    _, (walkthrough,) = extract_walkthroughs(body, 5, tmp_path / "index.md", diagnostics)
    assert walkthrough.title == "Mine"


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
