"""The showcase's Markdown for strangers: Markdown in, safe HTML and refusals out."""

from __future__ import annotations

import base64
import re
import time
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from mkdocs_lessons.showcase.safe_markdown import SafeMarkdown, plain_fences, scrub_attributes

FOLDER = Path("/nonexistent/showcase/entry")


@pytest.mark.parametrize(
    "text",
    [
        "    <script>alert(1)</script>\n",
        "Inline `a\n<b>` code over two lines.\n",
        "```html\n<script>alert(1)</script>\n```\n",
        "See <https://example.org/a> or <me@example.org>.\n",
    ],
    ids=["indented-code", "inline-code", "fenced-code", "autolinks"],
)
def test_markup_shown_as_code_or_autolinks_is_not_refused(text: str) -> None:
    result = SafeMarkdown().render(text, FOLDER)
    assert result.refusals == []
    assert "<script>" not in result.html


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("<script>alert(1)</script>\n", "<script>alert(1)</script>"),
        ("*<b onmouseover=alert(1)>x</b>*\n", "<b onmouseover=alert(1)>x</b>"),
        ("Before <!-- --><script>x</script> after.\n", "<!-- --><script>x</script> after."),
    ],
)
def test_markup_in_text_is_escaped_and_refused_once(text: str, needle: str) -> None:
    result = SafeMarkdown().render(text, FOLDER)
    assert [refusal.needle for refusal in result.refusals] == [needle]
    assert "<script" not in result.html and "<b " not in result.html


def test_fence_headers_keep_only_their_language() -> None:
    text = '> ```{.json .md-dialog #x}\n> {"a": 1}\n> ```\n\n~~~ python title="t"\nx\n~~~\n'
    assert plain_fences(text) == '> ```json\n> {"a": 1}\n> ```\n\n~~~python\nx\n~~~\n'


def test_scrub_keeps_what_markdown_writes_and_nothing_chosen() -> None:
    html = (
        '<div class="highlight md-dialog" id="__search" data-x="1"><pre><code>x</code></pre>'
        '</div><td style="text-align: center;">a</td><td style="color: red">b</td>'
        '<ol start="3"><li>c</li></ol><a href="https://x.org" rel="nofollow ugc noopener" '
        'onclick="y">d</a>'
    )
    assert scrub_attributes(html) == (
        '<div class="highlight"><pre><code>x</code></pre></div>'
        '<td style="text-align: center;">a</td><td>b</td><ol start="3"><li>c</li></ol>'
        '<a href="https://x.org" rel="nofollow ugc noopener">d</a>'
    )


def test_scrub_keeps_an_alignment_only_when_it_is_the_whole_style() -> None:
    # "$" would also match before a final line break.
    assert scrub_attributes('<td style="text-align: left;\n">a</td>') == "<td>a</td>"


# -- headings --------------------------------------------------------------------------------

HEADINGS = "# Big\n\nText.\n\n## Sub\n\n> ### Quoted\n\n- ###### Deep\n\nSetext\n======\n"


@pytest.mark.parametrize(
    ("level", "expected"),
    [
        (4, ["h4", "h5", "h6", "h6", "h4"]),
        (3, ["h3", "h4", "h5", "h6", "h3"]),
        (6, ["h6", "h6", "h6", "h6", "h6"]),
    ],
)
def test_headings_sit_below_the_cards_title(level: int, expected: list[str]) -> None:
    html = SafeMarkdown().render(HEADINGS, FOLDER, heading_level=level).html
    page = BeautifulSoup(html, "html.parser")
    found = page.find_all(re.compile(r"h[1-6]"))
    assert [(h.name, h.get_text()) for h in found] == list(
        zip(expected, ["Big", "Sub", "Quoted", "Deep", "Setext"], strict=True)
    )


