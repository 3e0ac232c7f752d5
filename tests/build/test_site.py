"""Build tests: the pages, links, navigation and metadata the plugin publishes."""

from __future__ import annotations

import json
import sys

import pytest
from bs4 import BeautifulSoup

from tests.build.conftest import BuildSite
from tests.sources import AUTHORS, lesson, valid_tree


def test_generates_index_course_lesson_and_author_pages(build_site: BuildSite) -> None:
    built = build_site()
    assert built.returncode == 0, built.log
    for page in (
        "lessons/index.html",
        "lessons/basics/index.html",
        "lessons/basics/first/index.html",
        "lessons/basics/second/index.html",
        "lessons/authors/ada/index.html",
        "lessons/authors/grace/index.html",
    ):
        assert built.exists(page), page
    assert not (built.root / "docs" / "lessons").exists(), "sources must not be copied to docs/"


def test_lesson_page_header_body_and_pager(build_site: BuildSite) -> None:
    tree = valid_tree()
    tree["basics/first/index.md"] = lesson(
        "First", "level: beginner\nduration: 10\ntags: [AWS, IAM]\n", "## Part one\n\nHello.\n"
    )
    built = build_site(tree)
    assert built.returncode == 0, built.log
    page = built.html("lessons/basics/first/index.html")
    root = page.select_one(".lessons-lesson")
    assert root is not None
    assert [h.get_text() for h in page.select("h1")] == ["First"], "exactly one h1"
    assert root.select_one(".lessons-summary").get_text() == "A lesson about First."
    meta = root.select_one(".lessons-meta").get_text(" ", strip=True)
    assert "Level: Beginner" in meta and "Duration: 10 min" in meta
    assert [t.get_text() for t in root.select(".lessons-tag")] == ["AWS", "IAM"]
    card = root.select_one(".lessons-author-card")
    assert card.select_one(".lessons-author-card__name").get_text() == "Ada Lovelace"
    assert card.select_one(".lessons-author-card__name")["href"] == "../../authors/ada/"
    assert card.select_one(".lessons-author-card__role").get_text() == "Cloud Instructor"
    assert card.select_one(".lessons-avatar--initials").get_text() == "AL"
    assert root.select_one(".lessons-lesson-body h2#part-one") is not None
    pager = root.select_one("nav.lessons-pager")
    assert pager.select_one("a[rel=prev]") is None
    assert pager.select_one("a[rel=next]")["href"] == "../second/"
    assert "Second" in pager.select_one("a[rel=next]").get_text()
    strings = json.loads(str(root["data-lessons-strings"]))
    assert strings["step_of"] == "Step {n} of {total}"
    description = page.select_one('meta[name="description"]')["content"]
    assert description == "A lesson about First."
    assert page.select_one("title").get_text().startswith("First")


def test_second_lesson_links_back_and_to_prerequisite(build_site: BuildSite) -> None:
    built = build_site()
    page = built.html("lessons/basics/second/index.html")
    assert page.select_one("nav.lessons-pager a[rel=prev]")["href"] == "../first/"
    prerequisite = page.select_one(".lessons-prerequisites a")
    assert (prerequisite["href"], prerequisite.get_text()) == ("../first/", "First")


def test_course_page_lists_lessons_in_order(build_site: BuildSite) -> None:
    tree = valid_tree()
    tree["basics/course.yml"] = "title: Basics\nsummary: The summary.\nlessons: [second, first]\n"
    tree["basics/second/index.md"] = lesson("Second", "duration: 5\n")
    built = build_site(tree)
    assert built.returncode == 0, built.log
    page = built.html("lessons/basics/index.html")
    course = page.select_one(".lessons-course")
    assert course.select_one("h1").get_text() == "Basics"
    assert course.select_one(".lessons-summary").get_text() == "The summary."
    titles = [a.get_text() for a in course.select(".lessons-card__title a")]
    assert titles == ["Second", "First"]
    first_card = course.select(".lessons-card")[0]
    assert "5 min" in first_card.get_text() and "By Ada Lovelace" in first_card.get_text()
    assert "2 lessons · 15 min" in course.select_one(".lessons-facts").get_text()
    assert page.select_one('meta[name="description"]')["content"] == "The summary."


