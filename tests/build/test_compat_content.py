"""The example site built beside plugins that read, rewrite or strip page content: print-site,
minify (before and after us), glightbox, Material's privacy plugin, `pymdownx.striphtml`, and
Material's edit/view buttons. Each asserts that the seed lesson's page is still complete and
that what the other plugin adds (print page, lightbox, edit URL...) works with our pages.

Each site is built once per module (a build of the example takes about a second)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup, Tag

from mkdocs_lessons.catalog.loader import load_catalog
from mkdocs_lessons.core.diagnostics import Diagnostics
from tests.build.compat import (
    LEFTOVER_MARKERS,
    REPO,
    SEED,
    SEED_COURSE,
    SEED_LESSON,
    SEED_PAGE,
    TERM_IDS,
    add_plugin,
    assert_seed_lesson,
    build,
    edit_config,
    example_site,
)
from tests.build.conftest import Built

Change = Callable[[dict[str, Any]], None]


def built_site(factory: pytest.TempPathFactory, name: str, change: Change) -> Built:
    """The example site changed by ``change`` and built with --strict; a failed build fails.
    The home page gets an HTML comment, to show that a comment stripper really ran."""
    project = example_site(factory.mktemp(name))
    home = project / "docs" / "index.md"
    home.write_text(home.read_text(encoding="utf-8") + f"\n{PROBE_COMMENT}\n", "utf-8")
    edit_config(project, change)
    return finish(build(project))


PROBE_COMMENT = "<!-- compat-probe: a comment strippers remove -->"


def assert_comments_stripped(built: Built) -> None:
    # Without this, a stripper that did nothing would pass the lesson's tests.
    home = (built.site / "index.html").read_text(encoding="utf-8")
    assert "compat-probe" not in home, "the home page's HTML comment was not stripped"


def finish(built: Built) -> Built:
    assert built.returncode == 0, f"mkdocs build --strict failed:\n{built.log}"
    return built


def local_target(site: Path, page_path: str, url: str) -> Path | None:
    """The file in ``site`` that a reference on the page at ``page_path`` points at; None for
    an external or data URL."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or url.startswith("data:"):
        return None
    resolved = urlsplit(urljoin("/" + page_path, url)).path.lstrip("/")
    target = site / resolved
    if not resolved or resolved.endswith("/") or target.is_dir():
        return target / "index.html"
    return target


def asset_references(page: BeautifulSoup) -> list[str]:
    """Every script and style sheet a page loads, as written in it."""
    scripts = [str(tag["src"]) for tag in page.select("script[src]")]
    sheets = [str(tag["href"]) for tag in page.select("link[rel~=stylesheet][href]")]
    return scripts + sheets


def assert_assets_exist(built: Built, page_path: str) -> None:
    page = built.html(page_path)
    missing = []
    for url in asset_references(page):
        target = local_target(built.site, page_path, url)
        if target is not None and not target.is_file():
            missing.append(url)
    assert not missing, f"{page_path} loads files that are not in the site: {missing}"


# --- print-site ----------------------------------------------------------------------------

PRINT_PAGE = "print_page/index.html"
LESSON_KEY = f"lessons-{SEED_COURSE}-{SEED_LESSON}"
"""print-site's key of the seed lesson: the id of its section, and the prefix it gives the ids
of headings and list items in it and every same-site link (``#iam-role-step-1`` becomes
``#lessons-aws-iam-...-iam-role-step-1``)."""


def with_print_site(config: dict[str, Any]) -> None:
    add_plugin(config, "print-site")  # print-site asks to be last, to see everyone's changes


@pytest.fixture(scope="module")
def print_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return built_site(tmp_path_factory, "print-site", with_print_site)


def test_print_page_holds_every_step_question_and_map(print_site: Built) -> None:
    text = (print_site.site / PRINT_PAGE).read_text(encoding="utf-8")
    # Anywhere: no page of ours left a placeholder. (The authors' guide shows block syntax in
    # code samples, so the other markers are looked for in the lesson only.)
    assert "lessons-deferred" not in text, f"{text.count('lessons-deferred')} placeholders"
    assert_printed_seed_lesson(BeautifulSoup(text, "html.parser"))