def test_by_default_headings_start_below_a_card_title_under_the_lesson() -> None:
    html = SafeMarkdown().render("# One\n\n## Two\n", FOLDER).html
    assert html == "<h4>One</h4>\n<h5>Two</h5>"


def test_an_entry_whose_highest_heading_is_low_is_moved_up_to_the_level() -> None:
    assert SafeMarkdown().render("##### Low\n", FOLDER).html == "<h4>Low</h4>"


def test_headings_in_code_stay_code() -> None:
    html = SafeMarkdown().render("```md\n# Not a heading\n```\n\n    # nor here\n", FOLDER).html
    assert "<h" not in html.replace("<div", "").replace("<pre", "")


# -- what cannot raise or take long ----------------------------------------------------------


@pytest.mark.parametrize("href", ["http://[::1", "https://[x]y/", "http://a]b/"], ids=str)
def test_a_link_target_urllib_cannot_split_is_refused_not_raised(href: str) -> None:
    result = SafeMarkdown().render(f"[a]({href})\n", FOLDER)
    assert "<a " not in result.html
    assert [r.message for r in result.refusals] == [
        f"link target '{href}' is not allowed: use an http(s) or mailto address"
    ]


def test_an_image_address_urllib_cannot_split_is_refused_not_raised() -> None:
    result = SafeMarkdown().render("![a](http://[::1/x.png)\n", FOLDER)
    assert "<img" not in result.html
    assert [r.message for r in result.refusals] == [
        "image 'http://[::1/x.png' is not shown: images cannot come from other addresses; put it "
        "in the folder 'entry/' beside the entry and write '![what it shows](entry/picture.png)'"
    ]


def test_a_paragraph_of_brackets_is_plain_text_at_once(tmp_path: Path) -> None:
    started = time.monotonic()
    result = SafeMarkdown().render("See [this](https://x.org) " + "[" * 19_000 + "\n", FOLDER)
    assert time.monotonic() - started < 5, "Python-Markdown looks for each ']' to the end"
    assert "<a " not in result.html and "[" * 19_000 in result.html
    assert [r.message.split(":")[0] for r in result.refusals] == [
        "this paragraph holds 19,001 '[', more than the 100 one paragraph may have (each could "
        "start a link, and reading them takes minutes)"
    ]
    assert result.refusals[0].needle == "See [this](https://x.org) " + "[" * 14


def test_links_and_brackets_under_the_budget_are_links() -> None:
    text = "".join(f"[{n}](https://x.org/{n}) " for n in range(100)) + "\n"
    result = SafeMarkdown().render(text, FOLDER)
    assert result.refusals == [] and result.html.count("<a ") == 100


# -- images ----------------------------------------------------------------------------------

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


@pytest.fixture
def entry_folder(tmp_path: Path) -> Path:
    """``showcase/e/`` with a real PNG, ``a.png``."""
    folder = tmp_path / "showcase" / "e"
    folder.mkdir(parents=True)
    (folder / "a.png").write_bytes(PNG)
    return folder


def image(src: str, folder: Path, **options: Any) -> tuple[str, list[str]]:
    result = SafeMarkdown().render(f"![alt]({src})\n", folder, **options)
    return result.html, [refusal.message for refusal in result.refusals]


def test_an_entrys_own_image_is_shown_from_the_pages_address(entry_folder: Path) -> None:
    html, refused = image("e/a.png", entry_folder)
    assert refused == []
    assert html == '<p><img alt="alt" loading="lazy" src="showcase/e/a.png" /></p>'
    html, refused = image("./e//a.png", entry_folder, images_url="../showcase")
    assert refused == [] and 'src="../showcase/e/a.png"' in html


