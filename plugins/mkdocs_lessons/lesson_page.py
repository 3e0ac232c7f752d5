"""What each of our pages needs done in its Markdown pass (see ``core.extension``).

- :class:`LessonWork`: a lesson page: walkthroughs, concepts and System Checks put together
  where their markers stand, glossary terms linked, code blocks numbered, and the lesson frame
  (header, map, glossary and showcase sections, pager) around the body;
- :class:`GeneratedWork`: a page with no Markdown of its own (a course, the index, an author,
  the glossary, a showcase page): its rendered HTML is the page's content;
- :class:`DocsWork`: a page of ``docs/`` whose glossary terms are linked.

The host (``plugin.py``) sets one of them on the registered extension before MkDocs renders
the page; :func:`render_markdown` does the same with plain Python-Markdown, so tests and the
fuzz tests run the whole path from sources to a page without MkDocs.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension

from .catalog.model import Catalog, Lesson
from .catalog.render import PageContext, render_lesson
from .checks.render import build_concepts, render_checks, render_map
from .core.codeblocks import CodeBlockIds, number_code_blocks
from .core.extension import LessonsExtension, PageWork
from .core.i18n import Translator
from .core.search import Unsearched, plain_code
from .core.templating import render
from .core.tree import (
    markers_in,
    stash_entries,
    stashed_block,
    take_swallowed_markers,
    unclosed_html_problem,
)
from .glossary.linker import link_terms
from .glossary.matcher import TermMatcher
from .glossary.model import GlossaryTerm
from .glossary.render import render_lesson_glossary
from .glossary.usage import matcher_for
from .teaching.notes import render_notes
from .walkthrough.highlight import CodeHighlighter
from .walkthrough.render import build_walkthroughs

# Where the body goes in the rendered lesson frame (a private-use character: never in a
# template).
_BODY_SLOT = "\ue000lessons-body\ue000"


@dataclass
class LessonWork:
    """A lesson page's work; after the pass, what it found (terms, anchors) for the host."""

    lesson: Lesson
    catalog: Catalog
    ctx: PageContext
    highlighter: CodeHighlighter
    translate: Translator
    term_href: Callable[[GlossaryTerm], str]
    link_all: bool = False
    showcase_html: str = ""
    report: Callable[[int, str], None] | None = None
    """Told of an author's mistake that only the page's Markdown pass shows (line, message)."""
    reads_markers: bool = True
    terms_used: list[GlossaryTerm] = field(default_factory=list)
    """The glossary terms the page uses, in order of first use."""
    anchors: set[str] = field(default_factory=set)
    """Ids of the page's elements that are rendered fragments, for MkDocs' anchor checks."""
    unsearched: Unsearched = field(default_factory=Unsearched)
    _code_ids: CodeBlockIds = field(default_factory=lambda: CodeBlockIds("lessons-code"))

    def structure(self, root: etree.Element, md: Markdown) -> None:
        # A page is rendered more than once when another plugin renders it too: start afresh.
        self.unsearched = self.ctx.unsearched = Unsearched()
        self._code_ids = CodeBlockIds("lessons-code")
        self.anchors = build_walkthroughs(
            markers_in(root),
            self.lesson.walkthroughs,
            md,
            self.highlighter,
            self.translate,
            self.unsearched,
            self._code_ids,
        )
        self.anchors |= build_concepts(root, self.lesson.checks, self.translate)

    def link(self, root: etree.Element, md: Markdown) -> None:
        matcher = matcher_for(self.catalog.glossary, self.catalog.term_matcher, self.lesson.slug)
        self.terms_used = link_terms(
            root, matcher, self.term_href, link_all=self.link_all, stash=md.htmlStash.rawHtmlBlocks
        )

    def finish(self, root: etree.Element, md: Markdown) -> None:
        # Concept sections have ids: their code blocks need their own (core.codeblocks).
        for index, entry in stash_entries(root, md):
            numbered = md.htmlStash.rawHtmlBlocks[index] = self._code_ids(entry)
            # Search is given the code's text without its tokens' tags (a third of its work
            # on a lesson page); the page keeps the highlighted block.
            plain = plain_code(numbered)
            if plain is not None:
                self.unsearched.simplify(numbered, plain)
        render_notes(root, md, self.translate, self.unsearched, shown=self.catalog.instructor)
        self._report_swallowed(root, md)
        self.anchors |= render_checks(
            root, md, self.lesson.checks, self.translate, self.unsearched, self._code_ids
        )
        omit = self.unsearched.omit
        section = render_lesson_glossary(
            self.terms_used, self.lesson.glossary_title, self.term_href, self.translate
        ).strip()
        section = omit(section)
        if self.lesson.checks.concepts:  # the lesson's summary, first of what follows it
            following = self.catalog.neighbours(self.lesson)[1]
            recap = render(
                "checks/summary.html",
                concepts=self.lesson.checks.concepts,
                next=following,
                next_link=following and self.ctx.lesson_link(following),
                t=self.translate,
            )
            section = omit(recap.strip()) + "\n" + section
        if self.showcase_html:
            showcase = number_code_blocks(self.showcase_html, "lessons-showcase-code")
            section += "\n" + omit(showcase.strip())
        frame = render_lesson(self.lesson, _BODY_SLOT, self.ctx, section)
        before, _, after = frame.partition(_BODY_SLOT)
        concept_map = render_map(self.lesson.checks, self.translate).strip()
        if concept_map:
            root.insert(0, stashed_block(md, omit(concept_map)))
        root.insert(0, stashed_block(md, before))
        if after.strip():
            root.append(stashed_block(md, after))

    def _report_swallowed(self, root: etree.Element, md: Markdown) -> None:
        """Say where an author's unclosed raw HTML took our blocks as HTML (once for each
        such element), and leave no marker text on the page."""
        reported: set[int] = set()
        for swallowed in take_swallowed_markers(root, md):
            ident = swallowed.args[0] if swallowed.args else ""
            # One message for each raw HTML left open, at the first block it took.
            if swallowed.taken_by in reported or self.report is None:
                continue
            reported.add(swallowed.taken_by)
            what = _BLOCK_NAMES.get(swallowed.kind.removesuffix("-end"), "block")
            self.report(self._line_of(ident), unclosed_html_problem(swallowed.tag, what, ident))

    def _line_of(self, ident: str) -> int:
        """The line of the block that ``ident`` names (the lesson's body if none)."""
        checks = self.lesson.checks
        lines = {item.id: item.line for item in checks.questions}
        lines |= {item.id: item.line for item in checks.concepts}
        lines |= {item.id: item.line for item in self.lesson.walkthroughs}
        return lines.get(ident, self.lesson.body_first_line)


