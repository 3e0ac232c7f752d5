"""Lesson pages made in their own Markdown pass, as MkDocs renders any page: blocks inside
containers, content complete for every plugin that reads it, anchors MkDocs checks."""

from __future__ import annotations

import json

from tests.build.conftest import BuildSite
from tests.sources import lesson, valid_tree

CONTAINED = """\
Intro with S3.

!!! note "Build it"

    //// walkthrough | app.py
    /// step | 1
    Import *what* we need.
    ///
    /// step | 2
    Print it.
    ///
    ////

=== "Tab one"

    /// question | Is this in a tab?
        answer: true
    ///

??? tip "Details"

    /// question | Which one?
    - [x] This
    - [ ] That
    ///

1. A step of a list

    /// question | In a list?
        answer: yes
    ///
"""

EXTENSIONS = """\
  - pymdownx.details
  - pymdownx.tabbed:
      alternate_style: true
"""

# Runs first (priority 1000) among the plugins that read the content: it writes down what they
# are given.
PROBE = """\
import json, os
from mkdocs.plugins import event_priority


@event_priority(1000)
def on_page_content(html, page, config, files):
    if page.file.src_uri.endswith("first/index.md"):
        project = os.path.dirname(config.config_file_path)
        with open(os.path.join(project, "content.json"), "w") as out:
            json.dump(html, out)
    return html
"""


def test_blocks_inside_admonitions_tabs_details_and_lists(build_site: BuildSite) -> None:
    tree = valid_tree()
    tree["basics/first/index.md"] = lesson("First", body=CONTAINED)
    tree["basics/first/app.py"] = "import os\nprint(os.getcwd())\n"
    built = build_site(
        tree,
        {"index.md": "# Home\n", "probe.py": PROBE},
        extra=EXTENSIONS + "hooks: [docs/probe.py]",
    )
    assert built.returncode == 0, built.log
    assert "WARNING" not in built.log, built.log
    page = built.html("lessons/basics/first/index.html")
    steps = page.select(".admonition .lessons-walkthrough li.lessons-step")
    assert [step["id"] for step in steps] == ["app-py-step-1", "app-py-step-2"]
    assert steps[0].select_one(".lessons-step__narration em").get_text() == "what"
    assert page.select_one(".tabbed-set form.lessons-question") is not None
    assert page.select_one("details form.lessons-question") is not None
    assert page.select_one("ol li form.lessons-question") is not None
    assert "///" not in page.get_text() and "§§" not in str(page)
    # What the first plugin to read the content is given is the finished page.
    content = json.loads((built.root / "content.json").read_text())
    assert content.count('class="lessons-step"') == 2 and content.count("<form") == 3
    assert "lessons-deferred" not in content and "<!--" not in content


def test_mkdocs_anchor_validation_sees_step_and_term_anchors(build_site: BuildSite) -> None:
    tree = valid_tree()
    tree["basics/first/index.md"] = lesson("First", body=CONTAINED)
    tree["basics/first/app.py"] = "import os\nprint(os.getcwd())\n"
    tree["glossary.yml"] = "terms:\n  S3:\n    definition: Storage.\n"
    docs = {
        "index.md": (
            "# Home\n\n[Step 2](lessons/basics/first/index.md#app-py-step-2) and "
            "[S3](lessons/glossary.md#s3).\n"
        )
    }
    extra = EXTENSIONS + "validation:\n  anchors: warn\n"
    built = build_site(tree, docs, extra=extra)
    assert built.returncode == 0, built.log
    docs["index.md"] += "\n[Nowhere](lessons/basics/first/index.md#app-py-step-9)\n"
    broken = build_site(tree, docs, extra=extra)
    assert broken.returncode != 0
    assert "app-py-step-9" in broken.log and "app-py-step-2" not in broken.log
