"""The showcase loader on hostile folders: what it reports (count, path, line, message) and
what it keeps; it never raises, never follows a link and never reads what it refuses."""

from __future__ import annotations

import base64
import errno
import os
from pathlib import Path
from typing import cast

import pytest

from mkdocs_lessons.core.diagnostics import Diagnostics
from mkdocs_lessons.showcase import loader
from mkdocs_lessons.showcase.loader import load_entries
from mkdocs_lessons.showcase.model import ShowcaseEntry
from tests.sources import write_tree

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)
MAX_BYTES = 20_000


def entry(body: str = "An entry.\n", **front: str) -> str:
    values = {"title": "T", "name": "Ada", "github": "ada-dev", "date": "2026-01-01", **front}
    lines = "".join(f"{key}: {value}\n" for key, value in values.items())
    return f"---\n{lines}---\n\n{body}"


def load(root: Path, files: dict[str, str | bytes]) -> tuple[list[ShowcaseEntry], list[str]]:
    """Write ``files`` under ``root/lesson/showcase/`` (already there: kept), load them."""
    # write_tree writes bytes as they are; its annotation says str only.
    tree = cast(dict[str, str], {f"lesson/showcase/{name}": text for name, text in files.items()})
    write_tree(root, tree)
    diagnostics = Diagnostics()
    entries = load_entries(root / "lesson", MAX_BYTES, diagnostics)
    return entries, [d.format(root) for d in diagnostics]


def names(entries: list[ShowcaseEntry]) -> list[str]:
    return [item.name for item in entries]


# -- file names ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("name\n.md", "name\\n.md"),
        ("evil\n::error::x.md", "evil\\n::error::x.md"),
        ("na\x01me.md", "na\\x01me.md"),
        ("tab\tbed.md", "tab\\tbed.md"),
        ("rtl\u202egnp.md", "rtl\\u202egnp.md"),
    ],
    ids=["newline", "workflow-command", "control", "tab", "direction-mark"],
)
def test_a_name_with_a_control_character_is_reported_escaped_and_not_read(
    tmp_path: Path, name: str, shown: str
) -> None:
    entries, found = load(tmp_path, {name: entry(), "good.md": entry()})
    assert names(entries) == ["good"]
    assert len(found) == 1, found
    assert found[0].startswith(
        f"lesson/showcase:1: the name '{shown}' holds a line break or another control character"
    )
    assert "\n" not in found[0] and "\x01" not in found[0]


def test_a_folder_with_a_control_character_is_reported_once(tmp_path: Path) -> None:
    entries, found = load(
        tmp_path, {"e.md": entry(), "e\nx/a.png": PNG, "e\nx/b.png": PNG, "e\nx/c.txt": "x"}
    )
    assert names(entries) == ["e"]
    assert found == [
        "lesson/showcase:1: the name 'e\\nx' holds a line break or another control character, "
        "and is not read: rename it with lower-case letters, digits and hyphens, such as "
        "ec2-role.md"
    ]


def test_the_entry_name_check_matches_the_whole_name(tmp_path: Path) -> None:
    # The folder walk refuses such a name first; this check must not accept it either ("$"
    # matches before a final line break).
    path = tmp_path / "name\n.md"
    path.write_text(entry(), encoding="utf-8")
    diagnostics = Diagnostics()
    assert loader._load_entry(path, MAX_BYTES, diagnostics) is None
    assert [d.message for d in diagnostics] == [
        "the file name 'name\\n.md' must be lower-case letters, digits and hyphens (64 at most, "
        "the first not a hyphen), such as ec2-role-for-s3.md"
    ]


def test_a_long_entry_name_says_how_long_a_name_may_be(tmp_path: Path) -> None:
    entries, found = load(tmp_path, {"a" * 200 + ".md": entry()})
    assert entries == []
    assert len(found) == 1
    assert found[0].startswith(
        f"lesson/showcase/{'a' * 200}.md:1: the file name '{'a' * 57}...' must be lower-case "
        "letters, digits and hyphens (64 at most"
    )


# -- symbolic links and other things that are not files --------------------------------------