_BLOCK_NAMES = {
    "question": "question",
    "part": "question",
    "concept": "concept",
    "walkthrough": "walkthrough",
    "step": "walkthrough",
}
"""What a reader calls the block that a marker kind belongs to (its first id names it)."""


@dataclass
class GeneratedWork:
    """A page whose whole content is ``render()``'s HTML."""

    render: Callable[[], str]
    ctx: PageContext
    anchors: set[str] = field(default_factory=set)
    reads_markers: bool = True
    """Its Markdown is one marker line (see ``catalog.pages``)."""

    def structure(self, root: etree.Element, md: Markdown) -> None:
        pass

    def link(self, root: etree.Element, md: Markdown) -> None:
        pass

    def finish(self, root: etree.Element, md: Markdown) -> None:
        for child in list(root):
            root.remove(child)
        root.text = None
        root.append(stashed_block(md, self.render()))


@dataclass
class DocsWork:
    """A docs page whose glossary terms are linked."""

    matcher: TermMatcher
    term_href: Callable[[GlossaryTerm], str]
    link_all: bool = False
    reads_markers: bool = False

    def structure(self, root: etree.Element, md: Markdown) -> None:
        pass

    def link(self, root: etree.Element, md: Markdown) -> None:
        stash = md.htmlStash.rawHtmlBlocks
        link_terms(root, self.matcher, self.term_href, link_all=self.link_all, stash=stash)

    def finish(self, root: etree.Element, md: Markdown) -> None:
        pass


def render_markdown(
    markdown: str,
    work: PageWork,
    extensions: Sequence[str | Extension] = (),
    extension_configs: dict[str, dict[str, Any]] | None = None,
) -> str:
    """``markdown`` rendered as MkDocs renders a page, with ``work`` done in the pass."""
    extension = LessonsExtension()
    extension.work = work
    md = Markdown(extensions=[*extensions, extension], extension_configs=extension_configs or {})
    return md.convert(markdown)
