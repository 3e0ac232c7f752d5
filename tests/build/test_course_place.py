"""Where the reader is (issue 14, point 5), in the built HTML: "Course · Lesson n of N" before
the tags, the course page's Continue link and data, the site's progress map, and the course
kept open in the navigation on showcase and author pages."""

from __future__ import annotations

import copy
import hashlib
import json
import posixpath
from pathlib import Path, PurePosixPath

import pytest
from bs4 import BeautifulSoup, Tag

from mkdocs_lessons.catalog.render import render_lesson
from mkdocs_lessons.core.assets import build_bundles
from tests.build.conftest import BuildSite, Built
from tests.sources import lesson, valid_tree
from tests.unit.test_render import context

CHECKS = """\

/// concept | Basics
///

/// question | Which one expires?

- [ ] An access key
- [x] A role session
///

/// concept | More
///

/// question | Name it.
    answer: STS
///
"""

EXTRA_COURSE = "title: Extra\nlessons:\n  - third\n"
THIRD = """\
---
title: Third
summary: A lesson by two.
authors: [ada, grace]
---

Text.
"""


def entry(n: int) -> str:
    front = f"title: Entry {n}\nname: Ada Contributor\ngithub: ada-dev\ndate: 2026-01-0{n}\n"
    return f"---\n{front}---\n\nText.\n"


def tree() -> dict[str, str]:
    files = valid_tree()
    files["basics/first/index.md"] = lesson("First", "showcase: Share yours.\n", CHECKS)
    files["basics/second/index.md"] = lesson("Second", "tags: [IAM, STS]\n")
    for n in range(1, 5):  # more than the section shows: the lesson gets a showcase page
        files[f"basics/first/showcase/entry-{n}.md"] = entry(n)
    files["extra/course.yml"] = EXTRA_COURSE
    files["extra/third/index.md"] = THIRD
    return files


def active_sections(page: BeautifulSoup) -> list[str]:
    """The titles of the sections Material's navigation shows open (active) on the page."""
    nav = page.select_one("nav.md-nav--primary")
    assert nav is not None
    titles = []
    for item in nav.select("li.md-nav__item--nested.md-nav__item--active"):
        toggle = item.find("input", class_="md-nav__toggle", recursive=False)
        assert isinstance(toggle, Tag) and toggle.has_attr("checked"), item.get_text()[:40]
        label = item.find(class_="md-nav__link")
        assert isinstance(label, Tag)
        titles.append(" ".join(label.get_text().split()))
    return titles


def place(built: Built, path: str) -> Tag:
    found = built.html(path).select_one(".lessons-lesson-header .lessons-lesson-place")
    assert found is not None, path
    return found


def test_the_lesson_says_its_course_and_place_before_its_tags(build_site: BuildSite) -> None:
    # Material's tags plugin on: its tags would come first, above the content.
    built = build_site(tree(), plugins="  - search\n  - tags\n  - lessons")
    assert built.returncode == 0, built.log
    page = built.html("lessons/basics/second/index.html")
    line = place(built, "lessons/basics/second/index.html")
    assert " ".join(line.get_text().split()) == "Basics · Lesson 2 of 2"
    link = line.find("a")
    assert isinstance(link, Tag) and link["href"] == "../" and link.get_text() == "Basics"
    assert link is line.contents[0], "the course link comes first"
    material_tags = page.select_one("nav.md-tags")
    assert material_tags is None or material_tags.has_attr("hidden")
    tags = page.select_one(".lessons-lesson-header .lessons-meta__item--tags")
    assert tags is not None and [t.get_text() for t in tags.select(".lessons-tag")] == [
        "IAM",
        "STS",
    ]
    assert line in tags.find_all_previous("p"), "the course line comes before the tags"
    assert " ".join(place(built, "lessons/extra/third/index.html").get_text().split()) == (
        "Extra · Lesson 1 of 1"
    )


def test_without_materials_tags_plugin_the_tags_follow_the_course_line(
    build_site: BuildSite,
) -> None:
    built = build_site(tree())
    assert built.returncode == 0, built.log
    page = built.html("lessons/basics/second/index.html")
    assert page.select_one("nav.md-tags") is None
    tags = page.select(".lessons-meta__item--tags")
    assert len(tags) == 1, "the tags are shown once"
    assert place(built, "lessons/basics/second/index.html") in tags[0].find_all_previous("p")


def test_the_course_page_links_the_first_lesson_and_carries_each_lessons_concepts(
    build_site: BuildSite,
) -> None:
    built = build_site(tree())
    assert built.returncode == 0, built.log
    course = built.html("lessons/basics/index.html")
    link = course.select_one(".lessons-course .lessons-continue a.lessons-continue__link")
    assert link is not None and link["href"] == "first/"
    assert link.get_text() == "Start the course", "without JavaScript no progress is claimed"
    cards = course.select(".lessons-card[data-lessons-concepts]")
    assert [card["data-lessons-lesson"] for card in cards] == ["basics/first"]
    assert json.loads(str(cards[0]["data-lessons-concepts"])) == [
        {"id": "basics", "title": "Basics", "requires": [], "questions": ["which-one-expires"]},
        {"id": "more", "title": "More", "requires": ["basics"], "questions": ["name-it"]},
    ]
    assert cards[0].select_one(".lessons-card__title a")["href"] == "first/"