LINK_MESSAGE = (
    "this is a symbolic link, which a showcase folder never follows (it would publish what it "
    "points at): put the file or folder itself here instead"
)


def test_an_entry_that_is_a_link_inside_or_outside_is_refused_and_not_read(
    tmp_path: Path,
) -> None:
    outside = tmp_path / "outside.md"
    outside.write_text(entry(title="Secret"), encoding="utf-8")
    folder = tmp_path / "lesson" / "showcase"
    folder.mkdir(parents=True)
    (folder / "real.md").write_text(entry(title="Real"), encoding="utf-8")
    (folder / "out.md").symlink_to(outside)
    (folder / "in.md").symlink_to(folder / "real.md")
    (folder / "dangling.md").symlink_to(tmp_path / "missing.md")
    (folder / "loop.md").symlink_to("loop.md")
    entries, found = load(tmp_path, {})
    assert [item.title for item in entries] == ["Real"]
    assert found == [
        f"lesson/showcase/{name}.md:1: {LINK_MESSAGE}" for name in ("dangling", "in", "loop", "out")
    ]


def test_a_linked_image_or_images_folder_is_refused_once_and_never_shown(
    tmp_path: Path,
) -> None:
    pictures = tmp_path / "pictures"
    pictures.mkdir()
    (pictures / "a.png").write_bytes(PNG)
    folder = tmp_path / "lesson" / "showcase"
    (folder / "own").mkdir(parents=True)
    (folder / "own" / "link.png").symlink_to(pictures / "a.png")
    (folder / "own" / "up").symlink_to(folder)  # a link to an ancestor: never walked into
    (folder / "linked").symlink_to(pictures, target_is_directory=True)
    entries, found = load(
        tmp_path,
        {
            "own.md": entry("![a](own/link.png)\n"),
            "linked.md": entry("![a](linked/a.png)\n"),
        },
    )
    assert names(entries) == ["linked", "own"]
    assert found == [
        f"lesson/showcase/linked:1: {LINK_MESSAGE}",
        f"lesson/showcase/own/link.png:1: {LINK_MESSAGE}",
        f"lesson/showcase/own/up:1: {LINK_MESSAGE}",
    ]
    by_name = {item.name: item for item in entries}
    assert by_name["linked"].reported_files == {"linked"}
    assert by_name["own"].reported_files == {"own/link.png", "own/up"}


def test_the_showcase_folder_itself_a_link_or_a_file(tmp_path: Path) -> None:
    other = tmp_path / "elsewhere"
    other.mkdir()
    (other / "e.md").write_text(entry(), encoding="utf-8")
    (tmp_path / "linked").mkdir()
    (tmp_path / "linked" / "showcase").symlink_to(other, target_is_directory=True)
    write_tree(tmp_path, {"file/showcase": "not a folder"})
    diagnostics = Diagnostics()
    assert load_entries(tmp_path / "linked", MAX_BYTES, diagnostics) == []
    assert load_entries(tmp_path / "file", MAX_BYTES, diagnostics) == []
    found = [d.format(tmp_path) for d in diagnostics]
    assert len(found) == 2
    assert found[0].startswith("linked/showcase:1: the showcase folder is a symbolic link")
    assert found[1].startswith("file/showcase:1: 'showcase' in a lesson folder is the folder")


def test_a_pipe_is_reported_and_never_opened(tmp_path: Path) -> None:
    folder = tmp_path / "lesson" / "showcase"
    folder.mkdir(parents=True)
    os.mkfifo(folder / "pipe.md")  # opening it would wait for a writer forever
    entries, found = load(tmp_path, {"good.md": entry()})
    assert names(entries) == ["good"]
    assert found == [
        "lesson/showcase/pipe.md:1: this is not a regular file (a pipe, a socket or a device) "
        "and is not read: remove it"
    ]


def test_a_folder_inside_an_entrys_folder_is_reported_once_not_walked(tmp_path: Path) -> None:
    deep = {f"e/sub/{'d/' * n}x.png": PNG for n in range(5)}
    entries, found = load(tmp_path, {"e.md": entry(), **deep})
    assert names(entries) == ["e"]
    assert found == [
        "lesson/showcase/e/sub:1: a showcase folder holds entries (name.md) and their images "
        "(name/picture.png); this folder is neither and is not read"
    ]


