"""Every template a build renders, with the variables it receives, read from the templates.

A site overrides one by putting a file of the same name under `partials/lessons/` in its
theme's `custom_dir` (see docs/templates.md). What each template receives is what Jinja finds
undeclared in it (`jinja2.meta.find_undeclared_variables`): the names its caller must pass.

    python tools/templates.py            print the table
    python tools/templates.py --write    put it in docs/templates.md between the markers

A unit test runs this and fails when the page's table is out of date.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, meta, nodes

from generated import GeneratedTable

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "plugins" / "mkdocs_lessons" / "templates"
PAGE = ROOT / "docs" / "templates.md"
START = "<!-- templates:start (made by tools/templates.py; do not edit by hand) -->"
END = "<!-- templates:end -->"

BUILD_FOLDERS = ("catalog", "checks", "glossary", "showcase", "walkthrough")
"""Folders of templates a build renders. `scaffold/` is written by `mkdocs-lessons new` and
`export/` by `mkdocs-lessons export handout`, which run without a theme, so they cannot be
overridden and are not listed."""

PURPOSE = {
    "catalog/author.html": "An author's page: the author card and the author's lessons.",
    "catalog/course.html": "A course page: its summary, facts and lessons in order.",
    "catalog/index.html": "The lessons index: every course with its lessons.",
}
"""What a template is for, where the template has no leading comment to say it."""

_COMMENT = re.compile(r"\A\s*\{#(.*?)#\}", re.DOTALL)


@dataclass(frozen=True)
class Template:
    name: str
    purpose: str
    receives: tuple[str, ...]
    macros: tuple[str, ...]
    uses: tuple[str, ...]


def _purpose(name: str, source: str) -> str:
    comment = _COMMENT.match(source)
    if comment is None:
        return PURPOSE.get(name, "")
    text = " ".join(comment.group(1).split())
    # The first sentence: what the template is; the rest is why it is built so.
    end = re.search(r"[.!?](\s|$)", text)
    return text[: end.end()].strip() if end else text


def _signature(macro: nodes.Macro) -> str:
    arguments = [argument.name for argument in macro.args]
    return f"{macro.name}({', '.join(arguments)})"


def templates() -> Iterator[Template]:
    environment = Environment()
    for folder in BUILD_FOLDERS:
        for path in sorted((TEMPLATES / folder).glob("*.html")):
            name = path.relative_to(TEMPLATES).as_posix()
            source = path.read_text(encoding="utf-8")
            tree = environment.parse(source)
            macros = tuple(_signature(macro) for macro in tree.find_all(nodes.Macro))
            uses = tuple(sorted({used for used in meta.find_referenced_templates(tree) if used}))
            # Jinja counts a name set in one branch of an `if` as possibly undeclared (it would
            # read the context where the branch did not run); the template makes it, though.
            made = {name.name for name in tree.find_all(nodes.Name) if name.ctx == "store"}
            undeclared = meta.find_undeclared_variables(tree) - made
            # A file of macros is imported, not rendered: what its macros use is their own.
            receives = () if macros else tuple(sorted(undeclared))
            yield Template(name, _purpose(name, source), receives, macros, uses)


def _code(items: tuple[str, ...]) -> str:
    return ", ".join(f"`{item}`" for item in items)


def table() -> str:
    rows = []
    for template in templates():
        if template.macros:
            receives = f"nothing (macros: {_code(template.macros)})"
        else:
            receives = _code(template.receives) or "nothing"
        purpose = template.purpose.replace("|", "\\|")
        if template.uses:
            purpose += f" Imports {_code(template.uses)}."
        rows.append(f"| `partials/lessons/{template.name}` | {purpose.strip()} | {receives} |")
    header = "| override file (in `custom_dir`) | what it renders | variables it receives |"
    return "\n".join([header, "| --- | --- | --- |", *rows])


GENERATED = GeneratedTable(PAGE, START, END, table)
"""The table in its page: ``--write`` updates it, and a unit test checks it is up to date."""


def main(argv: list[str] | None = None) -> int:
    return GENERATED.main(argv, (__doc__ or "").splitlines()[0])


if __name__ == "__main__":
    sys.exit(main())
