"""A site overrides our fragments from its theme's ``custom_dir`` (``partials/lessons/...``)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.build.conftest import BASE_CONFIG, Built, run_mkdocs
from tests.build.test_site import WALKTHROUGH_LESSON
from tests.sources import valid_tree, write_tree

CONTROLS = Path("overrides") / "partials" / "lessons" / "walkthrough" / "controls.html"
LESSON_PAGE = "lessons/basics/first/index.html"


def build(tmp_path: Path, controls: str, *, strict: bool = True) -> Built:
    """Build the walkthrough lesson on a site whose ``overrides/`` replaces the controls."""
    root = tmp_path / "project"
    tree = valid_tree()
    tree["basics/first/index.md"] = WALKTHROUGH_LESSON
    tree["basics/first/app.py"] = "import os\n"
    write_tree(root / "lessons", tree)
    write_tree(root / "docs", {"index.md": "# Home\n"})
    (root / CONTROLS).parent.mkdir(parents=True)
    (root / CONTROLS).write_text(controls, encoding="utf-8")
    config = BASE_CONFIG.format(plugins="  - search\n  - lessons", extra="", language="en")
    # The fixture's theme has no custom_dir; a site that overrides templates has one.
    config = config.replace("  name: material\n", "  name: material\n  custom_dir: overrides\n")
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    return run_mkdocs(root, tmp_path / "site", strict=strict)


MY_CONTROLS = """\
<div class="my-controls" data-total="{{ total }}">
  <button type="button" data-action="next">{{ t("next") }}</button>
  {% include "mkdocs_lessons/walkthrough/controls.html" %}
</div>
"""


def test_the_sites_override_replaces_the_walkthrough_controls(tmp_path: Path) -> None:
    built = build(tmp_path, MY_CONTROLS)
    assert built.returncode == 0, built.log
    page = built.html(LESSON_PAGE)
    walkthrough = page.select_one("#app-py.lessons-walkthrough")
    assert walkthrough is not None
    mine = walkthrough.select_one(".my-controls")
    assert mine is not None, "the override is on the page"
    assert mine["data-total"] == "2"
    assert mine.select_one("button").get_text() == "Next"
    # The package's controls, included by the override, are still there once.
    assert len(page.select(".my-controls .lessons-walkthrough__controls")) == 1
    assert not (built.site / "partials").exists(), "an override is a template, not a page file"


def test_a_broken_override_warns_with_its_line_and_fails_strict(tmp_path: Path) -> None:
    broken = "<div class='my-controls'>\n{{ t('next') }}\n{{ totl }}\n</div>\n"
    built = build(tmp_path, broken)
    assert built.returncode != 0
    warnings = [line for line in built.log.splitlines() if "controls.html" in line]
    assert len(warnings) == 1, built.log
    assert (
        "overrides/partials/lessons/walkthrough/controls.html:3: 'totl' is undefined"
        in (warnings[0])
    )
    assert "Traceback" not in built.log


def test_without_strict_a_broken_override_falls_back_to_our_controls(tmp_path: Path) -> None:
    built = build(tmp_path, "<div class='my-controls'>\n{% if %}\n</div>\n", strict=False)
    assert built.returncode == 0, built.log
    assert "overrides/partials/lessons/walkthrough/controls.html:2: template syntax error" in (
        built.log
    )
    page = built.html(LESSON_PAGE)
    assert page.select_one(".my-controls") is None
    controls = page.select_one("#app-py .lessons-walkthrough__controls")
    assert controls is not None, "the walkthrough still has its controls"
    assert "Traceback" not in built.log


SERVE_TWICE = """\
import sys
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config

override, page = Path(sys.argv[1]), Path(sys.argv[2])
first = load_config("mkdocs.yml")
first.plugins.on_startup(command="serve", dirty=False)
build(first)
print("first:", "first-version" in page.read_text(encoding="utf-8"))
override.write_text(override.read_text(encoding="utf-8").replace("first", "second"))
# What `mkdocs serve` does on a change: the config again, the same plugin instance.
again = load_config("mkdocs.yml")
assert again.plugins["lessons"] is first.plugins["lessons"], "serve keeps the plugin"
build(again)
print("second:", "second-version" in page.read_text(encoding="utf-8"))
"""


def test_serve_picks_up_an_edited_override_on_rebuild(tmp_path: Path) -> None:
    built = build(tmp_path, '<div class="first-version">{{ total }}</div>')
    assert built.returncode == 0, built.log
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    page = built.site / LESSON_PAGE
    config = (built.root / "mkdocs.yml").read_text(encoding="utf-8")
    (built.root / "mkdocs.yml").write_text(f"{config}site_dir: {built.site}\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", SERVE_TWICE, str(built.root / CONTROLS), str(page)],
        cwd=built.root,
        capture_output=True,
        text=True,
        env=env,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.split() == ["first:", "True", "second:", "True"], done.stderr
