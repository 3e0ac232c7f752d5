"""Read the sources folder into a :class:`Catalog`, reporting every mistake with its line."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..checks.parser import ChecksReader
from ..core.blocks import scan_blocks
from ..core.diagnostics import Diagnostics, closest, did_you_mean
from ..core.fields import read_fields
from ..core.frontmatter import split_front_matter
from ..core.paths import (
    Refusal,
    entries,
    is_dir,
    is_file,
    links_out,
    locate,
    read_text,
    walk_files,
)
from ..core.text import shown
from ..core.urls import is_absolute_url
from ..core.yamlsource import YamlSource, load_yaml
from ..glossary.loader import GLOSSARY_FILE, load_glossary, read_terms
from ..glossary.model import GlossaryTerm
from ..showcase.loader import SHOWCASE_FOLDER, load_showcase_folder
from ..showcase.model import Showcase
from ..teaching.notes import NotesReader
from ..teaching.objectives import Objective, read_objectives, tie_objectives
from ..walkthrough.parser import WalkthroughReader
from .model import Author, Catalog, Course, Lesson
from .schema import (
    AUTHOR_FIELDS,
    AUTHORS_FILE,
    CONCEPT_MAP_FIELDS,
    COURSE_FIELDS,
    COURSE_FILE,
    LESSON_FIELDS,
    LESSON_FILE,
    SHOWCASE_FIELDS,
)

AUTHOR_ID = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9_-]|\.(?!\.)){0,63}")
"""What an author id may be: it becomes the address of the author's page."""


def author_id_problem(author_id: object) -> str | None:
    """What is wrong with ``author_id`` as an author id, or None; the scaffold asks too."""
    if isinstance(author_id, str) and AUTHOR_ID.fullmatch(author_id):
        return None
    return (
        f"the author id '{shown(str(author_id))}' must be letters, digits, '-', '_' "
        "and single dots (it names the author's page), such as pascual-vila"
    )


RESERVED_FOLDERS = frozenset({"authors", "glossary"})
"""Course folder names that would collide with generated pages (``<prefix>/authors/``)."""


def load_catalog(
    root: Path, diagnostics: Diagnostics, *, showcase_max_bytes: int = 20_000
) -> Catalog:
    """Load authors, courses and lessons from ``root``.

    Never raises for bad input: what cannot be read is reported and left out.
    """
    catalog = Catalog(root=root, showcase_max_bytes=showcase_max_bytes)
    if not root.is_dir():
        diagnostics.add(
            root,
            1,
            "the lessons sources folder does not exist: create it or set "
            "the plugin's 'sources' option",
        )
        return catalog
    reported = len(diagnostics)
    with diagnostics.guard(root / AUTHORS_FILE):
        catalog.authors = _load_authors(root / AUTHORS_FILE, diagnostics)
    # A broken authors file has its own message; every lesson naming an author would repeat it.
    catalog.authors_unreadable = not catalog.authors and len(diagnostics) > reported
    courses: list[Course] = []
    for entry in entries(root):
        if entry.name.startswith("."):
            continue
        if is_dir(entry) and not _folder_inside(entry, root, diagnostics):
            continue
        if is_dir(entry) and is_file(entry / COURSE_FILE):
            if entry.name in RESERVED_FOLDERS:
                diagnostics.add(
                    entry / COURSE_FILE,
                    1,
                    f"a course folder may not be called '{entry.name}': that URL is taken by "
                    "generated pages; rename the folder",
                )
                continue
            course: Course | None = None
            with diagnostics.guard(entry / COURSE_FILE):
                course = _load_course(entry, catalog, diagnostics)
            if course is not None:
                courses.append(course)
        elif is_dir(entry) and any(is_file(child / LESSON_FILE) for child in entries(entry)):
            diagnostics.add(
                entry / COURSE_FILE,
                1,
                f"folder '{entry.name}' holds lessons but no {COURSE_FILE}: add one with a "
                "title and the list of its lessons",
            )
        elif entry.name != GLOSSARY_FILE:
            catalog.root_files.extend(_published_files(entry, root, diagnostics))
    courses.sort(key=lambda course: (course.position is None, course.position or 0, course.title))
    catalog.courses = courses
    _check_prerequisites(catalog, diagnostics)
    lesson_terms = {slug: lesson.terms for slug, lesson in catalog.lessons.items() if lesson.terms}
    with diagnostics.guard(root / GLOSSARY_FILE):
        catalog.glossary, catalog.term_matcher = load_glossary(root, lesson_terms, diagnostics)
    return catalog


