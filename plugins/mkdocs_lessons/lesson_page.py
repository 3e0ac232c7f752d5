"""A lesson page's HTML from what the page's Markdown pass made of its body: every feature's
blocks assembled, glossary terms linked, and the lesson frame around it.

The host (``plugin.py``) calls this from its page hook; tests and the fuzz tests call it with
plain Python-Markdown, so the whole path from sources to a page runs without MkDocs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .catalog.model import Catalog, Lesson
from .catalog.render import PageContext, render_lesson
from .checks.render import assemble as assemble_checks
from .checks.render import render_map
from .core.codeblocks import number_code_blocks
from .core.deferred import Deferred
from .core.i18n import Translator
from .glossary.linker import link_terms
from .glossary.model import GlossaryTerm
from .glossary.render import render_lesson_glossary
from .glossary.usage import matcher_for
from .walkthrough.highlight import CodeHighlighter
from .walkthrough.render import assemble as assemble_walkthroughs


@dataclass
class LessonPage:
    html: str
    terms_used: list[str]
    """Ids of the glossary terms the page links, for the glossary's "used in" lists."""


def render_lesson_page(
    content_html: str,
    lesson: Lesson,
    catalog: Catalog,
    ctx: PageContext,
    deferred: Deferred,
    *,
    highlighter: CodeHighlighter,
    translate: Translator,
    term_href: Callable[[GlossaryTerm], str],
    link_all: bool = False,
    showcase_html: str = "",
) -> LessonPage:
    """The lesson page; repeated or bulky parts are held in ``deferred`` (see core.deferred)."""
    html = assemble_walkthroughs(
        content_html, lesson.walkthroughs, highlighter, translate, deferred
    )
    html = assemble_checks(html, lesson.checks, translate, deferred)
    matcher = matcher_for(catalog.glossary, catalog.term_matcher, lesson.slug)
    linked = link_terms(html, matcher, term_href, link_all=link_all)
    section = render_lesson_glossary(linked.used, lesson.glossary_title, term_href, translate)
    if section:
        section = deferred.hold("glossary", section)
    concept_map = render_map(lesson.checks, translate)
    # Concept sections have ids: their code blocks need their own (core.codeblocks).
    body = number_code_blocks(linked.html, "lessons-code")
    body = (deferred.hold("map", concept_map) if concept_map else "") + body
    if showcase_html:
        section += deferred.hold(
            "showcase", number_code_blocks(showcase_html, "lessons-showcase-code")
        )
    return LessonPage(render_lesson(lesson, body, ctx, section), [term.id for term in linked.used])