def test_index_lists_courses_by_position(build_site: BuildSite) -> None:
    tree = valid_tree()
    tree["zeta/course.yml"] = "title: Alpha course\nposition: 1\nlessons: [z1]\n"
    tree["zeta/z1/index.md"] = lesson("Z one")
    built = build_site(tree)
    assert built.returncode == 0, built.log
    index = built.html("lessons/index.html").select_one(".lessons-index")
    assert [a.get_text() for a in index.select(".lessons-card__title a")] == [
        "Alpha course",
        "Basics",
    ]
    assert index.select_one(".lessons-card__title a")["href"] == "zeta/"


def test_author_page(build_site: BuildSite) -> None:
    tree = valid_tree()
    tree[".authors.yml"] = AUTHORS.replace(
        "description: Cloud Instructor",
        "description: Cloud Instructor\n    avatar: img/ada.svg\n    url: https://example.org/ada",
    )
    tree["img/ada.svg"] = "<svg xmlns='http://www.w3.org/2000/svg'/>"
    built = build_site(tree)
    assert built.returncode == 0, built.log
    page = built.html("lessons/authors/ada/index.html").select_one(".lessons-author-page")
    assert page.select_one("h1").get_text() == "Ada Lovelace"
    assert page.select_one("img.lessons-avatar")["src"] == "../../img/ada.svg"
    assert built.exists("lessons/img/ada.svg")
    assert [a.get_text() for a in page.select(".lessons-card__title a")] == ["First", "Second"]
    lesson_page = built.html("lessons/basics/first/index.html")
    assert lesson_page.select_one("img.lessons-avatar")["src"] == "../../img/ada.svg"


def test_lesson_files_are_published_beside_the_page(build_site: BuildSite) -> None:
    tree = valid_tree()
    tree["basics/first/index.md"] = lesson(
        "First", body="![A diagram](diagram.svg)\n\n[The code](code/config.json)\n"
    )
    tree["basics/first/diagram.svg"] = "<svg xmlns='http://www.w3.org/2000/svg'/>"
    tree["basics/first/code/config.json"] = "{}"
    built = build_site(tree)
    assert built.returncode == 0, built.log
    assert built.exists("lessons/basics/first/diagram.svg")
    assert built.exists("lessons/basics/first/code/config.json")
    body = built.html("lessons/basics/first/index.html").select_one(".lessons-lesson-body")
    assert body.select_one("img")["src"] == "diagram.svg"
    assert body.select_one("a")["href"] == "code/config.json"


def test_navigation_without_nav_groups_by_course(build_site: BuildSite) -> None:
    built = build_site(docs={"index.md": "# Home\n", "about.md": "# About\n"})
    assert built.returncode == 0, built.log
    nav = built.html("index.html").select_one("nav.md-nav--primary")
    labels = [
        " ".join(item.get_text(" ", strip=True).split()[:3])
        for item in nav.select(":scope > ul > li")
    ]
    assert labels[0].startswith("Home") and labels[1].startswith("About")
    assert labels[2].startswith("Lessons")
    # The course is a section (its page's entry says "Overview": no navigation.indexes here).
    entries = [link.get_text(strip=True) for link in nav.select(".md-nav__link")]
    assert entries.index("Basics") < entries.index("First") < entries.index("Second")


def test_navigation_with_nav_takes_the_place_of_the_index(build_site: BuildSite) -> None:
    built = build_site(
        docs={"index.md": "# Home\n", "about.md": "# About\n"},
        extra="nav:\n  - Home: index.md\n  - Lessons: lessons/index.md\n  - About: about.md\n",
    )
    assert built.returncode == 0, built.log
    nav = built.html("index.html").select_one("nav.md-nav--primary")
    tops = [li.get_text(" ", strip=True).split()[0] for li in nav.select(":scope > ul > li")]
    assert tops == ["Home", "Lessons", "About"]
    # Material's footer pager follows the nav order: lessons come before About.
    second = built.html("lessons/basics/second/index.html")
    assert second.select_one("a.md-footer__link--next")["href"].endswith("about/")


