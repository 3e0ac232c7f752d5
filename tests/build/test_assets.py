"""The lessons script and stylesheet: content-hashed names, only on pages that use them, beside
mkdocs-minify-plugin (`cache_safe`) and Material's offline plugin (relative URLs)."""

from __future__ import annotations

import hashlib
import posixpath
import re
from pathlib import Path, PurePosixPath

import pytest
from bs4 import BeautifulSoup

from tests.build.conftest import BuildSite, Built
from tests.sources import valid_tree

BUNDLE = re.compile(r"(?:^|/)assets/mkdocs-lessons/lessons\.([0-9a-f]{8})\.(js|css)$")
LESSON_PAGE = "lessons/basics/first/index.html"

GLOSSARY = """\
terms:
  S3:
    definition: Object storage.
    case_sensitive: true
"""


def local_references(page: BeautifulSoup) -> list[str]:
    """``src`` of every script and ``href`` of every stylesheet that stays on the site."""
    urls = [tag.get("src", "") for tag in page.select("script[src]")]
    urls += [tag.get("href", "") for tag in page.select("link[rel~=stylesheet][href]")]
    return [str(url) for url in urls if not re.match(r"^(?:[a-z]+:)?//", str(url))]


def bundle_references(page: BeautifulSoup) -> list[str]:
    return [url for url in local_references(page) if BUNDLE.search(url)]


def target(page_path: str, url: str) -> str:
    """The site path that ``url``, written in the page at ``page_path``, points at."""
    return posixpath.normpath(posixpath.join(posixpath.dirname(page_path), url.split("?")[0]))


def assert_references_exist(built: Built, page_path: str) -> None:
    missing = [
        url
        for url in local_references(built.html(page_path))
        if not built.exists(target(page_path, url))
    ]
    assert not missing, f"{page_path} references missing files: {missing}"


def test_bundles_are_named_after_their_content(build_site: BuildSite) -> None:
    built = build_site()
    assert built.returncode == 0, built.log
    files = sorted((built.site / "assets" / "mkdocs-lessons").iterdir())
    kinds = []
    for path in files:
        match = BUNDLE.search(f"assets/mkdocs-lessons/{path.name}")
        assert match, f"not a content-hashed bundle name: {path.name}"
        digest = hashlib.sha256(path.read_bytes()).hexdigest()[:8]
        assert match.group(1) == digest, f"{path.name}: the name's hash is not its content's"
        kinds.append(match.group(2))
    assert sorted(kinds) == ["css", "js"]
    assert not built.exists("assets/mkdocs-lessons/lessons.js"), "the unhashed name is gone"


def test_lesson_pages_load_the_bundles_and_docs_pages_without_features_do_not(
    build_site: BuildSite,
) -> None:
    docs = {
        "index.md": '# Home\n\nNothing of lessons here, not even `class="lessons-step"`.\n',
        "custom.md": '# Custom\n\n<div class="note lessons-step">Raw lesson markup.</div>\n',
    }
    built = build_site(docs=docs)
    assert built.returncode == 0, built.log

    assert bundle_references(built.html("index.html")) == []
    for page_path in (
        LESSON_PAGE,
        "lessons/index.html",  # the index, a course, an author: pages of ours
        "lessons/basics/index.html",
        "lessons/authors/ada/index.html",
        "custom/index.html",  # a docs page with an element of a lessons- class
    ):
        page = built.html(page_path)
        bundles = bundle_references(page)
        assert sorted(url.rsplit(".", 1)[-1] for url in bundles) == ["css", "js"], page_path
        assert_references_exist(built, page_path)
        # The stylesheet in the head; the script in Material's container, which instant
        # navigation swaps in and whose scripts it runs, deferred to run after Material's bundle.
        assert page.select_one('head link[rel=stylesheet][href*="mkdocs-lessons/lessons."]')
        script = page.select_one('[data-md-component=container] script[src*="mkdocs-lessons/"]')
        assert script is not None and script.has_attr("defer"), page_path
        assert len(page.select('script[src*="mkdocs-lessons/"]')) == 1, page_path


def test_docs_page_with_a_glossary_link_loads_the_bundles(build_site: BuildSite) -> None:
    tree = valid_tree()
    tree["glossary.yml"] = GLOSSARY
    docs = {"index.md": "# Home\n\nStore it in S3.\n", "plain.md": "# Plain\n\nNo terms.\n"}
    built = build_site(tree, docs, plugins="  - search\n  - lessons:\n      glossary_in_docs: true")
    assert built.returncode == 0, built.log
    assert built.html("index.html").select_one("a.lessons-term") is not None
    assert len(bundle_references(built.html("index.html"))) == 2
    assert bundle_references(built.html("plain/index.html")) == []


