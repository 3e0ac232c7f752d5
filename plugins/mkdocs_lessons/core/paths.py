"""Paths that sources name or hold, kept inside the folder they belong to.

Every reader that opens a file an author named (a walkthrough's code, a tour, an avatar) or
publishes files it found (a lesson's images, ``assets/``) goes through this module, so one rule
holds everywhere: a lesson reads and publishes only what is inside its own folder, and files
outside lessons only what is inside the sources folder. A symbolic link counts where it points;
links to folders are never followed (a link to an ancestor would loop, and a folder link is an
easy way to publish a whole tree by mistake).
"""

from __future__ import annotations

import contextlib
import errno
import os
import posixpath
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .diagnostics import Diagnostics
from .text import shown

_DRIVE = re.compile(r"^[A-Za-z]:")


def is_inside(path: Path, folder: Path) -> bool:
    """Whether ``path``, symbolic links followed, is ``folder`` or lies under it."""
    try:
        return path.resolve().is_relative_to(folder.resolve())
    except (OSError, RuntimeError, ValueError):  # a link loop, a NUL byte, a name too long
        return False


def links_out(path: Path, boundary: Path) -> bool:
    """Whether ``path`` is a symbolic link that points out of ``boundary`` (never followed)."""
    return is_symlink(path) and not is_inside(path, boundary)


def path_problem(error: OSError) -> str:
    """What an ``OSError`` on a path an author wrote means, in their words."""
    if error.errno == errno.ENAMETOOLONG:
        return "the name is too long for the file system: shorten it"
    if error.errno == errno.ELOOP:
        return "it is a symbolic link that points to itself"
    if error.errno in (errno.EACCES, errno.EPERM):
        return "the file cannot be read (permission denied)"
    return f"the file cannot be read ({error.strerror or error})"


@dataclass(frozen=True)
class Located:
    """Where a name an author wrote leads: a file inside the folder, nothing, or a refusal."""

    path: Path | None
    """The file, when it exists inside the folder."""
    problem: str | None = None
    """Why the name is refused (it leaves the folder, is too long, ...); None when the file is
    simply missing, which each caller words for its own option."""


def locate(folder: Path, name: str, *, where: str = "the lesson folder") -> Located:
    """The file called ``name`` (relative, as written in a source) inside ``folder``.

    Absolute names, names whose ``..`` leave ``folder`` and symbolic links that point out of it
    are refused, never opened, so nothing outside ``folder`` can be read or published.
    """
    cleaned = name.replace("\\", "/")
    if "\0" in cleaned:
        return Located(None, f"'{shown(name)}' holds a NUL character: write the file's name")
    if cleaned.startswith(("/", "~")) or _DRIVE.match(cleaned):
        return Located(
            None,
            f"'{shown(name)}' is an absolute path: name a file inside {where} by its path "
            "relative to the lesson, such as code/app.py",
        )
    normal = posixpath.normpath(cleaned)
    if normal == ".." or normal.startswith("../"):
        return Located(
            None,
            f"'{shown(name)}' leaves {where}: a lesson may only use files inside its own "
            "folder; copy the file there",
        )
    if any(part.startswith(".") for part in normal.split("/")):
        # Hidden files (.env, .git/config) are never published, so never shown either.
        return Located(
            None,
            f"'{shown(name)}' is a hidden file or lies in a hidden folder, which is never read "
            "or published: rename it without the leading '.'",
        )
    candidate = folder.joinpath(*normal.split("/"))
    try:
        if not candidate.is_file():
            return Located(None)
    except OSError as error:
        return Located(None, f"'{shown(name)}': {path_problem(error)}")
    if not is_inside(candidate, folder):
        return Located(
            None,
            f"'{shown(name)}' is a symbolic link to a file outside {where}: copy the file "
            "into the folder instead of linking to it",
        )
    return Located(candidate)


def is_file(path: Path) -> bool:
    """``Path.is_file`` that answers False, not an ``OSError``, for names too long and such."""
    try:
        return path.is_file()
    except (OSError, ValueError):
        return False


def is_symlink(path: Path) -> bool:
    """``Path.is_symlink`` that answers False, not an ``OSError``."""
    try:
        return path.is_symlink()
    except (OSError, ValueError):
        return False


def is_dir(path: Path) -> bool:
    """``Path.is_dir`` that answers False, not an ``OSError``."""
    try:
        return path.is_dir()
    except (OSError, ValueError):
        return False