def test_without_directory_urls(build_site: BuildSite) -> None:
    built = build_site(extra="use_directory_urls: false\n")
    assert built.returncode == 0, built.log
    page = built.html("lessons/basics/first/index.html")
    assert page.select_one("nav.lessons-pager a[rel=next]")["href"] == "../second/index.html"
    assert page.select_one(".lessons-author-card__name")["href"] == "../../authors/ada.html"


def test_tags_work_with_materials_tags_plugin(build_site: BuildSite) -> None:
    tree = valid_tree()
    tree["basics/first/index.md"] = lesson("First", "tags: [Security]\n")
    built = build_site(
        tree,
        docs={"index.md": "# Home\n", "tags.md": "# Tags\n\n<!-- material/tags -->\n"},
        plugins="  - search\n  - tags\n  - lessons",
    )
    assert built.returncode == 0, built.log
    page = built.html("lessons/basics/first/index.html")
    # Our header shows them after "Course · Lesson n of N", each a link to Material's listing
    # of the tag, as Material's own row (hidden, not repeated) would link it.
    assert page.select_one(".md-tags").has_attr("hidden")
    tag = page.select_one(".lessons-lesson-header .lessons-meta__item--tags .lessons-tag")
    assert tag is not None and tag.get_text() == "Security"
    assert tag.name == "a" and tag["href"] == page.select_one(".md-tags a.md-tag")["href"]
    assert tag["href"] == "../../../tags/#tag:security", tag["href"]
    assert "lessons:tags" not in str(page), "the placeholders are gone"


def test_tags_without_materials_tags_plugin_are_text(build_site: BuildSite) -> None:
    tree = valid_tree()
    tree["basics/first/index.md"] = lesson("First", "tags: [Security]\n")
    page = build_site(tree).html("lessons/basics/first/index.html")
    tag = page.select_one(".lessons-lesson-header .lessons-tag")
    assert tag is not None and tag.name == "span" and tag.get_text() == "Security"
    assert page.select_one(".md-tags") is None and "lessons:tags" not in str(page)


def test_lessons_are_in_the_search_index(build_site: BuildSite) -> None:
    tree = valid_tree()
    tree["basics/first/index.md"] = lesson("First", body="A zanzibarian word.\n")
    built = build_site(tree)
    index = json.loads((built.site / "search" / "search_index.json").read_text())
    locations = {doc["location"] for doc in index["docs"] if "zanzibarian" in doc["text"]}
    assert "lessons/basics/first/" in locations


def test_spanish_and_overridden_strings(build_site: BuildSite) -> None:
    built = build_site(
        language="es",
        plugins="  - search\n  - lessons:\n      strings:\n        next_lesson: Adelante",
    )
    assert built.returncode == 0, built.log
    page = built.html("lessons/basics/first/index.html")
    assert "Adelante" in page.select_one("nav.lessons-pager").get_text()
    assert page.select_one(".lessons-author-card__label").get_text() == "Autor"
    assert built.html("lessons/index.html").select_one("h1").get_text() == "Lecciones"


def test_unknown_string_key_warns(build_site: BuildSite) -> None:
    built = build_site(plugins="  - search\n  - lessons:\n      strings:\n        nxt: x")
    assert built.returncode != 0
    assert "unknown key 'nxt'" in built.log


def test_bad_option_is_a_config_error(build_site: BuildSite) -> None:
    built = build_site(plugins="  - search\n  - lessons:\n      prefix: 3")
    assert built.returncode != 0
    assert "Config value 'plugins'" in built.log and "prefix" in built.log
    assert "Traceback" not in built.log


