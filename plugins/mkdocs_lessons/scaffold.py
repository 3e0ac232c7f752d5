"""New courses and lessons from templates that show every feature (``mkdocs-lessons new``).

A fresh scaffold builds with ``mkdocs build --strict`` and no warnings: a test builds one.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from .catalog.loader import RESERVED_FOLDERS
from .catalog.schema import AUTHORS_FILE, COURSE_FILE, LESSON_FILE
from .core.templating import render

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
TEMPLATES = Path(__file__).resolve().parent / "templates" / "scaffold"


class ScaffoldError(Exception):
    """What stops a scaffold, said so that the author knows what to do instead."""


def title_of(slug: str) -> str:
    """``trust-policies`` -> ``Trust Policies``."""
    return " ".join(word.capitalize() for word in slug.split("-") if word)


def _check_slug(slug: str, what: str) -> None:
    if not SLUG.match(slug):
        raise ScaffoldError(
            f"'{slug}' cannot name a {what}: use lower-case letters, digits and hyphens, "
            "such as trust-policies"
        )


def new_course(sources: Path, slug: str, title: str | None = None) -> list[Path]:
    """Create ``sources/<slug>/course.yml``; return the files written."""
    _check_slug(slug, "course")
    if slug in RESERVED_FOLDERS:
        raise ScaffoldError(f"a course may not be called '{slug}': that URL is taken")
    folder = sources / slug
    if folder.exists():
        raise ScaffoldError(f"{folder} already exists")
    folder.mkdir(parents=True)
    course_file = folder / COURSE_FILE
    course_file.write_text(
        render("scaffold/course.yml", title=_yaml_text(title or title_of(slug))) + "\n",
        encoding="utf-8",
    )
    return [course_file]


def new_lesson(
    sources: Path,
    course: str,
    slug: str,
    title: str | None = None,
    author: str | None = None,
) -> list[Path]:
    """Create ``sources/<course>/<slug>/`` with an index.md that shows every feature and the
    code file its walkthrough steps through, and list the lesson in the course file."""
    _check_slug(slug, "lesson")
    course_file = sources / course / COURSE_FILE
    if not course_file.is_file():
        raise ScaffoldError(
            f"there is no course '{course}' ({course_file} is missing): create it first with "
            f"'mkdocs-lessons new course {course}'"
        )
    folder = sources / course / slug
    if folder.exists():
        raise ScaffoldError(f"{folder} already exists")
    author = _author(sources, author)
    lesson_title = title or title_of(slug)
    # The course file first: if it cannot take the lesson, nothing has been written.
    _list_lesson(course_file, slug)
    folder.mkdir(parents=True)
    index = folder / LESSON_FILE
    index.write_text(
        render(
            "scaffold/lesson.md",
            title=_yaml_text(lesson_title),
            map_title=_yaml_text(f"{lesson_title}: concepts"),
            author=author,
            # One term per lesson (two scaffolds defining one term would clash), named after
            # the slug: a title may hold punctuation that a term name should not.
            term=f"{title_of(slug)} term",
            term_key=_yaml_text(f"{title_of(slug)} term"),
        )
        + "\n",
        encoding="utf-8",
    )
    example = folder / "example.json"
    example.write_text((TEMPLATES / "example.json").read_text(encoding="utf-8"), encoding="utf-8")
    return [index, example, course_file]


def _author(sources: Path, wanted: str | None) -> str | None:
    path = sources / AUTHORS_FILE
    authors: dict[str, object] = {}
    if path.is_file():
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as error:
            raise ScaffoldError(
                f"{path} is not valid YAML ({error}); 'mkdocs-lessons check' says where"
            ) from None
        if isinstance(data, dict) and isinstance(data.get("authors"), dict):
            authors = data["authors"]
    if wanted is not None:
        if wanted not in authors:
            known = ", ".join(authors) or f"none: there is no {AUTHORS_FILE}"
            raise ScaffoldError(f"unknown author '{wanted}' (known ids: {known})")
        return wanted
    return next(iter(authors), None)


def _list_lesson(course_file: Path, slug: str) -> None:
    """Add ``- slug`` to the course file's ``lessons:``, keeping its comments and layout."""
    lines = course_file.read_text(encoding="utf-8").splitlines()
    for index, line in enumerate(lines):
        flow = re.match(r"^lessons:\s*\[(?P<items>[^\]#]*)\]\s*(#.*)?$", line)
        if flow:
            items = [item.strip() for item in flow.group("items").split(",") if item.strip()]
            if items:
                lines[index] = "lessons: [" + ", ".join([*items, slug]) + "]"
            else:  # a new course's "lessons: []" becomes the usual one-lesson-a-line list
                lines[index : index + 1] = ["lessons:", f"  - {slug}"]
            break
        match = re.match(r"^lessons:\s*(#.*)?$", line)
        if not match:
            continue
        end = index + 1
        indent = "  "
        while end < len(lines) and (not lines[end].strip() or lines[end][:1] in " \t-#"):
            item = re.match(r"^(\s*)- ", lines[end])
            if item:
                indent = item.group(1)
            end += 1
        while end > index + 1 and not lines[end - 1].strip():
            end -= 1
        lines.insert(end, f"{indent}- {slug}")
        break
    else:
        raise ScaffoldError(
            f"{course_file} has no 'lessons:' list to add '{slug}' to: add 'lessons: [{slug}]'"
        )
    course_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    data = yaml.safe_load(course_file.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or slug not in (data.get("lessons") or []):
        raise ScaffoldError(f"could not add '{slug}' to {course_file}: add it under 'lessons:'")


def _yaml_text(value: str) -> str:
    """``value`` as a YAML scalar that stays text (quoted when YAML would read it otherwise)."""
    dumped = yaml.safe_dump(value, default_flow_style=True, width=1000).strip()
    return dumped.removesuffix("\n...").removesuffix("...").strip()