def _folder_inside(folder: Path, root: Path, diagnostics: Diagnostics) -> bool:
    """Whether a course or lesson folder may be read: a symbolic link to a folder is followed
    only when it points inside the sources folder."""
    if links_out(folder, root):
        diagnostics.add(
            folder,
            1,
            f"'{folder.name}' is a symbolic link to a folder outside the sources folder: it is "
            "not read or published; move the folder into the sources folder",
        )
        return False
    return True


def _load_yaml_file(path: Path, diagnostics: Diagnostics) -> YamlSource | None:
    content = read_text(path, diagnostics, inside=path.parent)
    return load_yaml(content, path, diagnostics) if content is not None else None


def _load_authors(path: Path, diagnostics: Diagnostics) -> dict[str, Author]:
    if not path.is_file():
        return {}
    source = _load_yaml_file(path, diagnostics)
    if source is None:
        return {}
    data = source.data
    if not isinstance(data, dict) or not isinstance(data.get("authors"), dict):
        diagnostics.add(
            path,
            source.line_of(),
            "the authors file must have an 'authors:' mapping of author "
            "ids to their name, description, avatar and url",
        )
        return {}
    authors: dict[str, Author] = {}
    for author_id, fields in data["authors"].items():
        problem = author_id_problem(author_id)
        if problem is not None:
            # The id names the author's page (<prefix>/authors/<id>/): '../../index' would
            # write it over the site's home page.
            diagnostics.add(path, source.line_of("authors", author_id), problem)
            continue
        if not isinstance(fields, dict):
            diagnostics.add(
                path,
                source.line_of("authors", author_id),
                f"author '{author_id}' must be a mapping with at least 'name: ...'",
            )
            continue
        values = read_fields(
            source,
            fields,
            AUTHOR_FIELDS,
            diagnostics,
            what=f"author '{author_id}'",
            key_path=("authors", author_id),
        )
        avatar = values.get("avatar")
        if avatar and not is_absolute_url(avatar):
            found = locate(path.parent, avatar, where="the sources folder")
            if found.path is None:
                diagnostics.add(
                    path,
                    source.line_of("authors", author_id, "avatar"),
                    f"avatar of author '{author_id}': {found.problem}"
                    if found.problem
                    else f"avatar '{avatar}' of author '{author_id}' is not in the sources "
                    "folder: add the image or give a URL",
                )
                values.pop("avatar")
        if "name" in values:
            authors[str(author_id)] = Author(
                id=str(author_id),
                name=values["name"],
                description=values.get("description", ""),
                avatar=values.get("avatar"),
                url=values.get("url"),
            )
    return authors


def _check_folder_name(folder: Path, path: Path, diagnostics: Diagnostics) -> None:
    """A course or lesson folder names a web address: '#' and '?' would end it early."""
    odd = sorted({char for char in folder.name if char in _URL_BREAKING or not char.isprintable()})
    if odd:
        shown = ", ".join(repr(char) for char in odd)
        diagnostics.add(
            path,
            1,
            f"the folder name '{folder.name}' holds {shown}, which cannot be part of the page's "
            "web address: rename the folder with letters, digits and hyphens",
        )


_URL_BREAKING = frozenset("#?%\\")