def test_disabled_plugin_publishes_nothing(build_site: BuildSite) -> None:
    built = build_site(plugins="  - search\n  - lessons:\n      enabled: false")
    assert built.returncode == 0, built.log
    assert not built.exists("lessons/index.html")


def test_custom_prefix_and_sources(build_site: BuildSite) -> None:
    built = build_site(plugins="  - search\n  - lessons:\n      prefix: learn/courses")
    assert built.returncode == 0, built.log
    assert built.exists("learn/courses/basics/first/index.html")
    bundles = built.site / "assets" / "mkdocs-lessons"
    (script,) = bundles.glob("lessons.*.js")  # named after its content (tests/build/test_assets)
    assert len(list(bundles.glob("lessons.*.css"))) == 1
    page = built.html("learn/courses/basics/first/index.html")
    scripts = [s.get("src", "") for s in page.select("script")]
    assert any(src.endswith(f"assets/mkdocs-lessons/{script.name}") for src in scripts)


def test_bad_front_matter_key_fails_strict_with_path_and_line(build_site: BuildSite) -> None:
    tree = valid_tree()
    tree["basics/first/index.md"] = "---\ntitle: First\nsummary: S\nautor: ada\n---\nText.\n"
    built = build_site(tree)
    assert built.returncode != 0
    assert (
        "lessons/basics/first/index.md:4: unknown key 'autor' in the front matter "
        "(did you mean 'author'?)" in built.log
    )
    assert "Traceback" not in built.log
    assert "Aborted with 1 warnings in strict mode" in built.log or "strict" in built.log


def test_broken_sources_build_without_strict_and_without_traceback(
    build_site: BuildSite,
) -> None:
    tree = valid_tree()
    tree["basics/first/index.md"] = "---\ntitle: [\n---\n"
    tree["basics/course.yml"] = "title: Basics\nlessons: [first, second, ghost]\n"
    tree[".authors.yml"] = "authors: [1, 2]\n"
    built = build_site(tree, strict=False)
    assert built.returncode == 0, built.log
    assert "Traceback" not in built.log
    assert "lessons/basics/first/index.md:2: invalid YAML" in built.log
    assert "lessons/basics/course.yml:2: lesson 'ghost' does not exist" in built.log
    assert built.exists("lessons/basics/first/index.html")


def test_sources_inside_docs_are_refused(build_site: BuildSite) -> None:
    built = build_site(plugins="  - search\n  - lessons:\n      sources: docs/lessons")
    assert built.returncode != 0
    assert "option 'sources': 'docs/lessons' is inside docs_dir" in built.log


def test_body_starting_like_metadata_is_kept(build_site: BuildSite) -> None:
    tree = valid_tree()
    tree["basics/first/index.md"] = "---\ntitle: First\nsummary: S\nauthor: ada\n---\nNote: kept\n"
    built = build_site(tree)
    body = built.html("lessons/basics/first/index.html").select_one(".lessons-lesson-body")
    assert body.get_text(strip=True) == "Note: kept"


def test_search_indexes_each_text_once(build_site: BuildSite) -> None:
    tree = valid_tree()
    tree["basics/first/index.md"] = lesson("First", body="A zanzibarian word.\n")
    tree["basics/second/index.md"] = lesson("Second").replace(
        "summary: A lesson about Second.", "summary: Quetzalcoatlian summary."
    )
    built = build_site(tree)
    assert built.returncode == 0, built.log
    docs = json.loads((built.site / "search" / "search_index.json").read_text())["docs"]
    by_text = {
        word: sorted({doc["location"].split("#")[0] for doc in docs if word in doc["text"]})
        for word in ("Quetzalcoatlian", "Ada Lovelace", "Next lesson")
    }
    # The summary is found on its lesson, not again on the course, index and author pages.
    assert by_text["Quetzalcoatlian"] == ["lessons/basics/second/"]
    assert by_text["Ada Lovelace"] == ["lessons/authors/ada/"], "not on every lesson's card"
    assert by_text["Next lesson"] == []
    titles = {doc["title"] for doc in docs}
    assert {"First", "Basics", "Ada Lovelace"} <= titles
    # What search skipped is still on the pages.
    for page in (
        "lessons/index.html",
        "lessons/basics/index.html",
        "lessons/authors/ada/index.html",
    ):
        html = (built.site / page).read_text()
        assert "Quetzalcoatlian" in html or page.endswith("lessons/index.html"), page
        assert "lessons-deferred" not in html, page
        assert 'class="lessons-card-list"' in html, page


