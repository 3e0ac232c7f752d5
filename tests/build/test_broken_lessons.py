"""Errors that teach: a course of broken lessons, one mistake each, built at once.

Each lesson must give exactly one message, at the line of its mistake, saying what to write
instead, and the build must never show a traceback; `mkdocs-lessons check` must say the same.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from tests.build.conftest import BuildSite
from tests.sources import AUTHORS


@dataclass(frozen=True)
class Broken:
    slug: str
    text: str
    """The lesson's index.md."""
    line: int
    message: str
    """The start of the expected message."""
    file: str = "index.md"
    """The file the message names, relative to the lesson folder."""
    extra_files: tuple[tuple[str, str], ...] = ()


def page(extra: str = "", body: str = "Text.\n", author: str = "ada") -> str:
    return f"---\ntitle: A lesson\nsummary: One sentence.\nauthor: {author}\n{extra}---\n\n{body}"


def walkthrough(steps: str, files: str = "app.py") -> str:
    return f"//// walkthrough | {files}\n\n{steps}////\n"


STEP = "/// step | 1\n```python\nx = 1\n```\nSet x.\n///\n"

CASES = [
    Broken("unknown-key", page("levle: beginner\n"), 5, "unknown key 'levle' in the front matter (did you mean 'level'?)"),
    Broken("bad-level", page("level: expert\n"), 5, "'level' in the front matter must be one of beginner, intermediate, advanced"),
    Broken("bad-duration", page("duration: -5\n"), 5, "'duration' in the front matter must be a whole number greater than 0"),
    Broken("unknown-author", page(author="zed"), 4, "unknown author 'zed': not in .authors.yml"),
    Broken("unknown-prerequisite", page("prerequisites: [nope]\n"), 5, "prerequisite 'nope' names no lesson"),
    Broken("bad-tags", page("tags: {a: 1}\n"), 5, "'tags' in the front matter must be a list of texts"),
    Broken("glossary-not-mapping", page("glossary: [a]\n"), 5, "'glossary' in the front matter must be a mapping"),
    Broken("term-without-definition", page("glossary:\n  Widget:\n    aliases: [gadget]\n"), 6, "missing required key 'definition' in the term 'Widget'"),
    Broken("concept-map-key", page("concept_map:\n  titel: Map\n"), 6, "unknown key 'titel' in the concept_map (did you mean 'title'?)"),
    Broken("showcase-type", page("showcase: 5\n"), 5, "'showcase' in the front matter must be a text or a mapping"),
    Broken("invalid-yaml", page("tags: [a\n"), 5, "invalid YAML"),
    Broken("no-front-matter", "Just text.\n", 1, "the lesson has no front matter"),
    Broken("broken-link", page(body="See [this](missing.md).\n"), 7, "link 'missing.md' points to a file that is not there"),
    Broken("missing-image", page(body="![A diagram](diagram.png)\n"), 7, "link 'diagram.png' points to a file that is not there"),
    Broken("walkthrough-no-file", page(body="//// walkthrough\n\n" + STEP + "////\n"), 7, "the walkthrough names no code file"),
    Broken("walkthrough-not-closed", page(body="//// walkthrough | app.py\n\n" + STEP), 7, "this walkthrough is never closed"),
    Broken("walkthrough-no-steps", page(body=walkthrough("Only text.\n")), 7, "the walkthrough has no steps"),
    Broken("step-outside", page(body=STEP), 7, "a step outside a walkthrough"),
    Broken("focus-outside", page(body=walkthrough(STEP.replace("step | 1", "step | 9"))), 9, "step 1: focus 9 is outside app.py"),
    Broken("focus-not-found", page(body=walkthrough(STEP.replace("step | 1", 'step | "nothing"'))), 9, "step 1:"),
    Broken("step-without-narration", page(body=walkthrough("/// step | 1\n```python\nx = 1\n```\n///\n")), 9, "this step has no narration"),
    Broken("unknown-step-file", page(body=walkthrough(STEP + "/// step\n    file: other.py\nMore.\n///\n")), 15, "unknown file 'other.py'"),
    Broken("broken-json-state", page(body=walkthrough('/// step | 1\n```json\n{"a": 1,}\n```\nA policy.\n///\n', "p.json")), 11, "p.json at this step: invalid JSON"),
    Broken("broken-code-file", page(), 2, "invalid YAML", file="config.yaml", extra_files=(("config.yaml", "a: 1\n  b: 2\n"),)),
    Broken("no-right-choice", page(body="/// question | Q?\n- [ ] a\n- [ ] b\n///\n"), 8, "no choice is marked right"),
    Broken("fill-in-no-answer", page(body="/// question | Q?\n    answer: []\n///\n"), 8, "the fill-in question accepts no answer"),
    Broken("ordering-of-one", page(body="/// question | Q?\n1. only\n///\n"), 8, "an ordering needs at least two items"),
    Broken("unknown-requirement", page(body="/// concept | A\n    requires: [b]\n///\n"), 8, "the concept 'a' requires an unknown concept 'b'"),
    Broken("requirement-cycle", page(body="/// concept | A\n    requires: [b]\n///\n/// concept | B\n///\n"), 8, "concepts require each other in a circle"),
    Broken("duplicate-question", page(body="/// question | Q\n    answer: x\n///\n/// question | Q\n    answer: y\n///\n"), 10, "two questions in this lesson have the id 'q'"),
    Broken("text-after-choices", page(body="/// question | Q\n- [x] a\n- [ ] b\n\nMore.\n///\n"), 11, "text after the list of answers"),
    Broken("question-no-answers", page(body="/// question | Q\n///\n"), 7, "the question has no answers"),
    Broken("question-option", page(body="/// question | Q\n    answer: x\n    hnt: y\n///\n"), 9, "unknown key 'hnt' in the question options (did you mean 'hint'?)"),
    Broken("tolerance-no-number", page(body="/// question | Q\n    answer: x\n    tolerance: 1\n///\n"), 9, "'tolerance:' only applies to a numeric answer"),
    Broken("showcase-bad-handle", page("showcase: Share yours.\n"), 4, "'github' in the showcase entry must be a GitHub user name", file="showcase/mine.md", extra_files=(("showcase/mine.md", "---\ntitle: Mine\nname: Me\ngithub: https://github.com/me\ndate: 2026-01-01\n---\n\nText.\n"),)),
]  # fmt: skip


