"""Issue 11's classes for the core readers: values YAML cannot construct, byte order marks,
cascades, messages at the author's line, glossary names, symbolic links and paths that leave
their folder, and the guard that names the file for what nothing else foresaw.

Each test builds a small tree (tests/sources.py) with one mistake and asserts the exact
messages: one per mistake, at its line, never an exception.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from mkdocs_lessons.catalog import loader
from mkdocs_lessons.catalog.loader import load_catalog
from mkdocs_lessons.catalog.pages import plan_site
from mkdocs_lessons.core.diagnostics import UNEXPECTED, Diagnostic, Diagnostics
from mkdocs_lessons.core.i18n import Translator
from mkdocs_lessons.core.paths import locate
from tests.sources import AUTHORS, COURSE, lesson, valid_tree, write_tree
from tests.unit.test_validation import messages, messages_with

SECRET = "SECRET-OUTSIDE"


ENTRY = "---\ntitle: Mine\nname: Me\ngithub: me\ndate: {date}\n---\n\nText.\n"

# (file, its text, the one expected message's start)
UNCONSTRUCTABLE = [
    (
        "basics/first/index.md",
        lesson("First", "date_note: x\n").replace("date_note: x", "2026-02-30: x"),
        "basics/first/index.md:5: invalid YAML: '2026-02-30' is not a real date",
    ),
    (
        "basics/first/index.md",
        lesson("First", "duration: " + "9" * 5000 + "\n"),
        "basics/first/index.md:5: invalid YAML: the number '999",
    ),
    (
        "basics/first/index.md",
        lesson("First", "duration: " + "9" * 400 + "\n"),
        "basics/first/index.md:5: invalid YAML: the number 999",
    ),
    (
        "basics/course.yml",
        COURSE.replace("summary: The first course.", "summary: 2026-13-01"),
        "basics/course.yml:2: invalid YAML: '2026-13-01' is not a real date",
    ),
    (
        ".authors.yml",
        AUTHORS.replace("description: Reviewer", "description: 2026-02-30"),
        ".authors.yml:7: invalid YAML: '2026-02-30' is not a real date",
    ),
    (
        "glossary.yml",
        "terms:\n  Widget:\n    definition: A thing.\n    see: [" + "1" * 5000 + "]\n",
        "glossary.yml:4: invalid YAML: the number",
    ),
    (
        "glossary.yml",
        "terms:\n  Widget: &w\n    definition: A thing.\n    see: [*w]\n",
        "glossary.yml:2: invalid YAML: this anchor contains an alias of itself",
    ),
]


@pytest.mark.parametrize(("name", "text", "expected"), UNCONSTRUCTABLE)
def test_values_yaml_cannot_construct_are_one_message_at_their_line(
    tmp_path: Path, name: str, text: str, expected: str
) -> None:
    tree = valid_tree()
    tree[name] = text
    found = messages(write_tree(tmp_path, tree))
    if name == ".authors.yml":
        # The authors file is unreadable as a whole: lessons naming its authors say nothing more.
        assert found == [found[0]] and found[0].startswith(expected), found
    else:
        assert len(found) == 1 and found[0].startswith(expected), found


def test_an_impossible_date_in_a_strangers_entry_rejects_that_entry_only(tmp_path: Path) -> None:
    tree = valid_tree()
    tree["basics/first/index.md"] = lesson("First", "showcase: Share yours.\n")
    tree["basics/first/showcase/bad.md"] = ENTRY.format(date="2026-02-30")
    tree["basics/first/showcase/good.md"] = ENTRY.format(date="2026-02-28")
    diagnostics = Diagnostics()
    catalog = load_catalog(write_tree(tmp_path, tree), diagnostics)
    found = [d.format(tmp_path) for d in diagnostics]
    assert len(found) == 1 and found[0].startswith(
        "basics/first/showcase/bad.md:5: invalid YAML: '2026-02-30' is not a real date"
    ), found
    showcase = catalog.lessons["first"].showcase
    assert showcase is not None and [entry.name for entry in showcase.entries] == ["good"]


@pytest.mark.parametrize(
    "name", ["basics/first/index.md", "basics/course.yml", ".authors.yml", "glossary.yml"]
)
def test_a_byte_order_mark_is_read_not_reported(tmp_path: Path, name: str) -> None:
    tree = valid_tree()
    tree["glossary.yml"] = "terms:\n  Widget: A thing.\n"
    root = write_tree(tmp_path, tree)
    path = root / name
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert messages(root) == []


def test_broken_front_matter_does_not_also_refuse_every_showcase_entry(tmp_path: Path) -> None:
    tree = valid_tree()
    tree["basics/first/index.md"] = lesson("First", "showcase: Share yours.\ntags: [a\n")
    for name in ("one", "two", "three"):
        tree[f"basics/first/showcase/{name}.md"] = ENTRY.format(date="2026-01-01")
    found = messages(write_tree(tmp_path, tree))
    assert len(found) == 1 and found[0].startswith("basics/first/index.md:6: invalid YAML"), found


def test_author_given_as_a_list_is_one_message(tmp_path: Path) -> None:
    found = messages_with(
        tmp_path, {"basics/first/index.md": lesson("First").replace("author: ada", "author: [ada]")}
    )
    assert found == [
        "basics/first/index.md:4: 'author' in the front matter must be a non-empty text, not a list"
    ]


def test_one_bad_item_of_a_list_is_reported_alone_and_the_rest_is_kept(tmp_path: Path) -> None:
    tree = valid_tree()
    tree["basics/course.yml"] = "title: Basics\nlessons:\n  - first\n  - {second: x}\n"
    diagnostics = Diagnostics()
    catalog = load_catalog(write_tree(tmp_path, tree), diagnostics)
    found = [d.format(tmp_path) for d in diagnostics]
    assert found == [
        "basics/course.yml:4: item 2 of 'lessons' in the course file must be a non-empty "
        "text, not a mapping"
    ]
    assert list(catalog.lessons) == ["first"]


def test_one_bad_prerequisite_keeps_the_others_at_their_lines(tmp_path: Path) -> None:
    found = messages_with(
        tmp_path, {"basics/second/index.md": lesson("Second", "prerequisites:\n  - 5\n  - nope\n")}
    )
    assert found == [
        "basics/second/index.md:6: item 1 of 'prerequisites' in the front matter must be a "
        "non-empty text (quote a number or true/false to make it text: '2024'), not 5 (number)",
        "basics/second/index.md:7: prerequisite 'nope' names no lesson",
    ]


@pytest.mark.parametrize(
    ("extra", "line", "expected", "hint"),
    [
        ("tags: [a, b\n", 5, "invalid YAML: did not find expected ',' or ']'", "quoting"),
        ('tags: "open\n', 5, "invalid YAML: found unexpected end of stream", "quoting"),
        (
            "level: Trust Policies: Who May Assume a Role\n",
            5,
            "invalid YAML: mapping values are not allowed in this context",
            "a value that holds ': ' must be quoted, as in title: \"Roles: Who May Assume Them\"",
        ),
        (
            "tags:\n\t- a\n",
            6,
            "invalid YAML: found character '\\t'",
            "YAML is indented with spaces, never tabs",
        ),
        (
            "tags: !Sub x\n",
            5,
            "invalid YAML: could not determine a constructor for the tag",
            "a value starting with '!' must be quoted",
        ),
        (
            "tags: @me\n",
            5,
            "invalid YAML: found character '@' that cannot start any token",
            "a value starting with '@' or '`' must be quoted",
        ),
    ],
)
def test_yaml_mistakes_are_at_their_line_and_say_how_to_fix_them(
    tmp_path: Path, extra: str, line: int, expected: str, hint: str
) -> None:
    found = messages_with(tmp_path, {"basics/first/index.md": lesson("First", extra)})
    assert len(found) == 1 and found[0].startswith(f"basics/first/index.md:{line}: {expected}")
    assert found[0].endswith(hint + ")"), found[0]


def test_front_matter_never_closed_says_so(tmp_path: Path) -> None:
    found = messages_with(
        tmp_path, {"basics/first/index.md": "---\ntitle: First\nsummary: S\nauthor: ada\n\nText.\n"}
    )
    assert found == [
        "basics/first/index.md:1: the front matter is never closed: add a line with only "
        "'---' after its last key"
    ]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("2038", "the term name 2038 is not read as a text by YAML (it reads it as a number)"),
        ("yes", "the term name yes is not read as a text by YAML (it reads it as true or false)"),
        ("null", "the term name null is not read as a text by YAML (it reads it as nothing)"),
        ("''", "the term name '' has no letter or digit"),
        ("'?!'", "the term name '?!' has no letter or digit"),
    ],
)
def test_glossary_names_that_are_not_words_are_refused(
    tmp_path: Path, name: str, expected: str
) -> None:
    assert messages_with(
        tmp_path, {"glossary.yml": f"terms:\n  Widget: A thing.\n  {name}: Something.\n"}
    ) == [f"glossary.yml:3: {expected}" + _rest(name)]


def _rest(name: str) -> str:
    if name in ("''", "'?!'"):
        return ": name the term with a word"
    return f": quote it, as '{name}':"


def test_a_long_alias_and_nested_prefixes_do_not_exhaust_the_matcher(tmp_path: Path) -> None:
    aliases = ", ".join("'" + "a" * n + "'" for n in range(1, 400))
    tree = valid_tree()
    tree["glossary.yml"] = (
        "terms:\n  Widget:\n    definition: A thing.\n    aliases: ['" + "w " * 600 + "']\n"
        f"  Ayes:\n    definition: Many.\n    aliases: [{aliases}]\n"
    )
    diagnostics = Diagnostics()
    catalog = load_catalog(write_tree(tmp_path, tree), diagnostics)
    assert list(diagnostics) == []
    found = list(catalog.term_matcher.find("x " + "a" * 300 + " y " + "w " * 600))
    assert [use.term.name for use in found] == ["Ayes", "Widget"]


# -- Containment ------------------------------------------------------------------------------


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "secret.png").write_text(SECRET, encoding="utf-8")
    (folder / "secret.json").write_text(f'"{SECRET}"', encoding="utf-8")
    return folder


def published(root: Path) -> tuple[list[str], list[Path]]:
    diagnostics = Diagnostics()
    catalog = load_catalog(root, diagnostics)
    plan = plan_site(catalog, "lessons", Translator("en"))
    return [d.format(root) for d in sorted(diagnostics)], list(plan.files.values())


def test_a_link_in_a_lesson_to_a_file_outside_is_refused_not_published(
    tmp_path: Path, outside: Path
) -> None:
    root = write_tree(tmp_path / "src", valid_tree())
    (root / "basics/first/diagram.png").symlink_to(outside / "secret.png")
    (root / "basics/first/own.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    found, files = published(root)
    assert found == [
        f"basics/first/diagram.png:1: this is a symbolic link to '{outside}/secret.png', "
        "outside the first/ folder: it is not published; copy the file instead"
    ]
    assert [path.name for path in files] == ["own.png"]


def test_a_link_to_another_lessons_file_is_outside_the_lesson(tmp_path: Path) -> None:
    root = write_tree(tmp_path, valid_tree())
    (root / "basics/second/shared.png").write_bytes(b"x")
    (root / "basics/first/shared.png").symlink_to(root / "basics/second/shared.png")
    found, files = published(root)
    assert len(found) == 1 and "outside the first/ folder" in found[0]
    assert files == [root / "basics/second/shared.png"]


def test_links_to_folders_are_never_followed(tmp_path: Path, outside: Path) -> None:
    root = write_tree(tmp_path / "src", valid_tree())
    (root / "basics/first/pictures").symlink_to(outside, target_is_directory=True)
    (root / "assets").mkdir()
    (root / "assets/more").symlink_to(outside, target_is_directory=True)
    found, files = published(root)
    assert found == [
        "assets/more:1: this is a symbolic link to a folder, which is never followed: copy the "
        "folder or link its files one by one",
        "basics/first/pictures:1: this is a symbolic link to a folder, which is never followed: "
        "copy the folder or link its files one by one",
    ]
    assert files == []


def test_a_file_outside_lessons_that_links_out_of_the_sources_is_refused(
    tmp_path: Path, outside: Path
) -> None:
    root = write_tree(tmp_path / "src", valid_tree())
    (root / "logo.png").symlink_to(outside / "secret.png")
    (root / "assets").mkdir()
    (root / "assets/ok.png").write_bytes(b"x")
    (root / "assets/inside.png").symlink_to(root / "assets/ok.png")
    (root / "assets/out.png").symlink_to(outside / "secret.png")
    found, files = published(root)
    assert [line.split(":")[0] for line in found] == ["assets/out.png", "logo.png"]
    assert sorted(path.name for path in files) == ["inside.png", "ok.png"]


def test_a_course_or_lesson_folder_linked_from_outside_is_not_read(
    tmp_path: Path, outside: Path
) -> None:
    root = write_tree(tmp_path / "src", valid_tree())
    elsewhere = write_tree(
        tmp_path / "elsewhere", {"course.yml": COURSE, "first/index.md": lesson()}
    )
    (root / "linked").symlink_to(elsewhere, target_is_directory=True)
    (root / "basics/third").symlink_to(elsewhere / "first", target_is_directory=True)
    found, _ = published(root)
    assert found == [
        "basics/third:1: 'third' is a symbolic link to a folder outside the sources folder: it "
        "is not read or published; move the folder into the sources folder",
        "linked:1: 'linked' is a symbolic link to a folder outside the sources folder: it is "
        "not read or published; move the folder into the sources folder",
    ]


def test_a_lesson_folder_linked_inside_the_sources_is_named_as_the_link(tmp_path: Path) -> None:
    tree = valid_tree()
    tree["basics/course.yml"] = COURSE + "  - third\n"
    root = write_tree(tmp_path, tree)
    write_tree(root / ".shelf/third", {"index.md": lesson("Third", "levle: x\n")})
    (root / "basics/third").symlink_to(root / ".shelf/third", target_is_directory=True)
    found = messages(root)
    assert found == [
        "basics/third/index.md:5: unknown key 'levle' in the front matter (did you mean "
        "'level'?); known keys: title, summary, author, authors, level, duration, tags, "
        "prerequisites, glossary, glossary_title, concept_map, showcase, objectives"
    ]
    assert Diagnostic(root / "basics/third/index.md", 1, "m").format(root).startswith("basics/")


@pytest.mark.parametrize(
    ("avatar", "expected"),
    [
        ("../outside/secret.png", "leaves the sources folder"),
        ("/etc/passwd", "is an absolute path"),
        ("a" * 300 + ".png", "the name is too long for the file system"),
    ],
)
def test_avatars_stay_inside_the_sources_folder(
    tmp_path: Path, outside: Path, avatar: str, expected: str
) -> None:
    tree = valid_tree()
    tree[".authors.yml"] = AUTHORS.replace(
        "description: Reviewer", f"description: Reviewer\n    avatar: '{avatar}'"
    )
    found = messages(write_tree(tmp_path / "src", tree))
    assert len(found) == 1 and found[0].startswith(".authors.yml:8: avatar of author 'grace'")
    assert expected in found[0]


def test_locate_refuses_every_way_out(tmp_path: Path, outside: Path) -> None:
    folder = tmp_path / "lesson"
    (folder / "sub").mkdir(parents=True)
    (folder / "code.py").write_text("x = 1\n", encoding="utf-8")
    (folder / "out.py").symlink_to(outside / "secret.json")
    assert locate(folder, "sub/../code.py").path == folder / "code.py"
    assert locate(folder, "missing.py") == type(locate(folder, "missing.py"))(None)
    for name in ("../outside/secret.json", "/etc/passwd", "C:\\x.py", "~/x", "a\0b", "out.py"):
        found = locate(folder, name)
        assert found.path is None and found.problem, name
    assert "too long" in (locate(folder, "x" * 300).problem or "")


def test_the_guard_names_the_file_for_what_no_reader_foresaw(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise ZeroDivisionError("an unforeseen bug")

    monkeypatch.setattr(loader, "_load_lesson", broken)
    tree = valid_tree()
    found = messages(write_tree(tmp_path, tree))
    assert [line.split(": ", 1)[0] for line in found] == [
        "basics/first/index.md:1",
        "basics/second/index.md:1",
    ]
    assert all(UNEXPECTED in line and "ZeroDivisionError" in line for line in found)


@pytest.mark.parametrize("name", ["x#y", "what?", "100%", "tab\there"])
def test_folder_names_that_break_web_addresses_are_reported(tmp_path: Path, name: str) -> None:
    tree = {
        ".authors.yml": AUTHORS,
        f"{name}/course.yml": "title: C\nlessons:\n  - first\n",
        f"{name}/first/index.md": lesson(),
    }
    found = messages(write_tree(tmp_path, tree))
    shown = name.replace("\t", "\\t")
    assert len(found) == 1 and found[0].startswith(f"{shown}/course.yml:1: the folder name"), found
    assert "rename the folder with letters, digits and hyphens" in found[0]


def test_a_message_is_one_line_whatever_the_value_it_quotes(tmp_path: Path) -> None:
    tree = valid_tree()
    tree["basics/first/index.md"] = lesson("First", 'level: "x\\n::error::owned \\u202e"\n')
    (found,) = messages(write_tree(tmp_path, tree))
    assert "\n" not in found and "\u202e" not in found
    assert "x\\n::error::owned \\u202e" in found


def test_a_key_written_twice_is_reported_at_its_second_writing(tmp_path: Path) -> None:
    assert messages_with(
        tmp_path, {"basics/first/index.md": lesson("First", "level: beginner\nlevel: advanced\n")}
    ) == [
        "basics/first/index.md:6: 'level' is written twice here (first at line 5): only the "
        "last would be read; remove one"
    ]


def test_characters_yaml_does_not_allow_are_named_at_their_line(tmp_path: Path) -> None:
    tree = valid_tree()
    tree["basics/first/index.md"] = lesson("First", "tags: [a]\nlevel: begin\x00ner\n")
    (found,) = messages(write_tree(tmp_path, tree))
    assert found == (
        "basics/first/index.md:6: invalid YAML: the text holds the character '\\x00' "
        "(U+0000), which YAML does not allow: remove it"
    )


@pytest.mark.parametrize(
    ("name", "boundary"),
    [
        ("basics/first/index.md", "first"),
        ("basics/course.yml", "basics"),
        (".authors.yml", "src"),
        ("glossary.yml", "src"),
    ],
)
def test_a_source_file_linked_from_outside_is_not_read(
    tmp_path: Path, outside: Path, name: str, boundary: str
) -> None:
    tree = valid_tree()
    tree["glossary.yml"] = "terms:\n  Widget: A thing.\n"
    root = write_tree(tmp_path / "src", tree)
    (outside / "source").write_text(f"---\ntitle: {SECRET}\n---\n{SECRET}\n", encoding="utf-8")
    (root / name).unlink()
    (root / name).symlink_to(outside / "source")
    diagnostics = Diagnostics()
    catalog = load_catalog(root, diagnostics)
    found = [d.format(root) for d in diagnostics]
    assert found[0] == (
        f"{name}:1: this is a symbolic link to '{outside}/source', outside the {boundary}/ "
        "folder: it is not read; put the file itself here"
    ), found
    assert SECRET not in repr(catalog)


def test_a_walkthrough_naming_a_link_out_is_one_message_at_its_line(
    tmp_path: Path, outside: Path
) -> None:
    tree = valid_tree()
    body = "//// walkthrough | secret.json\n\n/// step | 1\nThe code.\n///\n////\n"
    tree["basics/first/index.md"] = lesson("First", body=body)
    root = write_tree(tmp_path / "src", tree)
    (root / "basics/first/secret.json").symlink_to(outside / "secret.json")
    found, files = published(root)
    assert len(found) == 1 and found[0].startswith("basics/first/index.md:7: "), found
    assert "symbolic link" in found[0] and files == []


@pytest.mark.parametrize("name", [".env", ".git/config", "sub/.secret.json", "./.env"])
def test_hidden_files_are_never_read(tmp_path: Path, name: str) -> None:
    folder = tmp_path / "lesson"
    (folder / Path(name).parent).mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(SECRET, encoding="utf-8")
    found = locate(folder, name)
    assert found.path is None and "hidden" in (found.problem or "")


def test_an_author_id_cannot_name_a_page_outside_the_authors_folder(tmp_path: Path) -> None:
    tree = valid_tree()
    tree[".authors.yml"] = AUTHORS + "  ../../index:\n    name: Evil Home\n  7: {name: Seven}\n"
    diagnostics = Diagnostics()
    catalog = load_catalog(write_tree(tmp_path, tree), diagnostics)
    found = [d.format(tmp_path) for d in diagnostics]
    assert found == [
        ".authors.yml:8: the author id '../../index' must be letters, digits, '-', '_' and "
        "single dots (it names the author's page), such as pascual-vila",
        ".authors.yml:10: the author id '7' must be letters, digits, '-', '_' and single dots "
        "(it names the author's page), such as pascual-vila",
    ]
    assert sorted(catalog.authors) == ["ada", "grace"]


def test_a_file_name_with_a_line_break_stays_on_its_message_line(tmp_path: Path) -> None:
    tree = valid_tree()
    root = write_tree(tmp_path, tree)
    name = "bad\n::error file=x,line=1::injected.json"
    (root / "basics/first" / name).write_text("{,}", encoding="utf-8")
    diagnostics = Diagnostics()
    catalog = load_catalog(root, diagnostics)
    from mkdocs_lessons.codecheck import verify_catalog

    verify_catalog(catalog, {}, 5, diagnostics)
    (found,) = [d.format(root) for d in diagnostics]
    assert "\n" not in found and found.startswith("basics/first/bad\\n::error")


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        ("autor: ada\n", "basics/first/index.md:4: unknown key 'autor' in the front matter"),
        ("titel: First\n", "basics/first/index.md:2: unknown key 'titel' in the front matter"),
    ],
)
def test_a_misspelt_required_key_is_one_message(tmp_path: Path, extra: str, expected: str) -> None:
    tree = valid_tree()
    text = lesson("First")
    if extra.startswith("autor"):
        text = text.replace("author: ada\n", extra)
    else:
        text = text.replace("title: First\n", extra)
    tree["basics/first/index.md"] = text
    found = messages(write_tree(tmp_path, tree))
    assert len(found) == 1 and found[0].startswith(expected), found


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        ("authors: [ada, ada]\n", "basics/first/index.md:4: 'ada' is listed twice in 'authors'"),
        ("tags: [a, b, a]\n", "basics/first/index.md:5: 'a' is listed twice in 'tags'"),
        ("authors: []\n", "basics/first/index.md:4: 'authors' names no author"),
    ],
)
def test_lists_name_each_thing_once(tmp_path: Path, extra: str, expected: str) -> None:
    tree = valid_tree()
    text = lesson("First", extra if extra.startswith("tags") else "")
    if extra.startswith("authors"):
        text = text.replace("author: ada\n", extra)
    tree["basics/first/index.md"] = text
    found = messages(write_tree(tmp_path, tree))
    assert len(found) == 1 and found[0].startswith(expected), found


def test_a_slip_in_a_course_list_is_one_message_and_the_lesson_meant_is_read(
    tmp_path: Path,
) -> None:
    tree = valid_tree()
    tree["basics/course.yml"] = "title: Basics\nlessons:\n  - first\n  - secnd\n  - first\n"
    diagnostics = Diagnostics()
    catalog = load_catalog(write_tree(tmp_path, tree), diagnostics)
    found = [d.format(tmp_path) for d in sorted(diagnostics)]
    assert found == [
        "basics/course.yml:4: lesson 'secnd' does not exist: no folder basics/secnd/ with an "
        "index.md (did you mean 'second'?); 'second' is published in its place until you "
        "correct it",
        "basics/course.yml:5: 'first' is listed twice in 'lessons' of the course file: remove one",
    ]
    assert list(catalog.lessons) == ["first", "second"]
    assert catalog.lessons["second"].prerequisites == ["first"]


def test_a_body_opening_with_a_title_is_reported(tmp_path: Path) -> None:
    assert messages_with(
        tmp_path, {"basics/first/index.md": lesson("First", body="\n# First\n\nText.\n")}
    ) == [
        "basics/first/index.md:8: the body starts with a '# ' title, and the page's title "
        "already comes from the front matter: remove it (start with text, and use '##' for "
        "sections)"
    ]


def test_a_dangling_link_is_reported_not_silently_dropped(tmp_path: Path) -> None:
    root = write_tree(tmp_path, valid_tree())
    (root / "basics/first/gone.png").symlink_to(root / "basics/first/nothing.png")
    found, files = published(root)
    assert found == [
        f"basics/first/gone.png:1: this is a symbolic link to '{root}/basics/first/nothing.png', "
        "which does not exist: it is not published; remove it, or point it at a file of the "
        "folder"
    ]
    assert files == []


def test_an_entry_cut_after_its_front_matter_is_reported_at_a_line_it_has(
    tmp_path: Path,
) -> None:
    tree = valid_tree()
    tree["basics/first/index.md"] = lesson("First", "showcase: Share yours.\n")
    tree["basics/first/showcase/cut.md"] = ENTRY.format(date="2026-01-01").split("\n\n")[0]
    found = messages(write_tree(tmp_path, tree))
    assert found == [
        "basics/first/showcase/cut.md:6: the entry has no text: say what you built and why, "
        "and add the configuration in a fenced code block"
    ]