WALKTHROUGH_LESSON = """\
---
title: First
summary: A lesson about First.
author: ada
---

## Code

//// walkthrough | app.py
    title: The app

/// step | 1
Import what we need.
///

/// step | "print"
```python
import os

print(os.getcwd())
```

Print **where** we are.
///
////
"""


def test_walkthrough_reads_without_javascript(build_site: BuildSite) -> None:
    tree = valid_tree()
    tree["basics/first/index.md"] = WALKTHROUGH_LESSON
    tree["basics/first/app.py"] = "import os\n"
    built = build_site(tree)
    assert built.returncode == 0, built.log
    page = built.html("lessons/basics/first/index.html")
    root = page.select_one("#app-py.lessons-walkthrough")
    assert root is not None
    steps = root.select("ol > li.lessons-step")
    assert [step["id"] for step in steps] == ["app-py-step-1", "app-py-step-2"]
    # The walkthrough's heading is h3 (one below the section), its steps' one below that.
    assert root.select_one("h3#app-py-title").get_text() == "The app"
    assert root["role"] == "region" and root["aria-labelledby"] == "app-py-title"
    assert [step.select_one("h4").get_text() for step in steps] == ["Step 1 of 2", "Step 2 of 2"]
    assert "Print where we are." in steps[1].select_one(".lessons-step__narration").get_text()
    assert steps[1].select_one("code").get_text() == "import os\n\nprint(os.getcwd())\n"
    focus = [line["data-line"] for line in steps[1].select(".lessons-line[data-focus]")]
    assert focus == ["3"]
    # Line 2 of the new code is blank: a blank line is never "changed".
    assert [line["data-line"] for line in steps[1].select(".lessons-line[data-changed]")] == ["3"]
    assert steps[0].select_one(".lessons-code__tab[aria-current]").get_text() == "app.py"
    assert "§§" not in str(page) and "lessons-marker" not in str(page), "no marker left"
    assert page.select_one(".md-typeset .highlight .kn") is not None, "Pygments classes"


def test_walkthrough_mistake_fails_strict_with_its_line(build_site: BuildSite) -> None:
    tree = valid_tree()
    tree["basics/first/index.md"] = WALKTHROUGH_LESSON.replace("/// step | 1", "/// step | 7")
    tree["basics/first/app.py"] = "import os\n"
    built = build_site(tree)
    assert built.returncode != 0
    assert (
        "lessons/basics/first/index.md:12: step 1: focus 7 is outside app.py, which has 1 "
        "line at this step" in built.log
    )
    assert "Traceback" not in built.log


GLOSSARY = """\
terms:
  IAM Role:
    definition: An identity with **temporary** credentials.
    aliases: [role identity]
    see: [Trust Policy]
  Trust Policy:
    definition: Says who may assume a role.
  S3:
    definition: Object storage.
    case_sensitive: true
"""


