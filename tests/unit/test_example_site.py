"""The example site's sources: valid as a whole, and the seed lesson as the brief describes it."""

from __future__ import annotations

import json
import re
from pathlib import Path

from mkdocs_lessons.catalog.loader import load_catalog
from mkdocs_lessons.core.diagnostics import Diagnostics
from mkdocs_lessons.showcase.loader import SHOWCASE_FOLDER, load_entries
from mkdocs_lessons.showcase.safe_markdown import SafeMarkdown

ROOT = Path(__file__).resolve().parents[2]
LESSONS = ROOT / "lessons"
JSON_BLOCK = re.compile(r"^```json[ \t]*\n(.*?)^```[ \t]*$", re.M | re.S)


def test_example_sources_have_no_mistakes() -> None:
    diagnostics = Diagnostics()
    load_catalog(LESSONS, diagnostics)
    assert [d.format(LESSONS) for d in diagnostics] == []


def test_every_json_state_of_every_walkthrough_parses() -> None:
    catalog = load_catalog(LESSONS, Diagnostics())
    checked = 0
    for lesson in catalog.lessons.values():
        for walkthrough in lesson.walkthroughs:
            for step in walkthrough.steps:
                if step.file.endswith(".json"):
                    try:
                        json.loads(step.state.text)
                    except json.JSONDecodeError as error:
                        raise AssertionError(
                            f"{lesson.slug} #{walkthrough.id} step {step.number}: {error}"
                        ) from error
                    checked += 1
    assert checked >= 30


def test_seed_lesson() -> None:
    catalog = load_catalog(LESSONS, Diagnostics())
    seed = catalog.lessons["iam-roles-vs-user-credentials"]
    assert seed.title == "IAM Roles vs. User Credentials"
    assert [catalog.authors[a].name for a in seed.author_ids] == ["Pascual Vila"]
    assert catalog.authors["pascual-vila"].description == "Cloud Instructor"
    (walkthrough,) = seed.walkthroughs
    assert (walkthrough.id, walkthrough.files, len(walkthrough.steps)) == (
        "iam-role",
        ["iam-role-config.json"],
        13,
    )
    final = json.loads(walkthrough.steps[-1].state.text)
    statement = final["AssumeRolePolicyDocument"]["Statement"][0]
    assert statement["Principal"] == {"Service": "ec2.amazonaws.com"}
    assert statement["Action"] == "sts:AssumeRole"
    assert "InstanceProfile" in final
    assert final == json.loads((seed.folder / "iam-role-config.json").read_text())
    for name in (
        "IAM Role",
        "User Credentials",
        "Instance Profile",
        "Assume Role",
        "Trust Policy",
        "Lambda Execution Role",
    ):
        assert catalog.glossary.term(name.lower().replace(" ", "-")) is not None, name


def test_every_showcase_entry_loads_renders_safely_and_its_json_parses() -> None:
    catalog = load_catalog(LESSONS, Diagnostics())
    safe = SafeMarkdown()
    folders = sorted(path.parent for path in LESSONS.rglob(f"{SHOWCASE_FOLDER}/*.md"))
    entries, blocks = 0, 0
    for lesson_folder in sorted(set(folders)):
        diagnostics = Diagnostics()
        loaded = load_entries(lesson_folder.parent, catalog.showcase_max_bytes, diagnostics)
        assert [d.format(LESSONS) for d in diagnostics] == []
        assert len(loaded) == len(list(lesson_folder.glob("[!_]*.md")))  # not _template.md
        for entry in loaded:
            result = safe.render(entry.body, entry.path.parent / entry.name)
            assert [r.message for r in result.refusals] == [], entry.name
            assert "<pre" in result.html, f"{entry.name}: no code block"
            found = JSON_BLOCK.findall(entry.body)
            assert found, f"{entry.name}: no json block"
            for block in found:
                try:
                    document = json.loads(block)
                except json.JSONDecodeError as error:
                    raise AssertionError(f"{entry.name}: {error}") from error
                assert document.get("Version") == "2012-10-17", entry.name
                blocks += 1
            entries += 1
    assert entries >= 4 and blocks >= entries


def test_seed_lesson_showcase() -> None:
    catalog = load_catalog(LESSONS, Diagnostics())
    showcase = catalog.lessons["iam-roles-vs-user-credentials"].showcase
    assert showcase is not None
    assert showcase.title == "Showcase your IAM configurations"
    assert "share" in showcase.prompt.casefold()
    # More entries than the default cap of 3, so the example site shows the page of all entries.
    assert len(showcase.entries) > 3
    dates = [entry.date for entry in showcase.entries]
    assert dates == sorted(dates, reverse=True) and len(set(dates)) == len(dates)


def _section(markdown: str, heading: str) -> str:
    """The ``## heading`` section of ``markdown``, with link targets left out."""
    start = markdown.index(f"\n{heading}\n")
    end = markdown.find("\n## ", start + 1)
    text = markdown[start : end if end >= 0 else None]
    return re.sub(r"\]\([^)]*\)", "]()", text)


def test_contributing_reader_section_is_the_same_in_the_repository_and_on_the_site() -> None:
    heading = "## Share your configuration"
    repository = _section((ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8"), heading)
    site = _section((ROOT / "docs" / "contributing.md").read_text(encoding="utf-8"), heading)
    assert repository == site
