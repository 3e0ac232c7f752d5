"""What a showcase image must be before it is published: a file, by its bytes, of its format.

An image of an entry is published as it is, under the site's own address, and browsers and web
servers trust its extension. A ``.png`` that holds HTML or SVG would be a page of the site
running a stranger's scripts; a symbolic link would publish whatever it points at. So each image
is opened without following links and checked by its first bytes (the formats' magic numbers),
not by its name. The loader checks every image of a showcase folder, shown or not, and the
renderer checks again each one an entry shows, so that ``SafeMarkdown`` is safe on its own.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from ..core.paths import path_problem
from ..core.text import shown

IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp"})
MAX_IMAGE_BYTES = 512 * 1024
FORMATS = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".gif": "GIF", ".webp": "WebP"}
SUFFIX_OF = {"PNG": ".png", "JPEG": ".jpg", "GIF": ".gif", "WebP": ".webp"}
# The published file keeps its name, and the card writes it into an address as it is: only
# names that need no escaping there, and that any file system can hold.
IMAGE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]+)*", re.ASCII)
MAX_NAME_LENGTH = 100
_HEADER_BYTES = 32
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)  # not on Windows, where links need rights to make


def image_format(header: bytes) -> str | None:
    """The raster format ``header`` (a file's first bytes) starts, or None."""
    # PNG's signature, then the IHDR chunk every PNG starts with.
    if header.startswith(b"\x89PNG\r\n\x1a\n") and header[12:16] == b"IHDR":
        return "PNG"
    if header.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if header[:6] in (b"GIF87a", b"GIF89a"):
        return "GIF"
    if (
        header[:4] == b"RIFF"
        and header[8:12] == b"WEBP"
        and header[12:16] in (b"VP8 ", b"VP8L", b"VP8X")
    ):
        return "WebP"
    return None


def _what_it_is(header: bytes) -> str:
    """What a file that is no image seems to hold, for the message."""
    start = header.removeprefix(b"\xef\xbb\xbf").lstrip().lower()
    if start.startswith((b"<svg", b"<?xml")) or b"<svg" in start:
        return "it holds SVG, which can run scripts"
    if start.startswith(b"<"):
        return "it holds HTML or XML"
    # Text has no control bytes but tabs and line ends; the first bytes may end mid-character,
    # so they are not decoded.
    if any(byte < 0x20 and byte not in b"\t\n\r" for byte in header):
        return "its first bytes are not those of a .png, .jpg, .gif or .webp file"
    return "it holds text"


def name_problem(name: str) -> str | None:
    """Why ``name`` cannot be the name of a published image, or None."""
    if len(name) > MAX_NAME_LENGTH or not IMAGE_NAME.fullmatch(name):
        return (
            f"its name '{shown(name)}' is not accepted: name images with letters, digits, "
            "'-' and '_' and their extension, such as diagram.png"
        )
    suffix = Path(name).suffix.lower()
    if suffix == ".svg":
        return "SVG is not accepted (an SVG file can run scripts): export a .png"
    if suffix not in IMAGE_SUFFIXES:
        return "only .png, .jpg, .gif and .webp images are accepted"
    return None


def image_problem(folder: Path, name: str) -> str | None:
    """Why ``folder/name`` is not an image that may be published, or None when it is.

    ``folder`` is an entry's images folder. Neither it nor the file may be a symbolic link;
    the file must be a regular file of at most :data:`MAX_IMAGE_BYTES` whose bytes are those
    of the format its extension names.
    """
    problem = name_problem(name)
    if problem is not None:
        return problem
    path = folder / name
    try:
        if stat.S_ISLNK(os.lstat(folder).st_mode):
            return "symbolic links are not accepted: put the image file itself in the folder"
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return f"there is no file '{folder.name}/{name}' beside the entry"
    except OSError as error:
        return path_problem(error)
    if stat.S_ISLNK(mode):
        return "symbolic links are not accepted: put the image file itself in the folder"
    if not stat.S_ISREG(mode):
        return f"'{folder.name}/{name}' is not a file: put the image file itself there"
    expected = FORMATS[Path(name).suffix.lower()]
    try:
        # O_NOFOLLOW: the file is read as it was checked, even if it became a link since.
        descriptor = os.open(path, os.O_RDONLY | _NOFOLLOW)
        with os.fdopen(descriptor, "rb") as file:
            size = os.fstat(file.fileno()).st_size
            header = file.read(_HEADER_BYTES)
    except OSError as error:
        return path_problem(error)
    if size > MAX_IMAGE_BYTES:
        return (
            f"the file is {size // 1024} KB and images may be {MAX_IMAGE_BYTES // 1024} KB "
            "at most: make it smaller"
        )
    if not header:
        return f"the file is empty, not a {expected} image: export the picture again"
    actual = image_format(header)
    if actual is None:
        return (
            f"the file is not a {expected} image ({_what_it_is(header)}): export the picture "
            "as a real .png, .jpg, .gif or .webp file"
        )
    if actual != expected:
        return (
            f"the file is a {actual} image, not a {expected} one: rename it to "
            f"{Path(name).stem}{SUFFIX_OF[actual]}"
        )
    return None
