"""Build tests of the community showcase: cards, order, cap, the share link, and safety."""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.build.conftest import BuildSite
from tests.sources import lesson, valid_tree

REPO = "repo_url: https://github.com/acme/course\nedit_uri: edit/trunk/docs/"
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)
SHOWCASE = "basics/first/showcase"


def entry(title: str, date: str, body: str = "An entry.\n", extra: str = "") -> str:
    return (
        f"---\ntitle: {title}\nname: Ada Contributor\ngithub: ada-dev\ndate: {date}\n"
        f"{extra}---\n\n{body}"
    )


def showcase_tree(
    entries: dict[str, str], prompt: str = "showcase: Share your roles.\n"
) -> dict[str, str | bytes]:
    tree: dict[str, str | bytes] = dict(valid_tree())
    tree["basics/first/index.md"] = lesson("First", prompt, "Lesson text.\n")
    for name, text in entries.items():
        tree[f"{SHOWCASE}/{name}"] = text
    return tree


def test_cards_newest_first_capped_with_a_page_of_all(build_site: BuildSite) -> None:
    entries = {
        f"entry-{n}.md": entry(f"Entry {n}", f"2026-0{n}-01", extra="tags: [EC2, S3]\n")
        for n in range(1, 6)
    }
    entries["entry-3.md"] = entry(
        "Entry 3", "2026-03-01", 'With **code**:\n\n```json\n{"Version": "2012-10-17"}\n```\n'
    )
    built = build_site(showcase_tree(entries), extra=REPO)
    assert built.returncode == 0, built.log
    page = built.html("lessons/basics/first/index.html")
    section = page.select_one("section.lessons-showcase")
    assert section.select_one("h2").get_text() == "Community showcase"
    assert section.select_one(".lessons-showcase__prompt").get_text() == "Share your roles."
    cards = section.select("article.lessons-showcase-card")
    assert [c.select_one("h3").get_text() for c in cards] == ["Entry 5", "Entry 4", "Entry 3"]
    assert [c.select_one("time")["datetime"] for c in cards] == [
        "2026-05-01",
        "2026-04-01",
        "2026-03-01",
    ]
    profile = cards[0].select_one(".lessons-showcase-card__meta a")
    assert profile["href"] == "https://github.com/ada-dev"
    assert profile["rel"] == ["nofollow", "ugc", "noopener"]
    assert [t.get_text() for t in cards[0].select(".lessons-tag")] == ["EC2", "S3"]
    code = cards[2].select_one(".highlight pre code")
    assert code is not None and "2012-10-17" in code.get_text()
    more = section.select_one(".lessons-showcase__actions a[href='showcase/']")
    assert more.get_text() == "See all 5 entries"
    # After the lesson's own content, and not indexed by search.
    body = page.select_one(".lessons-lesson-body")
    assert body.find_next("section", class_="lessons-showcase") is section
    docs = json.loads((built.site / "search" / "search_index.json").read_text())["docs"]
    assert not any("Entry 5" in doc["text"] or doc["title"] == "Entry 5" for doc in docs)
    every = built.html("lessons/basics/first/showcase/index.html")
    assert every.select_one("h1").get_text() == "Community showcase: First"
    assert [h.get_text() for h in every.select("article h2")] == [
        f"Entry {n}" for n in (5, 4, 3, 2, 1)
    ]
    assert every.select_one(".lessons-eyebrow a")["href"] == "../"


def test_share_link_opens_githubs_new_file_page_in_the_lessons_folder(
    build_site: BuildSite,
) -> None:
    built = build_site(showcase_tree({"one.md": entry("One", "2026-01-01")}), extra=REPO)
    assert built.returncode == 0, built.log
    page = built.html("lessons/basics/first/index.html")
    share = page.select_one("a.lessons-showcase__share")
    url = urlsplit(str(share["href"]))
    assert (url.scheme, url.netloc) == ("https", "github.com")
    assert url.path == "/acme/course/new/trunk/lessons/basics/first/showcase"
    query = parse_qs(url.query)
    assert query["filename"] == ["your-entry-name.md"]
    template = query["value"][0]
    assert template.startswith("---\ntitle: ") and "\ngithub: " in template
    assert "```" in template and "IAM" not in template, "the generic template, for no subject"
    assert page.select_one("a[href='showcase/']") is None, "no page of all with one entry"


