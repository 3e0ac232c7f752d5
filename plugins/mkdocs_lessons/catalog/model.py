"""The catalog model: what the sources say, validated, with no MkDocs types in it."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import Markup

from ..checks.model import LessonChecks
from ..glossary.matcher import TermMatcher
from ..glossary.model import Glossary, GlossaryTerm
from ..showcase.model import Showcase
from ..teaching.inline import inline_html
from ..teaching.objectives import Objective
from ..walkthrough.model import Walkthrough


@dataclass
class Author:
    """An author in the Material blog's authors-file format."""

    id: str
    name: str
    description: str = ""
    avatar: str | None = None
    """A URL, or a path relative to the sources folder."""
    url: str | None = None

    @property
    def initials(self) -> str:
        parts = [part for part in self.name.split() if part[:1].isalpha()]
        return "".join(part[0] for part in parts[:2]).upper() or self.id[:2].upper()


@dataclass
class Lesson:
    slug: str
    course_slug: str
    path: Path
    """The lesson's ``index.md``."""
    title: str
    summary: str
    body: str
    body_first_line: int
    author_ids: list[str] = field(default_factory=list)
    level: str | None = None
    duration: int | None = None
    tags: list[str] = field(default_factory=list)
    prerequisites: list[str] = field(default_factory=list)
    prerequisite_lines: list[int] = field(default_factory=list)
    """Where each prerequisite is written, for messages found after all lessons are read."""
    files: list[Path] = field(default_factory=list)
    """Other files of the lesson folder, published beside the page."""
    walkthroughs: list[Walkthrough] = field(default_factory=list)
    terms: list[GlossaryTerm] = field(default_factory=list)
    """Glossary terms the lesson defines in its front matter."""
    glossary_title: str | None = None
    checks: LessonChecks = field(default_factory=LessonChecks)
    showcase: Showcase | None = None
    markdown: str = ""
    """The body as the page's Markdown pass sees it (feature blocks replaced by markers)."""
    objectives: list[Objective] = field(default_factory=list)

    @property
    def folder(self) -> Path:
        return self.path.parent

    @property
    def key_points(self) -> list[Markup]:
        """Every concept's key points, in the lesson's order, as HTML."""
        return [
            inline_html(point) for concept in self.checks.concepts for point in concept.key_points
        ]


@dataclass
class Course:
    slug: str
    path: Path
    """The course file."""
    title: str
    summary: str = ""
    position: int | None = None
    lesson_slugs: list[str] = field(default_factory=list)
    lessons: list[Lesson] = field(default_factory=list)
    """The lessons that exist, in the course's order."""

    @property
    def duration(self) -> int:
        return sum(lesson.duration or 0 for lesson in self.lessons)


@dataclass
class Catalog:
    root: Path
    showcase_max_bytes: int = 20_000
    """The largest showcase entry accepted (the plugin's ``showcase_max_bytes``)."""
    authors: dict[str, Author] = field(default_factory=dict)
    authors_unreadable: bool = False
    unreadable_lessons: set[str] = field(default_factory=set)
    """Slugs of lessons whose file could not be read (reported once, where they are)."""
    """The authors file exists but gave no author (its mistakes are reported already)."""
    courses: list[Course] = field(default_factory=list)
    """In display order: by ``position``, then title."""
    lessons: dict[str, Lesson] = field(default_factory=dict)
    """Every lesson that a course lists, by slug."""
    root_files: list[Path] = field(default_factory=list)
    """Files of the sources folder outside courses (avatars, shared images), published as is."""
    glossary: Glossary = field(default_factory=Glossary)
    term_matcher: TermMatcher = field(default_factory=lambda: TermMatcher(()))
    """Matches the site glossary's terms (lessons with terms of their own get their own)."""
    instructor: bool = False
    """The plugin's ``instructor`` option: instructor notes shown to every reader."""

    def course_of(self, lesson: Lesson) -> Course:
        return next(course for course in self.courses if course.slug == lesson.course_slug)

    def neighbours(self, lesson: Lesson) -> tuple[Lesson | None, Lesson | None]:
        """The previous and next lesson in the lesson's course."""
        lessons = self.course_of(lesson).lessons
        # By identity: a lesson's dataclass equality would compare all its fields.
        index = next(place for place, other in enumerate(lessons) if other is lesson)
        previous = lessons[index - 1] if index > 0 else None
        following = lessons[index + 1] if index + 1 < len(lessons) else None
        return previous, following

    def lessons_by(self, author_id: str) -> list[Lesson]:
        return [
            lesson
            for course in self.courses
            for lesson in course.lessons
            if author_id in lesson.author_ids
        ]