def _load_course(folder: Path, catalog: Catalog, diagnostics: Diagnostics) -> Course | None:
    path = folder / COURSE_FILE
    _check_folder_name(folder, path, diagnostics)
    source = _load_yaml_file(path, diagnostics)
    if source is None:
        return None
    if not isinstance(source.data, dict):
        diagnostics.add(path, 1, "the course file must be a mapping with 'title:' and 'lessons:'")
        return None
    values = read_fields(source, source.data, COURSE_FIELDS, diagnostics, what="course file")
    course = Course(
        slug=folder.name,
        path=path,
        title=values.get("title", folder.name),
        summary=values.get("summary", ""),
        position=values.get("position"),
        lesson_slugs=values.get("lessons", []),
    )
    root = catalog.root
    found = {
        child.name: child
        for child in entries(folder)
        if is_dir(child)
        and is_file(child / LESSON_FILE)
        and not child.name.startswith(".")
        and _folder_inside(child, root, diagnostics)
    }
    raw_lessons = source.data.get("lessons")
    lines = _item_lines(source, "lessons", raw_lessons)
    # While the list has a mistake (reported at its item), its lessons are not also unlisted.
    list_is_whole = len(lines) == (len(raw_lessons) if isinstance(raw_lessons, list) else 1)
    listed: set[str] = set()
    for slug, line in zip(course.lesson_slugs, lines, strict=False):
        listed.add(slug)
        lesson_folder = found.get(slug)
        if lesson_folder is None:
            unlisted = [name for name in found if name not in course.lesson_slugs]
            meant = closest(slug, unlisted)
            diagnostics.add(
                path,
                line,
                f"lesson '{slug}' does not exist: no folder {folder.name}/{slug}/ with an "
                f"{LESSON_FILE}{did_you_mean(slug, unlisted or found)}"
                + (f"; '{meant}' is published in its place until you correct it" if meant else ""),
            )
            if meant is None:
                continue
            # Read as the lesson the author meant, so that the slip is one message, not also
            # "not listed", and every prerequisite and link naming that lesson.
            slug, lesson_folder = meant, found[meant]
            listed.add(slug)
        lesson: Lesson | None = None
        with diagnostics.guard(lesson_folder / LESSON_FILE):
            lesson = _load_lesson(lesson_folder, course.slug, catalog, diagnostics)
        if lesson is None:
            continue
        twin = catalog.lessons.get(slug)
        if twin is not None:
            diagnostics.add(
                lesson.path,
                1,
                f"two lessons have the slug '{slug}' (also {twin.course_slug}/{slug}/): lessons "
                "are named by their folder in prerequisites, so rename one folder",
            )
            continue
        catalog.lessons[slug] = lesson
        course.lessons.append(lesson)
    for child in entries(folder):
        if is_dir(child) and child.name not in found and is_dir(child / SHOWCASE_FOLDER):
            for entry in sorted((child / SHOWCASE_FOLDER).glob("*.md")):
                diagnostics.add(
                    entry,
                    1,
                    f"this showcase entry is for a lesson '{child.name}' that does not exist in "
                    f"{folder.name}/{did_you_mean(child.name, found)}: move it into the "
                    "showcase/ folder of an existing lesson",
                )
    for slug, lesson_folder in found.items():
        if slug not in listed and list_is_whole:
            diagnostics.add(
                lesson_folder / LESSON_FILE,
                1,
                f"lesson '{slug}' is not listed in {folder.name}/{COURSE_FILE}: add "
                f"'- {slug}' under 'lessons:' to publish it",
            )
    return course