def test_share_link_carries_the_lessons_own_template(build_site: BuildSite) -> None:
    tree = showcase_tree({"one.md": entry("One", "2026-01-01")})
    tree[f"{SHOWCASE}/_template.md"] = "---\ntitle: My trust policy\n---\n\nPaste your policy.\n"
    built = build_site(tree, extra=REPO)
    assert built.returncode == 0, built.log
    share = built.html("lessons/basics/first/index.html").select_one("a.lessons-showcase__share")
    template = parse_qs(urlsplit(str(share["href"])).query)["value"][0]
    assert template == "---\ntitle: My trust policy\n---\n\nPaste your policy.\n"
    assert not built.exists("lessons/basics/first/showcase/_template/index.html")


@pytest.mark.parametrize(
    "extra", ["", "repo_url: https://gitlab.com/acme/course"], ids=["no-repo", "not-github"]
)
def test_no_share_link_without_a_github_repository(build_site: BuildSite, extra: str) -> None:
    built = build_site(showcase_tree({"one.md": entry("One", "2026-01-01")}), extra=extra)
    assert built.returncode == 0, built.log
    page = built.html("lessons/basics/first/index.html")
    assert page.select_one("section.lessons-showcase article") is not None
    assert page.select_one("a.lessons-showcase__share") is None


def test_images_only_from_the_entrys_own_folder(build_site: BuildSite) -> None:
    tree = showcase_tree(
        {
            f"e{n}.md": entry(f"E{n}", f"2026-01-0{9 - n}", "![diagram](e1/diagram.png)\n")
            for n in range(1, 5)
        }
    )
    tree[f"{SHOWCASE}/e1/diagram.png"] = PNG
    tree[f"{SHOWCASE}/e1/page.html"] = "<script>alert(1)</script>"
    built = build_site(tree, extra=REPO, strict=False)
    page = built.html("lessons/basics/first/index.html")
    images = page.select(".lessons-showcase-card__body img")
    assert [img["src"] for img in images] == ["showcase/e1/diagram.png"]
    assert built.exists("lessons/basics/first/showcase/e1/diagram.png")
    assert not built.exists("lessons/basics/first/showcase/e1/page.html"), "never published"
    assert not list(built.site.rglob("*.md")), "entry sources are not published"
    every = built.html("lessons/basics/first/showcase/index.html")
    srcs = [img["src"] for img in every.select(".lessons-showcase-card__body img")]
    assert srcs == ["../showcase/e1/diagram.png"]
    # e2..e4 point at e1's folder: not theirs, so their images are refused at their lines.
    for name in ("e2", "e3", "e4"):
        assert (
            f"lessons/basics/first/showcase/{name}.md:8: image 'e1/diagram.png' is not shown: "
            "an entry shows only images of its own folder" in built.log
        )
    assert "showcase/e1/page.html:1: a showcase folder holds entries" in built.log


HOSTILE = """\
<script>alert(1)</script>

<img src=x onerror=alert(2)>

[a](javascript:alert(3)) [b](JaVaScRiPt:alert(4)) [c](&#106;avascript:alert(5))
[d](java%0ascript:alert(6)) [e](data:text/html,<script>alert(7)</script>)

<!-- --><script>alert(8)</script> -->

*<b onmouseover=alert(9)>bold</b>*

[ref][1]

[1]: javascript:alert(10)

<a href="javascript:alert(11)">raw</a>

![x](https://evil.example/x.png) ![y](../../../secret.png) ![z](hostile/x.svg)

```html
</code></pre><script>alert(12)</script>
```
"""


