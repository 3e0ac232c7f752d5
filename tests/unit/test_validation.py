"""Every mistake in the sources gives one ``path:line: message`` and never an exception."""

from __future__ import annotations

from pathlib import Path

import pytest

from mkdocs_lessons.catalog.loader import load_catalog
from mkdocs_lessons.catalog.pages import check_links, plan_site
from mkdocs_lessons.codecheck import verify_catalog
from mkdocs_lessons.core.diagnostics import Diagnostics
from mkdocs_lessons.core.i18n import Translator
from tests.sources import AUTHORS, COURSE, lesson, valid_tree, write_tree


def messages(root: Path, docs: set[str] | None = None) -> list[str]:
    diagnostics = Diagnostics()
    catalog = load_catalog(root, diagnostics)
    plan = plan_site(catalog, "lessons", Translator("en"))
    check_links(catalog, plan, docs or set(), diagnostics)
    return [d.format(root) for d in sorted(diagnostics)]


def messages_with(root: Path, files: dict[str, str]) -> list[str]:
    """The messages of the valid tree with ``files`` changed or added: one mistake each."""
    return messages(write_tree(root, {**valid_tree(), **files}))


def only(root: Path) -> str:
    found = messages(root)
    assert len(found) == 1, found
    return found[0]


def test_valid_tree_has_no_messages(tmp_path: Path) -> None:
    assert messages(write_tree(tmp_path, valid_tree())) == []


def test_invalid_yaml_names_its_line(tmp_path: Path) -> None:
    tree = valid_tree()
    tree["basics/first/index.md"] = "---\ntitle: First\nsummary: [unclosed\nauthor: ada\n---\n"
    message = only(write_tree(tmp_path, tree))
    # At the unclosed bracket's own line, not where the parser gave up.
    assert message.startswith("basics/first/index.md:3: invalid YAML:")


def test_unknown_key_suggests_the_nearest(tmp_path: Path) -> None:
    tree = valid_tree()
    tree["basics/first/index.md"] = "---\ntitle: First\nsummary: S\nautor: ada\nauthor: ada\n---\n"
    assert only(write_tree(tmp_path, tree)).startswith(
        "basics/first/index.md:4: unknown key 'autor' in the front matter (did you mean 'author'?)"
    )


def test_missing_required_key(tmp_path: Path) -> None:
    tree = valid_tree()
    tree["basics/first/index.md"] = "---\ntitle: First\nauthor: ada\n---\n"
    assert only(write_tree(tmp_path, tree)).startswith(
        "basics/first/index.md:2: missing required key 'summary' in the front matter: add "
        "'summary: ...'"
    )


def test_missing_author(tmp_path: Path) -> None:
    tree = valid_tree()
    tree["basics/first/index.md"] = "---\ntitle: First\nsummary: S\n---\n"
    assert "missing required key 'author'" in only(write_tree(tmp_path, tree))


def test_wrong_type_shows_the_value_and_what_is_expected(tmp_path: Path) -> None:
    tree = valid_tree()
    tree["basics/first/index.md"] = lesson("First", "level: beginner\nduration: ten\n")
    assert only(write_tree(tmp_path, tree)) == (
        "basics/first/index.md:6: 'duration' in the front matter must be a whole number "
        "greater than 0, not 'ten' (text)"
    )


def test_wrong_level(tmp_path: Path) -> None:
    tree = valid_tree()
    tree["basics/first/index.md"] = lesson("First", "level: expert\n")
    assert only(write_tree(tmp_path, tree)) == (
        "basics/first/index.md:5: 'level' in the front matter must be one of beginner, "
        "intermediate, advanced, not 'expert' (text)"
    )


def test_unknown_author(tmp_path: Path) -> None:
    tree = valid_tree()
    tree["basics/first/index.md"] = "---\ntitle: First\nsummary: S\nauthor: adda\n---\n"
    assert only(write_tree(tmp_path, tree)) == (
        "basics/first/index.md:4: unknown author 'adda': not in .authors.yml (did you mean 'ada'?)"
    )


