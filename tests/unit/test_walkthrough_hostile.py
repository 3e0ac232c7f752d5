"""Walkthroughs given hostile input: names that leave the lesson folder, files that cannot be
read, absurd focus specifications and patterns that backtrack. Each is one message at its line,
never an exception, and nothing outside the lesson folder is ever read."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from mkdocs_lessons.catalog.loader import load_catalog
from mkdocs_lessons.codecheck import verify_catalog
from mkdocs_lessons.core.diagnostics import Diagnostics
from mkdocs_lessons.walkthrough import focus
from mkdocs_lessons.walkthrough.diff import changed_lines
from mkdocs_lessons.walkthrough.focus import parse_focus, resolve_focus
from mkdocs_lessons.walkthrough.model import Walkthrough
from mkdocs_lessons.walkthrough.parser import extract_walkthroughs
from tests.sources import lesson, valid_tree, write_tree

SECRET = "SECRET-OUTSIDE-THE-LESSON"
APP = "x = 1\ny = 2\n"


def lesson_folder(tmp_path: Path, files: dict[str, str | bytes] | None = None) -> Path:
    """``tmp_path/lesson`` with ``files``, a secret beside it and ``link.py`` pointing at it."""
    folder = tmp_path / "lesson"
    folder.mkdir()
    (tmp_path / "secret.txt").write_text(SECRET + "\n", encoding="utf-8")
    os.symlink(tmp_path / "secret.txt", folder / "link.py")
    for name, content in (files if files is not None else {"app.py": APP}).items():
        path = folder / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return folder


def parse(folder: Path, body: str) -> tuple[list[Walkthrough], list[str]]:
    """The walkthroughs of ``body`` (its first line is line 1 of index.md) and the messages."""
    diagnostics = Diagnostics()
    _, walkthroughs = extract_walkthroughs(body, 1, folder / "index.md", diagnostics)
    for walkthrough in walkthroughs:
        for state in walkthrough.states:
            assert SECRET not in state.text, "a file outside the lesson folder was read"
    return walkthroughs, [d.format(folder) for d in diagnostics]


OUTSIDE = [
    ("../secret.txt", "'../secret.txt' leaves the lesson folder"),
    ("sub/../../secret.txt", "'sub/../../secret.txt' leaves the lesson folder"),
    ("..\\secret.txt", "'..\\secret.txt' leaves the lesson folder"),
    ("/etc/passwd", "'/etc/passwd' is an absolute path"),
    ("C:\\Windows\\win.ini", "'C:\\Windows\\win.ini' is an absolute path"),
    ("~/.bashrc", "'~/.bashrc' is an absolute path"),
    ("link.py", "'link.py' is a symbolic link to a file outside the lesson folder"),
    ("a" * 300 + ".py", "'" + "a" * 57 + "...': the name is too long for the file system"),
]


@pytest.mark.parametrize(("name", "start"), OUTSIDE)
def test_a_code_option_outside_the_folder_is_refused_at_its_step(
    tmp_path: Path, name: str, start: str
) -> None:
    folder = lesson_folder(tmp_path)
    body = (
        f"//// walkthrough | app.py\n/// step | 1\n    code: {name}\n\nOne.\n///\n\n"
        f"/// step | 2\n    code: {name}\n\nTwo.\n///\n////\n"
    )
    (walkthrough,), messages = parse(folder, body)
    assert len(messages) == 1, messages
    assert messages[0].startswith(f"index.md:2: code file {start}"), messages
    assert [step.state.text for step in walkthrough.steps] == [APP.rstrip("\n")] * 2


@pytest.mark.parametrize(("name", "start"), OUTSIDE)
def test_a_walkthrough_file_outside_the_folder_is_refused_at_its_opening_line(
    tmp_path: Path, name: str, start: str
) -> None:
    folder = lesson_folder(tmp_path)
    body = (
        f"Intro.\n\n//// walkthrough | {name} app.py\n/// step | 1\nOne.\n///\n\n"
        f"/// step | 1\n    file: app.py\n\nTwo.\n///\n\n"
        f"/// step | 1\n    file: {name}\n\nThree.\n///\n////\n"
    )
    (walkthrough,), messages = parse(folder, body)
    assert len(messages) == 1, messages
    assert messages[0].startswith(f"index.md:3: code file {start}"), messages
    assert [step.state.text for step in walkthrough.steps] == ["", "x = 1\ny = 2", ""]
    assert walkthrough.steps[0].focus == [], "no focus checked against code never read"


def test_a_name_with_a_nul_is_refused(tmp_path: Path) -> None:
    folder = lesson_folder(tmp_path)
    _, messages = parse(folder, "//// walkthrough | a\0.py\n/// step | 1\nOne.\n///\n////\n")
    assert messages == [
        "index.md:1: code file 'a\\x00.py' holds a NUL character: write the file's name"
    ]


def test_a_step_file_not_among_the_walkthrough_files_is_never_read(tmp_path: Path) -> None:
    folder = lesson_folder(tmp_path)
    body = (
        "//// walkthrough | app.py\n/// step | 1\nOne.\n///\n"
        "/// step | 1\n    file: ../secret.txt\n\nTwo.\n///\n////\n"
    )
    (walkthrough,), messages = parse(folder, body)
    assert messages == [
        "index.md:5: unknown file '../secret.txt': this walkthrough's files are app.py "
        "(name it after '//// walkthrough |')"
    ]
    assert walkthrough.steps[1].file == "app.py"


def test_a_link_inside_the_folder_to_a_file_inside_it_is_followed(tmp_path: Path) -> None:
    folder = lesson_folder(tmp_path)
    os.symlink(folder / "app.py", folder / "alias.py")
    body = "//// walkthrough | alias.py\n/// step | 2\nOne.\n///\n////\n"
    (walkthrough,), messages = parse(folder, body)
    assert messages == []
    assert walkthrough.steps[0].state.text == APP.rstrip("\n")


def test_a_secret_outside_never_reaches_the_built_catalog(tmp_path: Path) -> None:
    tree = valid_tree()
    tree["basics/first/index.md"] = lesson(
        "First",
        body="//// walkthrough | ../../../secret.txt\n/// step | 1\nOne.\n///\n"
        "/// step | 1\n    code: /etc/hostname\n\nTwo.\n///\n////\n",
    )
    root = write_tree(tmp_path / "src", tree)
    (tmp_path / "secret.txt").write_text(SECRET, encoding="utf-8")
    diagnostics = Diagnostics()
    catalog = load_catalog(root, diagnostics)
    verify_catalog(catalog, {}, 5, diagnostics)
    messages = [d.format(root) for d in diagnostics]
    assert len(messages) == 2, messages
    assert messages[0].startswith(
        "basics/first/index.md:7: code file '../../../secret.txt' leaves the lesson folder"
    )
    assert messages[1].startswith("basics/first/index.md:11: code file '/etc/hostname' is an")
    assert SECRET not in catalog.lessons["first"].markdown
    assert all(
        state.text == ""
        for walkthrough in catalog.lessons["first"].walkthroughs
        for state in walkthrough.states
    )


def test_a_file_that_is_not_utf8_is_one_message_however_many_steps_show_it(
    tmp_path: Path,
) -> None:
    tree = valid_tree()
    tree["basics/first/index.md"] = lesson(
        "First",
        body="//// walkthrough | app.py\n/// step | 1\nOne.\n///\n/// step | 2\nTwo.\n///\n"
        "/// step | 2\n    code: app.py\n\nThree.\n///\n////\n",
    )
    root = write_tree(tmp_path, tree)
    (root / "basics/first/app.py").write_bytes(b"x = 1\n\xff\xfe = 2\n")
    diagnostics = Diagnostics()
    catalog = load_catalog(root, diagnostics)
    verify_catalog(catalog, {}, 5, diagnostics)
    assert [d.format(root) for d in diagnostics] == [
        "basics/first/index.md:8: code file 'app.py' is not UTF-8 text (its line 2 holds a byte "
        "that is not; it was saved in another encoding, or it is not text): save it as UTF-8 "
        "in your editor"
    ], "not also once per step, nor again by the code check"


def test_a_file_shown_only_by_inline_code_is_still_checked(tmp_path: Path) -> None:
    tree = valid_tree()
    tree["basics/first/index.md"] = lesson(
        "First", body="//// walkthrough | app.py\n/// step | 1\n```\nx = 1\n```\nOne.\n///\n////\n"
    )
    root = write_tree(tmp_path, tree)
    (root / "basics/first/app.py").write_bytes(b"\xff\n")
    diagnostics = Diagnostics()
    verify_catalog(load_catalog(root, diagnostics), {}, 5, diagnostics)
    assert [d.format(root) for d in diagnostics] == [
        "basics/first/app.py:1: cannot read the code file as UTF-8 text (it was saved in "
        "another encoding, or it is not text): save it as UTF-8 in your editor"
    ]


def test_a_missing_file_is_one_message_not_one_per_step(tmp_path: Path) -> None:
    folder = lesson_folder(tmp_path)
    body = (
        "//// walkthrough | gone.py\n/// step | 1\nOne.\n///\n/// step | 5\nTwo.\n///\n"
        "/// step | 1\n    code: none.py\n\nThree.\n///\n"
        "/// step | 9\n    code: none.py\n\nFour.\n///\n////\n"
    )
    _, messages = parse(folder, body)
    assert messages == [
        "index.md:2: unknown file 'gone.py': it is not in the lesson folder and no step before "
        "this one gives its code (start the step with a fenced code block)",
        "index.md:8: code file 'none.py' is not in the lesson folder: add it beside index.md or "
        "correct 'code:'",
    ], "no 'focus 5 is outside' for code that was never there"


def test_a_missing_code_option_keeps_the_code_but_not_the_focus(tmp_path: Path) -> None:
    folder = lesson_folder(tmp_path)
    body = (
        "//// walkthrough | app.py\n/// step | 1\nOne.\n///\n"
        "/// step | 7\n    code: later.py\n\nTwo.\n///\n/// step | 2\nThree.\n///\n////\n"
    )
    (walkthrough,), messages = parse(folder, body)
    assert len(messages) == 1 and messages[0].startswith("index.md:5: code file 'later.py'")
    assert [step.focus for step in walkthrough.steps] == [[1], [], [2]]
    assert [step.changed for step in walkthrough.steps] == [[], [], []]


def test_a_fifo_is_not_read(tmp_path: Path) -> None:
    folder = lesson_folder(tmp_path)
    os.mkfifo(folder / "pipe.py")
    body = "//// walkthrough | app.py\n/// step | 1\n    code: pipe.py\n\nOne.\n///\n////\n"
    _, messages = parse(folder, body)
    assert messages == [
        "index.md:2: code file 'pipe.py' is not in the lesson folder: add it beside index.md or "
        "correct 'code:'"
    ]


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        (
            "99999999999999999999",
            "step 1: focus 99999999999999999999 is outside app.py, which has 2 lines at this step",
        ),
        ("1-999999999999", "step 1: focus 1-999999999999 is outside app.py, which has 2 lines"),
        ("9" * 5000, "step 1: focus " + "9" * 37 + "... is outside app.py"),
        ("0" * 5000 + "3", "step 1: focus 3 is outside app.py"),
        ("999999999999-1", "the range '999999999999-1' is backwards or starts at 0"),
        ("1" + " " * 100_000 + "x", "cannot read the focus '1" + " " * 56 + "...': write line"),
        ('"a" ..' + " " * 100_000 + "x", 'cannot read the focus \'"a" ..'),
        ('"' + "q" * 100_000 + '"', 'step 1: focus "' + "q" * 57 + '..." matches no line'),
        ("/" + "(" * 5000 + ")" * 5000 + "/", "the pattern /((((("),
        ("/a{4294967296}/", "the pattern /a{4294967296}/ is too big:"),
        ("/a**/", "the pattern /a**/ is not a valid regex: multiple repeat"),
        ("/[/", "the pattern /[/ is not a valid regex:"),
        ("1\0", "cannot read the focus '1\\x00': write line numbers"),
    ],
)
def test_absurd_focus_is_one_message_quickly(tmp_path: Path, spec: str, expected: str) -> None:
    folder = lesson_folder(tmp_path)
    started = time.monotonic()
    _, messages = parse(folder, f"//// walkthrough | app.py\n/// step | {spec}\nText.\n///\n////\n")
    assert time.monotonic() - started < 2
    assert len(messages) == 1, messages
    assert messages[0].startswith(f"index.md:2: {expected}"), messages


def test_a_regex_that_backtracks_is_stopped_with_a_message(tmp_path: Path) -> None:
    folder = lesson_folder(tmp_path, {"app.py": ("a" * 40 + "!\n") * 30})
    started = time.monotonic()
    _, messages = parse(
        folder, "//// walkthrough | app.py\n/// step | /(a|aa)+$/\nText.\n///\n////\n"
    )
    assert time.monotonic() - started < focus.REGEX_SECONDS + 1.5
    assert messages == [
        "index.md:2: step 1: focus /(a|aa)+$/ took longer than 0.5 s to match app.py and was "
        "stopped: a repeat inside a repeat, like (a+)+ or (a|aa)*, makes a regex try every way "
        "to split a line; write it simpler, with one repeat (/a+$/), or focus on a quoted text"
    ]


@pytest.mark.parametrize(
    "pattern", ["(a+)+$", "(a|a)+$", "(x+x+)+y", "^(\\w+\\s?)*$", "(.*a){12}", "(a|aa)*b"]
)
def test_every_pattern_is_bounded_in_time(pattern: str) -> None:
    parts, error = parse_focus(f"/{pattern}/")
    assert error is None
    started = time.monotonic()
    _, errors = resolve_focus(parts, ["a" * 40 + "!", "x" * 40, "a a a a a a a a a a a a a!"], "f")
    assert time.monotonic() - started < focus.REGEX_SECONDS + 1
    assert all("took longer" in error or "matches no line" in error for error in errors)


@pytest.mark.parametrize(
    "pattern", ["(a{1000}){1000}", "((a|b){100}){100}{100}", "(?:x{500}|y){500}", "a" * 60_000]
)
def test_a_pattern_too_big_to_compile_quickly_is_refused(pattern: str) -> None:
    started = time.monotonic()
    parts, error = parse_focus(f"/{pattern}/")
    assert time.monotonic() - started < 1
    assert parts == [] and error is not None
    assert error.endswith(
        "is too big: with its counted repeats ({n}) written out it has more than 50000 parts; "
        "write it with smaller counts, or focus on a quoted text"
    )


def test_ordinary_patterns_still_work() -> None:
    lines = ['  "Arn": "arn:aws:s3:::b"', "x{2}", "[a]", "def f():"]
    parts, error = parse_focus("/Arn.*s3/, /x\\{2\\}/, /\\[a]/, /^def\\s\\w{1,3}\\(/")
    assert error is None
    assert resolve_focus(parts, lines, "f") == ([1, 2, 3, 4], [])


@pytest.mark.parametrize(
    "code",
    [
        "(" * 100_000,
        "[" * 100_000,
        "x = '" + "a" * 200_000 + "'",
        "x = 1\0y = 2",
        "a\x0bb\x0cc\x1cd\x85e\u2028f",
    ],
)
def test_hostile_inline_code_is_shown_as_it_is(tmp_path: Path, code: str) -> None:
    folder = lesson_folder(tmp_path)
    body = f"//// walkthrough | app.txt\n/// step | 1\n```\n{code}\n```\nText.\n///\n////\n"
    (walkthrough,), messages = parse(folder, body)
    assert messages == []
    assert walkthrough.steps[0].state.text == code and walkthrough.steps[0].focus == [1]


def test_changes_between_big_repetitive_states_are_marked_quickly() -> None:
    before = ["}", "{", "]", "["] * 2500
    after = ["{", "}", "[", "]"] * 2500
    started = time.monotonic()
    changed = changed_lines(before, after)
    assert time.monotonic() - started < 1
    assert changed == list(range(1, 10_001))
    edited = [*before[:5000], "new", *before[5000:]]
    assert changed_lines(before, edited) == [5001]


def test_a_file_the_system_refuses_to_read_is_one_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tree = valid_tree()
    tree["basics/first/index.md"] = lesson(
        "First",
        body="//// walkthrough | app.py\n/// step | 1\nOne.\n///\n/// step | 2\nTwo.\n///\n////\n",
    )
    tree["basics/first/app.py"] = APP
    root = write_tree(tmp_path, tree)
    read_bytes = Path.read_bytes

    def refuse(path: Path) -> bytes:
        if path.name == "app.py":
            raise PermissionError(13, "Permission denied", str(path))
        return read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    diagnostics = Diagnostics()
    verify_catalog(load_catalog(root, diagnostics), {}, 5, diagnostics)
    assert [d.format(root) for d in diagnostics] == [
        "basics/first/index.md:8: code file 'app.py': the file cannot be read (permission denied)"
    ]


def test_without_the_regex_package_a_regex_focus_is_a_message(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(focus, "_engine", lambda: None)
    assert parse_focus('1, /x/, "y"') == (
        [],
        "the pattern /x/ needs the Python package 'regex', which is not installed: install it "
        "(pip install regex), or focus on a quoted text",
    )


def test_the_regex_package_is_imported_only_for_a_regex_focus() -> None:
    code = (
        "import sys\n"
        "from mkdocs_lessons.walkthrough.focus import parse_focus\n"
        "parse_focus('1-2, \"a\"')\n"
        "assert 'regex' not in sys.modules\n"
        "parse_focus('/a+/')\n"
        "assert 'regex' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
