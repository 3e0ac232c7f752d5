"""The lesson link checker: links Markdown resolves are accepted, and each wrong one is named."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from mkdocs_lessons.catalog.links import _fenced_blocks, relative_links
from tests.sources import lesson, valid_tree, write_tree
from tests.unit.test_validation import messages

GLOSSARY = "terms:\n  Role:\n    definition: An identity.\n"


def with_body(tmp_path: Path, body: str, files: dict[str, str] | None = None) -> Path:
    tree = valid_tree()
    tree["basics/first/index.md"] = lesson("First", body=body)
    tree.update(files or {})
    return write_tree(tmp_path, tree)


def test_angle_brackets_and_balanced_parentheses() -> None:
    body = '[a](<my file.json>) [b](file(1).json) [c](<x y.png> "title") [d](e.md)\n'
    assert list(relative_links(body, 1)) == [
        (1, "my file.json"),
        (1, "file(1).json"),
        (1, "x y.png"),
        (1, "e.md"),
    ]


def test_files_with_spaces_and_parentheses_resolve(tmp_path: Path) -> None:
    tree = valid_tree()
    tree["basics/first/index.md"] = lesson(
        "First", body="[it](<my file.json>) and [it](file(1).json)\n\n[ref]: <my file.json>\n"
    )
    tree["basics/first/my file.json"] = "{}"
    tree["basics/first/file(1).json"] = "{}"
    assert messages(write_tree(tmp_path, tree)) == []


def test_links_in_html_comments_are_not_checked(tmp_path: Path) -> None:
    body = "<!-- [old](missing.md) -->\n<!--\n[older](gone.md)\n-->\n`<!--` [new](new.md)\n"
    assert list(relative_links(body, 1)) == [(5, "new.md")]
    assert messages(with_body(tmp_path, "<!-- [old](missing.md) -->\n")) == []


def test_directory_addresses_of_generated_pages(tmp_path: Path) -> None:
    body = "[a](../../authors/ada/) [g](../../glossary/) [c](../second/) [d](../../../about/)\n"
    root = with_body(tmp_path, body, {"glossary.yml": GLOSSARY})
    assert messages(root, docs={"about.md"}) == []


def test_directory_address_without_a_page(tmp_path: Path) -> None:
    root = with_body(tmp_path, "[x](../../authors/nobody/)\n")
    assert messages(root) == [
        "basics/first/index.md:7: link '../../authors/nobody/' points to a file that is not "
        "there (lessons/authors/nobody); check the spelling, or add the file to the lesson "
        "folder"
    ]


def test_markdown_file_beside_a_lesson(tmp_path: Path) -> None:
    root = with_body(tmp_path, "See [notes](notes.md).\n", {"basics/first/notes.md": "# Notes\n"})
    assert messages(root) == [
        "basics/first/index.md:7: link 'notes.md' points to a Markdown file beside the lesson "
        "(lessons/basics/first/notes.md), and Markdown files beside a lesson are not published: "
        "link to a lesson's index.md, or put the text in the lesson"
    ]


# The pattern the fenced blocks were first found with: slow (it tried the closing fence after
# every character of the code), but plainly right, so the fast search must agree with it.
_ONE_PATTERN = re.compile(
    r"^[ \t]*(?P<fence>`{3,}|~{3,})[^\n]*\n.*?(?:^[ \t]*(?P=fence)[`~]*[ \t]*$|\Z)",
    re.MULTILINE | re.DOTALL,
)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["```", "````", "~~~", "  ```py", "```~", "text", "[a](b.md)", "", " ~~~~ ", "\t```"]
        ),
        max_size=14,
    ).map("\n".join)
)
def test_fenced_blocks_are_found_where_the_one_pattern_found_them(body: str) -> None:
    expected = [match.span() for match in _ONE_PATTERN.finditer(body)]
    assert list(_fenced_blocks(body)) == expected
