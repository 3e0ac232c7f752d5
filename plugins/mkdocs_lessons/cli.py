"""The ``mkdocs-lessons`` command: check the sources without building, scaffold new ones.

``check`` runs the same validator as the plugin (``sources.load_sources``) with the options it
reads from ``mkdocs.yml`` (through MkDocs' YAML loader and the plugin's config schema), without
building: every message the build would log as a warning (and ``--strict`` would fail on) is an
error here, printed for people, for GitHub Actions or as JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from .catalog.loader import author_id_problem
from .catalog.schema import AUTHORS_FILE, COURSE_FILE, LESSON_FILE
from .core.diagnostics import INFO, WARNING, Diagnostic
from .core.i18n import Translator, missing_strings_note, unknown_string_keys
from .core.text import escaped
from .scaffold import NewAuthor, ScaffoldError, name_of, new_course, new_lesson
from .sources import LoadedSources, SourceOptions, load_sources

CONFIG_FILE = "mkdocs.yml"


@dataclass
class Project:
    """What ``check`` needs to know of a site: where things are and the plugin's options."""

    config_file: Path | None
    root: Path
    """The folder of mkdocs.yml (the sources folder itself when there is none)."""
    sources: Path
    docs_dir: Path | None
    options: dict[str, Any] = field(default_factory=dict)
    problems: list[Diagnostic] = field(default_factory=list)
    language: object = "en"
    """The theme's ``language`` (what the readers' strings are in)."""
    site_name: str = ""


def find_project(path: Path) -> Project:
    """The project ``path`` names: an mkdocs.yml, a folder holding one, or a sources folder."""
    path = path.resolve()
    config = path if path.is_file() else path / CONFIG_FILE
    if not config.is_file():
        project = Project(None, path, path, None)
        # A course's or a lesson's own folder read as the sources folder holds no course: say
        # so, rather than check "0 lessons" and export nothing.
        for name, what in ((COURSE_FILE, "a course"), (LESSON_FILE, "a lesson")):
            if path.is_dir() and (path / name).is_file() and not (path / AUTHORS_FILE).is_file():
                said = (
                    f"this is {what}'s folder: give the sources folder that holds the courses "
                    f"(the folder above it, with {AUTHORS_FILE}), or the site's mkdocs.yml"
                )
                project.problems.append(Diagnostic(path / name, 1, said))
                break
        return project
    # MkDocs' own loader: INHERIT, !ENV and !!python/name: mean what they mean to the build.
    from mkdocs.utils.yaml import yaml_load

    try:
        with config.open(encoding="utf-8") as source:
            data = yaml_load(source) or {}
    except Exception as error:  # YAML, a missing INHERIT file, a !!python/name that fails
        problem = Diagnostic(config, 1, f"cannot read the MkDocs configuration: {error}")
        return Project(config, config.parent, config.parent / "lessons", None, problems=[problem])
    raw = _plugin_options(data.get("plugins") if isinstance(data, dict) else None)
    options, problems = validated_options(raw, config)
    root = config.parent
    docs_dir = root / str(data.get("docs_dir") or "docs") if isinstance(data, dict) else None
    project = Project(
        config, root, (root / str(options["sources"])).resolve(), docs_dir, options, problems
    )
    project.site_name = str(data.get("site_name") or "") if isinstance(data, dict) else ""
    for key in unknown_string_keys(options.get("strings") or {}):
        project.problems.append(
            Diagnostic(config, 1, f"plugin 'lessons', option 'strings': unknown key '{key}'")
        )
    theme = data.get("theme") if isinstance(data, dict) else None
    language = theme.get("language") if isinstance(theme, dict) else None
    project.language = language or "en"
    theme_problem = _theme_language_problem(theme)
    if theme_problem is not None:
        project.problems.append(Diagnostic(config, 1, theme_problem))
    missing = missing_strings_note(language, options.get("strings") or {})
    if missing is not None:
        mistake, note = missing
        message = f"plugin 'lessons', option 'strings': {note}"
        project.problems.append(Diagnostic(config, 1, message, level=WARNING if mistake else INFO))
    return project


def _theme_language_problem(theme: object) -> str | None:
    """Why Material cannot build in the theme's ``language`` (it stops with a template error
    when it has no partial of that name), or None."""
    if not isinstance(theme, dict) or theme.get("name") != "material" or "language" not in theme:
        return None
    language = theme["language"]
    import importlib.util

    spec = importlib.util.find_spec("material")
    if spec is None or spec.origin is None:
        return None
    languages = Path(spec.origin).parent / "templates" / "partials" / "languages"
    if isinstance(language, str) and (languages / f"{language}.html").is_file():
        return None
    known = sorted(path.stem for path in languages.glob("*.html") if path.stem != "custom")
    return (
        f"theme 'material', option 'language': Material has no language {language!r}, and its "
        f"build would stop: write one of its codes, such as {', '.join(known[:8])}, …"
    )