OWN_FOLDER = "an entry shows only images of its own folder"
OTHER_ADDRESS = "images cannot come from other addresses"
ODD_PATHS = {
    "parent": ("../x.png", OWN_FOLDER),
    "absolute": ("/etc/x.png", OTHER_ADDRESS),
    "backslash-absolute": ("\\etc\\x.png", OTHER_ADDRESS),
    "drive": ("C:/x.png", OTHER_ADDRESS),
    "encoded-dots": ("e/%2e%2e/%2e%2e/x.png", OWN_FOLDER),
    "encoded-slash": ("e/a%2fb.png", OWN_FOLDER),
    "backslash-dots": ("e\\..\\..\\x.png", OWN_FOLDER),
    "sub-folder": ("e/sub/a.png", OWN_FOLDER),
    "too-long": ("e/" + "a" * 300 + ".png", "its name 'aaaaaaaaaa"),
    "far-too-long": ("e/" + "a" * 5000 + ".png", "its name 'aaaaaaaaaa"),
    "nul": ("e/a%00.png", "its name 'a\\x00.png' is not accepted"),
    "escape": ("e/a%1b[31m.png", "its name 'a\\x1b[31m.png' is not accepted"),
    "query": ("e/a.png?v=1", "write the image's path alone, without '?' or '#'"),
    "fragment": ("e/a.png#x", "write the image's path alone, without '?' or '#'"),
    "space": ("<e/a b.png>", "its name 'a b.png' is not accepted"),
    "hidden": ("e/.a.png", "its name '.a.png' is not accepted"),
    "missing": ("e/b.png", "there is no file 'e/b.png' beside the entry"),
    "svg": ("e/a.svg", "SVG is not accepted"),
}


@pytest.mark.parametrize(("src", "reason"), ODD_PATHS.values(), ids=ODD_PATHS.keys())
def test_odd_image_paths_are_refused_with_why(entry_folder: Path, src: str, reason: str) -> None:
    html, refused = image(src, entry_folder)
    assert "<img" not in html and "alt" in html
    assert len(refused) == 1, refused
    assert refused[0].startswith("image '") and f"' is not shown: {reason}" in refused[0]
    assert not any(char in refused[0] for char in "\x00\x1b")


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"<!doctype html><script>alert(1)</script>", "the file is not a PNG image (it holds HTML"),
        (b"<svg onload='alert(1)'/>", "the file is not a PNG image (it holds SVG"),
        (b"", "the file is empty, not a PNG image: export the picture again"),
        (b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", "the file is a GIF image, not a PNG one: rename"),
    ],
    ids=["html", "svg", "empty", "gif"],
)
def test_an_image_is_checked_by_its_bytes(entry_folder: Path, content: bytes, reason: str) -> None:
    (entry_folder / "fake.png").write_bytes(content)
    html, refused = image("e/fake.png", entry_folder)
    assert "<img" not in html
    assert len(refused) == 1, refused
    assert refused[0].startswith(f"image 'e/fake.png' is not shown: {reason}")


def test_linked_images_and_linked_folders_are_not_shown(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "a.png").write_bytes(PNG)
    showcase = tmp_path / "showcase"
    (showcase / "own").mkdir(parents=True)
    (showcase / "own" / "a.png").symlink_to(elsewhere / "a.png")
    (showcase / "linked").symlink_to(elsewhere, target_is_directory=True)
    links = "symbolic links are not accepted: put the image file itself in the folder"
    for folder in (showcase / "own", showcase / "linked"):
        html, refused = image(f"{folder.name}/a.png", folder)
        assert "<img" not in html
        assert refused == [f"image '{folder.name}/a.png' is not shown: {links}"]


def test_an_image_the_loader_reported_shows_its_alt_text_without_a_second_message(
    entry_folder: Path,
) -> None:
    (entry_folder / "fake.png").write_text("<html>", encoding="utf-8")
    for reported in ({"e/fake.png"}, {"e"}):
        html, refused = image("e/fake.png", entry_folder, reported=reported)
        assert (html, refused) == ("<p><span>alt</span></p>", [])
    html, refused = image("e/a.png", entry_folder, reported={"e/fake.png"})
    assert "<img" in html and refused == []