def test_unknown_author_in_a_list_names_the_item_line(tmp_path: Path) -> None:
    tree = valid_tree()
    tree["basics/first/index.md"] = (
        "---\ntitle: First\nsummary: S\nauthors:\n  - ada\n  - nobody\n---\n"
    )
    message = only(write_tree(tmp_path, tree))
    assert message.startswith("basics/first/index.md:6: unknown author 'nobody'")
    assert "known ids: ada, grace" in message


def test_lesson_listed_but_missing(tmp_path: Path) -> None:
    tree = valid_tree()
    tree["basics/course.yml"] = COURSE + "  - thrid\n"
    tree["basics/third/index.md"] = lesson("Third")
    found = messages(write_tree(tmp_path, tree))
    # One slip, one message: the lesson meant is read, so it is not also "not listed".
    assert found == [
        "basics/course.yml:6: lesson 'thrid' does not exist: no folder basics/thrid/ with an "
        "index.md (did you mean 'third'?); 'third' is published in its place until you "
        "correct it",
    ]


def test_lesson_folder_no_course_lists(tmp_path: Path) -> None:
    tree = valid_tree()
    tree["basics/extra/index.md"] = lesson("Extra")
    assert only(write_tree(tmp_path, tree)).startswith(
        "basics/extra/index.md:1: lesson 'extra' is not listed in basics/course.yml"
    )


def test_two_lessons_with_the_same_slug(tmp_path: Path) -> None:
    tree = valid_tree()
    tree["more/course.yml"] = "title: More\nlessons: [first]\n"
    tree["more/first/index.md"] = lesson("Another first")
    assert only(write_tree(tmp_path, tree)).startswith(
        "more/first/index.md:1: two lessons have the slug 'first' (also basics/first/)"
    )


def test_prerequisite_that_names_no_lesson(tmp_path: Path) -> None:
    tree = valid_tree()
    tree["basics/second/index.md"] = lesson("Second", "prerequisites:\n  - frist\n")
    assert only(write_tree(tmp_path, tree)) == (
        "basics/second/index.md:6: prerequisite 'frist' names no lesson (did you mean 'first'?)"
    )


def test_link_to_a_missing_file(tmp_path: Path) -> None:
    tree = valid_tree()
    body = "Intro.\n\n```md\n![not checked](inside-code.png)\n```\n\nSee ![diagram](diagam.svg).\n"
    tree["basics/first/index.md"] = lesson("First", body=body)
    tree["basics/first/diagram.svg"] = "<svg xmlns='http://www.w3.org/2000/svg'/>"
    assert only(write_tree(tmp_path, tree)) == (
        "basics/first/index.md:13: link 'diagam.svg' points to a file that is not there "
        "(lessons/basics/first/diagam.svg); check the spelling, or add the file to the "
        "lesson folder"
    )


def test_links_that_resolve(tmp_path: Path) -> None:
    tree = valid_tree()
    body = (
        "[next](../second/index.md) [course](../) [all](../../) [file](data.json)\n"
        "[home](../../../index.md) [web](https://example.com) [anchor](#top)\n"
        "[author](../../authors/ada.md)\n"
    )
    tree["basics/first/index.md"] = lesson("First", body=body)
    tree["basics/first/data.json"] = "{}"
    assert messages(write_tree(tmp_path, tree), docs={"index.md"}) == []


def test_bad_authors_file(tmp_path: Path) -> None:
    found = messages_with(tmp_path, {".authors.yml": "authors:\n  ada:\n    nam: Ada\n"})
    # The misspelt key is the one message: 'name' is not also "missing".
    assert found == [
        ".authors.yml:3: unknown key 'nam' in the author 'ada' (did you mean 'name'?); "
        "known keys: name, description, avatar, url, slug"
    ]


