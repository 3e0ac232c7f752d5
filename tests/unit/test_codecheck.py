"""Verified lesson code: code files and walkthrough states parse, failures at their lines."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

from mkdocs_lessons.catalog.loader import load_catalog
from mkdocs_lessons.codecheck import MAX_COMMAND_BYTES, CodeProblem, check_code, verify_catalog
from mkdocs_lessons.core.diagnostics import Diagnostics
from tests.sources import lesson, valid_tree, write_tree


@pytest.mark.parametrize(
    ("name", "text", "line", "start"),
    [
        ("a.json", '{\n  "a": 1,\n  "b": 2,\n}\n', 4, "invalid JSON: Expecting property name"),
        ("a.yaml", "a: 1\nb: [1, 2\nc: 3\n", 3, "invalid YAML:"),
        ("a.yml", "a: 1\n  b: 2\n", 2, "invalid YAML:"),
        ("a.toml", 'a = 1\nb = "open\n', 2, "invalid TOML:"),
        ("a.py", "def f():\n    return (\n\nx = 1\n", 2, "Python does not compile:"),
    ],
)
def test_each_builtin_check_names_the_line(name: str, text: str, line: int, start: str) -> None:
    problem = check_code(text, name, {}, 5)
    assert problem is not None
    assert problem.line == line and problem.message.startswith(start), problem


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("a.json", '{"a": [1, 2]}'),
        ("a.yaml", "a: 1\n---\nb: 2\n"),
        ("a.toml", "a = 1\n"),
        ("a.py", "print('hi')\n"),
        ("a.sh", "if then fi ((("),
    ],
)
def test_valid_code_and_unknown_languages_pass(name: str, text: str) -> None:
    assert check_code(text, name, {}, 5) is None


def test_a_configured_command_runs_with_the_file() -> None:
    checker = (
        f"{sys.executable} -c \"import sys; t=open(sys.argv[1]).read(); sys.exit('TODO' in t)\""
    )
    commands = {".txt": checker + " {file}"}
    assert check_code("all good\n", "notes.txt", commands, 10) is None
    problem = check_code("TODO\n", "notes.txt", commands, 10)
    assert problem is not None and problem.message.startswith(f"'{checker} {{file}}' failed")


def test_a_command_that_hangs_is_stopped() -> None:
    commands = {".txt": f'{sys.executable} -c "import time; time.sleep(30)"'}
    problem = check_code("x\n", "a.txt", commands, 0.5)
    assert problem is not None and "took longer than 0.5 s" in problem.message


def test_a_missing_command_is_a_message_not_a_crash() -> None:
    problem = check_code("x\n", "a.sh", {".sh": "no-such-linter-here {file}"}, 5)
    assert problem is not None and problem.message.startswith("cannot run 'no-such-linter-here")


WALKTHROUGH = """\
//// walkthrough | policy.json

/// step | 1
```json
{
  "Version": "2012-10-17",
  "Statement": []
}
```
A valid start.
///

