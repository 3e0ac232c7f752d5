"""Read a lesson's showcase entries (``<lesson>/showcase/<entry>.md``), checking each one.

Entries come from pull requests by readers, so every check speaks to a contributor: what is
wrong, at which line, and what to write instead. A rejected entry is left out of the site.

A showcase folder holds entries, in a folder named like each entry its images, and may hold
``_template.md``, the text "Share yours" starts a new entry with; nothing else is read, and
only the images an entry shows are published. Symbolic links, pipes and such are reported and
never followed: a link would publish, or feed into a card, whatever it points at on the build
machine.
"""

from __future__ import annotations

import codecs
import datetime
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..core.diagnostics import Diagnostics
from ..core.fields import Field, read_fields, text, text_list
from ..core.frontmatter import split_front_matter
from ..core.paths import Refusal, path_problem, walk_files
from ..core.text import has_control, shown
from ..core.yamlsource import load_yaml
from .images import IMAGE_SUFFIXES, image_problem
from .model import ShowcaseEntry

SHOWCASE_FOLDER = "showcase"
TEMPLATE_FILE = "_template.md"
"""The text "Share yours" starts a new entry with, beside the entries; never an entry itself
(an entry's name cannot start with '_')."""
TEMPLATE_MAX_BYTES = 4_000
"""The template travels in the address of GitHub's new-file page, which must stay short."""
# Every pattern here is used with fullmatch: "$" would also match before a final line break.
ENTRY_NAME = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")
# GitHub's rules: 1-39 letters, digits or single hyphens, not starting or ending with one.
GITHUB_HANDLE = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}")
_QUOTED_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)  # not on Windows, where links need rights to make


def _date(value: Any) -> tuple[Any, str | None]:
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return value, None
    if isinstance(value, str) and _QUOTED_DATE.fullmatch(value.strip()):
        # YAML reads a quoted date as text: the value looks right to the contributor.
        return None, "a date written YYYY-MM-DD without quotes, such as 2026-03-01"
    return None, "a date written YYYY-MM-DD, such as 2026-03-01"


def _handle(value: Any) -> tuple[Any, str | None]:
    if isinstance(value, str) and GITHUB_HANDLE.fullmatch(value.strip().removeprefix("@")):
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


@dataclass
class ShowcaseFolder:
    """What a lesson's showcase folder holds: its valid entries and its entry template."""

    entries: list[ShowcaseEntry] = field(default_factory=list)
    template: str | None = None
    template_path: Path | None = None


def load_entries(
    lesson_folder: Path, max_bytes: int, diagnostics: Diagnostics
) -> list[ShowcaseEntry]:
    """The valid entries of ``lesson_folder/showcase/``, newest first; the rest reported."""
    return load_showcase_folder(lesson_folder, max_bytes, diagnostics).entries