def _load_lesson(
    folder: Path, course_slug: str, catalog: Catalog, diagnostics: Diagnostics
) -> Lesson | None:
    path = folder / LESSON_FILE
    _check_folder_name(folder, path, diagnostics)
    content = read_text(path, diagnostics, inside=folder)
    if content is None:
        # Known, if unreadable: lessons naming it as a prerequisite are not wrong as well.
        catalog.unreadable_lessons.add(folder.name)
        return None
    split = split_front_matter(content)
    # A lesson whose front matter is broken is still a lesson: keeping it (with what could be
    # read) means a mistake gives one message, not a second one from every prerequisite.
    values: dict[str, Any] = {}
    author_ids: list[str] = []
    prerequisite_lines: list[int] = []
    terms: list[GlossaryTerm] = []
    concept_map: dict[str, Any] = {}
    showcase: Showcase | None = None
    objectives: list[Objective] = []
    front_matter_read = False
    if split.unclosed:
        diagnostics.add(
            path,
            1,
            "the front matter is never closed: add a line with only '---' after its last key",
        )
    elif split.yaml_text is None:
        diagnostics.add(
            path,
            1,
            "the lesson has no front matter: start the file with '---', the keys "
            "title, summary and author, and another '---'",
        )
    else:
        source = load_yaml(split.yaml_text, path, diagnostics, first_line=split.yaml_first_line)
        data: Any = source.data if source is not None else None
        if source is not None and data is not None and not isinstance(data, dict):
            diagnostics.add(
                path,
                split.yaml_first_line,
                "the front matter must be a mapping of keys: write 'key: value' lines between "
                "the two '---' lines",
            )
        elif source is not None:
            front_matter_read = True
            values = read_fields(
                source, data or {}, LESSON_FIELDS, diagnostics, what="front matter"
            )
            author_ids = _lesson_authors(source, values, catalog, diagnostics)
            if "glossary" in values:
                terms = read_terms(
                    source, values["glossary"], ("glossary",), diagnostics, lesson=folder.name
                )
            showcase = _lesson_showcase(source, values, diagnostics)
            if "objectives" in values:
                objectives = read_objectives(source, values["objectives"], diagnostics)
            if "concept_map" in values:
                concept_map = read_fields(
                    source,
                    values["concept_map"],
                    CONCEPT_MAP_FIELDS,
                    diagnostics,
                    what="concept_map",
                    key_path=("concept_map",),
                )
            prerequisite_lines = _item_lines(
                source,
                "prerequisites",
                data.get("prerequisites") if "prerequisites" in values else [],
            )
    showcase_folder = load_showcase_folder(folder, catalog.showcase_max_bytes, diagnostics)
    shared = showcase_folder.entries
    # Unread front matter says nothing about the showcase: its own message is enough.
    if shared and showcase is None and front_matter_read:
        diagnostics.add(
            shared[0].path,
            1,
            f"lesson '{folder.name}' does not ask for showcase entries, so this one would not "
            "be shown: its author can add 'showcase: <an invitation>' to its front matter",
        )
    elif showcase is not None:
        showcase.entries = shared
    if showcase_folder.template_path is not None:
        if showcase is None and front_matter_read:
            diagnostics.add(
                showcase_folder.template_path,
                1,
                f"lesson '{folder.name}' does not ask for showcase entries, so this entry "
                "template is not used: add 'showcase: <an invitation>' to its front matter",
            )
        elif showcase is not None and showcase.entry_template is not None:
            diagnostics.add(
                showcase_folder.template_path,
                1,
                "the lesson's front matter also gives 'showcase: template:': this file is "
                "used; remove one of the two",
            )
        if showcase is not None:
            showcase.entry_template = showcase_folder.template
    _check_first_heading(split.body, split.body_first_line, path, diagnostics)
    walkthroughs = WalkthroughReader()
    checks = ChecksReader()
    notes = NotesReader((*walkthroughs.names, *checks.names))
    markdown = scan_blocks(
        split.body, split.body_first_line, path, [walkthroughs, checks, notes], diagnostics
    )
    lesson_checks = checks.result(diagnostics, path)
    lesson_checks.map_title = concept_map.get("title")
    lesson_checks.map_summary = concept_map.get("summary")
    return Lesson(
        slug=folder.name,
        course_slug=course_slug,
        path=path,
        title=values.get("title", folder.name),
        summary=values.get("summary", ""),
        body=split.body,
        body_first_line=split.body_first_line,
        author_ids=author_ids,
        level=values.get("level"),
        duration=values.get("duration"),
        tags=values.get("tags", []),
        prerequisites=values.get("prerequisites", []),
        prerequisite_lines=prerequisite_lines,
        files=_published_files(
            folder, folder, diagnostics, skip=path, reported=walkthroughs.links_out
        ),
        walkthroughs=walkthroughs.walkthroughs,
        checks=lesson_checks,
        showcase=showcase,
        markdown=markdown,
        terms=terms,
        glossary_title=values.get("glossary_title"),
        objectives=tie_objectives(objectives, lesson_checks, path, diagnostics),
    )


def _lesson_authors(
    source: YamlSource, values: dict[str, Any], catalog: Catalog, diagnostics: Diagnostics
) -> list[str]:
    path = source.path
    written = source.data if isinstance(source.data, dict) else {}
    if "author" in values and "authors" in values:
        diagnostics.add(
            path,
            source.line_of("authors"),
            "give either 'author' (one id) or 'authors' (a list), not both",
        )
    if "authors" in values:
        key, ids = "authors", list(values["authors"])
    elif "author" in values:
        key, ids = "author", [values["author"]]
    elif "author" in written or "authors" in written:
        return []  # given, but of the wrong kind: read_fields said so at its line
    elif any(isinstance(key, str) and closest(key, ("author", "authors")) for key in written):
        return []  # misspelt ("autor"): read_fields named the key to write
    else:
        diagnostics.add(
            path,
            source.line_of(),
            "missing required key 'author' in the front matter: add 'author: <id>' with an id "
            f"from {AUTHORS_FILE}",
        )
        return []
    if not ids:
        diagnostics.add(
            path,
            source.line_of(key),
            f"'{key}' names no author: write at least one id from {AUTHORS_FILE}, such as "
            f"'{key}: [{next(iter(catalog.authors), 'pascual-vila')}]'",
        )
    valid: list[str] = []
    for index, author_id in enumerate(ids):
        if author_id in catalog.authors:
            valid.append(author_id)
            continue
        if catalog.authors_unreadable:
            continue
        line = source.line_of(key, index) if key == "authors" else source.line_of(key)
        if catalog.authors:
            hint = did_you_mean(author_id, catalog.authors) or (
                "; known ids: " + ", ".join(sorted(catalog.authors))
            )
        else:
            hint = f"; there is no {AUTHORS_FILE} in the sources folder"
        diagnostics.add(path, line, f"unknown author '{author_id}': not in {AUTHORS_FILE}{hint}")
    return valid


