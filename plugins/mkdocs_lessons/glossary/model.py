"""Glossary terms."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from ..core.urls import slugify


@dataclass
class GlossaryTerm:
    name: str
    definition: str
    """Markdown."""
    source: Path
    line: int
    aliases: list[str] = field(default_factory=list)
    forms: list[str] = field(default_factory=list)
    """Irregular forms; the regular English plural of each name and alias is added."""
    see: list[str] = field(default_factory=list)
    case_sensitive: bool = False
    lesson: str | None = None
    """The slug of the lesson that defines the term, for lesson terms."""
    override: bool = False
    definition_html: str = ""
    definition_text: str = ""
    """Plain text, for tooltips and screen readers."""

    @cached_property
    def id(self) -> str:
        # Asked for on every use of the term on every page: computed once.
        return slug(self.name)

    @property
    def letter(self) -> str:
        first = self.name[:1].upper()
        return first if first.isalpha() else "#"

    def surface_forms(self) -> list[str]:
        """Every way the term is written in prose: name, aliases, their plurals, other forms."""
        forms: list[str] = []
        for written in (self.name, *self.aliases):
            forms += [written, *plurals(written)]
        forms += self.forms
        return list(dict.fromkeys(forms))


@dataclass
class Glossary:
    terms: dict[str, GlossaryTerm] = field(default_factory=dict)
    """Site terms by id."""
    lesson_terms: dict[str, dict[str, GlossaryTerm]] = field(default_factory=dict)
    """Terms defined by a lesson, by lesson slug then id; they apply on that lesson's page."""

    def term(self, term_id: str, lesson: str | None = None) -> GlossaryTerm | None:
        if lesson is not None and term_id in self.lesson_terms.get(lesson, {}):
            return self.lesson_terms[lesson][term_id]
        return self.terms.get(term_id)

    def all_terms(self) -> list[GlossaryTerm]:
        """Site terms and the lesson terms that add to them (not overrides), alphabetically."""
        merged = dict(self.terms)
        for terms in self.lesson_terms.values():
            for term_id, term in terms.items():
                if not term.override:
                    merged.setdefault(term_id, term)
        return sorted(merged.values(), key=lambda term: term.name.casefold())


def slug(name: str) -> str:
    """The term's id and anchor: its words, lower case, joined by ``-``.

    Symbols that tell terms apart are spelt out, so ``C``, ``C++`` and ``C#`` (``c``,
    ``c-plus-plus``, ``c-sharp``) or ``NET`` and ``.NET`` (``dot-net``) are three and two terms,
    not one defined twice. Names without those symbols keep the ids they always had: published
    anchors must not change.
    """
    if "+" in name or "#" in name or name.lstrip().startswith("."):
        name = name.replace("+", " plus ").replace("#", " sharp ")
        stripped = name.lstrip()
        if stripped.startswith("."):
            name = "dot " + stripped[1:]
    return slugify(name) or "term"


_SIBILANT = re.compile(r"(s|x|z|ch|sh)$", re.IGNORECASE)
_CONSONANT_Y = re.compile(r"[^aeiou]y$", re.IGNORECASE)


def plurals(written: str) -> list[str]:
    """The regular English plural of ``written`` (its last word): roles, policies, boxes."""
    last = written.split()[-1] if written.split() else written
    if not last[-1:].isalpha():
        return []
    if last.isupper() and len(last) > 1:
        # Acronyms: IDs, ARNs; one ending in S (STS) has no regular plural.
        return [] if last.endswith("S") else [written + "s"]
    if _CONSONANT_Y.search(written):
        plural = written[:-1] + ("IES" if written[-1].isupper() else "ies")
    elif _SIBILANT.search(written):
        plural = written + ("ES" if written[-1].isupper() else "es")
    else:
        plural = written + ("S" if written[-1].isupper() else "s")
    return [plural]
