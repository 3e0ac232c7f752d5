"""The pages and files the catalog publishes, named by the source URIs they pretend to have.

Each page also names its real source (a lesson's ``index.md``, a course file, the authors or
glossary file), so that to MkDocs and every other plugin it is a page with a source: its edit
link, its git dates and its translations are found from that file.

Generated pages mirror the sources folder under the URL prefix, so a relative link written in
a lesson (``../trust-policies/index.md``, ``diagram.svg``) means the same thing to the author
as to MkDocs.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from ..core.diagnostics import Diagnostics
from ..core.i18n import Translator
from ..core.markers import marker
from ..core.paths import is_file, links_out
from ..core.urls import relative_url
from ..glossary.loader import GLOSSARY_FILE
from .links import check_lesson_links
from .model import Author, Catalog, Course, Lesson
from .schema import AUTHORS_FILE

PROGRESS_MAP = "progress.{digest}.json"
"""The site's progress map, under the URL prefix: ``course/lesson`` -> the lesson's concepts
(``id``, ``requires``, ``questions``). The browser marks the navigation's mastered lessons from
it. One file for the site, named after its content (cached for good, fetched once), so no page
carries the concepts of every other lesson; pages carry only its address."""
META_FILE = ".meta.yml"
"""Material's meta plugin's file name (its ``meta_file`` option's default)."""


class PageKind(Enum):
    INDEX = "index"
    COURSE = "course"
    LESSON = "lesson"
    AUTHOR = "author"
    GLOSSARY = "glossary"
    SHOWCASE = "showcase"
    """All the showcase entries of a lesson, when there are more than its section shows."""


@dataclass(frozen=True)
class PageSpec:
    """A page the plugin adds to the site."""

    src_uri: str
    kind: PageKind
    key: str
    """The slug of the course or lesson, the author id, or ``""`` for the index."""
    markdown: str
    source: Path
    """The file the page is made from (the sources folder for the lessons index)."""
    meta: dict[str, object] = field(default_factory=dict)
    """Title, meta description and tags; the host sets them as the page's metadata."""


@dataclass
class SitePlan:
    prefix: str
    pages: dict[str, PageSpec] = field(default_factory=dict)
    """By source URI."""
    files: dict[str, Path] = field(default_factory=dict)
    """Files published as they are (images, code), by source URI."""
    site_root_copies: dict[str, Path] = field(default_factory=dict)
    """Avatars published at the site root as well, unless docs has a file there: Material's
    blog reads the same authors file and resolves an avatar path from the site root."""
    meta_files: dict[str, Path] = field(default_factory=dict)
    """``.meta.yml`` files of the sources folder, a course or a lesson, by source URI: not
    published, but given to Material's meta plugin, which applies them to the pages below."""
    progress_map_uri: str = ""
    """The source URI of the progress map (:data:`PROGRESS_MAP`), set by :func:`progress_map`
    ("" while unset, and when no lesson has concepts: no map is published)."""

    def index_uri(self) -> str:
        return f"{self.prefix}/index.md"

    def course_uri(self, course: Course) -> str:
        return f"{self.prefix}/{course.slug}/index.md"

    def lesson_uri(self, lesson: Lesson) -> str:
        return f"{self.prefix}/{lesson.course_slug}/{lesson.slug}/index.md"

    def author_uri(self, author: Author) -> str:
        return f"{self.prefix}/authors/{author.id}.md"

    def showcase_uri(self, lesson: Lesson) -> str:
        return f"{self.prefix}/{lesson.course_slug}/{lesson.slug}/showcase/index.md"

    def glossary_uri(self) -> str:
        return f"{self.prefix}/glossary.md"

    def source_uri(self, relative: str) -> str:
        """The URI of a file given relative to the sources folder (an avatar, an image)."""
        return posixpath.normpath(f"{self.prefix}/{relative}")


def plan_site(
    catalog: Catalog, prefix: str, translate: Translator, *, showcase_cap: int = 3
) -> SitePlan:
    """Name every page and file the catalog publishes (``showcase_cap``: the entries a lesson
    shows; a lesson with more gets a page of all of them)."""
    plan = SitePlan(prefix=prefix.strip("/"))
    index = plan.index_uri()
    plan.pages[index] = PageSpec(
        index,
        PageKind.INDEX,
        "",
        _markdown(),
        catalog.root,
        _meta(translate("lessons"), translate("lessons_index_summary")),
    )
    for course in catalog.courses:
        uri = plan.course_uri(course)
        meta = _meta(course.title, course.summary or course.title)
        plan.pages[uri] = PageSpec(
            uri, PageKind.COURSE, course.slug, _markdown(), course.path, meta
        )
        for lesson in course.lessons:
            uri = plan.lesson_uri(lesson)
            meta = _meta(lesson.title, lesson.summary, lesson.tags)
            if lesson.tags:
                # The lesson's header shows them, after "Course · Lesson n of N": Material's
                # tags plugin would show them above it.
                meta["hide"] = ["tags"]
            plan.pages[uri] = PageSpec(
                uri, PageKind.LESSON, lesson.slug, _markdown(lesson.markdown), lesson.path, meta
            )
            folder = posixpath.dirname(uri)
            for path in lesson.files:
                plan.files[f"{folder}/{path.relative_to(lesson.folder).as_posix()}"] = path
            if lesson.showcase is not None:
                for entry in lesson.showcase.entries:
                    for image in entry.images:
                        relative = image.relative_to(lesson.folder).as_posix()
                        plan.files[f"{folder}/{relative}"] = image
                showcase_folder = lesson.folder / "showcase"
                if len(lesson.showcase.entries) > showcase_cap:
                    uri = plan.showcase_uri(lesson)
                    title = translate("showcase_page_title", lesson=lesson.title)
                    meta = _meta(title, lesson.showcase.prompt or title)
                    # Strangers' text: kept out of search, like the section under the lesson.
                    meta["search"] = {"exclude": True}
                    plan.pages[uri] = PageSpec(
                        uri, PageKind.SHOWCASE, lesson.slug, _markdown(), showcase_folder, meta
                    )
    for author in catalog.authors.values():
        uri = plan.author_uri(author)
        description = (
            translate("author_page_summary", name=author.name, description=author.description)
            if author.description
            else author.name
        )
        meta = _meta(author.name, description)
        plan.pages[uri] = PageSpec(
            uri, PageKind.AUTHOR, author.id, _markdown(), catalog.root / AUTHORS_FILE, meta
        )
    if catalog.glossary.all_terms():
        uri = plan.glossary_uri()
        meta = _meta(translate("glossary"), translate("glossary_summary"))
        glossary_file = catalog.root / GLOSSARY_FILE
        source = glossary_file if glossary_file.is_file() else catalog.root
        plan.pages[uri] = PageSpec(uri, PageKind.GLOSSARY, "", _markdown(), source, meta)
    for path in catalog.root_files:
        plan.files[plan.source_uri(path.relative_to(catalog.root).as_posix())] = path
    published = set(catalog.root_files)
    for author in catalog.authors.values():
        # Only an avatar already published (checked, inside the sources folder) is copied; a URL
        # is no file, and the blog shows it as it is.
        if author.avatar and (catalog.root / author.avatar) in published:
            uri = posixpath.normpath(author.avatar)
            plan.site_root_copies[uri] = catalog.root / author.avatar
    meta_folders: dict[str, Path] = {"": catalog.root}
    for course in catalog.courses:
        meta_folders[course.slug] = course.path.parent
        for lesson in course.lessons:
            meta_folders[f"{course.slug}/{lesson.slug}"] = lesson.folder
    for relative, meta_folder in meta_folders.items():
        meta_file = meta_folder / META_FILE
        if is_file(meta_file) and not links_out(meta_file, meta_folder):
            plan.meta_files[posixpath.join(plan.prefix, relative, META_FILE)] = meta_file
    return plan


def check_links(
    catalog: Catalog, plan: SitePlan, docs_uris: set[str], diagnostics: Diagnostics
) -> None:
    """Check every lesson's relative links against the whole site: docs, pages and files."""
    known = docs_uris | plan.pages.keys() | plan.files.keys()
    folders = {posixpath.dirname(uri) for uri in known}

    def exists(uri: str) -> bool:
        return uri in known or uri in folders

    for lesson in catalog.lessons.values():
        check_lesson_links(lesson, plan.lesson_uri(lesson), exists, diagnostics)


def progress_map(catalog: Catalog, plan: SitePlan, url_of: Callable[[str], str]) -> str | None:
    """The site's progress map, whose URI it gives ``plan``: for each lesson with concepts,
    its URL relative to the map (``u``, from ``url_of``, the site-relative URL of a source URI:
    the browser need not know how lesson URLs are made) and its concepts (``c``). None when no
    lesson has concepts: no page would find anything to mark in it.

    The content stays in memory (the adapter publishes it as a generated file): planning the
    site, which ``mkdocs-lessons check`` does too, writes nothing."""
    lessons = [lesson for course in catalog.courses for lesson in course.lessons]
    if not any(lesson.checks.concepts for lesson in lessons):
        plan.progress_map_uri = ""
        return None
    # The map's name carries its hash, made from what the lessons hold: the links inside it
    # are relative to the folder the name does not change.
    folder = plan.source_uri(PROGRESS_MAP.format(digest="0"))
    map_url = url_of(folder)
    entries = {
        f"{lesson.course_slug}/{lesson.slug}": {
            "u": relative_url(map_url, url_of(plan.lesson_uri(lesson))),
            "c": [
                {key: value for key, value in concept.items() if key != "title"}
                for concept in lesson.checks.progress_model()
            ],
        }
        for lesson in lessons
        if lesson.checks.concepts
    }
    content = json.dumps(entries, ensure_ascii=False, separators=(",", ":"))
    digest = hashlib.sha256(content.encode("utf-8")).hexdigest()[:8]
    plan.progress_map_uri = plan.source_uri(PROGRESS_MAP.format(digest=digest))
    return content


def _markdown(body: str | None = None) -> str:
    """The page's Markdown, without front matter (``body``: a lesson's; other pages have one
    marker line, which their Markdown pass replaces with the page: Python-Markdown skips the
    pass altogether for an empty page).

    The metadata travels in :attr:`PageSpec.meta` instead: MkDocs parses front matter with
    PyYAML's pure-Python loader, which cost more per page than the rest of our work together.
    The leading blank line stops MkDocs from reading a first body line such as ``Note: ...``
    as MultiMarkdown metadata.
    """
    return "\n" + (marker("page") if body is None else body)


def _meta(title: str, description: str, tags: list[str] | None = None) -> dict[str, object]:
    meta: dict[str, object] = {"title": title, "description": description}
    if tags:
        meta["tags"] = list(tags)
    return meta