def test_missing_avatar_file(tmp_path: Path) -> None:
    tree = valid_tree()
    tree[".authors.yml"] = AUTHORS.replace(
        "description: Reviewer", "description: Reviewer\n    avatar: img/grace.png"
    )
    assert only(write_tree(tmp_path, tree)) == (
        ".authors.yml:8: avatar 'img/grace.png' of author 'grace' is not in the sources "
        "folder: add the image or give a URL"
    )


def test_course_file_errors(tmp_path: Path) -> None:
    tree = valid_tree()
    tree["basics/course.yml"] = "title: Basics\nposition: first\nlessons: [first, second]\n"
    assert only(write_tree(tmp_path, tree)) == (
        "basics/course.yml:2: 'position' in the course file must be a whole number, "
        "not 'first' (text)"
    )


def test_folder_with_lessons_but_no_course_file(tmp_path: Path) -> None:
    tree = valid_tree()
    tree["orphans/one/index.md"] = lesson("One")
    assert only(write_tree(tmp_path, tree)).startswith(
        "orphans/course.yml:1: folder 'orphans' holds lessons but no course.yml"
    )


def test_no_front_matter(tmp_path: Path) -> None:
    tree = valid_tree()
    tree["basics/first/index.md"] = "Just text.\n"
    assert "the lesson has no front matter" in only(write_tree(tmp_path, tree))


@pytest.mark.parametrize(
    "content",
    [
        "---\n- a\n- b\n---\n",
        "---\n: :\n---\n",
        b"\xff\xfe\x00bad",
        "---\n---\n",
        "---\ntitle: [\n",
    ],
)
def test_garbage_never_raises(tmp_path: Path, content: str | bytes) -> None:
    tree: dict[str, str | bytes] = dict(valid_tree())
    tree["basics/first/index.md"] = content
    write_tree(tmp_path, tree)  # type: ignore[arg-type]
    assert messages(tmp_path)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            {
                "basics/first/index.md": (
                    "---\ntitle: F\nsummary: S\nauthor: ada\nauthors: [ada]\n---\n"
                )
            },
            "basics/first/index.md:5: give either 'author' (one id) or 'authors' (a list), "
            "not both",
        ),
        (
            {"authors/course.yml": "title: A\nlessons: []\n"},
            "authors/course.yml:1: a course folder may not be called 'authors': that URL is taken "
            "by generated pages; rename the folder",
        ),
        (
            {"basics/course.yml": "title: B\nlessons: [first, second, first]\n"},
            "basics/course.yml:2: 'first' is listed twice in 'lessons' of the course file: "
            "remove one",
        ),
        (
            {"basics/first/index.md": "---\n- a list\n---\n"},
            "basics/first/index.md:2: the front matter must be a mapping of keys: write "
            "'key: value' lines between the two '---' lines",
        ),
        (
            {"basics/first/index.md": lesson("First", "prerequisites: [first]\n")},
            "basics/first/index.md:5: a lesson cannot be its own prerequisite: remove 'first' from "
            "'prerequisites:'",
        ),
        (
            {"basics/first/index.md": lesson("First", body="[up](../../../../x.md)\n")},
            "basics/first/index.md:7: link '../../../../x.md' points outside the site: link to "
            "a page or file of the site, or write a full https:// address",
        ),
        (
            {".authors.yml": "people: {}\n"},
            ".authors.yml:1: the authors file must have an 'authors:' mapping of author ids to "
            "their name, description, avatar and url",
        ),
        (
            {".authors.yml": AUTHORS + "  ghost: Ghost\n"},
            ".authors.yml:8: author 'ghost' must be a mapping with at least 'name: ...'",
        ),
        (
            {"basics/course.yml": "- first\n- second\n"},
            "basics/course.yml:1: the course file must be a mapping with 'title:' and 'lessons:'",
        ),
        (
            {"basics/first/index.md": lesson("First", "glossary: [a, b]\n")},
            "basics/first/index.md:5: 'glossary' in the front matter must be a mapping of keys "
            "to values, not a list",
        ),
        (
            {"basics/first/index.md": lesson("First", "glossary:\n  Widget: [x]\n")},
            "basics/first/index.md:6: term 'Widget' must have fields, at least 'definition: ...'",
        ),
        (
            {"glossary.yml": "terms:\n  A:\n    definition: x\nwords: {}\n"},
            "glossary.yml:4: unknown key 'words' in the glossary file: terms go under 'terms:'",
        ),
    ],
)
def test_more_mistakes_each_give_one_message(
    tmp_path: Path, change: dict[str, str], expected: str
) -> None:
    tree = valid_tree()
    tree.update(change)
    assert messages(write_tree(tmp_path, tree)) == [expected]


