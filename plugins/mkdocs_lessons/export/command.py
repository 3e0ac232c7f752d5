"""``mkdocs-lessons export FORMAT``: read the sources as ``check`` does, refuse to export while
they have errors (the messages are ``check``'s), pick the questions, write the file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from ..core.i18n import Translator
from .collect import Exported, Renderer, Selection, SelectionError, select

if TYPE_CHECKING:
    from ..cli import Project
    from ..sources import LoadedSources


class Format(Protocol):
    """What a format module gives: its name in messages, its file suffix, its writer."""

    NAME: str
    SUFFIX: str

    def export(self, selection: Selection, renderer: Renderer) -> Exported: ...


def add_arguments(parser: argparse.ArgumentParser, suffix: str) -> None:
    """The options every export takes."""
    parser.add_argument(
        "path",
        nargs="?",
        default=".",
        help="mkdocs.yml, the folder that holds it, or a sources folder (default: .)",
    )
    which = parser.add_mutually_exclusive_group()
    which.add_argument(
        "--lesson",
        metavar="COURSE/LESSON",
        help="export one lesson (its slug alone is enough: lesson slugs are unique)",
    )
    which.add_argument("--course", metavar="COURSE", help="export one course's lessons")
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help=f"where to write (default: the lesson's, course's or sources folder's name + "
        f"'{suffix}', in the current folder; '-' for standard output)",
    )


def loaded_project(path: str, nothing: str) -> tuple[Project, LoadedSources] | int:
    """The project at ``path`` and its sources as ``check`` reads them, or the exit status
    when there is nothing to export from: 2, no such project; 1, the sources have errors
    (printed as ``check`` prints them; ``nothing`` says what was not written)."""
    from ..cli import find_project, project_sources, report

    project = find_project(Path(path))
    if project.config_file is None and not project.sources.is_dir():
        print(f"mkdocs-lessons: {path}: no such folder or file", file=sys.stderr)
        return 2
    loaded = project_sources(project)
    errors = sorted(d for d in [*project.problems, *loaded.diagnostics] if not d.is_info)
    if errors:
        report(errors, "text", sys.stderr)
        print(
            f"mkdocs-lessons: {len(errors)} error(s) in the sources: {nothing} "
            "(fix them first; 'mkdocs-lessons check' lists the same)",
            file=sys.stderr,
        )
        return 1
    return project, loaded


def write_output(target: str, data: bytes) -> bool:
    """Write ``data`` to the file ``target`` ('-': standard output); False, said, if it
    cannot be written."""
    if target == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return True
    try:
        Path(target).write_bytes(data)
    except OSError as error:
        print(f"mkdocs-lessons: cannot write {target}: {error.strerror}", file=sys.stderr)
        return False
    return True


def run_export(arguments: argparse.Namespace, output_format: Format) -> int:
    """Export as ``arguments`` say; the exit status: 0 written, 1 errors, 2 nothing to read."""
    found = loaded_project(arguments.path, "nothing exported")
    if isinstance(found, int):
        return found
    project, loaded = found
    try:
        selection = select(
            loaded.catalog,
            project.sources,
            lesson=arguments.lesson,
            course=arguments.course,
            site_name=project.site_name,
        )
    except SelectionError as error:
        print(f"mkdocs-lessons: {error}", file=sys.stderr)
        return 2
    if not selection.items:
        print(f"mkdocs-lessons: {selection.title} has no System Check questions", file=sys.stderr)
        return 1
    strings = project.options.get("strings") or {}
    renderer = Renderer(Translator(project.language, strings))
    exported = output_format.export(selection, renderer)
    for skipped in exported.skipped:
        print(f"mkdocs-lessons: {skipped.message(output_format.NAME)}", file=sys.stderr)
    if not exported.count:
        print(
            f"mkdocs-lessons: none of the questions fits {output_format.NAME}: nothing written",
            file=sys.stderr,
        )
        return 1
    target = arguments.output or f"{selection.name}{output_format.SUFFIX}"
    if not write_output(target, exported.data):
        return 2
    lessons = len({(item.course.slug, item.lesson.slug) for item in selection.items})
    print(
        f"mkdocs-lessons: wrote {'standard output' if target == '-' else target}: "
        f"{exported.count} question(s) of {lessons} lesson(s) as {output_format.NAME}, "
        f"{len(exported.skipped)} skipped",
        file=sys.stderr,
    )
    return 0
