"""Read glossary terms: the site file ``glossary.yml`` and lessons' ``glossary:`` front matter."""

from __future__ import annotations

import html
import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from ..core.diagnostics import Diagnostics, did_you_mean
from ..core.fields import Field, boolean, read_fields, text, text_list
from ..core.paths import is_file, read_text
from ..core.urls import is_absolute_url, slugify
from ..core.yamlsource import YamlSource, load_yaml
from ..teaching.inline import is_plain
from .matcher import TermMatcher
from .model import Glossary, GlossaryTerm, slug

if TYPE_CHECKING:
    from markdown import Markdown

GLOSSARY_FILE = "glossary.yml"

TERM_FIELDS = (
    Field("definition", text, required=True, doc="what the term means, in Markdown"),
    Field("aliases", text_list, doc="other names that link to this term"),
    Field("forms", text_list, doc="irregular forms; the regular plural is automatic"),
    Field("see", text_list, doc="related terms"),
    Field("case_sensitive", boolean, doc="true for acronyms such as STS"),
)
LESSON_TERM_FIELDS = (
    *TERM_FIELDS,
    Field("override", boolean, doc="true to replace the site's term on this lesson's page"),
)

_TAGS = re.compile(r"<[^>]+>")


def read_terms(
    source: YamlSource,
    mapping: Any,
    key_path: tuple[str | int, ...],
    diagnostics: Diagnostics,
    *,
    lesson: str | None = None,
) -> list[GlossaryTerm]:
    """Terms from a ``name -> fields`` mapping found at ``key_path`` of ``source``."""
    path = source.path
    if not isinstance(mapping, dict):
        diagnostics.add(
            path,
            source.line_of(*key_path),
            "the glossary must map each term to its fields, e.g. 'IAM Role: {definition: ...}'",
        )
        return []
    terms: list[GlossaryTerm] = []
    seen: dict[str, str] = {}
    for key, line in _keys_with_lines(source, key_path):
        name = key.value if isinstance(key, yaml.ScalarNode) else ""
        if key.tag != _STR_TAG:
            # `2038:`, `yes:`, `null:`: YAML reads the name as a number, true/false or nothing.
            diagnostics.add(
                path,
                line,
                f"the term name {name or '?'} is not read as a text by YAML "
                f"(it reads it as {_TAG_NAMES.get(key.tag, 'another type')}): quote it, "
                f"as '{name}':",
            )
            continue
        fields = mapping.get(name)
        if not slugify(name):
            diagnostics.add(
                path,
                line,
                f"the term name '{name}' has no letter or digit: name the term with a word",
            )
            continue
        if seen.get(slug(name)) == name:
            continue  # written twice to the letter: the YAML reader said so
        if slug(name) in seen:
            diagnostics.add(
                path,
                line,
                f"the term '{name}' is defined twice (also as '{seen[slug(name)]}'): keep one "
                "definition",
            )
            continue
        seen[slug(name)] = name
        if isinstance(fields, str):
            fields = {"definition": fields}
        if not isinstance(fields, dict):
            diagnostics.add(
                path, line, f"term '{name}' must have fields, at least 'definition: ...'"
            )
            continue
        values = read_fields(
            source,
            fields,
            LESSON_TERM_FIELDS if lesson else TERM_FIELDS,
            diagnostics,
            what=f"term '{name}'",
            key_path=(*key_path, name),
        )
        if "definition" not in values:
            continue
        term = GlossaryTerm(
            name=name,
            definition=values["definition"],
            source=path,
            line=line,
            aliases=values.get("aliases", []),
            forms=values.get("forms", []),
            see=values.get("see", []),
            case_sensitive=values.get("case_sensitive", False),
            lesson=lesson,
            override=values.get("override", False),
        )
        term.definition_html, term.definition_text, relative = _render_definition(term.definition)
        for target in relative:
            diagnostics.add(
                path,
                line,
                f"term '{name}': a definition may link to a full address (https://...) or to "
                f"another term by name in 'see:', not to a relative path: '{target}'",
            )
        terms.append(term)
    return terms


_STR_TAG = "tag:yaml.org,2002:str"
_TAG_NAMES = {
    "tag:yaml.org,2002:int": "a number",
    "tag:yaml.org,2002:float": "a number",
    "tag:yaml.org,2002:bool": "true or false",
    "tag:yaml.org,2002:null": "nothing",
    "tag:yaml.org,2002:timestamp": "a date",
}


def _keys_with_lines(
    source: YamlSource, key_path: tuple[str | int, ...]
) -> list[tuple[yaml.Node, int]]:
    """The keys of the mapping at ``key_path``, duplicates included, with their lines.

    PyYAML keeps only the last of two equal keys; the node tree still has both, so a term
    written twice is reported instead of silently replaced.
    """
    node = source.node
    for key in key_path:
        if not isinstance(node, yaml.MappingNode):
            return []
        node = next((value for k, value in node.value if k.value == key), None)
    if not isinstance(node, yaml.MappingNode):
        return []
    return [(key, source.line_at(key.start_mark)) for key, _ in node.value]