def assert_printed_seed_lesson(page: BeautifulSoup) -> None:
    """assert_seed_lesson, on the print page: print-site renames ids and same-site links."""
    lesson = page.select_one(f"section.print-page#{LESSON_KEY}")
    assert lesson is not None, f"the print page has no section for the seed lesson ({LESSON_KEY})"
    for marker in LEFTOVER_MARKERS:
        assert marker not in str(lesson), f"leftover {marker!r} in the printed seed lesson"

    def one(where: Tag, selector: str, what: str) -> Tag:
        found = where.select_one(selector)
        assert found is not None, f"the print page's seed lesson has no {what} ({selector})"
        return found

    def by_id(where: Tag, name: str | bool, element_id: str, what: str) -> Tag:
        # print-site prefixes the ids of headings, list items and footnote marks only.
        found = where.find(name, id=[element_id, f"{LESSON_KEY}-{element_id}"])
        assert isinstance(found, Tag), f"the print page's seed lesson has no {what} #{element_id}"
        return found

    for walkthrough in SEED.walkthroughs:
        root = by_id(lesson, True, walkthrough.id, "walkthrough")
        assert root.has_attr("data-lessons-walkthrough")
        assert len(root.select("li.lessons-step")) == len(walkthrough.steps)
        for step in walkthrough.steps:
            item = by_id(root, "li", f"{walkthrough.id}-step-{step.number}", "step")
            assert one(item, ".lessons-step__narration", "narration").get_text(strip=True)
            one(item, ".lessons-code", f"code of step {step.number}")
    for question in SEED.checks.questions:
        form = by_id(lesson, "form", f"lessons-question-{question.id}", "question")
        assert one(form, "legend", "question prompt").get_text(strip=True)
    concept_map = one(lesson, "nav.lessons-map", "concept map")
    nodes = [node.get("data-lessons-concept") for node in concept_map.select(".lessons-map__node")]
    assert nodes == [concept.id for concept in SEED.checks.concepts]
    for concept in SEED.checks.concepts:
        by_id(lesson, "section", f"lessons-concept-{concept.id}", "concept")
    # print-site turns links to other pages into links within the print page: a term link
    # works there when the glossary's section holds the term.
    terms = {
        str(link["href"]).removeprefix("#lessons-glossary-")
        for link in lesson.select("a[href^='#lessons-glossary-']")
    }
    assert terms & TERM_IDS, "no glossary term link in the printed lesson"
    for term in terms & TERM_IDS:
        assert page.find(id=f"lessons-glossary-{term}"), f"the print page has no term {term}"


# --- minify ---------------------------------------------------------------------------------

MINIFY_HTML = {"minify_html": True, "htmlmin_opts": {"remove_comments": True}}