# -- images, by their bytes ------------------------------------------------------------------

JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"
GIF = b"GIF89a\x01\x00\x01\x00\x00\x00\x00;"
WEBP = b"RIFF\x1a\x00\x00\x00WEBPVP8L\x0d\x00\x00\x00/\x00\x00\x00\x10\x07\x10\x11\x11\x88\x88"


def test_real_images_of_every_format_are_accepted(tmp_path: Path) -> None:
    images = {"e/a.png": PNG, "e/b.jpg": JPEG, "e/c.jpeg": JPEG, "e/d.gif": GIF, "e/f.webp": WEBP}
    entries, found = load(tmp_path, {"e.md": entry(), **images})
    assert found == []
    assert entries[0].reported_files == frozenset()


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("a.png", b"<html><script>alert(1)</script>", "the file is not a PNG image (it holds HTML"),
        ("a.png", b'<svg xmlns="http://www.w3.org/2000/svg"/>', "the file is not a PNG image (it"),
        ("a.png", b"", "the file is empty, not a PNG image"),
        ("a.png", b"just text\n", "the file is not a PNG image (it holds text)"),
        ("a.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 8, "the file is not a PNG image"),
        ("a.jpg", PNG, "the file is a PNG image, not a JPEG one: rename it to a.png"),
        ("a.gif", JPEG, "the file is a JPEG image, not a GIF one: rename it to a.jpg"),
        ("a.webp", b"RIFF\x00\x00\x00\x00WAVEfmt ", "the file is not a WebP image"),
        ("my picture.png", PNG, "its name 'my picture.png' is not accepted"),
        ("a.png", PNG + b"\x00" * (512 * 1024), "the file is 512 KB and images may be 512 KB"),
    ],
    ids=["html", "svg", "empty", "text", "png-signature-only", "png-as-jpg", "jpeg-as-gif",
         "riff-not-webp", "name-with-space", "too-large"],
)  # fmt: skip
def test_an_image_that_is_not_what_its_name_says_is_reported_shown_or_not(
    tmp_path: Path, name: str, content: bytes, problem: str
) -> None:
    entries, found = load(tmp_path, {"e.md": entry(), f"e/{name}": content})
    assert names(entries) == ["e"]
    assert len(found) == 1, found
    assert found[0].startswith(
        f"lesson/showcase/e/{name}:1: this image is not published: {problem}"
    )
    assert entries[0].reported_files == {f"e/{name}"}


# -- reading the entry -----------------------------------------------------------------------


def test_a_byte_order_mark_is_read_as_nothing(tmp_path: Path) -> None:
    entries, found = load(tmp_path, {"bom.md": "\ufeff".encode() + entry().encode()})
    assert found == []
    assert [(item.name, item.title, item.body_first_line) for item in entries] == [("bom", "T", 7)]


@pytest.mark.parametrize("end", ["\r\n", "\r"], ids=["windows", "old-mac"])
def test_other_line_ends_are_lines(tmp_path: Path, end: str) -> None:
    text = entry("Line one.\n\n```json\n{}\n```\n", title="'a: b'").replace("\n", end)
    entries, found = load(tmp_path, {"e.md": text.encode()})
    assert found == []
    assert [(item.title, item.body_first_line) for item in entries] == [("a: b", 7)]
    assert "\r" not in entries[0].body


def test_text_that_is_not_utf8_is_reported_at_its_line(tmp_path: Path) -> None:
    content = entry().replace("Ada", "Ad\udcff").encode("utf-8", "surrogateescape")
    entries, found = load(tmp_path, {"latin.md": content})
    assert entries == []
    assert found == [
        "lesson/showcase/latin.md:3: the entry is not UTF-8 text (byte 0xff cannot be read as "
        "UTF-8): save the file as UTF-8"
    ]