@cache
def _markdown() -> Markdown:
    from markdown import Markdown

    return Markdown()


# Links and images in a rendered definition. The definition shows on the glossary page, in
# lessons' glossary sections and in tooltips, each at another depth of the site, so a relative
# target is wrong from all but one of them: such links become their text, images their alt.
_LINK = re.compile(r"""<a\b[^>]*?\bhref=(["'])(.*?)\1[^>]*>(.*?)</a>""", re.DOTALL)
_IMAGE = re.compile(r"""<img\b[^>]*?\bsrc=(["'])(.*?)\1[^>]*>""")
_ALT = re.compile(r"""\balt=(["'])(.*?)\1""")


def _render_definition(definition: str) -> tuple[str, str, list[str]]:
    """The definition's HTML, its plain text, and the relative targets it had (unlinked)."""
    # Python-Markdown without extensions: a definition is a sentence or two, and it must render
    # the same in a tooltip, on the glossary page and in a lesson's glossary section.
    text = definition.strip()
    if is_plain(text):  # most definitions: they skip the parser
        return text, " ".join(text.split()), []
    rendered = _markdown().reset().convert(definition)
    relative: list[str] = []

    def unlink(match: re.Match[str]) -> str:
        # Hrefs come entity-encoded at times (Markdown hides e-mail addresses that way).
        target = html.unescape(match.group(2))
        if is_absolute_url(target):
            return match.group(0)
        relative.append(target)
        if match.group(0).startswith("<img"):
            alt = _ALT.search(match.group(0))
            return alt.group(2) if alt else ""
        return match.group(3)

    if "<a" in rendered:
        rendered = _LINK.sub(unlink, rendered)
    if "<img" in rendered:
        rendered = _IMAGE.sub(unlink, rendered)
    plain = " ".join(html.unescape(_TAGS.sub("", rendered)).split())
    inner = rendered
    if inner.startswith("<p>") and inner.endswith("</p>") and inner.count("<p>") == 1:
        inner = inner[3:-4]
    return inner, plain, relative


def load_glossary(
    root: Path, lesson_terms: dict[str, list[GlossaryTerm]], diagnostics: Diagnostics
) -> tuple[Glossary, TermMatcher]:
    """The site glossary plus lesson terms, checked, and the matcher of the site terms."""
    glossary = Glossary()
    path = root / GLOSSARY_FILE
    if is_file(path):
        content = read_text(path, diagnostics, inside=root)
        source = load_yaml(content, path, diagnostics) if content else None
        if source is not None:
            if not isinstance(source.data, dict) or "terms" not in source.data:
                diagnostics.add(
                    path,
                    1,
                    "the glossary file must have a 'terms:' mapping of terms to their definitions",
                )
            else:
                extra = sorted(set(source.data) - {"terms"})
                for key in extra:
                    diagnostics.add(
                        path,
                        source.line_of(key),
                        f"unknown key '{key}' in the glossary file: terms go under 'terms:'",
                    )
                for term in read_terms(source, source.data["terms"], ("terms",), diagnostics):
                    glossary.terms[term.id] = term
    for lesson, terms in lesson_terms.items():
        own: dict[str, GlossaryTerm] = {}
        for term in terms:
            site = glossary.terms.get(term.id)
            if site is not None and not term.override:
                diagnostics.add(
                    term.source,
                    term.line,
                    f"the term '{term.name}' is already in the site glossary "
                    f"({site.source.name}:{site.line}): add 'override: true' to use this "
                    "definition on this lesson's page, or remove it",
                )
                continue
            own[term.id] = term
        if own:
            glossary.lesson_terms[lesson] = own
    matcher = TermMatcher(glossary.terms.values())
    reported: set[tuple[int, int]] = set()
    for form, first, second in matcher.clashes:
        # One message per pair of terms: "key" clashing also means "keys" clashes.
        if (id(first), id(second)) in reported:
            continue
        reported.add((id(first), id(second)))
        diagnostics.add(
            second.source,
            second.line,
            f"'{form}' names two terms, '{first.name}' and '{second.name}': remove it from one",
        )
    _check_see_also(glossary, diagnostics)
    return glossary, matcher


def _check_see_also(glossary: Glossary, diagnostics: Diagnostics) -> None:
    names = {term.id: term.name for term in glossary.all_terms()}
    for term in glossary.all_terms() + [
        t for terms in glossary.lesson_terms.values() for t in terms.values() if t.override
    ]:
        kept = []
        for other in term.see:
            if slug(other) == term.id:
                diagnostics.add(
                    term.source,
                    term.line,
                    f"term '{term.name}' sees also itself ('{other}'): name other terms in "
                    "'see:', or remove it",
                )
            elif slug(other) in names:
                kept.append(other)
            else:
                diagnostics.add(
                    term.source,
                    term.line,
                    f"term '{term.name}' sees also '{other}', which is not a term"
                    f"{did_you_mean(other, names.values())}",
                )
        term.see = kept