def test_hostile_entries_are_neutralised(build_site: BuildSite) -> None:
    tree = showcase_tree(
        {"hostile.md": entry("<script>alert(0)</script> title", "2026-01-01", HOSTILE)}
    )
    tree[f"{SHOWCASE}/hostile/x.svg"] = (
        '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'
    )
    built = build_site(tree, extra=REPO, strict=False)
    assert built.returncode == 0, built.log
    page = built.html("lessons/basics/first/index.html")
    card = page.select_one("article.lessons-showcase-card")
    assert card.select("script") == [] and card.select("img") == []
    for element in card.find_all(True):
        assert not [name for name in element.attrs if name.lower().startswith("on")], element
    for link in card.select("a[href]"):
        href = re.sub(r"\s", "", str(link["href"])).lower()
        assert href.startswith(("https:", "http:", "mailto:", "#")), href
        assert link["rel"] == ["nofollow", "ugc", "noopener"]
    text = card.get_text()
    assert "<script>alert(1)</script>" in text, "shown as text"
    assert "<script>alert(0)</script> title" in card.select_one("h3").get_text()
    assert "</code></pre><script>alert(12)</script>" in card.select_one("pre code").get_text()
    assert not built.exists("lessons/basics/first/showcase/hostile/x.svg")


def test_hostile_entries_fail_strict_with_what_to_change(build_site: BuildSite) -> None:
    built = build_site(showcase_tree({"hostile.md": entry("T", "2026-01-01", HOSTILE)}))
    assert built.returncode != 0
    log = built.log
    where = "lessons/basics/first/showcase/hostile.md"
    assert f"{where}:8: HTML is shown as text, not run" in log
    assert f"{where}:12: link target 'javascript:alert(3)' is not allowed" in log
    assert f"{where}:13: link target 'java%0ascript:alert(6)' is not allowed" in log
    assert f"{where}:21: link target 'javascript:alert(10)' is not allowed" in log
    assert (
        f"{where}:25: image 'https://evil.example/x.png' is not shown: images cannot come "
        "from other addresses" in log
    )
    assert "Traceback" not in log


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    # The entry is left out, except with an unknown key: everything it needs is there.
    [
        pytest.param(
            "no-name.md",
            "---\ntitle: T\ngithub: ada\ndate: 2026-01-01\n---\n\nText.\n",
            "no-name.md:2: missing required key 'name' in the showcase entry",
            id="missing-field",
        ),
        pytest.param(
            "extra.md",
            entry("T", "2026-01-01", extra="twitter: ada\n"),
            "extra.md:6: unknown key 'twitter' in the showcase entry",
            id="unknown-key",
        ),
        pytest.param(
            "handle.md",
            entry("T", "2026-01-01").replace("github: ada-dev", "github: https://github.com/ada"),
            "handle.md:4: 'github' in the showcase entry must be a GitHub user name",
            id="bad-handle",
        ),
        pytest.param(
            "handle2.md",
            entry("T", "2026-01-01").replace("github: ada-dev", "github: -ada--"),
            "handle2.md:4: 'github' in the showcase entry must be a GitHub user name",
            id="bad-handle-hyphens",
        ),
        pytest.param(
            "date.md",
            entry("T", "March 2026"),
            "date.md:5: 'date' in the showcase entry must be a date written YYYY-MM-DD",
            id="bad-date",
        ),
        pytest.param(
            "big.md",
            entry("T", "2026-01-01", "x" * 21_000 + "\n"),
            "big.md:1: the entry is 21,",
            id="too-large",
        ),
        pytest.param(
            "Bad_Name.md",
            entry("T", "2026-01-01"),
            "Bad_Name.md:1: the file name 'Bad_Name.md' must be lower-case",
            id="bad-file-name",
        ),
        pytest.param(
            "empty.md",
            entry("T", "2026-01-01", ""),
            "empty.md:7: the entry has no text",
            id="no-body",
        ),
        pytest.param(
            "nofm.md",
            "Just text.\n",
            "nofm.md:1: the entry has no front matter",
            id="no-front-matter",
        ),
    ],
)
def test_invalid_entries_fail_strict_at_their_line(
    build_site: BuildSite, name: str, text: str, expected: str
) -> None:
    built = build_site(showcase_tree({"good.md": entry("Good", "2026-01-01"), name: text}))
    assert built.returncode != 0
    assert f"lessons/{SHOWCASE}/{expected}" in built.log, built.log
    assert "Traceback" not in built.log
    page = built.html("lessons/basics/first/index.html")
    titles = [h.get_text() for h in page.select(".lessons-showcase-card__title")]
    assert titles == (["Good", "T"] if name == "extra.md" else ["Good"])


