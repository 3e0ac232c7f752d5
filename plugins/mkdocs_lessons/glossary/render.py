"""The glossary page and a lesson's glossary section."""

from __future__ import annotations

from collections.abc import Callable
from itertools import groupby

from markupsafe import Markup

from ..core.deferred import Deferred
from ..core.i18n import Translator
from ..core.templating import render
from .model import Glossary, GlossaryTerm, slug


def render_glossary_page(
    glossary: Glossary,
    used_in: dict[str, list[tuple[str, str]]],
    translate: Translator,
    deferred: Deferred | None = None,
) -> str:
    """The glossary page: letters, then each term with its definition, aliases, see-also and
    the lessons that use it (``used_in``: term id -> [(lesson title, link)]).

    With ``deferred``, the "used in" lists are held out of the content (see ``core.deferred``).
    """

    def hold(key: str, fragment: str) -> Markup:
        return Markup(deferred.hold(key, fragment) if deferred is not None else fragment)

    terms = glossary.all_terms()
    letters = [(letter, list(group)) for letter, group in groupby(terms, lambda t: t.letter)]
    names = {term.id: term for term in terms}
    return render(
        "glossary/page.html",
        letters=letters,
        used_in=used_in,
        see=lambda term: [names[slug(other)] for other in term.see if slug(other) in names],
        hold=hold,
        t=translate,
    )


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