@pytest.fixture(scope="module")
def minify_before(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return built_site(
        tmp_path_factory,
        "minify-before",
        lambda config: add_plugin(config, "minify", MINIFY_HTML, before="lessons"),
    )


@pytest.fixture(scope="module")
def minify_after(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return built_site(
        tmp_path_factory,
        "minify-after",
        lambda config: add_plugin(config, "minify", MINIFY_HTML, after="lessons"),
    )


def test_minify_removing_comments_before_lessons_keeps_the_lesson(minify_before: Built) -> None:
    assert_seed_lesson(minify_before.html(SEED_PAGE))


def test_minify_removing_comments_after_lessons_keeps_the_lesson(minify_after: Built) -> None:
    assert_seed_lesson(minify_after.html(SEED_PAGE))


def test_minify_removes_comments(minify_before: Built, minify_after: Built) -> None:
    assert_comments_stripped(minify_before)
    assert_comments_stripped(minify_after)


EXTRA_CSS = "stylesheets/extra.css"
EXTRA_JS = "javascripts/extra.js"


@pytest.fixture(scope="module")
def minify_cache_safe(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """minify_js/minify_css with cache_safe over the site's own extra files, beside ours."""
    project = example_site(tmp_path_factory.mktemp("minify-cache-safe"))
    (project / "docs" / EXTRA_CSS).parent.mkdir(parents=True)
    (project / "docs" / EXTRA_CSS).write_text(".site-note {\n  color: red;\n}\n", "utf-8")
    (project / "docs" / EXTRA_JS).parent.mkdir(parents=True)
    (project / "docs" / EXTRA_JS).write_text("window.siteNote = 'note';\n", "utf-8")

    def change(config: dict[str, Any]) -> None:
        config["extra_css"] = [EXTRA_CSS]
        config["extra_javascript"] = [EXTRA_JS]
        options = {
            **MINIFY_HTML,
            "minify_js": True,
            "minify_css": True,
            "cache_safe": True,
            "js_files": [EXTRA_JS],
            "css_files": [EXTRA_CSS],
        }
        add_plugin(config, "minify", options)

    edit_config(project, change)
    return finish(build(project))


def test_minify_cache_safe_keeps_the_lesson_and_its_assets(minify_cache_safe: Built) -> None:
    assert_seed_lesson(minify_cache_safe.html(SEED_PAGE))
    for page_path in (SEED_PAGE, "index.html", "lessons/glossary/index.html"):
        assert_assets_exist(minify_cache_safe, page_path)
    references = asset_references(minify_cache_safe.html(SEED_PAGE))
    # The site's own files were renamed with their hash, so the references above are real.
    assert any(re.search(r"extra\.[0-9a-f]{6}\.min\.css$", url) for url in references), references
    assert any(re.search(r"extra\.[0-9a-f]{6}\.min\.js$", url) for url in references), references


# --- pymdownx.striphtml ------------------------------------------------------------------


@pytest.fixture(scope="module")
def striphtml(tmp_path_factory: pytest.TempPathFactory) -> Built:
    def change(config: dict[str, Any]) -> None:
        config["markdown_extensions"].append("pymdownx.striphtml")  # strip_comments: its default

    return built_site(tmp_path_factory, "striphtml", change)


def test_striphtml_keeps_the_lesson(striphtml: Built) -> None:
    assert_seed_lesson(striphtml.html(SEED_PAGE))


def test_striphtml_strips_comments(striphtml: Built) -> None:
    assert_comments_stripped(striphtml)


# --- glightbox ------------------------------------------------------------------------------


@pytest.fixture(scope="module", params=["after", "before"])
def glightbox(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> Built:
    """glightbox listed after ``lessons`` (as a maintainer appends it) and before: it parses and
    rewrites the whole content in its own on_page_content, whichever runs first."""

    def change(config: dict[str, Any]) -> None:
        if request.param == "before":
            add_plugin(config, "glightbox", before="lessons")
        else:
            add_plugin(config, "glightbox", after="lessons")

    return built_site(tmp_path_factory, f"glightbox-{request.param}", change)


def lesson_images() -> list[str]:
    """The images the seed lesson's Markdown shows (``![alt](file)``), by file name."""
    return re.findall(r"!\[[^\]]*\]\(([^)\s]+)", SEED.markdown)


def test_glightbox_keeps_the_lesson_and_shows_its_images(glightbox: Built) -> None:
    page = glightbox.html(SEED_PAGE)
    assert_seed_lesson(page)
    images = lesson_images()
    assert images, "the seed lesson shows no image: this test would test nothing"
    for name in images:
        img = page.select_one(f"article img[src$='{name}']")
        assert img is not None, f"the lesson's image {name} is gone"
        target = local_target(glightbox.site, SEED_PAGE, str(img["src"]))
        assert target is not None and target.is_file(), f"{img['src']} is not in the site"
        box = img.parent
        assert box is not None and box.name == "a" and "glightbox" in (box.get("class") or [])
        opens = local_target(glightbox.site, SEED_PAGE, str(box["href"]))
        assert opens is not None and opens.is_file(), f"the lightbox opens {box['href']}"
    assert_assets_exist(glightbox, SEED_PAGE)


def test_glightbox_leaves_our_components_alone(glightbox: Built) -> None:
    page = glightbox.html(SEED_PAGE)
    for selector in (".lessons-walkthrough", ".lessons-question", ".lessons-map"):
        for component in page.select(selector):
            assert not component.select("a.glightbox"), f"glightbox link inside {selector}"
    nested = [link for link in page.select("a a")]
    assert not nested, f"links inside links: {nested[:3]}"


def accessible_name(link: Tag) -> str:
    """What a screen reader announces for a link: its aria-label, text or images' alt."""
    parts = [str(link.get("aria-label") or ""), link.get_text(" ", strip=True)]
    parts += [str(img.get("alt") or "") for img in link.select("img")]
    return " ".join(part for part in parts if part).strip()


def test_glightbox_makes_no_link_without_a_name(glightbox: Built) -> None:
    # An author's avatar is decorative (alt=""): wrapped in a lightbox link, it becomes a link
    # with nothing to announce (axe's link-name), a focus stop that opens a picture of initials.
    for page_path in (SEED_PAGE, "lessons/authors/pascual-vila/index.html"):
        page = glightbox.html(page_path)
        nameless = [
            str(link) for link in page.select("article a.glightbox") if not accessible_name(link)
        ]
        assert not nameless, f"{page_path}: lightbox links with no name: {nameless}"


# --- Material's privacy plugin --------------------------------------------------------------

# The privacy plugin's own expressions for external URLs in style sheets and scripts
# (material/plugins/privacy/plugin.py); it skips files without a source, as ours were.
EXTERNAL_IN_CSS = re.compile(r"url\(\s*([\"']?)(?P<url>(?:https?:)?//[^)'\"]+)\1\s*\)", re.I)
EXTERNAL_IN_JS = re.compile(r"[\"'](?P<url>(?:https?:)?//[^\"']+\.(?:css|js(?:on)?))[\"']", re.I)
EXTERNAL_URL = re.compile(r"^(?:https?:)?//", re.I)
PRIVACY_EXCLUDED = "unpkg.com/mermaid"
"""Material's own bundle names Mermaid on unpkg (loaded only for diagrams): not ours to fix."""


@pytest.fixture(scope="module")
def privacy(tmp_path_factory: pytest.TempPathFactory) -> Built:
    def change(config: dict[str, Any]) -> None:
        # assets_fetch false: never download (no network here); each external asset it finds
        # is then a warning, which fails --strict. The cache stays out of the repository.
        options = {
            "assets_fetch": False,
            "assets_exclude": [f"{PRIVACY_EXCLUDED}*"],
            "cache_dir": ".cache/privacy",
        }
        add_plugin(config, "privacy", options)

    return built_site(tmp_path_factory, "privacy", change)


def test_privacy_keeps_the_lesson(privacy: Built) -> None:
    assert_seed_lesson(privacy.html(SEED_PAGE))
    assert "External file" not in privacy.log


def test_privacy_finds_nothing_to_fetch(privacy: Built) -> None:
    for page_path in (SEED_PAGE, "lessons/index.html", "lessons/glossary/index.html"):
        page = privacy.html(page_path)
        external = [
            str(tag)
            for tag in page.select("img[src], script[src], image[href], link[href]")
            if EXTERNAL_URL.match(str(tag.get("src") or tag.get("href")))
            and (tag.name != "link" or {"icon", "preload", "stylesheet"} & set(tag["rel"]))
        ]
        assert not external, f"{page_path}: external assets: {external}"
    # Privacy scans only style sheets and scripts with a source on disk (it skips generated
    # files), so scan everything the lesson page loads with its own expressions.
    for url in asset_references(privacy.html(SEED_PAGE)):
        target = local_target(privacy.site, SEED_PAGE, url)
        if target is None:
            continue
        pattern = EXTERNAL_IN_CSS if target.suffix == ".css" else EXTERNAL_IN_JS
        found = [
            match.group("url")
            for match in pattern.finditer(target.read_text(encoding="utf-8"))
            if not EXTERNAL_URL.sub("", match.group("url")).startswith(PRIVACY_EXCLUDED)
        ]
        assert not found, f"{url} refers to external files: {found}"


# --- content.action.edit / content.action.view -------------------------------------------

REPO_URL = "https://github.com/example/mkdocs-lessons"
EDIT = f"{REPO_URL}/edit/main/"
VIEW = f"{REPO_URL}/raw/main/"


@pytest.fixture(scope="module")
def edit_buttons(tmp_path_factory: pytest.TempPathFactory) -> Built:
    def change(config: dict[str, Any]) -> None:
        assert config["repo_url"] == REPO_URL and config["edit_uri"] == "edit/main/docs/"
        config["theme"]["features"] += ["content.action.edit", "content.action.view"]

    return built_site(tmp_path_factory, "edit-buttons", change)


def buttons(built: Built, page_path: str) -> tuple[str | None, str | None]:
    """The page's edit and view URLs (Material's buttons above the content)."""
    page = built.html(page_path)
    edit = page.select_one("article a.md-content__button[rel=edit]")
    view = page.select_one("article a.md-content__button:not([rel=edit])")
    return (
        None if edit is None else str(edit["href"]),
        None if view is None else str(view["href"]),
    )


def test_docs_pages_get_edit_and_view_buttons(edit_buttons: Built) -> None:
    # The baseline: what Material does for an ordinary page, which lesson pages must match.
    assert buttons(edit_buttons, "authors-guide/index.html") == (
        f"{EDIT}docs/authors-guide.md",
        f"{VIEW}docs/authors-guide.md",
    )


def _catalog_sources() -> list[tuple[str, str]]:
    """(built page, source in the repository) of every lesson, course, author and the glossary:
    the seed lesson's ``.../edit/main/lessons/aws-iam/iam-roles-vs-user-credentials/index.md``."""
    catalog = load_catalog(REPO / "lessons", Diagnostics())
    pages = [
        (
            f"lessons/{lesson.course_slug}/{lesson.slug}/index.html",
            f"lessons/{lesson.course_slug}/{lesson.slug}/index.md",
        )
        for lesson in catalog.lessons.values()
    ]
    pages += [
        (f"lessons/{course.slug}/index.html", f"lessons/{course.slug}/course.yml")
        for course in catalog.courses
    ]
    pages += [
        (f"lessons/authors/{author}/index.html", "lessons/.authors.yml")
        for author in catalog.authors
    ]
    return [*pages, ("lessons/glossary/index.html", "lessons/glossary.yml")]


@pytest.mark.parametrize(("page_path", "source"), _catalog_sources())
def test_generated_pages_edit_their_real_source(
    edit_buttons: Built, page_path: str, source: str
) -> None:
    assert (REPO / source).is_file(), f"the test's idea of the source is wrong: {source}"
    assert buttons(edit_buttons, page_path) == (f"{EDIT}{source}", f"{VIEW}{source}")