def test_entries_for_a_missing_lesson_or_one_without_a_prompt(build_site: BuildSite) -> None:
    tree = showcase_tree({"good.md": entry("Good", "2026-01-01")}, prompt="")
    tree["basics/frist/showcase/lost.md"] = entry("Lost", "2026-01-01")
    built = build_site(tree)
    assert built.returncode != 0
    assert (
        "lessons/basics/frist/showcase/lost.md:1: this showcase entry is for a lesson 'frist' "
        "that does not exist in basics/ (did you mean 'first'?)" in built.log
    )
    assert (
        "lessons/basics/first/showcase/good.md:1: lesson 'first' does not ask for showcase "
        "entries" in built.log
    )


def test_every_code_block_has_its_own_id_for_materials_copy_button(build_site: BuildSite) -> None:
    two_blocks = "One:\n\n```json\n{}\n```\n\nTwo:\n\n```json\n[]\n```\n"
    tree = showcase_tree({"two.md": entry("Two blocks", "2026-01-01", two_blocks)})
    tree["basics/first/index.md"] = lesson(
        "First", "showcase: Share.\n", "/// concept | A\n///\n\n" + two_blocks
    )
    built = build_site(tree)
    assert built.returncode == 0, built.log
    page = built.html("lessons/basics/first/index.html")
    blocks = page.select(".lessons-concept .highlight, .lessons-showcase-card .highlight")
    ids = [block.get("id") for block in blocks]
    assert len(ids) == 4 and len(set(ids)) == 4 and None not in ids, ids


def test_entries_cannot_give_code_blocks_attributes_and_autolinks_work(
    build_site: BuildSite,
) -> None:
    body = (
        "See <https://example.com/guide> or write to <me@example.org>.\n\n"
        "``` { .md-dialog #lessons-showcase-title data-x=1 }\n{}\n```\n"
    )
    built = build_site(showcase_tree({"attrs.md": entry("Attrs", "2026-01-01", body)}))
    assert built.returncode == 0, built.log
    card = built.html("lessons/basics/first/index.html").select_one("#showcase-attrs")
    block = card.select_one(".highlight")
    assert block["id"].startswith("lessons-showcase-code-"), "only the plugin's own id"
    assert not [c for c in block.get("class") or [] if c.startswith("md-")]
    assert not [name for name in block.attrs if name.startswith("data-")]
    links = card.select(".lessons-showcase-card__body a[href]")
    assert [a.get_text() for a in links] == ["https://example.com/guide", "me@example.org"]
    assert all(a["rel"] == ["nofollow", "ugc", "noopener"] for a in links)


