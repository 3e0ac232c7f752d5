"""Nothing outside a lesson folder is ever published, in a real build.

A project keeps a secret beside its sources; lessons try every way of reaching it (paths that
leave the folder, absolute paths, symbolic links to files and folders, a linked course folder).
The built site must not hold the secret anywhere, `--strict` must fail, and each attempt must
be one message naming its file and line.
"""

from __future__ import annotations

from pathlib import Path

from tests.build.conftest import BuildSite
from tests.sources import AUTHORS, lesson

SECRET = "SECRET-CONTAINMENT-4c1d"

STEP = "/// step | 1\n    code: {code}\nThe code.\n///\n"


def sources() -> dict[str, str]:
    walk = "//// walkthrough | app.py\n\n{steps}////\n"
    return {
        ".authors.yml": AUTHORS,
        "basics/course.yml": "title: Basics\nlessons:\n  - first\n  - second\n",
        "basics/first/app.py": "x = 1\n",
        "basics/first/index.md": lesson(
            "First",
            body="Text.\n\n" + walk.format(steps=STEP.format(code="../../../secret.py")),
        ),
        "basics/second/app.py": "y = 2\n",
        "basics/second/index.md": lesson(
            "Second", body="Text.\n\n" + walk.format(steps=STEP.format(code="/etc/hostname"))
        ),
    }


def test_no_way_out_of_a_lesson_publishes_anything(build_site: BuildSite, tmp_path: Path) -> None:
    project = tmp_path / "project"
    lessons = project / "lessons"
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.png").write_text(SECRET, encoding="utf-8")
    (outside / "index.md").write_text(SECRET, encoding="utf-8")

    def plant() -> None:
        (project / "secret.py").write_text(f"'{SECRET}'\n", encoding="utf-8")
        (lessons / "basics/first/diagram.png").symlink_to(outside / "secret.png")
        (lessons / "basics/first/pictures").symlink_to(outside, target_is_directory=True)
        (lessons / "assets").mkdir()
        (lessons / "assets/logo.png").symlink_to(outside / "secret.png")
        (lessons / "linked").symlink_to(outside, target_is_directory=True)

    built = build_site(sources(), strict=True, before=plant)
    assert built.returncode != 0
    for path in built.site.rglob("*"):
        if path.is_file():
            assert SECRET.encode() not in path.read_bytes(), path
    assert not built.exists("lessons/basics/first/diagram.png")
    assert not built.exists("lessons/assets/logo.png")
    expected = {
        "lessons/basics/first/index.md:11": "leaves the lesson folder",
        "lessons/basics/second/index.md:11": "is an absolute path",
        "lessons/basics/first/diagram.png:1": "is a symbolic link to",
        "lessons/basics/first/pictures:1": "symbolic link to a folder",
        "lessons/assets/logo.png:1": "is a symbolic link to",
        "lessons/linked:1": "symbolic link to a folder outside the sources folder",
    }
    warnings = [line for line in built.log.splitlines() if "mkdocs_lessons:" in line]
    for where, what in expected.items():
        found = [line for line in warnings if f" {where}: " in line]
        assert len(found) == 1 and what in found[0], (where, warnings)
    assert "Traceback" not in built.log
