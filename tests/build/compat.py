"""Shared helpers of the compatibility suite: the example site, copied, changed and built with
other plugins, and what the seed lesson's page must hold whatever else the site runs."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import yaml
from bs4 import BeautifulSoup, Tag

from mkdocs_lessons.catalog.loader import load_catalog
from mkdocs_lessons.catalog.model import Lesson
from mkdocs_lessons.core.diagnostics import Diagnostics
from tests.build.conftest import Built

REPO = Path(__file__).resolve().parents[2]
EXAMPLE_PARTS = ("mkdocs.yml", "docs", "lessons", "overrides")

SEED_LESSON = "iam-roles-vs-user-credentials"
"""The example lesson that ``/work/shared/seeds/`` shows: walkthrough, checks, map, terms."""
SEED_COURSE = "aws-iam"
SEED_PAGE = f"lessons/{SEED_COURSE}/{SEED_LESSON}/index.html"
GLOSSARY_PAGE = "lessons/glossary/"

LEFTOVER_MARKERS = ("lessons-deferred", "<!-- lessons-", "<!--lessons-", "/// ", "//// walkthrough")
"""Text that only shows when a block or placeholder reached the reader unrendered."""


def _seed_lesson() -> tuple[Lesson, set[str]]:
    """The seed lesson as the engine reads it, and every glossary term id its page may link."""
    diagnostics = Diagnostics()
    catalog = load_catalog(REPO / "lessons", diagnostics)
    assert not len(diagnostics), "the example lessons must load without a message"
    lesson = catalog.lessons[SEED_LESSON]
    term_ids = {term.id for term in catalog.glossary.all_terms()} | {
        term.id for term in lesson.terms
    }
    return lesson, term_ids


# Counted once from the sources, so that editing the example lesson never stales a number here.
SEED, TERM_IDS = _seed_lesson()


def example_site(tmp_path: Path) -> Path:
    """A copy of the repository's example site (config, docs, lessons, overrides) to change."""
    project = tmp_path / "project"
    project.mkdir(parents=True)
    for name in EXAMPLE_PARTS:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, project / name)
        else:
            shutil.copy2(source, project / name)
    return project


class _PythonName(str):
    """A ``!!python/name:...`` value, kept as written so that it survives a round trip."""


class _ConfigLoader(yaml.SafeLoader):
    pass


class _ConfigDumper(yaml.SafeDumper):
    pass


def _construct_python_name(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> _PythonName:
    return _PythonName(suffix)


def _represent_python_name(dumper: yaml.SafeDumper, value: _PythonName) -> yaml.Node:
    return dumper.represent_scalar(f"tag:yaml.org,2002:python/name:{value}", "")


_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/name:", _construct_python_name)
_ConfigDumper.add_representer(_PythonName, _represent_python_name)


def load_config(project: Path) -> dict[str, Any]:
    loaded = yaml.load((project / "mkdocs.yml").read_text(encoding="utf-8"), _ConfigLoader)
    assert isinstance(loaded, dict)
    return loaded


def python_name(dotted: str) -> str:
    """A value that ``edit_config`` writes as ``!!python/name:<dotted>`` (emoji's index...)."""
    return _PythonName(dotted)


def edit_config(project: Path, change: Callable[[dict[str, Any]], None]) -> None:
    """Load ``mkdocs.yml``, let ``change`` edit it in place, write it back."""
    config = load_config(project)
    change(config)
    text = yaml.dump(config, Dumper=_ConfigDumper, sort_keys=False, allow_unicode=True)
    (project / "mkdocs.yml").write_text(text, encoding="utf-8")


def plugin_names(config: dict[str, Any]) -> list[str]:
    return [next(iter(entry)) if isinstance(entry, dict) else entry for entry in config["plugins"]]


def add_plugin(
    config: dict[str, Any],
    name: str,
    options: dict[str, Any] | None = None,
    *,
    before: str | None = None,
    after: str | None = None,
) -> None:
    """Add plugin ``name`` to the config: at the end, or just before or after another."""
    entry: str | dict[str, Any] = {name: options} if options else name
    names = plugin_names(config)
    if before is not None:
        config["plugins"].insert(names.index(before), entry)
    elif after is not None:
        config["plugins"].insert(names.index(after) + 1, entry)
    else:
        config["plugins"].append(entry)


def build(project: Path, *extra_args: str, env: dict[str, str] | None = None) -> Built:
    """Run ``mkdocs build --strict`` (not ``-q``: it hides the warnings that fail the build)."""
    site = project / "site"
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site), *extra_args]
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    done = subprocess.run(command, cwd=project, capture_output=True, text=True, env=environment)
    return Built(project, site, done.returncode, done.stdout + done.stderr)