def test_fences_in_quotes_and_lists_cannot_set_attributes_either(build_site: BuildSite) -> None:
    body = (
        '> ```{.json .md-dialog .md-dialog--active #__search}\n> {"a": 1}\n> ```\n\n'
        "1. a\n\n    > ```{.md-typeset #lessons-showcase-title data-x=1}\n    > x\n    > ```\n"
    )
    built = build_site(showcase_tree({"quoted.md": entry("Quoted", "2026-01-01", body)}))
    assert built.returncode == 0, built.log
    page = built.html("lessons/basics/first/index.html")
    card = page.select_one("#showcase-quoted")
    for element in card.select(".lessons-showcase-card__body *"):
        classes = element.get("class") or []
        assert not [c for c in classes if c.startswith(("md-", "lessons-"))], element
        assert not [a for a in element.attrs if a.startswith("data-")], element
        assert element.get("id") in (None,) or str(element["id"]).startswith("lessons-"), element
    assert page.select("#__search.md-dialog") == []
    assert len(page.select("#lessons-showcase-title")) == 1


LINK = "this is a symbolic link, which a showcase folder never follows"


def test_symbolic_links_in_a_showcase_are_refused_once_each_and_never_published(
    build_site: BuildSite, tmp_path: Path
) -> None:
    # A link named like a picture would publish what it points at: a file of the build
    # machine, or .git/config with the token CI checked out with. A linked entry would put a
    # file of the machine in a card.
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("token=abc\n", encoding="utf-8")
    (outside / "cfg.png").write_bytes(PNG)
    (outside / "entry.md").write_text(entry("token=abc", "2026-01-01"), encoding="utf-8")
    folder = tmp_path / "project" / "lessons" / SHOWCASE

    def plant() -> None:
        (folder / "link" / "cfg.png").symlink_to(outside / "secret.txt")
        (folder / "link" / "inside.png").symlink_to(folder / "link" / "real.png")
        (folder / "folder").symlink_to(outside, target_is_directory=True)
        (folder / "linked.md").symlink_to(outside / "entry.md")
        (folder / "twin.md").symlink_to(folder / "link.md")

    tree = showcase_tree(
        {
            "link.md": entry("Link", "2026-01-02", "![cfg](link/cfg.png) ![in](link/inside.png)\n"),
            "folder.md": entry("Folder", "2026-01-01", "![cfg](folder/cfg.png)\n"),
        }
    )
    tree[f"{SHOWCASE}/link/real.png"] = PNG
    built = build_site(tree, strict=False, before=plant)
    assert built.returncode == 0, built.log
    warnings = [line for line in built.log.splitlines() if "mkdocs_lessons:" in line]
    where = f"lessons/{SHOWCASE}"
    assert sorted(line.split(" - ", 1)[1].strip() for line in warnings) == [
        f"mkdocs_lessons: {where}/{name}:1: {LINK} (it would publish what it points at): put "
        "the file or folder itself here instead"
        for name in ("folder", "link/cfg.png", "link/inside.png", "linked.md", "twin.md")
    ]
    page = built.html("lessons/basics/first/index.html")
    titles = [h.get_text() for h in page.select(".lessons-showcase-card__title")]
    assert titles == ["Link", "Folder"]
    assert page.select(".lessons-showcase-card__body img") == []
    published = [p for p in built.site.rglob("*") if "showcase" in p.as_posix()]
    assert [p.relative_to(built.site).as_posix() for p in published] == [], published
    assert not any(b"token=abc" in p.read_bytes() for p in built.site.rglob("*") if p.is_file())


