"""The glossary page and a lesson's glossary section."""

from __future__ import annotations

from collections.abc import Callable
from itertools import groupby

from markupsafe import Markup

from ..core.i18n import Translator
from ..core.templating import render
from .model import Glossary, GlossaryTerm, slug


def render_glossary_page(
    glossary: Glossary,
    translate: Translator,
    used_in: Callable[[GlossaryTerm], str],
) -> str:
    """The glossary page: letters, then each term with its definition, aliases, see-also and
    ``used_in(term)``, the HTML (or a placeholder for it) of the lessons that use the term."""
    terms = glossary.all_terms()
    letters = [(letter, list(group)) for letter, group in groupby(terms, lambda t: t.letter)]
    names = {term.id: term for term in terms}
    return render(
        "glossary/page.html",
        letters=letters,
        used_in=lambda term: Markup(used_in(term)),
        see=lambda term: [names[slug(other)] for other in term.see if slug(other) in names],
        t=translate,
    )


def render_used_in(lessons: list[tuple[str, str]], translate: Translator) -> str:
    """The "used in" line of a glossary entry (``lessons``: [(title, link)]; "" if none)."""
    if not lessons:
        return ""
    return render("glossary/used_in.html", lessons=lessons, t=translate)


def render_lesson_glossary(
    terms: list[GlossaryTerm],
    title: str | None,
    href: Callable[[GlossaryTerm], str],
    translate: Translator,
) -> str:
    """The section that ends a lesson: the terms it uses, with links to the site glossary."""
    if not terms:
        return ""
    ordered = sorted(terms, key=lambda term: term.name.casefold())
    return render(
        "glossary/section.html",
        terms=ordered,
        title=title or translate("lesson_glossary"),
        href=href,
        t=translate,
    )
