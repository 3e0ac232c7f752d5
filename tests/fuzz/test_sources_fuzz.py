"""Fuzzing the loaders: the example site's sources, mutated the way authors and strangers get
them wrong, must give diagnostics and pages, never an exception.

Every kind of source is mutated (lesson front matter and blocks, the course file, the glossary,
the authors file, showcase entries, a CodeTour file, a code file) by line-level edits drawn
from hostile snippets (values YAML cannot construct, numbers that overflow, paths that leave
the lesson, symbolic links, broken blocks, regular expressions that backtrack, bytes that are
not UTF-8) and from random text. Each mutant runs the whole engine path that a build runs:
load and check the sources, then render every lesson page from its Markdown. Properties:

- nothing raises, and no message is the guard's "could not read this file" (every mistake has
  a message of its own);
- every message names a line of the file it names;
- nothing outside the sources folder is read or published: a secret written beside it never
  reaches a page, and every published file lies inside its folder.

`make test` runs a bounded number of examples (the ``ci`` profile); `make fuzz` runs many more.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mkdocs_lessons.catalog.render import PageContext
from mkdocs_lessons.core.diagnostics import UNEXPECTED
from mkdocs_lessons.core.i18n import Translator
from mkdocs_lessons.core.search import Unsearched
from mkdocs_lessons.lesson_page import LessonWork, render_markdown
from mkdocs_lessons.sources import SourceOptions, load_sources
from mkdocs_lessons.walkthrough.highlight import CodeHighlighter

EXAMPLE = Path(__file__).resolve().parents[2] / "lessons"
SECRET = "SECRET-7f3a-OUTSIDE-THE-SOURCES"

# `make test` runs the same examples every time (a failure there is reproducible, never luck);
# `make fuzz` draws new ones on every run.
settings.register_profile(
    "ci",
    max_examples=120,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
settings.register_profile(
    "long", max_examples=3000, deadline=None, suppress_health_check=list(HealthCheck)
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

TOUR = """\
{
  "title": "The policy",
  "steps": [
    {"file": "policy.json", "line": 2, "description": "The version."},
    {"file": "policy.json", "selection": {"start": {"line": 3, "character": 1},
      "end": {"line": 5, "character": 1}}, "description": "The statements."},
    {"description": "Only words."}
  ]
}
"""
TOUR_LESSON = """\
---
title: Tour
summary: A lesson whose walkthrough comes from a CodeTour file.
author: noor-haddad
---

//// walkthrough | policy.json
    tour: policy.tour
    title: A tour

/// step | 2
    code: policy.json