def test_concept_map_keys_are_checked_at_their_line(tmp_path: Path) -> None:
    tree = valid_tree()
    tree["basics/first/index.md"] = lesson("First", "concept_map:\n  titel: Mastery\n")
    message = only(write_tree(tmp_path, tree))
    assert message.startswith(
        "basics/first/index.md:6: unknown key 'titel' in the concept_map (did you mean 'title'?)"
    )


def test_check_mistakes_name_the_line_in_the_lesson_file(tmp_path: Path) -> None:
    tree = valid_tree()
    body = (
        "Intro.\n\n/// concept | A\n    requires: [b]\n///\n\n"
        "/// question | Q\n    answer: []\n///\n"
    )
    tree["basics/first/index.md"] = lesson("First", body=body)
    found = messages(write_tree(tmp_path, tree))
    assert found == [
        "basics/first/index.md:10: the concept 'a' requires an unknown concept 'b'; the "
        "concepts of this lesson are a",
        "basics/first/index.md:14: the fill-in question accepts no answer: give 'answer:' a "
        "text, a list of texts (such as [S3, Amazon S3]) or a number",
    ]


def test_a_missing_sources_folder_is_one_message(tmp_path: Path) -> None:
    (found,) = messages(tmp_path / "nowhere")
    assert found.endswith(
        ":1: the lessons sources folder does not exist: create it or set the plugin's "
        "'sources' option"
    )


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("basics/first/index.md", "basics/first/index.md:1: the file is not UTF-8 text"),
        ("glossary.yml", "glossary.yml:1: the file is not UTF-8 text"),
        ("basics/first/data.json", "basics/first/data.json:1: cannot read the code file as UTF-8"),
    ],
)
def test_a_file_that_is_not_utf8_is_a_message(tmp_path: Path, name: str, expected: str) -> None:
    root = write_tree(tmp_path, valid_tree())
    (root / name).write_bytes(b"\xff\xfe not utf-8 \x81")
    diagnostics = Diagnostics()
    catalog = load_catalog(root, diagnostics)
    verify_catalog(catalog, {}, 5, diagnostics)
    found = [d.format(root) for d in sorted(diagnostics)]
    assert len(found) == 1 and found[0].startswith(expected), found


def test_glossary_terms_not_a_mapping(tmp_path: Path) -> None:
    tree = valid_tree()
    tree["glossary.yml"] = "terms:\n  - IAM Role\n"
    assert only(write_tree(tmp_path, tree)) == (
        "glossary.yml:1: the glossary must map each term to its fields, e.g. "
        "'IAM Role: {definition: ...}'"
    )


def test_a_step_never_closed(tmp_path: Path) -> None:
    tree = valid_tree()
    tree["basics/first/index.md"] = lesson(
        "First",
        body="//// walkthrough | a.py\n\n/// step | 1\n```python\nx = 1\n```\nSet x.\n////\n",
    )
    found = messages(write_tree(tmp_path, tree))
    assert found[0].startswith("basics/first/index.md:9: this step is never closed"), found