def _plugin_options(plugins: Any) -> Any:
    """The ``lessons`` plugin's options from mkdocs.yml's ``plugins`` (a list or a mapping),
    as written: ``validated_options`` checks them."""
    if isinstance(plugins, dict):
        plugins = [{name: value} for name, value in plugins.items()]
    for item in plugins if isinstance(plugins, list) else []:
        if item == "lessons":
            return {}
        if isinstance(item, dict) and "lessons" in item:
            return item["lessons"] or {}
    return {}


def validated_options(raw: Any, config_file: Path) -> tuple[dict[str, Any], list[Diagnostic]]:
    """The plugin's options checked by the plugin's own config schema (MkDocs' machinery), so
    that ``check`` and the build agree; a bad option is reported and its default used."""
    from .config import LessonsConfig

    problems: list[Diagnostic] = []
    if not isinstance(raw, dict):
        problems.append(
            Diagnostic(config_file, 1, "plugin 'lessons': its options must be a mapping of keys")
        )
        raw = {}
    config = LessonsConfig()
    config.load_dict(raw)
    errors, warnings = config.validate()
    # MkDocs' build warns of unknown options (and fails on them with --strict): so does check.
    for key, error in [*errors, *warnings]:
        problems.append(Diagnostic(config_file, 1, f"plugin 'lessons', option '{key}': {error}"))
    bad = {key for key, _ in errors}
    defaults = LessonsConfig()
    defaults.load_dict({})
    defaults.validate()
    options = {key: (defaults[key] if key in bad else config[key]) for key in defaults}
    return options, problems


def check(project: Project) -> tuple[list[Diagnostic], int]:
    """Every problem of the project's sources, and how many lessons were read."""
    options = project.options
    if options.get("enabled") is False:
        # The build reads no source then, so it reports nothing; neither does check.
        return sorted(project.problems), 0
    loaded = project_sources(project)
    return sorted([*project.problems, *loaded.diagnostics]), len(loaded.catalog.lessons)


def project_sources(project: Project) -> LoadedSources:
    """The project's sources loaded and checked as the build does (``check``, ``export``)."""
    options = project.options
    source_options = SourceOptions(
        root=project.sources,
        prefix=options.get("prefix", "lessons"),
        showcase_cap=options.get("showcase_cap", 3),
        showcase_max_bytes=options.get("showcase_max_bytes", 20_000),
        code_checks=options.get("code_checks") or {},
        code_check_timeout=options.get("code_check_timeout", 10),
        code_runs=options.get("code_runs") or {},
    )
    docs_uris: set[str] = set()
    if project.docs_dir is not None and project.docs_dir.is_dir():
        docs_uris = {
            path.relative_to(project.docs_dir).as_posix()
            for path in project.docs_dir.rglob("*")
            if path.is_file()
        }
    return load_sources(source_options, Translator("en"), docs_uris)


# -- Output ---------------------------------------------------------------------------------


def _shown(path: Path) -> str:
    """The path as messages show it: relative, and escaped (a name may hold a line break)."""
    try:
        return escaped(Path(os.path.relpath(path)).as_posix())
    except ValueError:  # another drive on Windows
        return escaped(path.as_posix())


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def report(diagnostics: Sequence[Diagnostic], output_format: str, out: TextIO) -> None:
    """Print ``diagnostics``: ``text`` (path:line:col: error: message), ``github`` (workflow
    commands that become annotations on a pull request) or ``json``."""
    if output_format == "json":
        records = [
            {
                "path": _shown(d.path),
                "line": d.line,
                "column": d.column,
                "severity": "info" if d.is_info else "error",
                "message": d.message,
            }
            for d in diagnostics
        ]
        json.dump(records, out, indent=2, ensure_ascii=False)
        out.write("\n")
        return
    for d in diagnostics:
        if output_format == "github":
            command = "notice" if d.is_info else "error"
            out.write(
                f"::{command} file={_escape_property(_shown(d.path))},line={d.line},col={d.column},"
                f"title=mkdocs-lessons::{_escape_data(d.message)}\n"
            )
        else:
            severity = "info" if d.is_info else "error"
            out.write(f"{_shown(d.path)}:{d.line}:{d.column}: {severity}: {d.message}\n")