def load_showcase_folder(
    lesson_folder: Path, max_bytes: int, diagnostics: Diagnostics
) -> ShowcaseFolder:
    """The valid entries of ``lesson_folder/showcase/``, newest first, and its entry template
    (``_template.md``); the rest reported."""
    folder = lesson_folder / SHOWCASE_FOLDER
    try:
        mode = os.lstat(folder).st_mode
    except FileNotFoundError:
        return ShowcaseFolder()
    except OSError as error:
        diagnostics.add(folder, 1, f"the showcase folder is not read: {path_problem(error)}")
        return ShowcaseFolder()
    if stat.S_ISLNK(mode):
        diagnostics.add(
            folder,
            1,
            "the showcase folder is a symbolic link, which is never followed: make it a "
            "folder of its own and put the entries in it",
        )
        return ShowcaseFolder()
    if not stat.S_ISDIR(mode):
        diagnostics.add(
            folder,
            1,
            "'showcase' in a lesson folder is the folder of its entries (showcase/name.md): "
            "this is not a folder and is not read; remove it or make it a folder",
        )
        return ShowcaseFolder()
    walk = _Walk(folder, diagnostics)
    files: list[Path] = []
    # The template is found by the same walk as the entries: a link is refused the same way.
    for item in walk_files(folder, folder, keep=walk.keep):
        if isinstance(item, Refusal):  # for links, which keep() answers first: never here
            diagnostics.add(item.path, 1, item.message)
        else:
            files.append(item)
    template_path = folder / TEMPLATE_FILE
    found = ShowcaseFolder()
    if template_path in files:
        files.remove(template_path)
        found.template = _load_template(template_path, diagnostics)
        found.template_path = template_path if found.template is not None else None
    names = walk.entry_names | {
        path.stem for path in files if path.parent == folder and path.suffix == ".md"
    }
    entry_paths: list[Path] = []
    for path in files:
        relative = path.relative_to(folder)
        if len(relative.parts) == 1 and path.suffix == ".md":
            entry_paths.append(path)
        elif (
            len(relative.parts) == 2
            and relative.parts[0] in names
            and path.suffix.lower() in IMAGE_SUFFIXES
        ):
            # Shown or not, an image is checked: a pull request with a false one fails.
            problem = image_problem(path.parent, path.name)
            if problem is not None:
                diagnostics.add(path, 1, f"this image is not published: {problem}")
                walk.reported.add(relative.as_posix())
        else:
            diagnostics.add(
                path,
                1,
                "a showcase folder holds entries (name.md) and their images "
                "(name/picture.png, .jpg, .gif or .webp); this file is neither and is not "
                "published",
            )
            walk.reported.add(relative.as_posix())
    entries: list[ShowcaseEntry] = []
    for path in entry_paths:
        entry = _load_entry(path, max_bytes, diagnostics)
        if entry is not None:
            entry.reported_files = frozenset(
                name for name in walk.reported if name.split("/")[0] == entry.name
            )
            entries.append(entry)
    entries.sort(key=lambda entry: (-entry.date.toordinal(), entry.title.casefold()))
    found.entries = entries
    return found


def _load_template(path: Path, diagnostics: Diagnostics) -> str | None:
    """The text of the entry template at ``path``, read as entries are (never through a
    link); None, reported, when it cannot serve."""
    try:
        with os.fdopen(os.open(path, os.O_RDONLY | _NOFOLLOW), "rb") as file:
            data = file.read(TEMPLATE_MAX_BYTES + 1)
    except OSError as error:
        diagnostics.add(path, 1, f"the entry template is not read: {path_problem(error)}")
        return None
    if len(data) > TEMPLATE_MAX_BYTES:
        diagnostics.add(
            path,
            1,
            f"the entry template is over {TEMPLATE_MAX_BYTES:,} bytes, too long to send to "
            "GitHub's new-file page: keep it to the front matter and a short example",
        )
        return None
    try:
        text = data.removeprefix(codecs.BOM_UTF8).decode("utf-8")
    except UnicodeDecodeError as error:
        diagnostics.add(
            path,
            data[: error.start].count(b"\n") + 1,
            "the entry template is not UTF-8 text: save the file as UTF-8",
        )
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        diagnostics.add(
            path,
            1,
            "the entry template is empty: write the entry a contributor starts from (front "
            "matter with title, name, github and date, then a sentence and a code block), or "
            "remove the file to use the generic one",
        )
        return None
    return text


class _Walk:
    """What of a showcase folder is looked at: :func:`walk_files` asks :meth:`keep` about each
    name before it opens, lists or follows anything, so every link, pipe, name with a control
    character and folder too deep is reported here once and never read."""

    def __init__(self, folder: Path, diagnostics: Diagnostics) -> None:
        self.folder = folder
        self.diagnostics = diagnostics
        self.entry_names: set[str] = set()
        """Entries refused here (a link named like one): their folder's images are not also
        reported as files of no entry."""
        self.reported: set[str] = set()
        """What was reported, relative to the showcase folder (``name/picture.png``, or a
        folder ``name``): an entry that shows it is not told twice."""

    def keep(self, relative: Path) -> bool:
        path = self.folder / relative
        name = relative.as_posix()
        if has_control(name):
            # Reported at the folder: the file's own path would carry the line break too.
            self.diagnostics.add(
                self.folder,
                1,
                f"the name '{shown(name)}' holds a line break or another control character, "
                "and is not read: rename it with lower-case letters, digits and hyphens, such "
                "as ec2-role.md",
            )
            return False
        try:
            mode = os.lstat(path).st_mode
        except OSError as error:
            self.diagnostics.add(path, 1, f"this file is not read: {path_problem(error)}")
            return False
        if stat.S_ISLNK(mode) and name == TEMPLATE_FILE:
            self.diagnostics.add(
                path,
                1,
                "the entry template is a symbolic link, which a showcase folder never follows "
                "(it would send what it points at to GitHub): put the template file itself "
                "here; the generic template is used until then",
            )
        elif stat.S_ISLNK(mode):
            if len(relative.parts) == 1 and relative.suffix == ".md":
                self.entry_names.add(relative.stem)
            self.diagnostics.add(
                path,
                1,
                "this is a symbolic link, which a showcase folder never follows (it would "
                "publish what it points at): put the file or folder itself here instead",
            )
        elif stat.S_ISDIR(mode) and len(relative.parts) > 1:
            self.diagnostics.add(
                path,
                1,
                "a showcase folder holds entries (name.md) and their images "
                "(name/picture.png); this folder is neither and is not read",
            )
        elif not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
            self.diagnostics.add(
                path,
                1,
                "this is not a regular file (a pipe, a socket or a device) and is not read: "
                "remove it",
            )
        else:
            return True
        self.reported.add(name)
        return False


