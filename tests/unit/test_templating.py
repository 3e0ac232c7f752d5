"""A site's theme overrides our fragments from ``partials/lessons/`` (core.templating)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from jinja2 import UndefinedError

from mkdocs_lessons.core import templating
from mkdocs_lessons.core.diagnostics import Diagnostic
from mkdocs_lessons.core.i18n import Translator
from mkdocs_lessons.core.templating import render, use_search_path
from tests import tools

CONTROLS = "walkthrough/controls.html"
TOOL = Path(__file__).resolve().parents[2] / "tools" / "templates.py"


def controls() -> str:
    return render(CONTROLS, dots="<b>dots</b>", total=13, t=Translator("en"))


def ours() -> str:
    return (
        templating.environment()
        .get_template(CONTROLS)
        .render(dots="<b>dots</b>", total=13, t=Translator("en"))
    )


def override(theme: Path, name: str, text: str) -> Path:
    path = theme / "partials" / "lessons" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(autouse=True)
def package_templates_again() -> Iterator[None]:
    """Each test starts and ends on the package's templates, as the command line uses them."""
    use_search_path([])
    yield
    use_search_path([])


@pytest.fixture
def reports() -> list[Diagnostic]:
    return []


def test_without_a_search_path_the_package_template_is_used() -> None:
    assert 'class="lessons-walkthrough__controls"' in controls()
    assert "1 / 13" in controls()


def test_an_override_in_the_theme_replaces_our_template(tmp_path: Path) -> None:
    override(tmp_path / "overrides", CONTROLS, "<p class='mine'>{{ total }} {{ t('next') }}</p>")
    use_search_path([tmp_path / "overrides", tmp_path / "material"])
    assert controls() == "<p class='mine'>13 Next</p>"


def test_an_override_is_escaped_as_ours_is(tmp_path: Path) -> None:
    override(tmp_path, CONTROLS, "{{ dots }}|{{ dots | safe }}")
    use_search_path([tmp_path])
    assert controls() == "&lt;b&gt;dots&lt;/b&gt;|<b>dots</b>"


def test_a_template_the_theme_does_not_override_comes_from_the_package(tmp_path: Path) -> None:
    override(tmp_path, "checks/map.html", "a map of my own")
    use_search_path([tmp_path])
    assert controls() == ours()


def test_only_partials_lessons_of_a_theme_dir_is_searched(tmp_path: Path) -> None:
    # The same relative name elsewhere in the theme is one of the theme's own templates.
    (tmp_path / "walkthrough").mkdir()
    (tmp_path / "walkthrough" / "controls.html").write_text("theme's own", encoding="utf-8")
    (tmp_path / "partials" / "walkthrough").mkdir(parents=True)
    (tmp_path / "partials" / "walkthrough" / "controls.html").write_text("no", encoding="utf-8")
    use_search_path([tmp_path])
    assert controls() == ours()


def test_the_first_theme_dir_wins(tmp_path: Path) -> None:
    custom, theme = tmp_path / "custom", tmp_path / "theme"
    override(custom, CONTROLS, "custom")
    override(theme, CONTROLS, "theme")
    override(theme, "checks/check.html", "theme's check")
    use_search_path([custom, theme])
    assert controls() == "custom"
    assert render("checks/check.html", first_id="x", questions="", t=Translator("en")) == (
        "theme's check"
    )


def test_an_override_can_include_the_package_template_it_wraps(tmp_path: Path) -> None:
    override(
        tmp_path,
        CONTROLS,
        '<div class="wrap">{% include "mkdocs_lessons/' + CONTROLS + '" %}</div>',
    )
    use_search_path([tmp_path])
    html = controls()
    assert html.startswith('<div class="wrap">')
    assert ours().strip() in html


def test_a_syntax_error_is_reported_at_its_line_and_our_template_is_used(
    tmp_path: Path, reports: list[Diagnostic]
) -> None:
    path = override(tmp_path, CONTROLS, "<div>\n{{ total }}\n{% if %}\n</div>\n")
    use_search_path([tmp_path], reports.append)
    assert controls() == ours()
    assert controls() == ours()  # rendered again: said once
    assert len(reports) == 1
    assert reports[0].path == Path(os.path.abspath(path))
    assert reports[0].line == 3
    line = reports[0].format(tmp_path)
    assert line.startswith("partials/lessons/walkthrough/controls.html:3: template syntax error")
    assert f"template of mkdocs-lessons for '{CONTROLS}'" in line