def test_images_are_checked_by_their_bytes_shown_or_not(build_site: BuildSite) -> None:
    body = "![ok](pics/ok.png) ![fake](pics/fake.png) ![named](pics/photo.jpg)\n"
    tree = showcase_tree({"pics.md": entry("Pics", "2026-01-01", body)})
    tree[f"{SHOWCASE}/pics/ok.png"] = PNG
    tree[f"{SHOWCASE}/pics/fake.png"] = "<html><script>alert(1)</script></html>\n"
    tree[f"{SHOWCASE}/pics/photo.jpg"] = PNG
    tree[f"{SHOWCASE}/pics/stray.png"] = '<svg xmlns="http://www.w3.org/2000/svg" onload="x"/>'
    tree[f"{SHOWCASE}/pics/empty.webp"] = b""
    built = build_site(tree)
    assert built.returncode != 0
    where = f"lessons/{SHOWCASE}/pics"
    expected = {
        "fake.png": "the file is not a PNG image (it holds HTML or XML): export the picture as a "
        "real .png, .jpg, .gif or .webp file",
        "photo.jpg": "the file is a PNG image, not a JPEG one: rename it to photo.png",
        "stray.png": "the file is not a PNG image (it holds SVG, which can run scripts)",
        "empty.webp": "the file is empty, not a WebP image: export the picture again",
    }
    for name, problem in expected.items():
        assert f"{where}/{name}:1: this image is not published: {problem}" in built.log
    warnings = [line for line in built.log.splitlines() if "mkdocs_lessons:" in line]
    assert len(warnings) == len(expected), warnings
    page = built.html("lessons/basics/first/index.html")
    images = page.select(".lessons-showcase-card__body img")
    assert [img["src"] for img in images] == ["showcase/pics/ok.png"]
    assert built.exists("lessons/basics/first/showcase/pics/ok.png")
    for name in expected:
        assert not built.exists(f"lessons/basics/first/showcase/pics/{name}"), name


def test_headings_in_entries_sit_below_the_cards_titles(build_site: BuildSite) -> None:
    body = "# Big\n\nText.\n\n## Smaller\n\n###### Smallest\n"
    tree = showcase_tree({f"h{n}.md": entry(f"H{n}", f"2026-01-0{n}", body) for n in range(1, 5)})
    built = build_site(tree)
    assert built.returncode == 0, built.log

    def outline(path: str) -> list[str]:
        page = built.html(path).select_one("article.md-content__inner")
        return [h.name for h in page.find_all(re.compile(r"^h[1-6]$"))]

    # Under the lesson: section h2, card titles h3, the entries' headings from h4.
    lesson_outline = outline("lessons/basics/first/index.html")
    assert lesson_outline.count("h1") == 1
    assert lesson_outline[lesson_outline.index("h2") :] == ["h2"] + ["h3", "h4", "h5", "h6"] * 3
    # The page of all entries: h1, card titles h2, the entries' headings from h3.
    assert (
        outline("lessons/basics/first/showcase/index.html")
        == ["h1"]
        + [
            "h2",
            "h3",
            "h4",
            "h6",
        ]
        * 4
    )


def test_a_file_name_with_a_line_break_is_reported_escaped_and_not_shown(
    build_site: BuildSite,
) -> None:
    # "name\n" passed a check written with re.match and "$"; and a line of the build log that
    # starts with "::" is a command to GitHub Actions.
    tree = showcase_tree(
        {
            "good.md": entry("Good", "2026-01-01"),
            "name\n.md": entry("Name", "2026-01-02"),
            "x\n::error::pwned.md": entry("X", "2026-01-03"),
        }
    )
    built = build_site(tree)
    assert built.returncode != 0
    for shown in ("name\\n.md", "x\\n::error::pwned.md"):
        assert (
            f"lessons/{SHOWCASE}:1: the name '{shown}' holds a line break or another control "
            "character, and is not read" in built.log
        )
    assert not [line for line in built.log.splitlines() if line.startswith("::")]
    page = built.html("lessons/basics/first/index.html")
    assert [h.get_text() for h in page.select(".lessons-showcase-card__title")] == ["Good"]


def test_share_link_branch_from_the_option(build_site: BuildSite) -> None:
    tree = showcase_tree({"one.md": entry("One", "2026-01-01")})
    plugins = "  - search\n  - lessons:\n      showcase_branch: trunk"
    built = build_site(tree, plugins=plugins, extra="repo_url: https://github.com/acme/course")
    assert built.returncode == 0, built.log
    share = built.html("lessons/basics/first/index.html").select_one("a.lessons-showcase__share")
    assert (
        urlsplit(str(share["href"])).path == "/acme/course/new/trunk/lessons/basics/first/showcase"
    )
