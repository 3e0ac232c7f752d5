"""New courses and lessons from templates that show every feature (``mkdocs-lessons new``).

A fresh scaffold builds with ``mkdocs build --strict`` and no warnings: a test builds one.
"""

from __future__ import annotations

import re
import subprocess
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

from .catalog.loader import RESERVED_FOLDERS, author_id_problem
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


@dataclass(frozen=True)
class NewAuthor:
    """An author the scaffold adds to the authors file."""

    id: str
    name: str


AuthorPicker = Callable[[NewAuthor], NewAuthor]
"""Chooses the author of a lesson when neither ``--author`` nor the authors file names one:
given the suggestion, returns the author to add (the command line asks, or says what it
chose)."""


def new_lesson(
    sources: Path,
    course: str,
    slug: str,
    title: str | None = None,
    author: str | None = None,
    author_name: str | None = None,
    pick_author: AuthorPicker | None = None,
) -> list[Path]:
    """Create ``sources/<course>/<slug>/`` with an index.md that shows every feature and the
    code file its walkthrough steps through, and list the lesson in the course file.

    The lesson names an author, so that it builds with ``--strict``: ``author`` (added to the
    authors file, as ``author_name``, when the file does not have it), else the file's first,
    else the one ``pick_author`` chooses (by default the suggestion), added to the file."""
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
    author_id, adding = _author(sources, author, author_name, pick_author)
    authors_file = sources / AUTHORS_FILE
    # Every check before the first write: a refused author or course file leaves all as it was.
    authors_text = _with_author(authors_file, adding) if adding is not None else None
    lesson_title = title or title_of(slug)
    _list_lesson(course_file, slug)
    if authors_text is not None:
        authors_file.write_text(authors_text, encoding="utf-8")
    folder.mkdir(parents=True)
    index = folder / LESSON_FILE
    index.write_text(
        render(
            "scaffold/lesson.md",
            title=_yaml_text(lesson_title),
            map_title=_yaml_text(f"{lesson_title}: concepts"),
            author=author_id,
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
    written = [index, example, course_file]
    return [*written, authors_file] if authors_text is not None else written


def _known_authors(path: Path) -> dict[str, object]:
    """The authors file's authors by id (none when there is no file)."""
    if not path.is_file():
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as error:
        raise ScaffoldError(
            f"{path} is not valid YAML ({error}); 'mkdocs-lessons check' says where"
        ) from None
    if isinstance(data, dict) and isinstance(data.get("authors"), dict):
        return dict(data["authors"])
    return {}


def _author(
    sources: Path,
    wanted: str | None,
    wanted_name: str | None,
    pick: AuthorPicker | None,
) -> tuple[str, NewAuthor | None]:
    """The lesson's author id, and the author to add to the authors file (None if it is
    there)."""
    authors = _known_authors(sources / AUTHORS_FILE)
    if wanted is None and authors:
        return str(next(iter(authors))), None
    if wanted is None:
        suggested = suggested_author(sources)
        chosen = pick(suggested) if pick is not None else suggested
        wanted, wanted_name = chosen.id, chosen.name
    problem = author_id_problem(wanted)
    if problem is not None:
        raise ScaffoldError(f"--author: {problem}")
    if wanted in authors:
        return wanted, None
    return wanted, NewAuthor(wanted, (wanted_name or "").strip() or name_of(wanted))


def name_of(author_id: str) -> str:
    """``ada-lovelace`` -> ``Ada Lovelace``: a name to start from, for the author to edit."""
    words = re.split(r"[-_.]+", author_id)
    return " ".join(word.capitalize() for word in words if word) or author_id


def author_slug(name: str) -> str:
    """``José Pérez`` -> ``jose-perez``: an author id made from a person's name."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:64].strip("-")


def suggested_author(sources: Path) -> NewAuthor:
    """The author of ``git config user.name`` (as the site's repository sees it), else
    ``author``."""
    try:
        done = subprocess.run(
            ["git", "config", "user.name"],
            cwd=sources.parent if sources.parent.is_dir() else None,
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):  # no git, or it hangs
        return NewAuthor("author", "Author")
    name = done.stdout.strip() if done.returncode == 0 else ""
    author_id = author_slug(name)
    if not author_id or author_id_problem(author_id) is not None:
        return NewAuthor("author", "Author")
    return NewAuthor(author_id, name)


def _with_author(path: Path, author: NewAuthor) -> str:
    """The authors file's text with ``author`` added at its end, the rest kept as it is
    written (comments, order, quoting); checked by reading it back."""

    def entry(indent: str) -> str:
        # The file's own indent for both levels: an author's keys sit one step further in.
        return f"{indent}{author.id}:\n{indent * 2}name: {_yaml_text(author.name)}\n"

    if not path.is_file():
        return "authors:\n" + entry("  ")
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    header = next(
        (i for i, line in enumerate(lines) if re.match(r"^authors:\s*(#.*)?$", line)), None
    )
    if header is None:
        added = "authors:\n" + entry("  ")
    else:
        indent = next(
            (
                line[: len(line) - len(line.lstrip())]
                for line in lines[header + 1 :]
                if line.strip() and not line.lstrip().startswith("#") and line[:1] in " \t"
            ),
            "  ",
        )
        added = entry(indent)
    new_text = (text if not text or text.endswith("\n") else text + "\n") + added
    try:
        data = yaml.safe_load(new_text)
    except yaml.YAMLError:
        data = None
    authors = data.get("authors") if isinstance(data, dict) else None
    previous = _known_authors(path)
    if (
        not isinstance(authors, dict)
        or not isinstance(authors.get(author.id), dict)
        or authors[author.id].get("name") != author.name
        or any(authors.get(key) != value for key, value in previous.items())
    ):
        raise ScaffoldError(
            f"could not add the author '{author.id}' at the end of {path} (its 'authors:' "
            f"mapping is not the last thing in it, or is written on one line): add "
            f"'{author.id}: {{name: {author.name}}}' under 'authors:' and run this again"
        )
    return new_text


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
    # allow_unicode: "José", not "Jos\xE9", in a file people edit.
    dumped = yaml.safe_dump(value, default_flow_style=True, width=1000, allow_unicode=True).strip()
    return dumped.removesuffix("\n...").removesuffix("...").strip()