def test_an_undefined_variable_is_reported_at_its_line_with_what_the_template_receives(
    tmp_path: Path, reports: list[Diagnostic]
) -> None:
    override(tmp_path, CONTROLS, "<div>\n{{ t('next') }}\n\n{{ totl }}\n</div>\n")
    use_search_path([tmp_path], reports.append)
    assert controls() == ours()
    assert controls() == ours()
    assert [(report.line, report.path.name) for report in reports] == [(4, "controls.html")]
    message = reports[0].message
    assert message.startswith("'totl' is undefined (did you mean 'total'?)")
    assert "receives: dots, t, total" in message


def test_an_error_in_a_file_an_override_includes_names_that_file(
    tmp_path: Path, reports: list[Diagnostic]
) -> None:
    override(tmp_path, CONTROLS, "{% include 'walkthrough/mine.html' %}")
    included = override(tmp_path, "walkthrough/mine.html", "fine\n{{ t.nothing_here() }}\n")
    use_search_path([tmp_path], reports.append)
    assert controls() == ours()
    assert [(report.path, report.line) for report in reports] == [
        (Path(os.path.abspath(included)), 2)
    ]


def test_a_failing_call_in_an_override_is_reported_not_raised(
    tmp_path: Path, reports: list[Diagnostic]
) -> None:
    override(tmp_path, CONTROLS, "{{ t('next') }}\n{{ 1 // 0 }}")
    use_search_path([tmp_path], reports.append)
    assert controls() == ours()
    assert reports[0].line == 2
    assert "ZeroDivisionError" in reports[0].message


def test_each_build_reports_a_broken_override_again(
    tmp_path: Path, reports: list[Diagnostic]
) -> None:
    override(tmp_path, CONTROLS, "{{ nope }}")
    for _ in range(2):
        use_search_path([tmp_path], reports.append)
        controls()
    assert len(reports) == 2


def test_an_error_of_our_own_template_still_raises(tmp_path: Path) -> None:
    # Our templates' mistakes are bugs: the fallback must not hide them, overrides or not.
    override(tmp_path, "checks/map.html", "mine")
    for dirs in ([], [tmp_path]):
        use_search_path(dirs)
        with pytest.raises(UndefinedError):
            render(CONTROLS, dots="", t=Translator("en"))


def test_an_edited_override_is_read_again_on_the_next_build(tmp_path: Path) -> None:
    path = override(tmp_path, CONTROLS, "first")
    use_search_path([tmp_path])
    assert controls() == "first"
    path.write_text("second, longer", encoding="utf-8")
    assert controls() == "first"  # within a build, templates are not checked again
    use_search_path([tmp_path])
    assert controls() == "second, longer"
    path.unlink()
    use_search_path([tmp_path])
    assert controls() == ours()


def test_the_environment_is_kept_while_the_overrides_do_not_change(tmp_path: Path) -> None:
    override(tmp_path, CONTROLS, "mine")
    use_search_path([tmp_path])
    first = templating._active.environment
    use_search_path([tmp_path])
    assert templating._active.environment is first
    use_search_path([])
    assert templating._active.environment is templating.environment()


def test_an_override_does_not_leak_into_another_search_path(tmp_path: Path) -> None:
    site_a, site_b = tmp_path / "a", tmp_path / "b"
    override(site_a, CONTROLS, "site a")
    override(site_b, "checks/map.html", "site b's map")
    use_search_path([site_a])
    assert controls() == "site a"
    use_search_path([site_b])
    assert controls() == ours()
    use_search_path([])
    assert controls() == ours()
    use_search_path([site_a])
    assert controls() == "site a"


def load_tool() -> ModuleType:
    return tools.load_tool("templates")


def test_the_documented_table_of_templates_is_up_to_date() -> None:
    tool = load_tool()
    current = tool.GENERATED.current()
    assert current is not None, "docs/templates.md lost its table markers"
    assert current == tool.GENERATED.block(), "run: python tools/templates.py --write"


def test_the_table_lists_every_template_a_build_renders_with_what_it_receives() -> None:
    tool = load_tool()
    listed = {template.name: template for template in tool.templates()}
    # export/ is rendered by `mkdocs-lessons export handout`, without the theme: not a build's.
    shipped = {
        path.relative_to(templating.TEMPLATES).as_posix()
        for path in templating.TEMPLATES.rglob("*.html")
        if path.relative_to(templating.TEMPLATES).parts[0] != "export"
    }
    assert set(listed) == shipped
    assert all(template.purpose for template in listed.values()), "say what it renders"
    assert listed[CONTROLS].receives == ("dots", "t", "total")
    # Set inside the template (in one branch of an if): not something the caller passes.
    assert "cards" not in listed["catalog/course.html"].receives
    assert listed["catalog/macros.html"].receives == ()
