"""A fresh scaffold builds with --strict and no warnings, and shows every feature."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from bs4 import BeautifulSoup

CONFIG = """\
site_name: Scaffold
theme:
  name: material
plugins:
  - search
  - lessons
markdown_extensions:
  - toc:
      permalink: true
  - pymdownx.highlight
  - pymdownx.superfences
"""


def command(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(args, cwd=root, capture_output=True, text=True, env=env)


def test_a_fresh_scaffold_builds_strict_without_warnings(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    (tmp_path / "lessons").mkdir()
    (tmp_path / "lessons" / ".authors.yml").write_text(
        "authors:\n  ada:\n    name: Ada Lovelace\n", encoding="utf-8"
    )
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
    built = command(tmp_path, sys.executable, "-m", "mkdocs", "build", "--strict")
    assert built.returncode == 0, built.stderr
    assert "WARNING" not in built.stderr, built.stderr
    page = BeautifulSoup(
        (tmp_path / "site" / "lessons" / "cloud" / "keys" / "index.html").read_text(),
        "html.parser",
    )
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