def tree() -> dict[str, str]:
    files = {".authors.yml": AUTHORS}
    slugs = [case.slug for case in CASES]
    files["broken/course.yml"] = "title: Broken\nlessons:\n" + "".join(f"  - {s}\n" for s in slugs)
    for case in CASES:
        files[f"broken/{case.slug}/index.md"] = case.text
        for name, text in case.extra_files:
            files[f"broken/{case.slug}/{name}"] = text
    return files


MESSAGE = re.compile(
    r"^(?:WARNING -  mkdocs_lessons: )?(?P<path>[^:\s]+):(?P<line>\d+):(?:\d+: error:)? (?P<message>.*)$"
)


def by_lesson(log: str, course: str = "broken") -> dict[str, list[tuple[str, int, str]]]:
    found: dict[str, list[tuple[str, int, str]]] = defaultdict(list)
    for line in log.splitlines():
        match = MESSAGE.match(line.strip())
        if match and f"/{course}/" in f"/{match.group('path')}":
            parts = match.group("path").split("/")
            slug = parts[parts.index(course) + 1]
            rest = "/".join(parts[parts.index(course) + 2 :])
            found[slug].append((rest, int(match.group("line")), match.group("message")))
    return found


def assert_one_message_each(
    log: str, cases: list[Broken] | None = None, course: str = "broken"
) -> None:
    found = by_lesson(log, course)
    problems = []
    for case in CASES if cases is None else cases:
        messages = found.get(case.slug, [])
        if len(messages) != 1:
            problems.append(f"{case.slug}: {len(messages)} messages: {messages}")
            continue
        file, line, message = messages[0]
        if (file, line) != (case.file, case.line) or not message.startswith(case.message):
            problems.append(f"{case.slug}: got {file}:{line}: {message}")
    assert problems == [], "\n".join(problems)
    assert "Traceback" not in log and "could not read this file" not in log


def test_thirty_broken_lessons_give_one_message_each_at_its_line(build_site: BuildSite) -> None:
    assert len(CASES) >= 30
    built = build_site(tree(), strict=False)
    assert built.returncode == 0, built.log
    assert_one_message_each(built.log)


def run_check(project: Path) -> tuple[int, str]:
    """``mkdocs-lessons check`` in ``project``: its exit code and everything it printed."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs_lessons.cli", "check"],
        cwd=project,
        capture_output=True,
        text=True,
        env=env,
    )
    return done.returncode, done.stdout + done.stderr


def test_check_says_the_same(build_site: BuildSite) -> None:
    built = build_site(tree(), strict=False)
    code, output = run_check(built.root)
    assert code == 1
    assert_one_message_each(output)