def test_site_config_is_not_changed_for_other_pages(build_site: BuildSite) -> None:
    """A page that uses lessons gets the stylesheet in a config of its own: the pages written
    after it (docs pages in order, then 404.html after every lesson page) do not."""
    docs = {
        "index.md": "# Home\n",
        "a-uses.md": '# Uses\n\n<p class="lessons-note">Lesson markup.</p>\n',
        "b-plain.md": "# Plain\n",
        "z-plain.md": "# Last\n",
    }
    built = build_site(docs=docs, extra="extra_css: [extra.css]\n")
    assert built.returncode == 0, built.log
    assert len(bundle_references(built.html("a-uses/index.html"))) == 2
    for page_path in ("index.html", "b-plain/index.html", "z-plain/index.html", "404.html"):
        stylesheets = [
            str(link["href"]) for link in built.html(page_path).select("link[rel=stylesheet]")
        ]
        assert sum(href.endswith("extra.css") for href in stylesheets) == 1, page_path
        assert bundle_references(built.html(page_path)) == [], page_path


MINIFY = """\
  - minify:
      minify_js: true
      minify_css: true
      minify_html: true
      cache_safe: true
      js_files: [extra.js]
      css_files: [extra.css]
"""
SITE_EXTRAS = {
    "extra.js": "// a comment minify drops\nwindow.siteExtra = 1;\n",
    "extra.css": "/* a comment */\nbody { margin: 0 }\n",
}


@pytest.mark.parametrize("minify_first", [True, False], ids=["minify-before", "minify-after"])
def test_minify_cache_safe_leaves_every_reference_resolving(
    build_site: BuildSite, minify_first: bool
) -> None:
    ours = "  - lessons\n"
    plugins = "  - search\n" + (MINIFY + ours if minify_first else ours + MINIFY)
    docs = {"index.md": "# Home\n", **SITE_EXTRAS}
    extra = "extra_javascript: [extra.js]\nextra_css: [extra.css]\n"
    built = build_site(docs=docs, plugins=plugins.rstrip("\n"), extra=extra)
    assert built.returncode == 0, built.log
    for page_path in ("index.html", LESSON_PAGE, "lessons/index.html"):
        assert_references_exist(built, page_path)
    lesson = built.html(LESSON_PAGE)
    references = local_references(lesson)
    # minify did its work on the site's own files (hashed and minified names)...
    assert any(re.search(r"extra\.[0-9a-f]{6}\.min\.js$", url) for url in references)
    assert any(re.search(r"extra\.[0-9a-f]{6}\.min\.css$", url) for url in references)
    # ...and left ours alone: their names already carry their content's hash.
    assert len(bundle_references(lesson)) == 2, references
    assert bundle_references(built.html("index.html")) == []


@pytest.mark.parametrize(
    "pattern", ["assets/mkdocs-lessons/*.js", "assets/mkdocs-lessons/lessons.js", "**/*.js"]
)
def test_minify_told_to_process_our_bundle_fails_strict_with_the_fix(
    build_site: BuildSite, pattern: str
) -> None:
    minify = f"  - minify:\n      minify_js: true\n      js_files: ['{pattern}']"
    built = build_site(plugins=f"  - search\n  - lessons\n{minify}")
    assert built.returncode != 0
    assert (
        f"mkdocs.yml: plugin 'minify', option 'js_files': '{pattern}' names the lessons "
        "plugin's JS bundle" in built.log
    )


def test_offline_plugin_pages_reach_the_bundles_by_relative_urls(build_site: BuildSite) -> None:
    """Material's offline plugin writes `.html` pages opened from file://: a URL that starts
    with `/` or names the site's address would not load there."""
    built = build_site(plugins="  - search\n  - lessons\n  - offline")
    assert built.returncode == 0, built.log
    page_path = LESSON_PAGE  # first/index.md: index.html also without directory URLs
    assert built.exists("search/search_index.js"), "the offline plugin did not run"
    bundles = bundle_references(built.html(page_path))
    assert len(bundles) == 2
    for url in bundles:
        assert not PurePosixPath(url).is_absolute() and "://" not in url, url
        assert url.startswith("../../../assets/"), url
    assert_references_exist(built, page_path)


def test_plugins_that_read_the_content_after_the_page_is_written_never_see_the_script_tag(
    build_site: BuildSite, tmp_path: Path
) -> None:
    # The tag joins page.content only while the theme renders it (site_assets): a feed or a
    # print plugin reading the content at on_post_page or after the build gets the lesson alone.
    hooks = tmp_path / "read_content.py"
    seen = tmp_path / "seen.txt"
    hooks.write_text(
        "import mkdocs.plugins\n"
        "contents = {}\n"
        "@mkdocs.plugins.event_priority(-100)\n"
        "def on_post_page(output, page, config):\n"
        "    contents[page.file.src_uri] = (page.content or '', 'mkdocs-lessons/' in output)\n"
        "def on_post_build(config):\n"
        f"    with open({str(seen)!r}, 'w') as out:\n"
        "        for uri, (content, in_output) in sorted(contents.items()):\n"
        "            print(uri, 'lessons.' in content and '<script' in content, in_output,"
        " file=out)\n",
        encoding="utf-8",
    )
    built = build_site(extra=f"hooks:\n  - {hooks}\n")
    assert built.returncode == 0, built.log
    rows = [line.split() for line in seen.read_text(encoding="utf-8").splitlines()]
    lesson_rows = [row for row in rows if row[0].startswith("lessons/")]
    assert lesson_rows and all(row[2] == "True" for row in lesson_rows), rows  # written out
    assert all(row[1] == "False" for row in rows), rows  # and out of the content again
