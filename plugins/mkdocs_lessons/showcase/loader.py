"""Read a lesson's showcase entries (``<lesson>/showcase/<entry>.md``), checking each one.

Entries come from pull requests by readers, so every check speaks to a contributor: what is
wrong, at which line, and what to write instead. A rejected entry is left out of the site.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from typing import Any

from ..core.diagnostics import Diagnostics
from ..core.fields import Field, read_fields, text, text_list
from ..core.frontmatter import split_front_matter
from ..core.yamlsource import load_yaml
from .model import ShowcaseEntry
from .safe_markdown import IMAGE_SUFFIXES

SHOWCASE_FOLDER = "showcase"
ENTRY_NAME = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
# GitHub's rules: 1-39 letters, digits or single hyphens, not starting or ending with one.
GITHUB_HANDLE = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$")


def _date(value: Any) -> tuple[Any, str | None]:
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return value, None
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        # YAML reads a quoted date as text: the value looks right to the contributor.
        return None, "a date written YYYY-MM-DD without quotes, such as 2026-03-01"
    return None, "a date written YYYY-MM-DD, such as 2026-03-01"


def _handle(value: Any) -> tuple[Any, str | None]:
    if isinstance(value, str) and GITHUB_HANDLE.match(value.strip().removeprefix("@")):
        return value.strip().removeprefix("@"), None
    return None, (
        "a GitHub user name: 1 to 39 letters, digits or single hyphens, such as octo-cat "
        "(without https://github.com/)"
    )


ENTRY_FIELDS = (
    Field("title", text, required=True, doc="what the configuration is, in a few words"),
    Field("name", text, required=True, doc="your name as it should appear on the card"),
    Field("github", _handle, required=True, doc="your GitHub user name (links to your profile)"),
    Field("date", _date, required=True, doc="when you shared it, YYYY-MM-DD"),
    Field("tags", text_list, doc="a few tags, such as [EC2, S3]"),
)


def load_entries(
    lesson_folder: Path, max_bytes: int, diagnostics: Diagnostics
) -> list[ShowcaseEntry]:
    """The valid entries of ``lesson_folder/showcase/``, newest first; the rest reported."""
    folder = lesson_folder / SHOWCASE_FOLDER
    if not folder.is_dir():
        return []
    entries: list[ShowcaseEntry] = []
    names = {path.stem for path in folder.glob("*.md")}
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or any(p.startswith(".") for p in path.relative_to(folder).parts):
            continue
        relative = path.relative_to(folder)
        if len(relative.parts) == 1 and path.suffix == ".md":
            entry = _load_entry(path, max_bytes, diagnostics)
            if entry is not None:
                entries.append(entry)
        elif not (
            len(relative.parts) == 2
            and relative.parts[0] in names
            and path.suffix.lower() in IMAGE_SUFFIXES
        ):
            diagnostics.add(
                path,
                1,
                "a showcase folder holds entries (name.md) and their images "
                "(name/picture.png, .jpg, .gif or .webp); this file is neither and is not "
                "published",
            )
    entries.sort(key=lambda entry: (-entry.date.toordinal(), entry.title.casefold()))
    return entries


def _load_entry(path: Path, max_bytes: int, diagnostics: Diagnostics) -> ShowcaseEntry | None:
    if not ENTRY_NAME.match(path.stem):
        diagnostics.add(
            path,
            1,
            f"the file name '{path.name}' must be lower-case letters, digits and hyphens, "
            "such as ec2-role-for-s3.md",
        )
        return None
    size = path.stat().st_size
    if size > max_bytes:
        diagnostics.add(
            path,
            1,
            f"the entry is {size:,} bytes; entries may be {max_bytes:,} bytes at most: keep "
            "the configuration to what shows the idea",
        )
        return None
    try:
        content = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        diagnostics.add(path, 1, f"cannot read the entry as UTF-8 text: {error}")
        return None
    split = split_front_matter(content)
    if split.yaml_text is None:
        diagnostics.add(
            path,
            1,
            "the entry has no front matter: start it with '---', the keys title, name, "
            "github and date, and another '---'",
        )
        return None
    source = load_yaml(split.yaml_text, path, diagnostics, first_line=split.yaml_first_line)
    if source is None:
        return None
    if not isinstance(source.data, dict):
        diagnostics.add(
            path,
            split.yaml_first_line,
            "the front matter must be a mapping of keys: write 'key: value' lines between "
            "the two '---' lines",
        )
        return None
    values = read_fields(source, source.data, ENTRY_FIELDS, diagnostics, what="showcase entry")
    if any(field.required and field.name not in values for field in ENTRY_FIELDS):
        return None
    if not split.body.strip():
        diagnostics.add(
            path,
            split.body_first_line,
            "the entry has no text: say what you built and why, and add the configuration in "
            "a fenced code block",
        )
        return None
    return ShowcaseEntry(
        name=path.stem,
        path=path,
        title=values["title"],
        contributor=values["name"],
        github=values["github"],
        date=values["date"],
        tags=values.get("tags", []),
        body=split.body,
        body_first_line=split.body_first_line,
    )


def line_of(entry: ShowcaseEntry, needle: str) -> int:
    """The file line of the first body line that holds ``needle`` (the body's first if none)."""
    if needle:
        for offset, line in enumerate(entry.body.split("\n")):
            if needle in line:
                return entry.body_first_line + offset
    return entry.body_first_line