def test_one_progress_map_for_the_site_named_after_its_content(build_site: BuildSite) -> None:
    built = build_site(tree())
    assert built.returncode == 0, built.log
    pages = [
        "lessons/basics/index.html",
        "lessons/basics/first/index.html",
        "lessons/basics/second/index.html",
        "lessons/authors/ada/index.html",
    ]
    addresses = set()
    for path in pages:
        holder = built.html(path).select_one("[data-lessons-progress-map]")
        assert holder is not None, path
        relative = str(holder["data-lessons-progress-map"])
        addresses.add(posixpath.normpath(posixpath.join(posixpath.dirname(path), relative)))
    assert len(addresses) == 1, addresses
    (address,) = addresses
    name = posixpath.basename(address)
    content = (built.site / address).read_bytes()
    assert name == f"progress.{hashlib.sha256(content).hexdigest()[:8]}.json"
    # Only lessons with concepts, and no titles: what marking the navigation needs, with each
    # lesson's URL relative to the map (the script does not rebuild it).
    assert json.loads(content) == {
        "basics/first": {
            "u": "basics/first/",
            "c": [
                {"id": "basics", "requires": [], "questions": ["which-one-expires"]},
                {"id": "more", "requires": ["basics"], "questions": ["name-it"]},
            ],
        }
    }
    # The map is one file, not in any page: a page carries only its address.
    lesson_html = (built.site / "lessons/basics/second/index.html").read_text(encoding="utf-8")
    assert "which-one-expires" not in lesson_html


def test_showcase_and_author_pages_keep_their_course_open_in_the_navigation(
    build_site: BuildSite,
) -> None:
    built = build_site(tree(), extra="repo_url: https://github.com/acme/course\n")
    assert built.returncode == 0, built.log
    assert active_sections(built.html("lessons/basics/first/index.html")) == ["Lessons", "Basics"]
    showcase = built.html("lessons/basics/first/showcase/index.html")
    assert active_sections(showcase) == ["Lessons", "Basics"]
    # Grace wrote only in Extra; Ada in both courses: the lessons section is open, no course.
    assert active_sections(built.html("lessons/authors/grace/index.html")) == ["Lessons", "Extra"]
    assert active_sections(built.html("lessons/authors/ada/index.html")) == ["Lessons"]
    # Still not listed in the navigation themselves.
    nav = showcase.select_one("nav.md-nav--primary")
    assert nav is not None and not nav.select("a[href$='showcase/']")


def progress_map_of(built: Built, page: str) -> dict[str, dict[str, object]]:
    holder = built.html(page).select_one("[data-lessons-progress-map]")
    assert holder is not None, page
    address = posixpath.join(posixpath.dirname(page), str(holder["data-lessons-progress-map"]))
    loaded: dict[str, dict[str, object]] = json.loads((built.site / address).read_bytes())
    return loaded


def test_the_maps_lesson_urls_follow_the_sites_url_style(build_site: BuildSite) -> None:
    built = build_site(tree(), extra="use_directory_urls: false\n")
    assert built.returncode == 0, built.log
    url = progress_map_of(built, "lessons/basics/index.html")["basics/first"]["u"]
    assert url == "basics/first/index.html"
    assert built.exists(posixpath.join("lessons", str(url)))


def test_no_progress_map_when_no_lesson_has_concepts(build_site: BuildSite) -> None:
    built = build_site(valid_tree())
    assert built.returncode == 0, built.log
    assert list(built.site.rglob("progress.*.json")) == []
    for holder in built.html("lessons/index.html").select("[data-lessons-progress-map]"):
        assert holder["data-lessons-progress-map"] == "", "an address of nothing"


def test_nothing_is_read_from_or_written_to_the_shared_temporary_folder(
    build_site: BuildSite, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another user of the machine can make the folder a build once shared, or leave files in
    it under the names the build used: neither reaches the site, nor stops the build."""
    shared = tmp_path / "tmp"
    planted = shared / "mkdocs-lessons-assets"
    planted.mkdir(parents=True)
    bundles = build_bundles()
    names = [PurePosixPath(asset.uri).name for asset in (bundles.script, bundles.stylesheet)]
    for name in names:
        (planted / name).write_text("/* planted */", encoding="utf-8")
    planted.chmod(0o555)  # not ours to write into
    monkeypatch.setenv("TMPDIR", str(shared))
    try:
        built = build_site(tree())
    finally:
        planted.chmod(0o755)
    assert built.returncode == 0, built.log
    assert "Traceback" not in built.log
    for asset in (bundles.script, bundles.stylesheet):
        published = (built.site / asset.uri).read_text(encoding="utf-8")
        assert published == asset.content, asset.uri
    assert sorted(path.name for path in planted.iterdir()) == sorted(names), "nothing added"
    assert [path.name for path in shared.iterdir()] == ["mkdocs-lessons-assets"], "cleaned up"


def test_the_lessons_place_is_found_by_identity_not_by_equal_fields(tmp_path: Path) -> None:
    """A lesson equal field by field to an earlier one (a copy) is still the one it is."""
    ctx = context(tmp_path, "lessons/basics/second/")
    second = ctx.catalog.lessons["second"]
    course = ctx.catalog.course_of(second)
    course.lessons[0] = copy.copy(second)
    html = BeautifulSoup(render_lesson(second, "", ctx), "html.parser")
    found = html.select_one(".lessons-lesson-place")
    assert found is not None
    assert found.get_text().endswith(f"Lesson 2 of {len(course.lessons)}"), found.get_text()
