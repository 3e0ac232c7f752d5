"""The "Share yours" entry template comes from the lesson: its showcase folder's
``_template.md``, else its front matter's ``showcase.template``, else a generic one."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from mkdocs_lessons.catalog.loader import load_catalog
from mkdocs_lessons.core.diagnostics import Diagnostics
from mkdocs_lessons.showcase.loader import TEMPLATE_FILE, load_showcase_folder
from mkdocs_lessons.showcase.model import Showcase
from mkdocs_lessons.showcase.render import GENERIC_ENTRY_TEMPLATE, ShareTarget
from tests.sources import lesson, valid_tree, write_tree

LESSONS = Path(__file__).resolve().parents[2] / "lessons"
SHOWCASE = "basics/first/showcase"
TEMPLATE = """\
---
title: Your pipeline
name: Your Name
github: your-github-user-name
date: YYYY-MM-DD
tags: [CI]
---

What your pipeline does.

```yaml
steps: []
```
"""
ENTRY = """\
---
title: One
name: Ada
github: ada-dev
date: 2026-01-01
---

An entry.
"""


def load(
    root: Path, files: dict[str, str], prompt: str = "showcase: Share yours.\n"
) -> tuple[Showcase | None, list[str]]:
    """Write the valid tree with ``files`` (under the first lesson), load the catalog."""
    tree = dict(valid_tree())
    tree["basics/first/index.md"] = lesson("First", prompt)
    tree.update({f"basics/first/{name}": text for name, text in files.items()})
    write_tree(root, tree)
    diagnostics = Diagnostics()
    catalog = load_catalog(root, diagnostics)
    return catalog.lessons["first"].showcase, [d.format(root) for d in diagnostics]


def shared_value(template: str | None) -> str:
    """What the Share yours link fills GitHub's editor with."""
    target = ShareTarget("https://github.com/acme/site", "main", "lessons")
    url = target.new_entry_url("basics", "first", template)
    assert url is not None
    return parse_qs(urlsplit(url).query)["value"][0]


def test_the_template_file_is_the_lessons_template(tmp_path: Path) -> None:
    showcase, messages = load(
        tmp_path, {f"showcase/{TEMPLATE_FILE}": TEMPLATE, "showcase/one.md": ENTRY}
    )
    assert messages == []
    assert showcase is not None and showcase.entry_template == TEMPLATE
    assert shared_value(showcase.entry_template) == TEMPLATE


def test_the_template_file_is_not_an_entry(tmp_path: Path) -> None:
    showcase, messages = load(
        tmp_path,
        {
            f"showcase/{TEMPLATE_FILE}": TEMPLATE,
            "showcase/one.md": ENTRY,
            # A folder named like the template is no entry's images folder.
            "showcase/_template/picture.png": "not read",
        },
    )
    assert showcase is not None
    assert [entry.name for entry in showcase.entries] == ["one"]
    assert messages == [
        f"{SHOWCASE}/_template/picture.png:1: a showcase folder holds entries (name.md) and "
        "their images (name/picture.png, .jpg, .gif or .webp); this file is neither and is "
        "not published"
    ]
    # With the template alone the lesson has no entries.
    alone, _ = load(tmp_path / "alone", {f"showcase/{TEMPLATE_FILE}": TEMPLATE})
    assert alone is not None and alone.entries == [] and alone.entry_template == TEMPLATE


def test_the_template_from_the_front_matter(tmp_path: Path) -> None:
    front = (
        "showcase:\n  prompt: Share yours.\n"
        "  template: |\n    ---\n    title: T\n    ---\n\n    Text.\n"
    )
    showcase, messages = load(tmp_path, {}, prompt=front)
    assert messages == []
    assert showcase is not None
    assert showcase.entry_template == "---\ntitle: T\n---\n\nText.\n"


def test_a_file_and_a_front_matter_template_the_file_is_used_and_said(tmp_path: Path) -> None:
    front = "showcase:\n  prompt: Share yours.\n  template: From the front matter.\n"
    showcase, messages = load(tmp_path, {f"showcase/{TEMPLATE_FILE}": TEMPLATE}, prompt=front)
    assert showcase is not None and showcase.entry_template == TEMPLATE
    assert messages == [
        f"{SHOWCASE}/{TEMPLATE_FILE}:1: the lesson's front matter also gives 'showcase: "
        "template:': this file is used; remove one of the two"
    ]


def test_without_a_template_the_generic_one_names_no_subject(tmp_path: Path) -> None:
    showcase, messages = load(tmp_path, {"showcase/one.md": ENTRY})
    assert messages == [] and showcase is not None and showcase.entry_template is None
    value = shared_value(showcase.entry_template)
    assert value == GENERIC_ENTRY_TEMPLATE
    for subject in ("AWS", "IAM", "account id", "json"):
        assert subject.casefold() not in value.casefold(), subject
    assert value.startswith("---\ntitle: ") and "\ngithub: " in value and "\ndate: " in value


def test_a_template_that_links_out_of_the_folder_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "secret.txt"
    outside.write_text("AWS_SECRET_ACCESS_KEY=...\n", encoding="utf-8")
    root = tmp_path / "lessons"
    write_tree(root, {f"{SHOWCASE}/one.md": ENTRY})
    os.symlink(outside, root / SHOWCASE / TEMPLATE_FILE)
    showcase, messages = load(root, {})
    assert showcase is not None and showcase.entry_template is None
    assert [entry.name for entry in showcase.entries] == ["one"]
    assert messages == [
        f"{SHOWCASE}/{TEMPLATE_FILE}:1: the entry template is a symbolic link, which a "
        "showcase folder never follows (it would send what it points at to GitHub): put the "
        "template file itself here; the generic template is used until then"
    ]
    assert "AWS_SECRET" not in shared_value(showcase.entry_template)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("  \n", "the entry template is empty"),
        (b"\xff\xfe", "the entry template is not UTF-8 text"),
        ("x" * 4_001, "the entry template is over 4,000 bytes"),
    ],
    ids=["empty", "not-utf8", "too-long"],
)
def test_a_template_that_cannot_serve_is_reported(
    tmp_path: Path, content: str | bytes, message: str
) -> None:
    folder = tmp_path / "lesson" / "showcase"
    folder.mkdir(parents=True)
    path = folder / TEMPLATE_FILE
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    diagnostics = Diagnostics()
    found = load_showcase_folder(tmp_path / "lesson", 20_000, diagnostics)
    assert found.template is None and found.entries == []
    formatted = [d.format(tmp_path) for d in diagnostics]
    assert len(formatted) == 1 and formatted[0].startswith(
        f"lesson/showcase/{TEMPLATE_FILE}:1: {message}"
    ), formatted


def test_a_template_for_a_lesson_without_a_showcase_is_reported(tmp_path: Path) -> None:
    showcase, messages = load(tmp_path, {f"showcase/{TEMPLATE_FILE}": TEMPLATE}, prompt="")
    assert showcase is None
    assert messages == [
        f"{SHOWCASE}/{TEMPLATE_FILE}:1: lesson 'first' does not ask for showcase entries, so "
        "this entry template is not used: add 'showcase: <an invitation>' to its front matter"
    ]


def test_the_example_lesson_carries_its_own_template() -> None:
    diagnostics = Diagnostics()
    catalog = load_catalog(LESSONS, diagnostics)
    showcase = catalog.lessons["iam-roles-vs-user-credentials"].showcase
    assert showcase is not None and showcase.entry_template is not None
    assert "tags: [IAM]" in showcase.entry_template and "```json" in showcase.entry_template
    assert not [d for d in diagnostics if TEMPLATE_FILE in str(d.path)]
