"""One Jinja environment over the package's ``templates/`` folder, built once per process."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


@cache
def environment() -> Environment:
    """The shared environment; StrictUndefined turns a template typo into a test failure."""
    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        # Templates ship with the package and do not change during a build: skip the check of
        # each file's modification time on every page.
        auto_reload=False,
    )


def render(template: str, **context: object) -> str:
    return environment().get_template(template).render(**context)
