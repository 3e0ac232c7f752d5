"""The mkdocs-lessons command: check (formats, exit codes, same messages as the plugin), new."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from mkdocs_lessons.cli import find_project, main
from tests.sources import lesson, valid_tree, write_tree

CONFIG = """\
site_name: Test
docs_dir: pages
theme:
  name: material
plugins:
  - search
  - lessons:
      sources: content
      strings:
        nxt: Next
markdown_extensions:
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
"""


def project(tmp_path: Path, tree: dict[str, str] | None = None) -> Path:
    write_tree(tmp_path / "content", tree or valid_tree())
    write_tree(tmp_path / "pages", {"index.md": "# Home\n"})
    (tmp_path / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    return tmp_path


def broken(tmp_path: Path) -> Path:
    tree = valid_tree()
    tree["basics/first/index.md"] = lesson("First", "levle: beginner\n", "[x](../nope/index.md)\n")
    return project(tmp_path, tree)


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def test_options_come_from_mkdocs_yml(tmp_path: Path) -> None:
    found = find_project(project(tmp_path))
    assert found.sources == (tmp_path / "content").resolve()
    assert found.docs_dir == tmp_path / "pages"
    assert [d.message for d in found.problems] == [
        "plugin 'lessons', option 'strings': unknown key 'nxt'"
    ]


def test_text_format_and_exit_code(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(broken(tmp_path))
    code, out, err = run(["check"], capsys)
    assert code == 1
    assert out.splitlines() == [
        "content/basics/first/index.md:5:1: error: unknown key 'levle' in the front matter "
        "(did you mean 'level'?); known keys: title, summary, author, authors, level, "
        "duration, tags, prerequisites, glossary, glossary_title, concept_map, showcase, "
        "objectives",
        "content/basics/first/index.md:8:1: error: link '../nope/index.md' points to a file "
        "that is not there (lessons/basics/nope/index.md); check the spelling, or add the file "
        "to the lesson folder",
        "mkdocs.yml:1:1: error: plugin 'lessons', option 'strings': unknown key 'nxt'",
    ]
    assert "2 lesson(s) checked, 3 error(s)" in err


def test_github_format_makes_annotations(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(broken(tmp_path))
    code, out, _ = run(["check", "--format", "github"], capsys)
    assert code == 1
    first = out.splitlines()[0]
    assert first.startswith(
        "::error file=content/basics/first/index.md,line=5,col=1,title=mkdocs-lessons::"
        "unknown key 'levle'"
    )


def test_json_format_is_a_list_of_records(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = broken(tmp_path)
    code, out, _ = run(["check", str(root / "mkdocs.yml"), "--format", "json"], capsys)
    assert code == 1
    records = json.loads(out)
    assert [(r["line"], r["column"], r["severity"]) for r in records] == [
        (5, 1, "error"),
        (8, 1, "error"),
        (1, 1, "error"),
    ]
    assert records[0]["path"].endswith("content/basics/first/index.md")


def test_a_clean_project_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = project(tmp_path)
    (root / "mkdocs.yml").write_text(CONFIG.replace("        nxt: Next\n", "        next: 'On'\n"))
    code, out, err = run(["check", str(root)], capsys)
    assert (code, out) == (0, "")
    assert "no errors" in err


def test_a_sources_folder_without_mkdocs_yml(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = write_tree(tmp_path / "lessons", valid_tree())
    assert run(["check", str(root)], capsys)[0] == 0
    assert run(["check", str(tmp_path / "missing")], capsys)[0] == 2


def test_new_course_and_lesson_update_the_course_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = project(tmp_path)
    config = str(root / "mkdocs.yml")
    assert run(["new", "course", "cloud", "--config", config], capsys)[0] == 0
    code, out, _ = run(["new", "lesson", "cloud", "roles", "--config", config], capsys)
    assert code == 0 and "roles/index.md" in out
    assert run(["new", "lesson", "basics", "third", "--config", config], capsys)[0] == 0
    course = (root / "content" / "basics" / "course.yml").read_text()
    assert course.endswith("lessons:\n  - first\n  - second\n  - third\n")
    assert "lessons:\n  - roles\n" in (root / "content" / "cloud" / "course.yml").read_text()
    text = (root / "content" / "cloud" / "roles" / "index.md").read_text()
    assert "author: ada\n" in text and "//// walkthrough | example.json" in text
    # The scaffold checks clean: the same validator as the build.
    code, out, _ = run(["check", str(root)], capsys)
    assert out.count("error:") == 1 and "unknown key 'nxt'" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["new", "lesson", "nope", "x"], "there is no course 'nope'"),
        (["new", "lesson", "basics", "first"], "already exists"),
        (["new", "lesson", "basics", "Bad_Slug"], "cannot name a lesson"),
        (["new", "lesson", "basics", "x", "--author", "../zed"], "author id '../zed' must be"),
        (["new", "course", "glossary"], "may not be called 'glossary'"),
    ],
)
def test_new_refuses_what_it_cannot_do(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    root = project(tmp_path)
    code, _, err = run([*args, "--config", str(root / "mkdocs.yml")], capsys)
    assert code == 1 and message in err, err


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ("      showcase_cap: x\n", "option 'showcase_cap': Expected type: <class 'int'>"),
        ("      code_checks: .sh\n", "option 'code_checks': Expected a dict of items"),
        ("      code_check_timeout: soon\n", "option 'code_check_timeout'"),
    ],
)
def test_bad_plugin_options_are_messages_not_tracebacks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], options: str, message: str
) -> None:
    root = project(tmp_path)
    config = CONFIG.replace("      sources: content\n", f"      sources: content\n{options}")
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    code, out, _ = run(["check", str(root)], capsys)
    assert code == 1 and f"mkdocs.yml:1:1: error: plugin 'lessons', {message}" in out, out


def test_plugin_options_that_are_not_a_mapping(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = project(tmp_path)
    (root / "mkdocs.yml").write_text("site_name: T\nplugins:\n  - lessons: [1, 2]\n")
    code, out, _ = run(["check", str(root)], capsys)
    assert code == 1 and "plugin 'lessons': its options must be a mapping of keys" in out


def test_new_lesson_in_a_flow_list_and_nothing_written_when_it_cannot(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = project(tmp_path)
    config = str(root / "mkdocs.yml")
    course = root / "content" / "basics" / "course.yml"
    course.write_text("title: Basics\nlessons: [first, second]  # in order\n")
    assert run(["new", "lesson", "basics", "third", "--config", config], capsys)[0] == 0
    assert "lessons: [first, second, third]\n" in course.read_text()
    course.write_text("title: Basics\n")
    code, _, err = run(["new", "lesson", "basics", "fourth", "--config", config], capsys)
    assert code == 1 and "has no 'lessons:' list" in err
    assert not (root / "content" / "basics" / "fourth").exists(), "nothing half-written"
    (root / "content" / ".authors.yml").write_text("authors:\n  a: [\n")
    code, _, err = run(["new", "lesson", "basics", "fifth", "--config", config], capsys)
    assert code == 1 and "is not valid YAML" in err


def test_mkdocs_yml_is_read_as_mkdocs_reads_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # INHERIT and !ENV, as MkDocs' own loader resolves them.
    project(tmp_path)
    (tmp_path / "base.yml").write_text(
        "plugins:\n  - lessons:\n      sources: !ENV [LESSONS_SOURCES, nowhere]\n"
    )
    (tmp_path / "mkdocs.yml").write_text("INHERIT: base.yml\nsite_name: T\ndocs_dir: pages\n")
    monkeypatch.setenv("LESSONS_SOURCES", "content")
    found = find_project(tmp_path)
    assert found.problems == []
    assert found.sources == (tmp_path / "content").resolve()


def test_an_unreadable_mkdocs_yml_is_a_message(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text("site_name: [\n")
    found = find_project(tmp_path)
    assert [d.message.split(":")[0] for d in found.problems] == [
        "cannot read the MkDocs configuration"
    ]


@pytest.mark.parametrize(
    ("strings", "said"),
    [
        ("      strings: {next_lesson: Nästa}\n", "info"),
        ("      strings: {sv: {next_lesson: Nästa}}\n", "error"),
    ],
)
def test_a_language_not_shipped_is_a_note_and_a_section_missing_keys_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], strings: str, said: str
) -> None:
    root = project(tmp_path)
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"      strings:\n(        .*\n)+", strings, config)
    config = config.replace("theme:\n", "theme:\n  language: sv\n", 1)
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    code, out, _ = run(["check", str(root)], capsys)
    lines = [line for line in out.splitlines() if "show in English" in line]
    assert len(lines) == 1 and f": {said}: " in lines[0], out
    assert code == (1 if said == "error" else 0)


@pytest.mark.parametrize("folder", ["content/basics", "content/basics/first"])
def test_a_course_or_lesson_folder_given_as_the_sources_is_said_to_be_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], folder: str
) -> None:
    root = project(tmp_path)
    code, out, _ = run(["check", str(root / folder)], capsys)
    assert code == 1
    what = "a lesson" if folder.endswith("first") else "a course"
    assert f"error: this is {what}'s folder: give the sources folder" in out
    code, _, err = run(
        ["export", "gift", str(root / folder), "-o", str(tmp_path / "x.txt")], capsys
    )
    assert code == 1 and f"this is {what}'s folder" in err


@pytest.mark.parametrize("language", ["xx", "''", "42", "[en]"])
def test_a_language_material_has_not_is_an_error_before_its_build_stops(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], language: str
) -> None:
    root = project(tmp_path)
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(
        config.replace("theme:\n", f"theme:\n  language: {language}\n", 1), encoding="utf-8"
    )
    code, out, _ = run(["check", str(root)], capsys)
    assert code == 1 and "Material has no language" in out, out
