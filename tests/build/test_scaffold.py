"""A fresh scaffold builds with --strict and no warnings, and shows every feature."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.sources import ADA, empty_site


def command(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(args, cwd=root, capture_output=True, text=True, env=env)


def test_a_fresh_scaffold_builds_strict_without_warnings(tmp_path: Path) -> None:
    empty_site(tmp_path, authors=ADA)
    cli = [sys.executable, "-m", "mkdocs_lessons.cli"]
    for args in (
        ["new", "course", "cloud"],
        ["new", "lesson", "cloud", "roles"],
        ["new", "lesson", "cloud", "keys", "--title", "Keys: a second lesson"],
    ):
        done = command(tmp_path, *cli, *args)
        assert done.returncode == 0, done.stderr
    done = command(tmp_path, *cli, "check")
    assert done.returncode == 0, done.stdout + done.stderr
    page = built_page(tmp_path, "lessons/cloud/keys/index.html")
    assert page.select_one("h1").get_text() == "Keys: a second lesson"
    assert page.select_one("nav.lessons-map") is not None
    assert len(page.select("section.lessons-concept")) == 2
    assert {f["data-lessons-kind"] for f in page.select("form.lessons-question")} == {
        "single",
        "fill-in",
        "order",
    }
    assert page.select_one(".lessons-walkthrough") is not None
    assert page.select_one("a.lessons-term") is not None


def built_page(root: Path, relative: str) -> BeautifulSoup:
    """``relative`` of the site at ``root`` built with ``--strict``, which must warn of nothing."""
    built = command(root, sys.executable, "-m", "mkdocs", "build", "--strict")
    assert built.returncode == 0, built.stderr
    assert "WARNING" not in built.stderr, built.stderr
    return BeautifulSoup((root / "site" / relative).read_text(), "html.parser")


def scaffold(
    root: Path, *args: str, git_name: str | None = None
) -> subprocess.CompletedProcess[str]:
    """The command line without a terminal, with ``git_name`` as git's user.name."""
    git_config = root.parent / f"{root.name}.gitconfig"
    git_config.write_text(f"[user]\n\tname = {git_name}\n" if git_name else "", encoding="utf-8")
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "GIT_CONFIG_GLOBAL": str(git_config),
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    return subprocess.run(
        [sys.executable, "-m", "mkdocs_lessons.cli", *args],
        cwd=root,
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
    )


def test_a_lesson_on_an_empty_site_builds_strict(tmp_path: Path) -> None:
    root = empty_site(tmp_path / "site-root")
    assert scaffold(root, "new", "course", "cloud").returncode == 0
    done = scaffold(root, "new", "lesson", "cloud", "roles", git_name="José Pérez")
    assert done.returncode == 0, done.stderr
    # Without a terminal the author is chosen, and the command says which.
    assert "adding 'jose-perez' (José Pérez)" in done.stderr, done.stderr
    assert "wrote lessons/.authors.yml" in done.stdout, done.stdout
    authors = (root / "lessons" / ".authors.yml").read_text(encoding="utf-8")
    assert authors == "authors:\n  jose-perez:\n    name: José Pérez\n"
    lesson = (root / "lessons" / "cloud" / "roles" / "index.md").read_text(encoding="utf-8")
    assert "\nauthor: jose-perez\n" in lesson
    page = built_page(root, "lessons/cloud/roles/index.html")
    assert "José Pérez" in page.get_text()


def test_without_a_git_name_the_author_is_author(tmp_path: Path) -> None:
    root = empty_site(tmp_path / "site-root")
    assert scaffold(root, "new", "course", "cloud").returncode == 0
    done = scaffold(root, "new", "lesson", "cloud", "roles")
    assert done.returncode == 0, done.stderr
    assert "adding 'author' (Author)" in done.stderr
    authors = (root / "lessons" / ".authors.yml").read_text(encoding="utf-8")
    assert authors == "authors:\n  author:\n    name: Author\n"