def test_glossary_links_page_and_lesson_section(build_site: BuildSite) -> None:
    tree = valid_tree()
    tree["glossary.yml"] = GLOSSARY
    tree["basics/first/index.md"] = lesson(
        "First", body="## IAM Role\n\nAn IAM Role reads S3. Another IAM Role, `S3`.\n"
    )
    tree["basics/second/index.md"] = lesson(
        "Second",
        "prerequisites: [first]\nglossary_title: Words of this lesson\nglossary:\n"
        "  Widget:\n    definition: A small thing.\n",
        body="A widget and a trust policy.\n",
    )
    built = build_site(tree)
    assert built.returncode == 0, built.log
    first = built.html("lessons/basics/first/index.html")
    terms = first.select(".lessons-lesson-body a.lessons-term")
    assert [(a.get_text(), a["href"]) for a in terms] == [
        ("IAM Role", "../../glossary/#iam-role"),
        ("S3", "../../glossary/#s3"),
    ]
    assert terms[0]["title"] == "An identity with temporary credentials."
    assert first.select_one("h2 a.lessons-term") is None
    section = first.select_one("section.lessons-glossary-section")
    assert section.select_one("h2").get_text() == "Glossary"
    assert [dt.get_text() for dt in section.select("dt")] == ["IAM Role", "S3"]
    assert section.select_one("dd strong").get_text() == "temporary"
    second = built.html("lessons/basics/second/index.html")
    section = second.select_one("section.lessons-glossary-section")
    assert section.select_one("h2").get_text() == "Words of this lesson"
    assert [dt.get_text() for dt in section.select("dt")] == ["Trust Policy", "Widget"]
    page = built.html("lessons/glossary/index.html")
    glossary = page.select_one(".lessons-glossary-page")
    assert page.select_one("h1").get_text() == "Glossary"
    assert [a.get_text() for a in glossary.select(".lessons-glossary__letters a")] == [
        "I",
        "S",
        "T",
        "W",
    ]
    entry = glossary.select_one("#iam-role").parent
    assert entry.select_one(".lessons-glossary__aliases").get_text(" ", strip=True) == (
        "Also called: role identity"
    )
    assert entry.select_one(".lessons-glossary__see a")["href"] == "#trust-policy"
    used = entry.select(".lessons-glossary__used a")
    assert [(a.get_text(), a["href"]) for a in used] == [("First", "../basics/first/")]
    assert glossary.select_one("#widget") is not None, "lesson terms join the glossary"
    nav = [a.get_text(strip=True) for a in page.select("nav.md-nav--primary a.md-nav__link")]
    assert "Glossary" in nav
    index = json.loads((built.site / "search" / "search_index.json").read_text())
    assert any(doc["location"] == "lessons/glossary/#trust-policy" for doc in index["docs"])
    glossary_docs = [doc for doc in index["docs"] if doc["location"].startswith("lessons/glossary")]
    assert not any("Used in" in doc["text"] for doc in glossary_docs), "lists of other pages"


def test_glossary_in_docs_pages_is_an_option(build_site: BuildSite) -> None:
    tree = valid_tree()
    tree["glossary.yml"] = GLOSSARY
    docs = {"index.md": "# Home\n\nStore it in S3.\n"}
    off = build_site(tree, docs)
    assert off.html("index.html").select_one("a.lessons-term") is None
    on = build_site(tree, docs, plugins="  - search\n  - lessons:\n      glossary_in_docs: true")
    assert on.html("index.html").select_one("a.lessons-term")["href"] == "lessons/glossary/#s3"


def test_glossary_mistake_fails_strict(build_site: BuildSite) -> None:
    tree = valid_tree()
    tree["glossary.yml"] = GLOSSARY.replace("see: [Trust Policy]", "see: [Trust Polcy]")
    built = build_site(tree)
    assert built.returncode != 0
    assert (
        "lessons/glossary.yml:2: term 'IAM Role' sees also 'Trust Polcy', which is not a term "
        "(did you mean 'Trust Policy'?)" in built.log
    )


def test_docs_file_in_the_way_of_a_lesson_page(build_site: BuildSite) -> None:
    built = build_site(docs={"index.md": "# Home\n", "lessons/index.md": "# Mine\n"})
    assert built.returncode != 0
    assert (
        "docs/lessons/index.md:1: the lessons plugin publishes a page at this address and "
        "replaces this file: move it, or change the plugin's 'prefix' option" in built.log
    )


