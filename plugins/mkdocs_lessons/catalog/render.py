"""Catalog pages to HTML: the lesson frame, course pages, the lessons index, author pages."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

from markupsafe import Markup, escape

from ..core.i18n import Translator
from ..core.search import Unsearched
from ..core.templating import render
from ..core.urls import is_absolute_url, relative_url
from .model import Author, Catalog, Course, Lesson
from .pages import SitePlan

TAGS_OPEN = "<!-- lessons:tags -->"
TAGS_CLOSE = "<!-- /lessons:tags -->"
"""Around a lesson header's tags when Material's tags plugin runs: it knows each tag's
listing only once the page is rendered (its ``on_page_context``), see :func:`link_tags`."""


SCRIPT_STRINGS = (
    "previous",
    "next",
    "step_of",
    "check",
    "choose_first",
    "type_first",
    "show_answer",
    "locked",
    "unlocked",
    "mastered",
    "right",
    "wrong",
    "concepts_mastered",
    "progress_reset",
    "reset_confirm",
    "undo",
    "concept_titled",
    "concepts_done",
    "concepts_opened",
    "waits_for",
    "to_review",
    "nothing_to_review",
    "move_up",
    "move_down",
    "moved",
    "indented",
    "line_level",
    "glossary_full_entry",
    "close",
    "objective_done",
    "instructor_view",
    "course_start",
    "course_continue",
    "course_review",
    "course_complete",
    "nav_mastered",
)
"""Strings the browser code needs; written once per lesson page as a data attribute."""


@dataclass
class PageContext:
    """What a renderer needs to know about the site and the page being rendered."""

    catalog: Catalog
    plan: SitePlan
    translate: Translator
    page_url: str
    """The current page's site-relative URL (MkDocs' ``page.url``)."""
    url_of: Callable[[str], str]
    """Site-relative URL of a source URI (MkDocs' ``file.url``)."""
    show_tags: bool = True
    """False when Material's tags plugin runs: the header's tags become links to its
    listings once the page is rendered (:func:`link_tags`)."""

    unsearched: Unsearched | None = None
    """The fragments of the page that search is not given (see ``not_searched``)."""

    def not_searched(self, fragment: str) -> Markup:
        """``fragment``, noted as a part of the page that search is not given (``core.search``).

        Templates mark so the lists whose text belongs to other pages (lesson cards, "used in"
        links): search would parse them only to skip them.
        """
        if self.unsearched is not None:
            self.unsearched.omit(str(fragment).strip())
        return Markup(str(fragment).strip())

    def link(self, src_uri: str) -> str:
        return relative_url(self.page_url, self.url_of(src_uri))

    @property
    def tags_open(self) -> Markup:
        return Markup(TAGS_OPEN)

    @property
    def tags_close(self) -> Markup:
        return Markup(TAGS_CLOSE)

    def course_link(self, course: Course) -> str:
        return self.link(self.plan.course_uri(course))

    def lesson_link(self, lesson: Lesson) -> str:
        return self.link(self.plan.lesson_uri(lesson))

    def author_link(self, author: Author) -> str:
        return self.link(self.plan.author_uri(author))

    def avatar_src(self, author: Author) -> str | None:
        if not author.avatar:
            return None
        if is_absolute_url(author.avatar):
            return author.avatar
        return self.link(self.plan.source_uri(author.avatar))

    @property
    def site_root(self) -> str:
        """The link to the site's root: the browser keeps progress per site under its path."""
        return relative_url(self.page_url, "")

    @property
    def script_strings(self) -> str:
        """The strings browser code needs, as the JSON of a ``data-lessons-strings`` attribute."""
        return self.translate.as_json(SCRIPT_STRINGS)

    def progress_model(self, lesson: Lesson) -> str:
        """A lesson's concepts as JSON for the browser's progress ("" without concepts)."""
        return lesson.checks.progress_json

    def course_progress_model(self, course: Course) -> str:
        """Each lesson's concepts, by ``course/lesson``, for a course's progress ("" if none)."""
        model = {
            f"{lesson.course_slug}/{lesson.slug}": lesson.checks.progress_model()
            for lesson in course.lessons
            if lesson.checks.concepts
        }
        return json.dumps(model, ensure_ascii=False, separators=(",", ":")) if model else ""

    @property
    def progress_map_link(self) -> str:
        """The link to the site's progress map (``pages.PROGRESS_MAP``), which the browser
        marks the navigation's mastered lessons from."""
        return self.link(self.plan.progress_map_uri) if self.plan.progress_map_uri else ""

    def authors_of(self, lesson: Lesson) -> list[Author]:
        return [self.catalog.authors[author_id] for author_id in lesson.author_ids]

    def _globals(self) -> dict[str, object]:
        return {"t": self.translate, "ctx": self}


def link_tags(content: str, tags: list[str], hrefs: dict[str, str]) -> str:
    """``content`` with the lesson header's tags (between ``TAGS_OPEN`` and ``TAGS_CLOSE``)
    made links to their listings (``hrefs``, by tag name); a tag without one stays text."""
    start = content.find(TAGS_OPEN)
    end = content.find(TAGS_CLOSE, start)
    if start < 0 or end < 0:
        return content
    written = []
    for tag in tags:
        name = escape(tag)
        href = hrefs.get(tag)
        written.append(
            f'<a class="lessons-tag" href="{escape(href)}">{name}</a>'
            if href is not None
            else f'<span class="lessons-tag">{name}</span>'
        )
    return f"{content[:start]}{' '.join(written)}{content[end + len(TAGS_CLOSE) :]}"


def render_lesson(lesson: Lesson, body_html: str, ctx: PageContext, glossary_html: str = "") -> str:
    """Wrap a lesson's rendered body in its header (meta, authors), glossary and pager."""
    previous, following = ctx.catalog.neighbours(lesson)
    course = ctx.catalog.course_of(lesson)
    return render(
        "catalog/lesson.html",
        lesson=lesson,
        course=course,
        # By identity: ``index`` would compare whole lessons, field by field, until one matched.
        lesson_number=next(n for n, each in enumerate(course.lessons, 1) if each is lesson),
        authors=ctx.authors_of(lesson),
        prerequisites=[ctx.catalog.lessons[slug] for slug in lesson.prerequisites],
        previous=previous,
        next=following,
        body=body_html,
        glossary=glossary_html,
        **ctx._globals(),
    )


def render_course(course: Course, ctx: PageContext) -> str:
    return render("catalog/course.html", course=course, **ctx._globals())


def render_index(ctx: PageContext) -> str:
    return render("catalog/index.html", courses=ctx.catalog.courses, **ctx._globals())


def render_author(author: Author, ctx: PageContext) -> str:
    return render(
        "catalog/author.html",
        author=author,
        lessons=ctx.catalog.lessons_by(author.id),
        **ctx._globals(),
    )
