"""The bundles' content-hashed names and minified script, the test for lesson markup, and
minify's patterns."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mkdocs_lessons.core import assets as assets_module
from mkdocs_lessons.core.assets import (
    ASSETS,
    build_bundles,
    bundle,
    compact,
    hashed_uri,
    minified_header,
    minified_script,
    script_source,
    uses_lessons_markup,
)
from mkdocs_lessons.site_assets import _minify_pattern_reaches_bundle

NAME = re.compile(r"^assets/mkdocs-lessons/lessons\.[0-9a-f]{8}\.(js|css)$")


def test_equal_content_gives_the_same_name() -> None:
    assert hashed_uri("js", "let a = 1;\n") == hashed_uri("js", "let a = 1;\n")
    assert NAME.match(hashed_uri("js", "let a = 1;\n"))
    assert NAME.match(hashed_uri("css", "a { color: red }"))


def test_any_change_of_content_changes_the_name() -> None:
    names = {hashed_uri("js", text) for text in ("let a = 1;", "let a = 2;", "let a = 1; ", "")}
    assert len(names) == 4


def test_the_kind_is_the_extension() -> None:
    assert hashed_uri("js", "x").endswith(".js") and hashed_uri("css", "x").endswith(".css")


def test_bundles_of_a_build_are_stable_and_named_after_what_they_hold() -> None:
    first, second = build_bundles(), build_bundles()
    assert first == second
    assert first.script.uri == hashed_uri("js", first.script.content)
    assert first.stylesheet.uri == hashed_uri("css", first.stylesheet.content)
    assert first.stylesheet.content == bundle("css")
    # The script is every module, run once per browser page however often Material runs it
    # (minified, it is the same script: test_the_minified_script_was_made_from_the_modules...).
    source = script_source()
    assert bundle("js") in source
    assert source.index("if (!window.lessons) {") < source.index("/* core.js */")


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ('<a class="lessons-term" href="#t">S3</a>', True),
        ('<div id="w" class="md lessons-walkthrough">', True),
        ("<div class=lessons-map>", True),
        ('<abbr title="a > b" class="lessons-term">', True),  # a `>` inside a quoted value
        ('<img src=/a/b.png class="lessons-x" />', True),
        ('<p class="not-lessons-x">', False),  # another name that merely contains it
        ('<div data-class="lessons-x">', False),  # another attribute
        ('<p>Write <code>class="lessons-step"</code> in HTML.</p>', False),  # code keeps quotes
        ('<p>&lt;div class="lessons-step"&gt;</p>', False),  # escaped markup is text
        ('<a href="/lessons-old/">old</a>', False),
        ("<p>Plain text.</p>", False),
    ],
)
def test_lessons_markup_is_an_element_with_a_lessons_class(html: str, expected: bool) -> None:
    assert uses_lessons_markup(html) is expected


@pytest.mark.parametrize(
    ("pattern", "kind", "reaches"),
    [
        ("assets/mkdocs-lessons/*.js", "js", True),
        ("assets/mkdocs-lessons/lessons.js", "js", True),  # the old, unhashed name
        ("assets/*/*.js", "js", True),
        ("**/*.js", "js", True),
        ("assets/**/*.css", "css", True),
        ("assets/mkdocs-lessons/*.css", "css", True),
        ("assets/mkdocs-lessons/*.css", "js", False),
        ("assets/*.js", "js", False),  # one folder deep, as pathlib's glob reads it
        ("*.js", "js", False),
        ("extra.js", "js", False),
        # minify takes everything before the first `*` as a folder: this one does not exist
        ("assets/mkdocs-lessons/lessons.*.js", "js", False),
    ],
)
def test_minify_patterns_that_would_rename_our_bundle(
    pattern: str, kind: str, reaches: bool
) -> None:
    assert _minify_pattern_reaches_bundle(pattern, kind) is reaches


def test_compact_css_drops_comments_and_indentation_but_never_a_string() -> None:
    source = '/* why */\n.a::before {\n  content: "/* kept */";\n  /* gone */\n  color: red;\n}\n'
    assert compact("css", source) == '.a::before {\ncontent: "/* kept */";\ncolor: red;\n}'


def test_compact_js_drops_comment_lines_only() -> None:
    source = '// why\nconst a = "// kept";\n  // gone\n  f(a); // kept: not a line of its own\n'
    assert compact("js", source) == 'const a = "// kept";\nf(a); // kept: not a line of its own'


@pytest.mark.parametrize("module", sorted((ASSETS / "js").glob("*.js")), ids=lambda p: p.name)
def test_no_script_module_holds_a_template_literal_over_several_lines(module: Path) -> None:
    # compact() strips the spaces that start every line: inside such a literal, they are text.
    for number, line in enumerate(module.read_text(encoding="utf-8").split("\n"), 1):
        if not line.strip().startswith("//"):
            assert line.count("`") % 2 == 0, f"{module.name}:{number}: {line.strip()}"


def test_readers_download_the_compacted_modules() -> None:
    shipped = build_bundles()
    assert "\n  " not in shipped.stylesheet.content and "\n  " not in shipped.script.content
    assert "/* catalog.css */" in shipped.stylesheet.content


def test_the_minified_script_was_made_from_the_modules_as_they_are() -> None:
    # Fails after an edit of assets/js until `make assets` minified the new script: until then
    # readers would download the unminified one (see core.assets).
    source = script_source()
    assert minified_script(source) is not None, "assets/lessons.min.js is stale: run make assets"
    shipped = build_bundles().script.content
    assert shipped == minified_script(source) and len(shipped) < len(source) * 0.75


def test_a_stale_minified_script_is_never_served(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stale = tmp_path / "lessons.min.js"
    stale.write_text(minified_header("another script") + "\nwindow.old=1\n", encoding="utf-8")
    monkeypatch.setattr(assets_module, "MINIFIED_SCRIPT", stale)
    assert build_bundles().script.content == script_source()
    stale.write_text(minified_header(script_source()) + "\nwindow.current=1\n", encoding="utf-8")
    assert build_bundles().script.content == "window.current=1\n"


# How the modules ask for the page's strings: t(strings, "name", ...), a sentence with links
# (conceptLinks(..., "name", ids) and checks.js' linked("name", ids)), and the names course.js
# and map.js pick before asking (course_*, and a concept's state).
_ASKED = re.compile(
    r"""\bt\(\s*strings,\s*"(?P<t>\w+)"|conceptLinks\([^)]*?"(?P<links>\w+)"|"""
    r"""\blinked\(\s*"(?P<linked>\w+)"|"(?P<course>course_(?:start|continue|review))\""""
)


def test_every_string_the_script_asks_for_is_given_by_the_page() -> None:
    # The script holds no English of its own (issue 15: strings are data): a name missing from
    # SCRIPT_STRINGS would show as the bare name to every reader.
    from mkdocs_lessons.catalog.render import SCRIPT_STRINGS
    from mkdocs_lessons.core.i18n import ENGLISH

    asked: set[str] = set()
    for module in sorted((ASSETS / "js").glob("*.js")):
        source = module.read_text(encoding="utf-8")
        asked |= {name for match in _ASKED.finditer(source) for name in match.groups() if name}
        # Only a state's name is asked for by a variable (map.js: t(strings, state)).
        assert not re.search(r"\bt\(\s*strings,\s*(?![\s\"]|state\b|name\b)", source), module.name
    asked |= {"locked", "unlocked", "mastered"}
    assert {"right", "wrong", "concepts_done", "waits_for", "course_start"} <= asked
    assert asked <= set(SCRIPT_STRINGS), sorted(asked - set(SCRIPT_STRINGS))
    assert set(SCRIPT_STRINGS) <= set(ENGLISH), sorted(set(SCRIPT_STRINGS) - set(ENGLISH))