@pytest.mark.parametrize(
    ("code", "problem"),
    [
        (errno.EACCES, "the file cannot be read (permission denied)"),
        (errno.ENAMETOOLONG, "the name is too long for the file system: shorten it"),
        (errno.EIO, "the file cannot be read (Input/output error)"),
    ],
)
def test_an_entry_that_cannot_be_opened_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int, problem: str
) -> None:
    opened = os.open

    def refuse(path: str | Path, flags: int, *args: int, **kwargs: int) -> int:
        if str(path).endswith("locked.md"):
            raise OSError(code, os.strerror(code), str(path))
        return opened(path, flags, *args, **kwargs)

    write_tree(tmp_path, {"lesson/showcase/locked.md": entry(), "lesson/showcase/good.md": entry()})
    monkeypatch.setattr(os, "open", refuse)
    entries, found = load(tmp_path, {})
    assert names(entries) == ["good"]
    assert found == [f"lesson/showcase/locked.md:1: this entry is not read: {problem}"]


def test_a_name_the_file_system_refuses_to_stat_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lstat = os.lstat

    def refuse(path: object, *args: object, **kwargs: object) -> os.stat_result:
        if str(path).endswith("long.md"):
            raise OSError(errno.ENAMETOOLONG, "File name too long", str(path))
        return lstat(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "lstat", refuse)
    entries, found = load(tmp_path, {"long.md": entry(), "good.md": entry()})
    assert names(entries) == ["good"]
    assert found == [
        "lesson/showcase/long.md:1: this file is not read: the name is too long for the file "
        "system: shorten it"
    ]


# -- front matter of the wrong shape ---------------------------------------------------------


CONTROL = "holds a line break or another control character"
ARABIC_DATE = '"\u0662\u0660\u0662\u0666-\u0660\u0661-\u0660\u0661"'  # digits, not ASCII ones


MAPPING = "the front matter must be a mapping of keys"
WRONG_SHAPES = {  # id: (the entry, where and what the one message says)
    "list": ("---\n- a\n---\n\nText.\n", f"2: {MAPPING}"),
    "scalar": ("---\nwords\n---\n\nText.\n", f"2: {MAPPING}"),
    "empty": ("---\n---\n\nText.\n", f"2: {MAPPING}"),
    "title-number": (entry(title="42"), "2: 'title' in the showcase entry must be a non-empty"),
    "github-list": (entry(github="[a]"), "4: 'github' in the showcase entry must be a GitHub"),
    "date-time": (entry(date="2026-01-01 10:00"), "5: 'date' in the showcase entry must be a"),
    "other-digits": (
        entry(date=ARABIC_DATE),
        "5: 'date' in the showcase entry must be a date written YYYY-MM-DD, such as",
    ),
    "title-newline": (entry(title='"a\\nb"'), f"2: 'title' {CONTROL} ('a\\nb')"),
    "github-command": (entry(github='"a\\n::error::x"'), f"4: 'github' {CONTROL} ('a\\n::error"),
    "tag-direction": (entry(tags='["ok", "b\\u202ec"]'), f"6: 'tags' {CONTROL} ('b\\u202ec')"),
    "key-newline": ('---\n"a\\nb": 1\n' + entry()[4:], f"2: 'a\\nb' {CONTROL}"),
}


@pytest.mark.parametrize(("text", "expected"), WRONG_SHAPES.values(), ids=WRONG_SHAPES.keys())
def test_front_matter_of_the_wrong_shape_gives_one_message(
    tmp_path: Path, text: str, expected: str
) -> None:
    entries, found = load(tmp_path, {"e.md": text})
    assert entries == []
    assert len(found) == 1, found
    assert found[0].startswith(f"lesson/showcase/e.md:{expected}"), found
    assert "\n" not in found[0] and "\u202e" not in found[0]


def test_tags_of_the_wrong_shape_are_reported_and_the_entry_kept(tmp_path: Path) -> None:
    entries, found = load(tmp_path, {"e.md": entry(tags="{a: 1}")})
    assert names(entries) == ["e"] and entries[0].tags == []
    assert found == [
        "lesson/showcase/e.md:6: 'tags' in the showcase entry must be a list of texts, such as "
        "[a, b], not a mapping"
    ]