def _soup(html: BeautifulSoup | str) -> BeautifulSoup:
    return html if isinstance(html, BeautifulSoup) else BeautifulSoup(html, "html.parser")


def _one(page: BeautifulSoup | Tag, selector: str, what: str) -> Tag:
    found = page.select_one(selector)
    assert found is not None, f"the seed lesson's page has no {what} ({selector})"
    return found


def seed_page(built: Built) -> BeautifulSoup:
    """The seed lesson's page of a build that passed ``--strict``, checked complete."""
    assert built.returncode == 0, built.log
    page = built.html(SEED_PAGE)
    assert_seed_lesson(page)
    return page


def assert_seed_lesson(html: BeautifulSoup | str, page_url: str = SEED_PAGE) -> None:
    """The seed lesson's page is complete: every step of each walkthrough, every question, the
    concept map, glossary term links, and no unrendered block or placeholder left.

    ``page_url`` is the page's path in the site (a language prefix included), against which
    the glossary links are resolved."""
    text = html if isinstance(html, str) else str(html)
    page = _soup(html)
    for marker in LEFTOVER_MARKERS:
        assert marker not in text, f"leftover {marker!r} in the seed lesson's page"
    assert page.select_one("article .lessons-lesson") or page.select_one(".lessons-lesson"), (
        "not a lesson page"
    )

    for walkthrough in SEED.walkthroughs:
        root = _one(page, f"#{walkthrough.id}[data-lessons-walkthrough]", "walkthrough")
        steps = root.select("li.lessons-step")
        assert len(steps) == len(walkthrough.steps), (walkthrough.id, len(steps))
        for step in walkthrough.steps:
            item = _one(root, f"li#{walkthrough.id}-step-{step.number}", f"step {step.number}")
            narration = _one(item, ".lessons-step__narration", "step narration")
            assert narration.get_text(strip=True), f"step {step.number} has no narration"
            _one(item, ".lessons-code", f"code panel of step {step.number}")

    for question in SEED.checks.questions:
        form = _one(page, f"form#lessons-question-{question.id}", f"question {question.id}")
        assert _one(form, "legend", "question prompt").get_text(strip=True)

    concept_map = _one(page, "nav.lessons-map[data-lessons-map]", "concept map")
    nodes = [node["data-lessons-concept"] for node in concept_map.select(".lessons-map__node")]
    assert nodes == [concept.id for concept in SEED.checks.concepts]
    for concept in SEED.checks.concepts:
        _one(page, f"section#lessons-concept-{concept.id}", f"concept {concept.id}")

    glossary = urljoin("/" + page_url, "/" + _prefix(page_url) + GLOSSARY_PAGE)
    # Links in the prose, not the lesson's own list of its terms, which is there without linking.
    targets = [
        urlsplit(urljoin("/" + page_url, str(link["href"])))
        for link in page("a", href=True)
        if link.find_parent(class_="lessons-glossary") is None
    ]
    linked = {
        target.fragment for target in targets if target.path in (glossary, glossary + "index.html")
    }
    assert linked & TERM_IDS, f"no glossary term linked from the prose to {glossary}"


def _prefix(page_url: str) -> str:
    """The part of ``page_url`` before ``lessons/``: a language folder such as ``es/``."""
    return page_url[: page_url.index("lessons/")]


def git_env(project: Path, date: str = "2024-01-01T12:00:00+00:00") -> dict[str, str]:
    """The environment of a git command (or of a tool that commits, like mike) with a fixed
    identity and date, so history is reproducible and no user configuration leaks in."""
    return {
        **os.environ,
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.org",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.org",
        "GIT_AUTHOR_DATE": date,
        "GIT_COMMITTER_DATE": date,
        "GIT_CONFIG_NOSYSTEM": "1",
        "HOME": str(project.parent),
    }


def git(project: Path, *args: str, date: str = "2024-01-01T12:00:00+00:00") -> str:
    """Run git in ``project`` with a fixed identity and date."""
    done = subprocess.run(
        ["git", *args], cwd=project, capture_output=True, text=True, env=git_env(project, date)
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def git_repository(project: Path, commits: list[tuple[str, list[str]]]) -> None:
    """Make ``project`` a git repository: one commit per (ISO date, paths) in order; the last
    commit also takes whatever is left."""
    git(project, "init", "-q", "-b", "main")
    for date, paths in commits:
        git(project, "add", "--", *paths, date=date)
        git(project, "commit", "-q", "-m", f"commit of {date}", date=date)
    git(project, "add", "-A", date=commits[-1][0])
    if git(project, "status", "--porcelain"):
        git(project, "commit", "-q", "-m", "the rest", date=commits[-1][0])