def _published_files(
    folder: Path,
    boundary: Path,
    diagnostics: Diagnostics,
    skip: Path | None = None,
    reported: set[Path] | frozenset[Path] = frozenset(),
) -> list[Path]:
    """Files to publish as they are: everything but hidden files, Markdown sources and the
    showcase folder (entries come from strangers: only the images they show are published).

    ``boundary`` is the folder the files belong to (a lesson's own folder, or the sources
    folder): a symbolic link that points out of it is reported (unless it is in ``reported``)
    and never published.
    """
    found = walk_files(
        folder,
        boundary,
        keep=lambda relative: (
            relative.parts[0] != SHOWCASE_FOLDER and relative.suffix.lower() != ".md"
        ),
    )
    files: list[Path] = []
    for item in found:
        if isinstance(item, Refusal):
            if item.path not in reported:  # a walkthrough that names it said so at its line
                diagnostics.add(item.path, 1, item.message)
        elif item != skip and item.suffix.lower() != ".md":
            files.append(item)
    return files


def _check_first_heading(body: str, first_line: int, path: Path, diagnostics: Diagnostics) -> None:
    """The page's title comes from the front matter: a body opening with ``# Title`` would give
    the page two of them (two ``h1``, and the title twice in the table of contents)."""
    for offset, line in enumerate(body.split("\n")):
        if not line.strip():
            continue
        if line.startswith("# ") or line.rstrip() == "#":
            diagnostics.add(
                path,
                first_line + offset,
                "the body starts with a '# ' title, and the page's title already comes from "
                "the front matter: remove it (start with text, and use '##' for sections)",
            )
        return


def _item_lines(source: YamlSource, key: str, raw: Any) -> list[int]:
    """The line of each item of the list ``key`` that is a text (the ones read_fields keeps)."""
    if isinstance(raw, str):
        return [source.line_of(key)] if raw.strip() else []
    if not isinstance(raw, list):
        return []
    lines: list[int] = []
    seen: set[str] = set()
    for index, item in enumerate(raw):
        # The items read_fields keeps: texts, each once.
        if isinstance(item, str) and item.strip() and item.strip() not in seen:
            seen.add(item.strip())
            lines.append(source.line_of(key, index))
    return lines


def _lesson_showcase(
    source: YamlSource, values: dict[str, Any], diagnostics: Diagnostics
) -> Showcase | None:
    value = values.get("showcase")
    if value is None:
        return None
    if isinstance(value, str):
        return Showcase(prompt=value.strip())
    fields = read_fields(
        source, value, SHOWCASE_FIELDS, diagnostics, what="showcase", key_path=("showcase",)
    )
    # Without a prompt (reported above) the entries still show.
    return Showcase(
        prompt=fields.get("prompt", ""),
        title=fields.get("title"),
        # Read stripped, as every text: a file ends with its line break.
        entry_template=fields["template"] + "\n" if "template" in fields else None,
    )


def _check_prerequisites(catalog: Catalog, diagnostics: Diagnostics) -> None:
    for lesson in catalog.lessons.values():
        kept: list[str] = []
        for slug, line in zip(lesson.prerequisites, lesson.prerequisite_lines, strict=True):
            if slug == lesson.slug:
                diagnostics.add(
                    lesson.path,
                    line,
                    f"a lesson cannot be its own prerequisite: remove '{slug}' from "
                    "'prerequisites:'",
                )
            elif slug in catalog.unreadable_lessons:
                continue
            elif slug not in catalog.lessons:
                diagnostics.add(
                    lesson.path,
                    line,
                    f"prerequisite '{slug}' names no lesson{did_you_mean(slug, catalog.lessons)}",
                )
            else:
                kept.append(slug)
        lesson.prerequisites = kept
