"""The example site's sources: valid as a whole, and the seed lesson as the brief describes it."""

from __future__ import annotations

import json
from pathlib import Path

from mkdocs_lessons.catalog.loader import load_catalog
from mkdocs_lessons.core.diagnostics import Diagnostics

LESSONS = Path(__file__).resolve().parents[2] / "lessons"


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