def entries(folder: Path) -> list[Path]:
    """The entries of ``folder``, sorted; none when it cannot be listed."""
    try:
        return sorted(folder.iterdir())
    except OSError:
        return []


@dataclass(frozen=True)
class Refusal:
    """A file or folder found under a folder that is not followed, and why."""

    path: Path
    message: str


def walk_files(
    folder: Path,
    boundary: Path,
    *,
    keep: Callable[[Path], bool] = lambda path: True,
) -> Iterator[Path | Refusal]:
    """Every regular file under ``folder`` (or ``folder`` itself when it is a file), sorted,
    hidden files and folders left out.

    ``keep`` decides on each non-hidden path under ``folder`` (file or folder, relative to
    ``folder``) whether to look at it at all. A symbolic link to a file is yielded when it
    points inside ``boundary``; one that points outside, and every link to a folder below
    ``folder``, is yielded as a :class:`Refusal` instead, never followed. (``folder`` itself
    may be a link: whoever passes it has decided to follow it.)
    """
    if not is_dir(folder):
        yield from _walk_entry(folder, folder.parent, boundary, keep)
        return
    yield from _walk_folder(folder, len(str(folder)) + 1, boundary, keep)


def _listed(folder: Path) -> list[os.DirEntry[str]]:
    """The entries of ``folder`` by name; none when it cannot be listed."""
    try:
        with os.scandir(folder) as listing:
            return sorted(listing, key=lambda entry: entry.name)
    except OSError:
        return []


def _walk_folder(
    folder: Path, top: int, boundary: Path, keep: Callable[[Path], bool]
) -> Iterator[Path | Refusal]:
    # The listing says what each entry is (a file, a folder, a link) without a system call
    # per entry on most file systems: a lesson folder is walked at every build.
    for entry in _listed(folder):
        if entry.name.startswith(".") or not keep(Path(entry.path[top:])):
            continue
        path = Path(entry.path)
        try:
            if entry.is_symlink():
                yield from _walk_entry(path, folder, boundary, keep)
            elif entry.is_dir(follow_symlinks=False):
                yield from _walk_folder(path, top, boundary, keep)
            elif entry.is_file(follow_symlinks=False):
                yield path
        except OSError:
            continue


def _walk_entry(
    entry: Path, top: Path, boundary: Path, keep: Callable[[Path], bool]
) -> Iterator[Path | Refusal]:
    if entry.is_symlink():
        if is_dir(entry):
            yield Refusal(
                entry,
                "this is a symbolic link to a folder, which is never followed: copy the folder "
                "or link its files one by one",
            )
        elif not is_inside(entry, boundary):
            yield Refusal(
                entry,
                f"this is a symbolic link to '{_target(entry)}', outside the "
                f"{boundary.name}/ folder: it is not published; copy the file instead",
            )
        elif is_file(entry):
            yield entry
        else:
            yield Refusal(
                entry,
                f"this is a symbolic link to '{_target(entry)}', which does not exist: it is "
                "not published; remove it, or point it at a file of the folder",
            )
        return
    if is_dir(entry):
        yield from _walk_folder(entry, len(str(top)) + 1, boundary, keep)
    elif is_file(entry):
        yield entry


def _target(link: Path) -> str:
    try:
        return os.readlink(link)
    except OSError:
        return "?"


def read_text(path: Path, diagnostics: Diagnostics, *, inside: Path) -> str | None:
    """The text of a source file (a byte order mark dropped), or None with the reason reported
    at the file's line where it has one.

    A source that is a symbolic link is read only when it points inside ``inside`` (its lesson
    folder, its course folder, the sources folder): a lesson's ``index.md`` linked to a file
    elsewhere would publish that file as the lesson.
    """
    if links_out(path, inside):
        diagnostics.add(
            path,
            1,
            f"this is a symbolic link to '{_target(path)}', outside the {inside.name}/ "
            "folder: it is not read; put the file itself here",
        )
        return None
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        line = 1
        with contextlib.suppress(OSError):
            line += path.read_bytes()[: error.start].count(b"\n")
        diagnostics.add(
            path,
            line,
            "the file is not UTF-8 text (it was saved in another encoding, or it is not text): "
            "save it as UTF-8 in your editor",
        )
    except OSError as error:
        diagnostics.add(path, 1, f"cannot read the file: {path_problem(error)}")
    return None