CHECKS_LESSON = """\
---
title: First
summary: A lesson about First.
author: ada
concept_map:
  title: Mastery
---

/// concept | Basics
///

/// question | Which one expires?
    explain: Zanzibarian explanation.

- [ ] An access key
    Quetzalcoatlian feedback.
- [x] A role session
///

/// concept | More
///

/// question | Name it.
    answer: STS
///
"""


def test_checks_concepts_map_and_progress_data(build_site: BuildSite) -> None:
    tree = valid_tree()
    tree["basics/first/index.md"] = CHECKS_LESSON
    built = build_site(tree)
    assert built.returncode == 0, built.log
    page = built.html("lessons/basics/first/index.html")
    root = page.select_one(".lessons-lesson")
    assert root["data-lessons-site"] == "../../../"
    model = json.loads(str(root["data-lessons-concepts"]))
    assert model == [
        {"id": "basics", "title": "Basics", "requires": [], "questions": ["which-one-expires"]},
        {"id": "more", "title": "More", "requires": ["basics"], "questions": ["name-it"]},
    ]
    body = root.select_one(".lessons-lesson-body")
    assert body.select_one("nav.lessons-map h2").get_text() == "Mastery"
    assert [s["id"] for s in body.select("section.lessons-concept")] == [
        "lessons-concept-basics",
        "lessons-concept-more",
    ]
    # The concept headings come from the page's Markdown: they are in the table of contents.
    toc = [a.get_text(strip=True) for a in page.select("nav.md-nav--secondary a")]
    assert toc[:2] == ["Basics", "More"]
    form = body.select_one("form#lessons-question-which-one-expires")
    assert form.select_one("details.lessons-question__answer .lessons-question__explanation")
    assert "§§" not in str(page) and "lessons-marker" not in str(page)
    docs = json.loads((built.site / "search" / "search_index.json").read_text())["docs"]
    text = " ".join(doc["text"] for doc in docs)
    assert "Zanzibarian" not in text and "Quetzalcoatlian" not in text, "no answers in search"
    assert "Which one expires?" not in text, "nor the checks that hold them"
    course = built.html("lessons/basics/index.html")
    card = course.select_one("li.lessons-card[data-lessons-lesson='basics/first']")
    assert json.loads(str(card["data-lessons-concepts"])) == model
    assert card.select_one(".lessons-card__progress[hidden]") is not None
    assert course.select_one("li.lessons-card:not([data-lessons-concepts])") is not None
    index = built.html("lessons/index.html")
    course_card = index.select_one("li[data-lessons-course='basics']")
    assert json.loads(str(course_card["data-lessons-course-lessons"])) == {"basics/first": model}
    assert index.select_one(".lessons-index")["data-lessons-site"] == "../"


def test_check_mistake_fails_strict_with_its_line(build_site: BuildSite) -> None:
    tree = valid_tree()
    tree["basics/first/index.md"] = CHECKS_LESSON.replace("- [x] A role", "- [ ] A role")
    built = build_site(tree)
    assert built.returncode != 0
    assert (
        "lessons/basics/first/index.md:15: no choice is marked right: mark the right choice "
        "'- [x]'" in built.log
    )
    assert "Traceback" not in built.log


FORGET_FIRST_LESSON = """\
from mkdocs.plugins import event_priority


@event_priority(-100)
def on_page_markdown(markdown, page, config, files):
    # As if --dirty had skipped the lesson: the plugin renders nothing of its page this build.
    if page.file.src_uri.endswith("first/index.md"):
        config.plugins["lessons"].extension.work = None
        return ""
    return markdown
"""


