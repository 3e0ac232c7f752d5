"""Our blocks rendered as the build renders them, in a page's Markdown pass, without the
lesson frame around them: for the unit tests of one feature (Markdown in, HTML out)."""

from __future__ import annotations

import xml.etree.ElementTree as etree
from collections.abc import Sequence
from dataclasses import dataclass, field

from markdown import Markdown
from markdown.extensions import Extension

from mkdocs_lessons.checks.model import LessonChecks
from mkdocs_lessons.checks.render import build_concepts, render_checks, render_map
from mkdocs_lessons.core.codeblocks import CodeBlockIds
from mkdocs_lessons.core.i18n import Translator
from mkdocs_lessons.core.search import Unsearched
from mkdocs_lessons.core.tree import markers_in
from mkdocs_lessons.lesson_page import render_markdown
from mkdocs_lessons.walkthrough.highlight import CodeHighlighter
from mkdocs_lessons.walkthrough.model import Walkthrough


@dataclass
class BlocksWork:
    walkthroughs: list[Walkthrough] = field(default_factory=list)
    checks: LessonChecks = field(default_factory=LessonChecks)
    translate: Translator = field(default_factory=lambda: Translator("en"))
    unsearched: Unsearched = field(default_factory=Unsearched)
    reads_markers: bool = True

    def structure(self, root: etree.Element, md: Markdown) -> None:
        from mkdocs_lessons.walkthrough.render import build_walkthroughs

        self.code_ids = CodeBlockIds("lessons-code")
        build_walkthroughs(
            markers_in(root),
            self.walkthroughs,
            md,
            CodeHighlighter(),
            self.translate,
            self.unsearched,
            self.code_ids,
        )
        build_concepts(root, self.checks, self.translate)

    def link(self, root: etree.Element, md: Markdown) -> None:
        pass

    def finish(self, root: etree.Element, md: Markdown) -> None:
        render_checks(root, md, self.checks, self.translate, self.unsearched, self.code_ids)


def render_blocks(
    markdown: str,
    walkthroughs: list[Walkthrough] | None = None,
    checks: LessonChecks | None = None,
    extensions: Sequence[str | Extension] = ("pymdownx.superfences",),
    *,
    with_map: bool = False,
) -> str:
    """``markdown`` (a body as the block scanner wrote it) rendered with its blocks."""
    work = BlocksWork(walkthroughs or [], checks or LessonChecks())
    html = render_markdown(markdown, work, extensions)
    if with_map and checks is not None:
        html = render_map(checks, Translator("en")) + html
    return html
