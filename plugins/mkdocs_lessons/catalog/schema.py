"""The keys of each source file, declared once (see :mod:`mkdocs_lessons.core.fields`)."""

from __future__ import annotations

from typing import Any

from ..core.fields import Field, choice, integer, mapping, positive_int, text, text_list

LEVELS = ("beginner", "intermediate", "advanced")


def text_or_mapping(value: Any) -> tuple[Any, str | None]:
    """A text (the short form of a mapping's main key) or a mapping."""
    if isinstance(value, dict) or (isinstance(value, str) and value.strip()):
        return value, None
    return None, "a text or a mapping of keys to values"


def objective_list(value: Any) -> tuple[Any, str | None]:
    """A list of objectives (each item is checked by ``teaching.objectives``), or one text."""
    if isinstance(value, list) or (isinstance(value, str) and value.strip()):
        return value, None
    return None, "a list of objectives, each '- text: ...' with 'concept: <concept id>'"


AUTHORS_FILE = ".authors.yml"
COURSE_FILE = "course.yml"
LESSON_FILE = "index.md"

AUTHOR_FIELDS = (
    Field("name", text, required=True, doc="the name shown on the author card"),
    Field("description", text, doc="the author's role, e.g. Cloud Instructor"),
    Field("avatar", text, doc="an image path relative to the sources folder, or a URL"),
    Field("url", text, doc="a link to the author's profile"),
    # Material's blog reads ``slug``; accepted so one authors file serves both.
    Field("slug", text, doc="the blog's URL slug for the author"),
)

COURSE_FIELDS = (
    Field("title", text, required=True, doc="the course's title"),
    Field("summary", text, doc="one or two sentences shown on the course and index pages"),
    Field("position", integer, doc="order on the lessons index, lower first"),
    Field("lessons", text_list, required=True, doc="the lesson folder names, in order", item=text),
)

LESSON_FIELDS = (
    Field("title", text, required=True, doc="the lesson's title"),
    Field("summary", text, required=True, doc="one sentence; also the page's meta description"),
    Field("author", text, doc="an author id from the authors file"),
    Field("authors", text_list, doc="a list of author ids from the authors file", item=text),
    Field("level", choice(*LEVELS), doc="beginner, intermediate or advanced"),
    Field("duration", positive_int, doc="minutes, a whole number"),
    Field("tags", text_list, doc="a list of tags", item=text),
    Field("prerequisites", text_list, doc="slugs of lessons to read first", item=text),
    Field("glossary", mapping, doc="terms this lesson defines, as in glossary.yml"),
    Field("glossary_title", text, doc="the heading of the lesson's glossary section"),
    Field("concept_map", mapping, doc="the concept map's 'title' and 'summary'"),
    Field("showcase", text_or_mapping, doc="the prompt inviting readers to share their work"),
    Field(
        "objectives",
        objective_list,
        doc="what a reader can do after the lesson, each tied to the concept that proves it",
    ),
)

SHOWCASE_FIELDS = (
    Field("prompt", text, required=True, doc="the invitation shown above the entries"),
    Field("title", text, doc="the heading of the section (default: Community showcase)"),
    Field(
        "template",
        text,
        doc="the entry 'Share yours' starts a contributor with (default: showcase/_template.md, "
        "else a generic one)",
    ),
)

CONCEPT_MAP_FIELDS = (
    Field("title", text, doc="the heading of the concept map"),
    Field("summary", text, doc="a sentence under it"),
)

OBJECTIVE_FIELDS = (
    Field("text", text, required=True, doc="what the reader can do, inline Markdown"),
    Field("concept", text, doc="the id (or title) of the concept whose check proves it"),
)