def test_used_in_lists_lessons_whose_pages_were_not_rendered(build_site: BuildSite) -> None:
    tree = valid_tree()
    tree["glossary.yml"] = GLOSSARY
    tree["basics/first/index.md"] = lesson("First", body="An IAM Role here.\n")
    tree["basics/second/index.md"] = lesson("Second", body="An IAM Role there.\n")
    built = build_site(
        tree,
        {"index.md": "# Home\n", "forget.py": FORGET_FIRST_LESSON},
        extra="hooks: [docs/forget.py]",
    )
    assert built.returncode == 0, built.log
    page = built.html("lessons/glossary/index.html")
    used = page.select_one("#iam-role").parent.select(".lessons-glossary__used a")
    assert [a.get_text() for a in used] == ["First", "Second"]


def test_broken_lesson_code_fails_strict_at_its_line(build_site: BuildSite) -> None:
    tree = valid_tree()
    tree["basics/first/config.yaml"] = "roles:\n  - name: app\n    policies: [read\n"
    tree["basics/first/notes.txt"] = "TODO: finish\n"
    docs = {
        "index.md": "# Home\n",
        "todo.py": "import sys\nsys.exit('TODO' in open(sys.argv[1]).read())\n",
    }
    plugins = (
        "  - search\n  - lessons:\n      code_checks:\n"
        f"        .txt: {sys.executable} docs/todo.py {{file}}\n      code_check_timeout: 20"
    )
    built = build_site(tree, docs, plugins=plugins)
    assert built.returncode != 0
    assert "lessons/basics/first/config.yaml:4: invalid YAML:" in built.log
    assert "lessons/basics/first/notes.txt:1: '" in built.log and "' failed" in built.log
    assert "Traceback" not in built.log


COLLECTOR_PROBE = """
import gc
from mkdocs.plugins import event_priority


def on_config(config):
    if {off}:
        gc.disable()  # as a site's own hook may have it


@event_priority(-100)
def on_files(files, config):
    # After the plugin's on_files, which loads the sources with the collector off.
    with open(config.config_file_path + ".gc", "w") as out:
        out.write(str(gc.isenabled()))
    gc.enable()
    return files
"""


@pytest.mark.parametrize("off", [False, True])
def test_the_collector_is_left_as_the_site_had_it_after_the_sources_load(
    build_site: BuildSite, off: bool
) -> None:
    probe = COLLECTOR_PROBE.replace("{off}", str(off))
    built = build_site(
        None, {"index.md": "# Home\n", "probe.py": probe}, extra="hooks: [docs/probe.py]"
    )
    assert built.returncode == 0, built.log
    assert (built.root / "mkdocs.yml.gc").read_text() == str(not off)


SEARCH_PROBE = """
from mkdocs.plugins import event_priority


@event_priority(1)  # after the plugin has given search less (50), before search indexes (0)
def on_page_context(context, page, config, nav):
    if page.file.src_uri.endswith("first/index.md"):
        with open(config.config_file_path + ".searched", "w") as out:
            out.write(page.content)
    return context
"""


def test_search_is_given_a_lessons_code_as_its_text_and_the_page_keeps_it_highlighted(
    build_site: BuildSite,
) -> None:
    tree = valid_tree()
    code = "def greet(name):\n    return f'<b>{name}</b>'"
    tree["basics/first/index.md"] = lesson("First", body=f"Prose.\n\n```python\n{code}\n```\n")
    docs = {"index.md": "# Home\n", "probe.py": SEARCH_PROBE}
    extra = "hooks: [docs/probe.py]\n"
    built = build_site(tree, docs, extra=extra)
    assert built.returncode == 0, built.log
    page = built.html("lessons/basics/first/index.html")
    assert page.select_one(".highlight code span.k") is not None, "the page keeps its colours"
    searched = BeautifulSoup((built.root / "mkdocs.yml.searched").read_text(), "html.parser")
    assert searched.select(".highlight, span.k") == []
    assert searched.select_one("pre > code").get_text() == code + "\n"
    index = json.loads((built.site / "search" / "search_index.json").read_text())
    texts = " ".join(
        d["text"] for d in index["docs"] if d["location"].startswith("lessons/basics/first/")
    )
    assert "def greet(name):" in texts and "&lt;b&gt;{name}&lt;/b&gt;" in texts