/// step | 2
```json
{
  "Version": "2012-10-17"
  "Statement": []
}
```
A comma is missing.
///
////
"""


def test_walkthrough_states_and_code_files_are_checked_at_their_lines(tmp_path: Path) -> None:
    tree = valid_tree()
    tree["basics/first/index.md"] = lesson("First", body=WALKTHROUGH)
    tree["basics/first/broken.py"] = "import os\n\ndef f(:\n    pass\n"
    tree["basics/first/ok.toml"] = "a = 1\n"
    root = write_tree(tmp_path, tree)
    diagnostics = Diagnostics()
    catalog = load_catalog(root, diagnostics)
    assert list(diagnostics) == []
    checked = verify_catalog(catalog, {}, 5, diagnostics)
    assert checked == 4, "two files, two states"
    found = [d.format(root) for d in sorted(diagnostics)]
    assert found == [
        "basics/first/broken.py:3: Python does not compile: invalid syntax",
        "basics/first/index.md:23: policy.json at this step: invalid JSON: Expecting ',' "
        "delimiter (column 3)",
    ]


def test_yaml_with_application_tags_is_valid_yaml() -> None:
    cloudformation = "Role:\n  Arn: !GetAtt Role.Arn\n  Name: !Sub '${AWS::StackName}-role'\n"
    assert check_code(cloudformation, "template.yaml", {}, 5) is None


def test_command_keys_and_line_numbers_as_tools_write_them() -> None:
    script = "echo a\necho b\nif then fi\n"
    for key in ("sh", ".SH", ".sh"):
        problem = check_code(script, "run.sh", {key: "bash -n {file}"}, 10)
        assert problem is not None and problem.line == 3, (key, problem)


def test_python_that_exhausts_the_compiler_is_a_message() -> None:
    problem = check_code("-" * 200_000 + "1\n", "deep.py", {}, 5)
    assert problem is not None and problem.message.startswith("Python does not compile:")
    assert check_code("assert (1, 2)\n", "warns.py", {}, 5) is None, "warnings are not errors"


@pytest.mark.parametrize(
    ("name", "text", "line", "start"),
    [
        ("deep.json", "[" * 100_000, 1, "invalid JSON: it nests brackets too deeply to be checked"),
        ("deep.json", '{"a":\n' + "[\n" * 100_000, 200, "invalid JSON: it nests brackets too"),
        ("deep.toml", "a = " + "[" * 100_000, 1, "invalid TOML: it nests brackets too deeply"),
        ("deep.toml", "a = " + "{b = " * 100_000, 1, "invalid"),
        ("deep.yaml", "[" * 100_000, 1, "invalid YAML:"),
        ("big.toml", "a = 1\nb = " + "7" * 5000 + "\n", 2, "invalid TOML: an integer has more"),
        ("nul.py", "x = 1\ny = 2\0\n", 2, "Python does not compile: the line holds a NUL"),
        ("a.yaml", "a: '\u2028'\nb: \u2028x\nc: [\n", 3, "invalid YAML:"),
    ],
)
def test_input_that_exhausts_a_parser_is_a_message_at_its_line(
    name: str, text: str, line: int, start: str
) -> None:
    problem = check_code(text, name, {}, 5)
    assert problem is not None
    assert (problem.line, problem.message[: len(start)]) == (line, start), problem


def test_numbers_of_thousands_of_digits_are_valid_json() -> None:
    assert check_code('{"a": ' + "7" * 5000 + ', "b": 1e99999}', "big.json", {}, 5) is None


def test_a_command_failure_names_the_lessons_file() -> None:
    problem = check_code("echo a\necho b\nif then fi\n", "app.sh", {".sh": "bash -n {file}"}, 10)
    assert problem is not None and problem.line == 3
    assert problem.message.startswith(
        "'bash -n {file}' failed: app.sh: line 3: syntax error near unexpected token"
    ), problem
    assert "mkdocs-lessons-" not in problem.message and "<code>" not in problem.message
    nested = check_code("if then fi\n", "scripts/run me.sh", {".sh": "bash -n"}, 10)
    assert nested is not None and nested.line == 1
    assert nested.message.startswith("'bash -n' failed: scripts/run me.sh: line 1:"), nested


def test_a_command_that_prints_bytes_that_are_not_utf8_is_a_message() -> None:
    script = "import sys; sys.stdout.buffer.write(b'\\xff\\xfe bad'); sys.exit(1)"
    problem = check_code("x\n", "a.txt", {".txt": f'{sys.executable} -c "{script}"'}, 10)
    assert problem is not None and problem.message.startswith("'")
    assert "failed: \ufffd\ufffd bad" in problem.message, problem


def test_a_command_with_an_unclosed_quote_is_a_message() -> None:
    problem = check_code("x\n", "a.sh", {".sh": "bash -n '{file}"}, 5)
    assert problem is not None
    assert problem.message == (
        "cannot run 'bash -n '{file}': No closing quotation: correct 'code_checks'"
    )


def test_command_failures_stay_at_their_lines_in_files_and_steps(tmp_path: Path) -> None:
    tree = valid_tree()
    tree["basics/first/index.md"] = lesson(
        "First",
        body="//// walkthrough | run.sh\n/// step | 1\n```bash\necho a\nif then fi\n```\n"
        "Broken.\n///\n\n/// step | 1\n```bash\necho a\nif true; then\n```\nUnclosed.\n///\n////\n",
    )
    tree["basics/first/app.sh"] = "echo a\nif true; then\n"
    root = write_tree(tmp_path, tree)
    diagnostics = Diagnostics()
    catalog = load_catalog(root, diagnostics)
    verify_catalog(catalog, {".sh": "bash -n {file}"}, 10, diagnostics)
    found = [d.format(root) for d in sorted(diagnostics)]
    # bash counts the unclosed "if" at the line after the last: in a step, the last line of
    # the code it is (a file's last line is the empty one after its final newline).
    assert [message.split(" failed: ")[0] for message in found] == [
        "basics/first/app.sh:3: 'bash -n {file}'",
        "basics/first/index.md:11: run.sh at this step: 'bash -n {file}'",
        "basics/first/index.md:19: run.sh at this step: 'bash -n {file}'",
    ], found
    assert found[0].split(" failed: ")[1].startswith("app.sh: line 3: syntax error")
    assert found[1].split(" failed: ")[1].startswith("run.sh: line 2: syntax error")


@pytest.mark.skipif(sys.platform == "win32", reason="process groups are POSIX")
def test_a_command_stopped_leaves_no_process_behind(tmp_path: Path) -> None:
    # The shell's child has its own command line, found afterwards by its unusual duration.
    marker = "104.25"
    commands = {".sh": f"sh -c 'sleep {marker}; true' {{file}}"}
    problem = check_code("x\n", "a.sh", commands, 0.5)
    assert problem is not None and "took longer than 0.5 s" in problem.message
    left = [
        entry.name
        for entry in Path("/proc").iterdir()
        if entry.name.isdigit() and marker in _command_line(entry)
    ]
    assert left == []


def _command_line(entry: Path) -> str:
    try:
        return (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


@pytest.mark.parametrize("timeout", [0, -1, float("nan")])
def test_a_time_limit_that_is_not_positive_is_the_default(timeout: float) -> None:
    commands = {".txt": f'{sys.executable} -c "import sys; sys.exit(0)"'}
    assert check_code("x\n", "a.txt", commands, timeout) is None


def test_a_command_gets_a_minimal_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LESSONS_TEST_SECRET", "s3cr3t")
    script = "import os, sys; sys.exit(' '.join(sorted(os.environ)))"
    problem = check_code("x\n", "a.txt", {".txt": f'{sys.executable} -c "{script}"'}, 10)
    assert problem is not None
    assert problem.message.endswith(
        "failed: HOME LANG LC_ALL PATH PYTHONDONTWRITEBYTECODE PYTHONHASHSEED TMPDIR"
    ), problem


def test_a_command_that_prints_forever_is_stopped() -> None:
    script = "while True: print('lint ' * 100)"
    command = f'{sys.executable} -c "{script}"'
    problem = check_code("x\n", "a.txt", {".txt": command}, 10)
    assert problem == CodeProblem(
        1, f"'{command}' prints more than {MAX_COMMAND_BYTES} bytes: stopped; make it print less"
    )


def test_each_line_a_failure_quotes_is_cut() -> None:
    script = "import sys; print('W' * 900); print('second'); sys.exit(1)"
    problem = check_code("x\n", "a.txt", {".txt": f'{sys.executable} -c "{script}"'}, 10)
    assert problem is not None
    assert problem.message.endswith("W" * 200 + "... (cut at 200 characters); second"), problem


@pytest.mark.skipif(sys.platform == "win32", reason="process groups are POSIX")
def test_a_command_that_ends_leaves_no_process_behind() -> None:
    marker = "105.25"
    commands = {".sh": f"sh -c 'sleep {marker} >/dev/null 2>&1 & true' {{file}}"}
    assert check_code("x\n", "a.sh", commands, 10) is None
    assert _left_running(marker) == []


def _left_running(marker: str) -> list[str]:
    # A killed process takes a moment to go.
    deadline = time.monotonic() + 2
    while True:
        left = [
            entry.name
            for entry in Path("/proc").iterdir()
            if entry.name.isdigit() and marker in _command_line(entry)
        ]
        if not left or time.monotonic() > deadline:
            return left
        time.sleep(0.05)
