"""Which terms each lesson uses, worked out from the sources for the glossary's "used in" lists.

Done from the lessons' Markdown when the site's files are collected, not from rendered pages,
so that ``mkdocs serve --dirty`` (which skips unchanged pages) still lists every lesson.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..core.markers import region
from .matcher import TermMatcher
from .model import Glossary, GlossaryTerm

# What the linker never links, in one pass: fenced and inline code, tags, headings, and links
# with their text (inline, reference and definitions), so "used in" names exactly the lessons
# whose pages link the term.
_NOT_PROSE = re.compile(
    r"^[ \t]*(`{3,}|~{3,}).*?^[ \t]*\1[`~]*[ \t]*$"
    r"|(`+)[^\n]+?\2"
    r"|<[^>\n]+>|^#{1,6}[ \t][^\n]*$"
    r"|!?\[[^\]\n]*\](?:\([^)\n]*\)|\[[^\]\n]*\])|^ {0,3}\[[^\]\n]+\]:[^\n]*$",
    re.MULTILINE | re.DOTALL,
)


_QUESTIONS = region("question")


def matcher_for(glossary: Glossary, site: TermMatcher, lesson: str) -> TermMatcher:
    """The matcher of a lesson's page: the site's, unless the lesson defines terms."""
    own = glossary.lesson_terms.get(lesson)
    if not own:
        return site
    terms: Iterable[GlossaryTerm] = [
        *own.values(),
        *(term for term_id, term in glossary.terms.items() if term_id not in own),
    ]
    return TermMatcher(terms)


def terms_used(markdown: str, matcher: TermMatcher) -> list[GlossaryTerm]:
    """Terms used in the prose of ``markdown`` (not in code, headings, links or System Check
    questions, where the linker links none either)."""
    prose = _NOT_PROSE.sub(" ", _QUESTIONS.sub(" ", markdown))
    found: dict[int, GlossaryTerm] = {}
    for use in matcher.find(prose):
        found.setdefault(id(use.term), use.term)
    return list(found.values())