def _load_entry(path: Path, max_bytes: int, diagnostics: Diagnostics) -> ShowcaseEntry | None:
    if not ENTRY_NAME.fullmatch(path.stem):
        diagnostics.add(
            path,
            1,
            f"the file name '{shown(path.name)}' must be lower-case letters, digits and hyphens "
            "(64 at most, the first not a hyphen), such as ec2-role-for-s3.md",
        )
        return None
    try:
        # Without following a link: the walk refused links, and the file is read as checked.
        with os.fdopen(os.open(path, os.O_RDONLY | _NOFOLLOW), "rb") as file:
            size = os.fstat(file.fileno()).st_size
            data = file.read(max_bytes + 1) if size <= max_bytes else b""
    except OSError as error:
        diagnostics.add(path, 1, f"this entry is not read: {path_problem(error)}")
        return None
    size = max(size, len(data))
    if size > max_bytes:
        diagnostics.add(
            path,
            1,
            f"the entry is {size:,} bytes; entries may be {max_bytes:,} bytes at most: keep "
            "the configuration to what shows the idea",
        )
        return None
    # Some editors on Windows start UTF-8 files with a byte order mark: it is no character.
    data = data.removeprefix(codecs.BOM_UTF8)
    try:
        content = data.decode("utf-8")
    except UnicodeDecodeError as error:
        diagnostics.add(
            path,
            data[: error.start].count(b"\n") + 1,
            f"the entry is not UTF-8 text (byte 0x{data[error.start]:02x} cannot be read as "
            "UTF-8): save the file as UTF-8",
        )
        return None
    # Line ends as Windows ("\r\n") and old Macs ("\r") write them are lines too.
    split = split_front_matter(content.replace("\r\n", "\n").replace("\r", "\n"))
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
    control = _control_text(source.data)
    if control is not None:
        key_path, value = control
        diagnostics.add(
            path,
            source.line_of(*key_path),
            f"'{shown(str(key_path[0]))}' holds a line break or another control character "
            f"('{shown(value)}'): write each key and value of the front matter on one line, "
            "as plain text",
        )
        return None
    values = read_fields(source, source.data, ENTRY_FIELDS, diagnostics, what="showcase entry")
    if any(field.required and field.name not in values for field in ENTRY_FIELDS):
        return None
    if not split.body.strip():
        # At the body's first line, or at the closing '---' when nothing follows it.
        last_line = len(re.split(r"\r\n|\r|\n", content))
        diagnostics.add(
            path,
            min(split.body_first_line, last_line),
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


def _control_text(data: dict[Any, Any]) -> tuple[tuple[Any, ...], str] | None:
    """The first key or text value (or item of a list of them) with a control character in
    it, and where. Checked before the keys are: a message about a wrong value quotes it, and a
    line break there would start a line of its own in the build log."""
    for key, value in data.items():
        if has_control(str(key)):
            return (key,), str(key)
        if isinstance(value, str) and has_control(value.strip()):
            return (key,), value
        if isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, str) and has_control(item.strip()):
                    return (key, index), item
    return None


def line_of(entry: ShowcaseEntry, needle: str) -> int:
    """The file line of the first body line that holds ``needle`` (the body's first if none)."""
    if needle:
        for offset, line in enumerate(entry.body.split("\n")):
            if needle in line:
                return entry.body_first_line + offset
    return entry.body_first_line
