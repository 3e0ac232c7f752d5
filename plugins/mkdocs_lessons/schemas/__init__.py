"""JSON Schemas of the source files, shipped for editors (see the authors' guide).

The schemas mirror the :class:`~mkdocs_lessons.core.fields.Field` declarations (a test keeps
the two in step); the plugin itself validates with those declarations, so nothing here needs
MkDocs or a JSON Schema library.
"""

from __future__ import annotations

from pathlib import Path

FOLDER = Path(__file__).resolve().parent

SCHEMAS: dict[str, str] = {
    "lesson": "lesson.schema.json",
    "course": "course.schema.json",
    "glossary": "glossary.schema.json",
    "authors": "authors.schema.json",
    "showcase-entry": "showcase-entry.schema.json",
}
"""Kind of source file -> schema file name in this folder.

``lesson`` is a lesson's front matter (``<course>/<lesson>/index.md``), ``course`` a
``course.yml``, ``glossary`` the ``glossary.yml``, ``authors`` the ``.authors.yml`` and
``showcase-entry`` the front matter of ``<lesson>/showcase/<entry>.md``.
"""


def schema_path(kind: str) -> Path:
    """The schema file of ``kind`` (a key of :data:`SCHEMAS`)."""
    try:
        return FOLDER / SCHEMAS[kind]
    except KeyError:
        raise ValueError(f"no schema for '{kind}': the kinds are {', '.join(SCHEMAS)}") from None