The end.
///
////
"""
POLICY = '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {"Effect": "Allow"}\n  ]\n}\n'

# Lines authors and strangers really write, and lines they would write to break things.
HOSTILE = [
    "date: 2026-02-30",
    "2026-13-01: x",
    "duration: " + "9" * 5000,
    "duration: " + "9" * 400,
    "answer: " + "1" * 400,
    "    answer: " + "1" * 400,
    "    tolerance: .inf",
    "    tolerance: .nan",
    "    answer: 1" + "0" * 400 + ".5",
    "title: Trust Policies: Who May Assume a Role",
    "tags: [a",
    'summary: "unclosed',
    "\tauthor: tab",
    "\tanswer: tab",
    "a: &x [*x]",
    "x: !Sub bar",
    "x: !!python/object/apply:os.system [echo]",
    "yes: term",
    "2038: term",
    "null: term",
    "'': empty",
    "author: [ana]",
    "authors: {a: 1}",
    "lessons: [1, {a: b}]",
    "  - {a: b}",
    "  - 5",
    "    " + "[" * 1200 + "]" * 1200,
    "k" * 2000 + ": v",
    "    aliases: ['" + "a" * 700 + "']",
    "    aliases: ['" + " w" * 700 + "']",
    "---",
    "",
    "///",
    "////",
    "/////",
    "/// question | Why?",
    "/// question |",
    "/// concept | Loop",
    "    requires: [loop]",
    "/// step | 99999999999999999999",
    "/// step | 1-999999999999",
    "/// step | /(a+)+$/",
    "/// step | /(x+x+)+y/",
    "/// step | /[/",
    '/// step | "Statement" ..',
    "//// walkthrough | ../../../mkdocs.yml",
    "//// walkthrough | /etc/passwd",
    "//// walkthrough | outside.json",
    "//// walkthrough | " + "a" * 300 + ".json",
    "    code: ../../secret.txt",
    "    code: /etc/passwd",
    "    code: " + "b" * 300 + ".json",
    "    file: ../../../secret.txt",
    "    tour: ../../secret.txt",
    "    tour: /etc/passwd",
    "    tour: " + "c" * 300 + ".tour",
    "    id: 123",
    "    hint: [a, b]",
    "    answer: {a: 1}",
    "    type: 7",
    "- [x] right",
    "- [ ] wrong",
    "1. first",
    "```json",
    "```",
    "~~~",
    "![secret](../../secret.txt)",
    "![secret](outside.png)",
    "[link](../../../../etc/passwd)",
    "<script>alert(1)</script>",
    "# Heading",
    "## Heading",
    "avatar: ../../secret.txt",
    "    avatar: /etc/passwd",
    "    avatar: " + "d" * 300 + ".png",
    "github: https://github.com/x",
    "github: '-bad-'",
    '"file": "../../../secret.txt",',
    '"file": "/etc/passwd",',
    '"directory": "../",',
    '"selection": {"start": 3},',
    '"selection": {"start": {"line": "x"}, "end": 5},',
    '"line": "9",',
    '"line": 99999999999999999999999,',
    '"line": -4,',
    '"steps": [1, "x", null, []],',
    '"steps": {},',
    "[" * 5000,
    "{" * 5000,
    "\ufeff---",
    "\x00",
    "text\rwith\rcarriage returns",
    "\u2028",
]


def _site(root: Path) -> Path:
    """The example sources, a CodeTour lesson, and a secret outside the sources folder."""
    sources = root / "lessons"
    shutil.copytree(EXAMPLE, sources, symlinks=True)
    tour = sources / "aws-iam" / "tour"
    tour.mkdir()
    (tour / "index.md").write_text(TOUR_LESSON, encoding="utf-8")
    (tour / "policy.tour").write_text(TOUR, encoding="utf-8")
    (tour / "policy.json").write_text(POLICY, encoding="utf-8")
    course = sources / "aws-iam" / "course.yml"
    course.write_text(course.read_text(encoding="utf-8") + "  - tour\n", encoding="utf-8")
    (root / "secret.txt").write_text(SECRET, encoding="utf-8")
    return sources


def _targets(sources: Path) -> list[Path]:
    return sorted(
        path
        for path in sources.rglob("*")
        if path.is_file() and path.suffix in (".md", ".yml", ".tour", ".json")
    )


Mutation = Callable[[list[str]], list[str]]


@st.composite
def mutations(draw: st.DrawFn) -> tuple[int, list[tuple[str, int, str]]]:
    """A file (by index) and a few line edits: (kind, position, text)."""
    target = draw(st.integers(min_value=0, max_value=10_000))
    snippet = st.one_of(
        st.sampled_from(HOSTILE),
        st.text(max_size=40),
        st.builds(
            lambda key, value: f"{key}: {value}",
            st.sampled_from(["title", "summary", "author", "tags", "date", "    answer"]),
            st.sampled_from(HOSTILE),
        ),
    )
    edits = draw(
        st.lists(
            st.tuples(
                st.sampled_from(
                    ["replace", "insert", "delete", "duplicate", "indent", "value", "swap", "cut"]
                ),
                st.integers(min_value=0, max_value=400),
                snippet,
            ),
            min_size=1,
            max_size=4,
        )
    )
    return target, edits


def _apply(lines: list[str], edits: list[tuple[str, int, str]]) -> list[str]:
    for kind, position, text in edits:
        index = position % (len(lines) + 1)
        if kind == "insert" or not lines:
            lines.insert(index, text)
            continue
        index = min(index, len(lines) - 1)
        if kind == "replace":
            lines[index] = text
        elif kind == "delete":
            del lines[index : index + 1 + position % 3]
        elif kind == "duplicate":
            lines.insert(index, lines[index])
        elif kind == "indent":
            lines[index] = ("\t" if position % 2 else "  ") + lines[index]
        elif kind == "swap":
            other = (index + 1 + position % 5) % len(lines)
            lines[index], lines[other] = lines[other], lines[index]
        elif kind == "cut":
            lines[index] = lines[index][: position % (len(lines[index]) + 1)] + text
        elif ":" in lines[index]:
            key = lines[index].split(":", 1)[0]
            lines[index] = f"{key}: {text.strip()}"
        else:
            lines[index] = text
    return lines


_EXTENSIONS = [
    "admonition",
    "attr_list",
    "md_in_html",
    "tables",
    "toc",
    "pymdownx.highlight",
    "pymdownx.superfences",
    "pymdownx.tasklist",
]


def _url_of(uri: str) -> str:
    if uri.endswith("index.md"):
        return uri.removesuffix("index.md")
    return uri.removesuffix(".md") + "/" if uri.endswith(".md") else uri


def _check_mutant(root: Path, sources: Path, *, stranger: bool = False) -> None:
    """``stranger``: the mutated file is a showcase entry, whose markup must never run (a
    lesson's own author may write HTML)."""
    translate = Translator("en")
    loaded = load_sources(SourceOptions(root=sources), translate, set())
    messages = [d.format(root) for d in loaded.diagnostics]
    assert not [m for m in messages if UNEXPECTED in m], messages
    for diagnostic in loaded.diagnostics:
        assert diagnostic.line >= 1 and diagnostic.column >= 1
        if diagnostic.path.is_file() and not diagnostic.path.is_symlink():
            # Lines as the readers see them: Python reads "\r\n" and a lone "\r" as "\n".
            count = len(re.split(rb"\r\n|\r|\n", diagnostic.path.read_bytes()))
            assert diagnostic.line <= count, diagnostic.format(root)
    catalog, plan = loaded.catalog, loaded.plan
    for path in plan.files.values():
        assert path.resolve().is_relative_to(sources.resolve()), path
    highlighter = CodeHighlighter()
    for lesson in catalog.lessons.values():
        ctx = PageContext(
            catalog, plan, translate, _url_of(plan.lesson_uri(lesson)), _url_of, True, Unsearched()
        )
        work = LessonWork(lesson, catalog, ctx, highlighter, translate, lambda term: f"#{term.id}")
        # The extension re-raises without a host to report to: anything unforeseen fails here.
        written = render_markdown(lesson.markdown, work, _EXTENSIONS)
        assert SECRET not in written, lesson.path
        assert not stranger or "<script>alert" not in written


@given(mutations())
def test_mutated_sources_never_raise_and_publish_nothing_from_outside(
    mutation: tuple[int, list[tuple[str, int, str]]],
) -> None:
    target, edits = mutation
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        sources = _site(root)
        files = _targets(sources)
        path = files[target % len(files)]
        lines = path.read_text(encoding="utf-8").split("\n")
        path.write_text("\n".join(_apply(lines, edits)), encoding="utf-8")
        _check_mutant(root, sources, stranger="showcase" in path.parts)


@given(
    st.integers(min_value=0, max_value=10_000),
    st.sampled_from(["symlink-out", "symlink-folder-out", "bytes", "truncate", "empty", "bom"]),
    st.binary(max_size=16),
)
def test_files_replaced_by_links_and_bytes_never_raise(target: int, kind: str, data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        sources = _site(root)
        candidates = sorted(p for p in sources.rglob("*") if p.is_file())
        path = candidates[target % len(candidates)]
        if kind == "symlink-out":
            path.unlink()
            path.symlink_to(root / "secret.txt")
        elif kind == "symlink-folder-out":
            outside = root / "outside"
            outside.mkdir()
            (outside / "index.md").write_text(SECRET, encoding="utf-8")
            (outside / "secret.json").write_text(f'"{SECRET}"', encoding="utf-8")
            (path.parent / "linked").symlink_to(outside, target_is_directory=True)
        elif kind == "bytes":
            content = path.read_bytes()
            cut = target % (len(content) + 1)
            path.write_bytes(content[:cut] + b"\xff\xfe" + data + content[cut:])
        elif kind == "truncate":
            content = path.read_bytes()
            path.write_bytes(content[: target % (len(content) + 1)])
        elif kind == "empty":
            path.write_bytes(b"")
        else:
            path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
        _check_mutant(root, sources)
