"""The questions an export takes: those of one lesson, one course or the whole site, in the
site's order, with their Markdown rendered as HTML once for every format."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from ..catalog.model import Catalog, Course, Lesson
from ..checks.model import Question, QuestionKind, listed
from ..checks.render import ONE_PARAGRAPH
from ..core.i18n import Translator
from ..showcase.safe_markdown import SafeMarkdown

_TAG = re.compile(r"<[^>]+>")


class SelectionError(Exception):
    """The lesson or course asked for is not in the site (the message says which there are)."""


@dataclass
class ExportedQuestion:
    course: Course
    lesson: Lesson
    question: Question

    @property
    def name(self) -> str:
        """How messages name the question: its lesson and its id."""
        return f"{self.course.slug}/{self.lesson.slug}#{self.question.id}"


@dataclass
class Skipped:
    """A question the format cannot carry, and why not (one line on stderr)."""

    item: ExportedQuestion
    reason: str

    def message(self, format_name: str) -> str:
        kind = self.item.question.kind.value
        return f"skipped {self.item.name} ({kind}): {format_name} {self.reason}"


@dataclass
class Exported:
    """One format's file, how many questions it holds and which it left out."""

    data: bytes
    count: int
    skipped: list[Skipped] = field(default_factory=list)


@dataclass
class Selection:
    title: str
    name: str
    """The default file name's stem: the lesson's or course's slug, or the sources folder's."""
    items: list[ExportedQuestion]


@dataclass(frozen=True)
class Chosen:
    """The lessons an export is of, by course in the site's order, and what to call it."""

    title: str
    name: str
    """For file names: the lesson's or course's slug, or the sources folder's name."""
    lessons: list[tuple[Course, Lesson]]


def chosen_lessons(
    catalog: Catalog,
    root: Path,
    *,
    lesson: str | None = None,
    course: str | None = None,
    site_name: str = "",
) -> Chosen:
    """The lessons of ``lesson`` ("course/lesson" or the lesson's slug alone), of ``course``,
    or of every course when neither is given (titled ``site_name``, or the sources folder's
    name): what every export is of."""
    if lesson is not None:
        course_slug, _, lesson_slug = lesson.rpartition("/")
        found = catalog.lessons.get(lesson_slug)
        if found is None or course_slug not in ("", found.course_slug):
            names = [f"{item.course_slug}/{item.slug}" for item in catalog.lessons.values()]
            raise SelectionError(
                f"no lesson '{lesson}' in the site; its lessons: {listed(names) or 'none'}"
            )
        return Chosen(found.title, found.slug, [(catalog.course_of(found), found)])
    courses = catalog.courses
    if course is not None:
        courses = [item for item in catalog.courses if item.slug == course]
        if not courses:
            names = [item.slug for item in catalog.courses]
            raise SelectionError(
                f"no course '{course}' in the site; its courses: {listed(names) or 'none'}"
            )
        title, name = courses[0].title, courses[0].slug
    else:
        title, name = site_name or root.name, root.name
    return Chosen(title, name, [(owner, item) for owner in courses for item in owner.lessons])


def select(
    catalog: Catalog,
    root: Path,
    *,
    lesson: str | None = None,
    course: str | None = None,
    site_name: str = "",
) -> Selection:
    """The questions of the lessons :func:`chosen_lessons` chooses."""
    chosen = chosen_lessons(catalog, root, lesson=lesson, course=course, site_name=site_name)
    items = [
        ExportedQuestion(owner, item, question)
        for owner, item in chosen.lessons
        for question in item.checks.questions
    ]
    return Selection(chosen.title, chosen.name, items)


def unsupported_anywhere(question: Question) -> str | None:
    """Why no export format carries ``question`` (None: a format may). A typed output is
    compared exactly, and a text entry of an LMS is one line."""
    if question.kind is QuestionKind.OUTPUT:
        if question.output is None:
            return "needs the program's output, which was not computed (see 'code_runs')"
        if not question.wrong_outputs and "\n" in question.output:
            return "grades a typed answer of one line; this output has several"
    if question.kind is QuestionKind.FILL_IN and not question.answers and question.number is None:
        return "needs an accepted answer"
    return None


class Renderer:
    """The checks' Markdown as HTML for an LMS, through the renderer of showcase entries: raw
    HTML in a lesson shows as the text it is (an LMS page runs nothing of ours), links keep
    http(s) and mailto targets, code is highlighted, and images (which no export carries)
    become their alt text. ``translate`` gives the site's words ("true", "false")."""

    def __init__(self, translate: Translator) -> None:
        self.translate = translate

    @cached_property
    def _markdown(self) -> SafeMarkdown:
        return SafeMarkdown()

    def blocks(self, text: str) -> str:
        """Markdown of any length as HTML ("" for none)."""
        if not text.strip():
            return ""
        return self._markdown.render(text, Path("-")).html.strip()

    def inline(self, text: str) -> str:
        """Markdown of one paragraph (a choice, a matching item) as inline HTML; longer
        Markdown stays blocks."""
        rendered = self.blocks(text)
        match = ONE_PARAGRAPH.fullmatch(rendered)
        return match.group("inner") if match else rendered

    def text(self, text: str) -> str:
        """Markdown of one paragraph as plain text, for where a format takes no markup (the
        answers of a GIFT matching)."""
        return html.unescape(_TAG.sub("", self.inline(text)))

    @staticmethod
    def plain(text: str) -> str:
        """Plain text (a prompt, a program's output) as HTML."""
        return html.escape(text, quote=False)
