"""The example site built beside the PyPI plugins real sites use: each test adds one plugin,
checks that the seed lesson is complete, and checks the plugin's own effect on lesson pages.

Each configuration is built once per module (the builds are the slow part)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from mkdocs_lessons.core.i18n import Translator
from tests.build.compat import (
    SEED,
    SEED_COURSE,
    SEED_LESSON,
    SEED_PAGE,
    add_plugin,
    assert_seed_lesson,
    build,
    edit_config,
    example_site,
    git,
    git_env,
    git_repository,
    seed_page,
)
from tests.build.conftest import Built

OTHER_LESSON = "trust-policies"
OTHER_PAGE = f"lessons/{SEED_COURSE}/{OTHER_LESSON}/index.html"
SEED_SOURCE = f"lessons/{SEED_COURSE}/{SEED_LESSON}/index.md"
OTHER_SOURCE = f"lessons/{SEED_COURSE}/{OTHER_LESSON}/index.md"

# The temp project's history: the site, the seed lesson, the other lesson, an edit of the seed.
SITE_DATE = "2023-02-01T10:00:00+00:00"
SEED_DATE = "2024-03-05T10:00:00+00:00"
SEED_EDIT_DATE = "2024-09-15T10:00:00+00:00"
OTHER_DATE = "2024-06-10T10:00:00+00:00"


def _history(project: Path) -> None:
    """Commit the site, then each lesson at its own date, the seed lesson edited once later."""
    git_repository(
        project,
        [
            (SITE_DATE, [".", f":!{SEED_SOURCE}", f":!{OTHER_SOURCE}"]),
            (SEED_DATE, [SEED_SOURCE]),
            (OTHER_DATE, [OTHER_SOURCE]),
        ],
    )
    seed = project / SEED_SOURCE
    seed.write_text(seed.read_text(encoding="utf-8") + "\nEdited later.\n", encoding="utf-8")
    git(project, "commit", "-q", "-am", "edit the seed lesson", date=SEED_EDIT_DATE)


def _without_instant(config: dict[str, Any]) -> None:
    # static-i18n warns (so --strict fails) that its language switcher and instant loading
    # do not work together; a real bilingual site turns instant loading off.
    config["theme"]["features"].remove("navigation.instant")


# --- mkdocs-static-i18n -----------------------------------------------------------------------


@pytest.fixture(scope="module", params=["i18n-before-lessons", "i18n-after-lessons"])
def i18n_site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Built:
    project = example_site(tmp_path_factory.mktemp("i18n"))
    (project / "docs" / "index.es.md").write_text("# Inicio\n\nBienvenidos.\n", encoding="utf-8")
    options = {
        "docs_structure": "suffix",
        "languages": [
            {"locale": "en", "default": True, "name": "English"},
            {"locale": "es", "name": "Español"},
        ],
    }

    def change(config: dict[str, Any]) -> None:
        _without_instant(config)
        if request.param == "i18n-before-lessons":
            add_plugin(config, "i18n", options, before="lessons")
        else:
            add_plugin(config, "i18n", options, after="lessons")

    edit_config(project, change)
    return build(project)


def test_static_i18n_builds_lessons_in_both_languages(i18n_site: Built) -> None:
    assert i18n_site.returncode == 0, i18n_site.log
    steps = len(SEED.walkthroughs[0].steps)
    for page in (SEED_PAGE, f"es/{SEED_PAGE}"):
        assert i18n_site.exists(page), f"{page} is not built"
    english = i18n_site.html(SEED_PAGE)
    assert_seed_lesson(english)
    spanish = i18n_site.html(f"es/{SEED_PAGE}")
    assert_seed_lesson(spanish, f"es/{SEED_PAGE}")
    step_one = {
        language: Translator(language)("step_of", n=1, total=steps) for language in ("en", "es")
    }
    assert english.select_one(".lessons-step__title").get_text(strip=True) == step_one["en"]
    assert spanish.select_one(".lessons-step__title").get_text(strip=True) == step_one["es"]
    assert spanish.select_one("html")["lang"] == "es"
    # The Spanish page's own links stay inside the Spanish site.
    author = spanish.select_one(".lessons-author-card__name")["href"]
    assert urljoin(f"/es/{SEED_PAGE}", str(author)).startswith("/es/lessons/authors/")
    # Each language build runs every event again (on_config included): nothing is added twice,
    # and what the page loads is there.
    loaded = [str(tag["href"]) for tag in spanish.select('link[rel="stylesheet"][href]')]
    loaded += [str(tag["src"]) for tag in spanish.select("script[src]")]
    assert len(loaded) == len(set(loaded)), f"loaded twice: {loaded}"
    images = [str(image["src"]) for image in spanish.select(".lessons-lesson img[src]")]
    for address in loaded + images:
        if urlsplit(address).scheme:
            continue
        target = urlsplit(urljoin(f"/es/{SEED_PAGE}", address)).path
        assert i18n_site.exists(target.lstrip("/")), target


# --- mkdocs-rss-plugin ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def rss_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    project = example_site(tmp_path_factory.mktemp("rss"))
    edit_config(
        project,
        lambda config: add_plugin(
            config,
            "rss",
            # Lesson pages only: not the index, courses, authors, glossary or showcase pages.
            {"match_path": r"lessons/[^/]+/[^/]+/index\.md$"},
        ),
    )
    _history(project)
    return build(project)


def test_rss_feed_lists_lessons_with_git_dates_and_summaries(rss_site: Built) -> None:
    seed_page(rss_site)
    channel = ElementTree.parse(rss_site.site / "feed_rss_created.xml").getroot().find("channel")
    assert channel is not None
    items = {
        str(item.findtext("link")).rstrip("/").rsplit("/", 1)[-1]: item
        for item in channel.findall("item")
    }
    assert SEED_LESSON in items and OTHER_LESSON in items, sorted(items)
    seed = items[SEED_LESSON]
    assert seed.findtext("title") == SEED.title
    assert " ".join(str(seed.findtext("description")).split()) == " ".join(SEED.summary.split())
    created = parsedate_to_datetime(str(seed.findtext("pubDate")))
    assert created.date().isoformat() == SEED_DATE[:10], "the creation date is the first commit"
    other = parsedate_to_datetime(str(items[OTHER_LESSON].findtext("pubDate")))
    assert other.date().isoformat() == OTHER_DATE[:10]
    updated = ElementTree.parse(rss_site.site / "feed_rss_updated.xml").getroot()
    latest = updated.find("channel/item")
    assert latest is not None and str(latest.findtext("link")).rstrip("/").endswith(SEED_LESSON)
    edited = parsedate_to_datetime(str(latest.findtext("pubDate")))
    assert edited.date().isoformat() == SEED_EDIT_DATE[:10], "the update date is the last commit"


# --- mkdocs-git-revision-date-localized-plugin --------------------------------------------------


@pytest.fixture(scope="module")
def git_dates_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    project = example_site(tmp_path_factory.mktemp("git-dates"))
    options = {
        "type": "iso_date",
        "enable_creation_date": True,
        # No process pool for one build of a few pages on a machine of few cores.
        "enable_parallel_processing": False,
    }
    edit_config(
        project,
        lambda config: add_plugin(config, "git-revision-date-localized", options),
    )
    _history(project)
    return build(project)


def _page_dates(page: BeautifulSoup) -> tuple[str, str]:
    """The (last update, creation) dates Material shows under the page."""
    updated = page.select_one(".git-revision-date-localized-plugin-iso_date")
    created = page.select(".git-revision-date-localized-plugin-iso_date")
    assert updated is not None and len(created) == 2, "no dates on the page"
    return updated.get_text(strip=True), created[1].get_text(strip=True)


def test_git_revision_dates_come_from_the_lesson_source(git_dates_site: Built) -> None:
    seed = seed_page(git_dates_site)
    assert _page_dates(seed) == (SEED_EDIT_DATE[:10], SEED_DATE[:10])
    other = git_dates_site.html(OTHER_PAGE)
    assert _page_dates(other) == (OTHER_DATE[:10], OTHER_DATE[:10])


# --- mike -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def mike_deployed(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Path, subprocess.CompletedProcess[str]]:
    project = example_site(tmp_path_factory.mktemp("mike"))

    def change(config: dict[str, Any]) -> None:
        # mike runs `mkdocs build` itself, without --strict: the config asks for it instead.
        config["strict"] = True
        config.setdefault("extra", {})["version"] = {"provider": "mike"}

    edit_config(project, change)
    git_repository(project, [(SITE_DATE, ["."])])
    # mike runs the build program by name: the one installed beside this Python.
    search_path = os.pathsep.join([str(Path(sys.executable).parent), os.environ["PATH"]])
    deployed = subprocess.run(
        [str(Path(sys.executable).with_name("mike")), "deploy", "1.0", "latest"],
        cwd=project,
        capture_output=True,
        text=True,
        env={**git_env(project, SEED_DATE), "NO_MKDOCS_2_WARNING": "1", "PATH": search_path},
    )
    return project, deployed


def test_mike_deploys_a_version_with_complete_lessons(
    mike_deployed: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    project, deployed = mike_deployed
    assert deployed.returncode == 0, deployed.stdout + deployed.stderr
    published = git(project, "ls-tree", "-r", "--name-only", "gh-pages")
    assert f"1.0/{SEED_PAGE}" in published.splitlines()
    assert "versions.json" in published.splitlines()
    versions = json.loads(git(project, "show", "gh-pages:versions.json"))
    assert versions[0]["version"] == "1.0" and "latest" in versions[0]["aliases"]
    assert_seed_lesson(git(project, "show", f"gh-pages:1.0/{SEED_PAGE}"))


# --- mkdocs-macros-plugin ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def macros_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    project = example_site(tmp_path_factory.mktemp("macros"))
    source = project / SEED_SOURCE
    text = source.read_text(encoding="utf-8")
    # One sentence in the prose and one in the first step's narration.
    text = text.replace(
        "Every call to an AWS API is signed",
        "On {{ config.site_name }}, we start here. Every call to an AWS API is signed",
        1,
    )
    first_step = re.search(r"^/// step \|.*\n", text, re.MULTILINE)
    assert first_step is not None
    text = text[: first_step.end()] + text[first_step.end() :].replace(
        "\n\n", "\n\nNarrated for {{ config.site_name }}.\n\n", 1
    )
    source.write_text(text, encoding="utf-8")
    edit_config(project, lambda config: add_plugin(config, "macros"))
    return build(project)


def test_macros_render_jinja_in_lessons(macros_site: Built) -> None:
    page = seed_page(macros_site)
    body = page.select_one(".lessons-lesson-body")
    assert body is not None and "On Lessons by mkdocs-lessons, we start here." in body.get_text()
    assert "{{" not in body.get_text()
    narration = page.select_one(".lessons-step__narration")
    assert narration is not None
    assert "Narrated for Lessons by mkdocs-lessons." in narration.get_text()


# --- mkdocs-awesome-nav -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def awesome_nav_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    project = example_site(tmp_path_factory.mktemp("awesome-nav"))
    (project / "docs" / ".nav.yml").write_text(
        "nav:\n"
        "  - index.md\n"
        "  - Lessons: lessons/index.md\n"
        "  - The guide: authors-guide.md\n"
        "  - contributing.md\n",
        encoding="utf-8",
    )

    def change(config: dict[str, Any]) -> None:
        del config["nav"]  # awesome-nav takes the nav from .nav.yml files
        add_plugin(config, "awesome-nav")

    edit_config(project, change)
    return build(project)


def test_awesome_nav_keeps_the_lessons_section(awesome_nav_site: Built) -> None:
    page = seed_page(awesome_nav_site)
    nav = page.select_one("nav.md-nav--primary")
    assert nav is not None
    links = [" ".join(a.get_text(" ", strip=True).split()) for a in nav.select("a.md-nav__link")]
    assert "The guide" in links, "the .nav.yml title is used"
    course = next(course for course in links if course.startswith("AWS IAM"))
    assert links.index(course) < links.index(SEED.title) < links.index("The guide")
    targets = {urlsplit(urljoin(f"/{SEED_PAGE}", str(a["href"]))).path for a in nav("a", href=True)}
    for section in ("lessons/", f"lessons/{SEED_COURSE}/", f"lessons/{SEED_COURSE}/{SEED_LESSON}/"):
        assert f"/{section}" in targets, section


# --- Material's blog sharing the authors file --------------------------------------------------


@pytest.fixture(scope="module")
def blog_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    project = example_site(tmp_path_factory.mktemp("blog"))
    posts = project / "docs" / "blog" / "posts"
    posts.mkdir(parents=True)
    (project / "docs" / "blog" / "index.md").write_text("# Blog\n", encoding="utf-8")
    (posts / "hello.md").write_text(
        "---\ndate: 2024-01-02\nauthors: [pascual-vila]\n---\n\n# Hello\n\nA first post.\n",
        encoding="utf-8",
    )

    def change(config: dict[str, Any]) -> None:
        # The guide's advice: one authors file for the blog and the lessons.
        add_plugin(config, "blog", {"authors_file": "../lessons/.authors.yml"}, before="lessons")
        config["nav"].append({"Blog": "blog/index.md"})

    edit_config(project, change)
    return build(project)


def test_blog_sharing_the_authors_file_finds_the_avatars(blog_site: Built) -> None:
    seed_page(blog_site)
    post = "blog/2024/01/02/hello/index.html"
    avatars = blog_site.html(post).select(".md-post__authors img, .md-profile img")
    assert avatars, "the post shows its author"
    for avatar in avatars:
        target = urlsplit(urljoin(f"/{post}", str(avatar["src"]))).path.lstrip("/")
        assert blog_site.exists(target), f"avatar {avatar['src']} -> {target} is not published"


# --- Material's meta plugin -------------------------------------------------------------------


@pytest.fixture(scope="module")
def meta_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    project = example_site(tmp_path_factory.mktemp("meta"))
    (project / "lessons" / SEED_COURSE / ".meta.yml").write_text(
        "tags: [Folder tag]\nsearch:\n  boost: 2\n", encoding="utf-8"
    )
    edit_config(project, lambda config: add_plugin(config, "meta", before="lessons"))
    return build(project)


def test_meta_file_under_lessons_reaches_the_lesson_pages(meta_site: Built) -> None:
    page = seed_page(meta_site)
    tags = page.select_one(".md-tags")
    assert tags is not None and "Folder tag" in tags.get_text()
    index = json.loads((meta_site.site / "search" / "search_index.json").read_text())
    boosted = {doc["location"] for doc in index["docs"] if doc.get("boost") == 2}
    assert f"lessons/{SEED_COURSE}/{SEED_LESSON}/" in boosted