def test_author_is_added_to_an_authors_file_as_it_is_written(tmp_path: Path) -> None:
    root = empty_site(tmp_path / "site-root")
    assert scaffold(root, "new", "course", "cloud").returncode == 0
    authors_file = root / "lessons" / ".authors.yml"
    written = (
        "# Who writes here.\n"
        "authors:\n"
        "    ada:   # the first\n"
        "        name: 'Ada Lovelace'\n"
        "        description: Analyst"
    )  # no final line break, four-space indents, quotes: all kept
    authors_file.write_text(written, encoding="utf-8")
    done = scaffold(
        root, "new", "lesson", "cloud", "roles", "--author", "grace.h", "--author-name", "Grace: H"
    )
    assert done.returncode == 0, done.stderr
    assert authors_file.read_text(encoding="utf-8") == (
        written + "\n    grace.h:\n        name: 'Grace: H'\n"
    )
    assert "\nauthor: grace.h\n" in (root / "lessons/cloud/roles/index.md").read_text()
    # Without a name, one from the id; an id already there leaves the file alone.
    assert (
        scaffold(root, "new", "lesson", "cloud", "keys", "--author", "alan-turing").returncode == 0
    )
    assert authors_file.read_text(encoding="utf-8").endswith(
        "    alan-turing:\n        name: Alan Turing\n"
    )
    before = authors_file.read_text(encoding="utf-8")
    assert scaffold(root, "new", "lesson", "cloud", "third", "--author", "ada").returncode == 0
    assert authors_file.read_text(encoding="utf-8") == before
    # Without --author, the file's first author, as before.
    assert scaffold(root, "new", "lesson", "cloud", "fourth").returncode == 0
    assert "\nauthor: ada\n" in (root / "lessons/cloud/fourth/index.md").read_text()
    assert scaffold(root, "check").returncode == 0


def test_a_bad_author_id_is_one_message_and_nothing_written(tmp_path: Path) -> None:
    root = empty_site(tmp_path / "site-root")
    assert scaffold(root, "new", "course", "cloud").returncode == 0
    course = (root / "lessons" / "cloud" / "course.yml").read_text(encoding="utf-8")
    done = scaffold(root, "new", "lesson", "cloud", "roles", "--author", "../index")
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        "mkdocs-lessons: --author: the author id '../index' must be letters, digits, '-', '_' "
        "and single dots (it names the author's page), such as pascual-vila"
    ]
    assert done.stdout == ""
    assert not (root / "lessons" / ".authors.yml").exists()
    assert not (root / "lessons" / "cloud" / "roles").exists()
    assert (root / "lessons" / "cloud" / "course.yml").read_text(encoding="utf-8") == course


def test_an_authors_file_it_cannot_add_to_is_left_alone(tmp_path: Path) -> None:
    root = empty_site(tmp_path / "site-root")
    assert scaffold(root, "new", "course", "cloud").returncode == 0
    authors_file = root / "lessons" / ".authors.yml"
    written = "authors:\n  ada:\n    name: Ada\nextra: 1\n"  # 'authors:' is not last
    authors_file.write_text(written, encoding="utf-8")
    done = scaffold(root, "new", "lesson", "cloud", "roles", "--author", "bob")
    assert done.returncode == 1 and "could not add the author 'bob'" in done.stderr
    assert authors_file.read_text(encoding="utf-8") == written
    assert not (root / "lessons" / "cloud" / "roles").exists()


def test_at_a_terminal_the_author_is_asked_for(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from mkdocs_lessons import cli

    root = empty_site(tmp_path / "site-root")
    config = str(root / "mkdocs.yml")
    assert cli.main(["new", "course", "cloud", "--config", config]) == 0
    answers = iter(["not/an id", "mary-s", ""])  # a bad id is asked again; "" takes the default
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda prompt: next(answers))
    assert cli.main(["new", "lesson", "cloud", "roles", "--config", config]) == 0
    assert "must be letters, digits" in capsys.readouterr().err
    authors = (root / "lessons" / ".authors.yml").read_text(encoding="utf-8")
    assert authors == "authors:\n  mary-s:\n    name: Mary S\n"