# -- Command line ---------------------------------------------------------------------------


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mkdocs-lessons",
        description="Check and scaffold the lesson sources of an mkdocs-lessons site.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    check_command = commands.add_parser(
        "check",
        help="check the sources without building the site",
        description="Check the lesson sources with the validator the plugin uses. Exits 1 when "
        "there is an error (anything that would fail 'mkdocs build --strict').",
    )
    check_command.add_argument(
        "path",
        nargs="?",
        default=".",
        help="mkdocs.yml, the folder that holds it, or a sources folder (default: .)",
    )
    check_command.add_argument(
        "--format",
        choices=("text", "github", "json"),
        default="text",
        help="text: path:line:col: error: message (default); github: annotations for "
        "GitHub Actions; json: a list of records",
    )
    export = commands.add_parser(
        "export",
        help="export the System Checks for an LMS",
        description="Write the System Checks of a lesson, a course or the whole site in a "
        "format an LMS imports. Questions the format cannot carry are named on stderr and "
        "left out; sources with errors are not exported.",
    )
    formats = export.add_subparsers(dest="format", required=True)
    from .export.command import add_arguments

    add_arguments(
        formats.add_parser("qti", help="an IMS QTI 2.1 content package (zip)"), ".qti.zip"
    )
    add_arguments(formats.add_parser("gift", help="Moodle GIFT text"), ".gift.txt")
    add_arguments(formats.add_parser("handout", help="a printable page (HTML)"), ".handout.html")
    new = commands.add_parser("new", help="scaffold a course or a lesson")
    kinds = new.add_subparsers(dest="kind", required=True)
    course = kinds.add_parser("course", help="a course folder with its course.yml")
    course.add_argument("slug", help="the course folder name, such as aws-iam")
    course.add_argument("--title", help="the course title (default: from the slug)")
    lesson = kinds.add_parser(
        "lesson", help="a lesson that shows every feature, listed in its course.yml"
    )
    lesson.add_argument("course", help="the course folder name")
    lesson.add_argument("slug", help="the lesson folder name, such as trust-policies")
    lesson.add_argument("--title", help="the lesson title (default: from the slug)")
    lesson.add_argument(
        "--author",
        metavar="ID",
        help="the lesson's author id, added to .authors.yml if it is not there (default: the "
        "file's first author; without one, asked for, or your git user.name)",
    )
    lesson.add_argument(
        "--author-name",
        metavar="NAME",
        help="the author's full name when the author is added (default: from the id)",
    )
    for sub in (course, lesson):
        sub.add_argument(
            "--config", default=CONFIG_FILE, help="the site's mkdocs.yml (default: mkdocs.yml)"
        )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    arguments = _parser().parse_args(argv)
    if arguments.command == "check":
        started = time.perf_counter()
        project = find_project(Path(arguments.path))
        if project.config_file is None and not project.sources.is_dir():
            print(f"mkdocs-lessons: {arguments.path}: no such folder or file", file=sys.stderr)
            return 2
        diagnostics, lessons = check(project)
        report(diagnostics, arguments.format, sys.stdout)
        # Notes (info) are printed but are no errors: they leave the exit status at 0.
        errors = sum(not d.is_info for d in diagnostics)
        if arguments.format == "text":
            seconds = time.perf_counter() - started
            summary = f"{errors} error(s)" if errors else "no errors"
            print(
                f"mkdocs-lessons: {lessons} lesson(s) checked, {summary}, in {seconds:.2f} s",
                file=sys.stderr,
            )
        return 1 if errors else 0
    if arguments.command == "export" and arguments.format == "handout":
        from .export.handout import run_handout

        return run_handout(arguments)
    if arguments.command == "export":
        from .export import command, gift, qti

        return command.run_export(arguments, {"qti": qti, "gift": gift}[arguments.format])
    project = find_project(Path(arguments.config))
    try:
        if arguments.kind == "course":
            written = new_course(project.sources, arguments.slug, arguments.title)
        else:
            written = new_lesson(
                project.sources,
                arguments.course,
                arguments.slug,
                arguments.title,
                arguments.author,
                arguments.author_name,
                pick_author=_ask_author if sys.stdin.isatty() else _say_author,
            )
    except ScaffoldError as error:
        print(f"mkdocs-lessons: {error}", file=sys.stderr)
        return 1
    for path in written:
        print(f"wrote {_shown(path)}")
    return 0


def _ask_author(suggested: NewAuthor) -> NewAuthor:
    """Ask at the terminal who writes the lesson, the suggestion as the default."""
    print(f"mkdocs-lessons: {AUTHORS_FILE} names no author yet; the lesson needs one.")
    while True:
        try:
            author_id = input(f"Author id [{suggested.id}]: ").strip() or suggested.id
            problem = author_id_problem(author_id)
            if problem is not None:
                print(f"mkdocs-lessons: {problem}", file=sys.stderr)
                continue
            default_name = suggested.name if author_id == suggested.id else name_of(author_id)
            name = input(f"Full name [{default_name}]: ").strip() or default_name
        except EOFError:  # the input ended: take what is suggested, as without a terminal
            print()
            return _say_author(suggested)
        return NewAuthor(author_id, name)


def _say_author(suggested: NewAuthor) -> NewAuthor:
    """Without a terminal to ask at, take the suggestion and say so."""
    print(
        f"mkdocs-lessons: no --author given and {AUTHORS_FILE} names none: adding "
        f"'{suggested.id}' ({suggested.name}); edit {AUTHORS_FILE} or pass --author ID "
        "--author-name NAME to choose",
        file=sys.stderr,
    )
    return suggested


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
