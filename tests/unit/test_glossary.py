"""Glossary: the matcher, the HTML linker, the loader's messages."""

from __future__ import annotations

import copy
import html
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown import Markdown

from mkdocs_lessons.core.diagnostics import Diagnostics
from mkdocs_lessons.core.markers import marker
from mkdocs_lessons.glossary.linker import Linker, link_terms
from mkdocs_lessons.glossary.loader import load_glossary
from mkdocs_lessons.glossary.matcher import TermMatcher
from mkdocs_lessons.glossary.model import GlossaryTerm, plurals
from mkdocs_lessons.glossary.usage import terms_used
from mkdocs_lessons.lesson_page import render_markdown


def term(name: str, **fields: object) -> GlossaryTerm:
    made = GlossaryTerm(name=name, definition=f"About {name}.", source=Path("g.yml"), line=1)
    for key, value in fields.items():
        setattr(made, key, value)
    made.definition_text = f"About {name}."
    return made


TERMS = [
    term("IAM"),
    term("IAM Role"),
    term("Policy"),
    term("S3"),
    term("least-privilege"),
    term("STS", case_sensitive=True),
    term("User Credentials", aliases=["access key"]),
    term("Instance Metadata Service", aliases=["IMDSv2"]),
]
MATCHER = TermMatcher(TERMS)


def found(text: str) -> list[tuple[str, str]]:
    return [(text[u.start : u.end], u.term.name) for u in MATCHER.find(text)]


def test_longest_match_wins() -> None:
    assert found("An IAM Role is not IAM.") == [("IAM Role", "IAM Role"), ("IAM", "IAM")]


def test_plurals_case_and_aliases() -> None:
    assert found("Policies, iam roles and ACCESS KEYS") == [
        ("Policies", "Policy"),
        ("iam roles", "IAM Role"),
        ("ACCESS KEYS", "User Credentials"),
    ]
    assert plurals("Policy") == ["Policies"] and plurals("box") == ["boxes"]
    assert plurals("Access Key ID") == ["Access Key IDs"] and plurals("STS") == []


def test_case_sensitive_terms() -> None:
    assert found("STS issues; sts does not; Sts neither") == [("STS", "STS")]


def test_whole_words_punctuation_dots_hyphens_digits() -> None:
    assert found("S3, (S3) S3. S3-bucket S30 IMDSv2.") == [
        ("S3", "S3"),
        ("S3", "S3"),
        ("S3", "S3"),
        ("IMDSv2", "Instance Metadata Service"),
    ]
    assert found("least-privilege and least privilege") == [("least-privilege", "least-privilege")]
    assert found("Policyholder IAMs") == [("IAMs", "IAM")]


def test_multi_word_terms_span_white_space_only() -> None:
    assert found("IAM\nRole") == [("IAM\nRole", "IAM Role")]
    assert found("IAM, Role") == [("IAM", "IAM")]


def test_matching_cost_does_not_loop_over_terms() -> None:
    many = TermMatcher([term(f"Term{i}") for i in range(5000)] + TERMS)
    assert [u.term.name for u in many.find("Term4321 then S3")] == ["Term4321", "S3"]


def href(t: GlossaryTerm) -> str:
    return f"/glossary/#{t.id}"


@dataclass
class _LinkWork:
    """The glossary linking of a page's Markdown pass, alone."""

    link_all: bool = False
    used: list[GlossaryTerm] = field(default_factory=list)
    reads_markers: bool = False

    def structure(self, root: etree.Element, md: Markdown) -> None:
        pass

    def link(self, root: etree.Element, md: Markdown) -> None:
        stash = md.htmlStash.rawHtmlBlocks
        self.used = link_terms(root, MATCHER, href, link_all=self.link_all, stash=stash)

    def finish(self, root: etree.Element, md: Markdown) -> None:
        pass


def linked(markdown: str, *, link_all: bool = False) -> tuple[str, list[str]]:
    """``markdown`` rendered with its terms linked, and the names of the terms it uses."""
    work = _LinkWork(link_all)
    extensions = ["abbr", "attr_list", "md_in_html", "pymdownx.superfences"]
    html = render_markdown(markdown, work, extensions)
    return html, [t.name for t in work.used]


def test_linker_skips_code_headings_links_buttons_and_glossaries() -> None:
    html, used = linked(
        "## IAM Role\n\nUse `IAM Role` or [IAM Role](x).\n\n```\nS3\n```\n\n"
        "<button>S3</button> and <kbd>Policy</kbd>\n\n"
        '<div class="lessons-code" markdown><div markdown>S3</div></div>\n\n'
        '<section class="lessons-glossary" markdown>Policy</section>\n\n'
        "An IAM Role reads S3 &amp; Policy; another IAM Role.\n"
    )
    assert html.count('class="lessons-term"') == 3
    page = BeautifulSoup(html, "html.parser")
    assert page.select("h2 a, code a, pre a, button a, .lessons-code a, .lessons-glossary a") == []
    assert page.select_one("p a[href='x']").get_text() == "IAM Role"
    first = page.select("a.lessons-term")[0]
    assert first.attrs == {
        "class": ["lessons-term"],
        "href": "/glossary/#iam-role",
        "title": "About IAM Role.",
        "data-lessons-term": "iam-role",
    }
    assert first.parent.get_text().startswith("An IAM Role reads")
    assert "another IAM Role.</p>" in html, "only the first use is linked"
    assert used == ["IAM Role", "S3", "Policy"]


def test_linker_never_links_inside_a_link_or_an_abbreviation() -> None:
    html, used = linked("[S3 and the IAM Role](x.md) and S3.\n\n*[S3]: Simple Storage Service\n")
    page = BeautifulSoup(html, "html.parser")
    link = page.select_one("a[href='x.md']")
    assert link.select("a") == [] and link.select_one("abbr").get_text() == "S3"
    assert page.select("abbr a, a a") == []
    assert used == [], "uses inside a link or an abbreviation are not uses the page links"


def test_linker_can_link_every_use_and_keeps_capitals() -> None:
    html, _ = linked("s3 and S3\n", link_all=True)
    assert html.count('class="lessons-term"') == 2
    assert ">s3</a> and <a" in html


def test_linker_leaves_entities_and_attributes_alone() -> None:
    html, _ = linked('&amp;S3; x\n{: title="S3 bucket" }\n\n![S3](s3.png)\n')
    page = BeautifulSoup(html, "html.parser")
    assert page.select_one("p")["title"] == "S3 bucket"
    assert html.startswith('<p title="S3 bucket">&amp;<a class="lessons-term"')
    assert page.select_one("img")["alt"] == "S3"


def test_usage_ignores_system_check_questions_as_the_linker_does() -> None:
    markdown = (
        f"An IAM Role.\n\n{marker('question', 'q')}\n\n{marker('part', 'q', 'choice-1')}\n\n"
        f"S3\n\n{marker('question-end', 'q')}\n\nA Policy.\n"
    )
    assert [t.name for t in terms_used(markdown, MATCHER)] == ["IAM Role", "Policy"]


def test_usage_ignores_code_and_headings() -> None:
    markdown = (
        "## S3\n\n`IAM` and [a policy](x.md) or [S3][ref]\n\n```\nPolicy\n```\n\n"
        "Use an IAM Role.\n\n[ref]: https://example.com/S3\n"
    )
    assert [t.name for t in terms_used(markdown, MATCHER)] == ["IAM Role"]


def load(
    tmp_path: Path, text: str, lesson_terms: dict[str, list[GlossaryTerm]] | None = None
) -> list[str]:
    (tmp_path / "glossary.yml").write_text(text, encoding="utf-8")
    diagnostics = Diagnostics()
    load_glossary(tmp_path, lesson_terms or {}, diagnostics)
    return [d.format(tmp_path) for d in diagnostics]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "terms:\n  IAM Role:\n    definition: A.\n  iam role:\n    definition: B.\n",
            "glossary.yml:4: the term 'iam role' is defined twice (also as 'IAM Role'): keep one "
            "definition",
        ),
        (
            "terms:\n  IAM Role:\n    definition: A.\n  IAM Role:\n    definition: B.\n",
            "glossary.yml:4: 'IAM Role' is written twice here (first at line 2): only the last "
            "would be read; remove one",
        ),
        (
            "terms:\n  IAM Role:\n    definition: ''\n",
            "glossary.yml:3: 'definition' in the term 'IAM Role' must be a non-empty text, not "
            "'' (text)",
        ),
        (
            "terms:\n  A:\n    definition: x\n    aliases: [key]\n  B:\n    definition: y\n"
            "    aliases: [key]\n",
            "glossary.yml:5: 'key' names two terms, 'A' and 'B': remove it from one",
        ),
        (
            "terms:\n  A:\n    definition: x\n    see: [Bee]\n  B:\n    definition: y\n",
            "glossary.yml:2: term 'A' sees also 'Bee', which is not a term",
        ),
        (
            "terms:\n  A:\n    definition: [x\n",
            "glossary.yml:3: invalid YAML: did not find expected ',' or ']' while parsing a flow "
            "sequence (check indentation and quoting)",
        ),
        (
            "terms:\n  A:\n    defintion: x\n",
            "glossary.yml:3: unknown key 'defintion' in the term 'A' (did you mean "
            "'definition'?); known keys: definition, aliases, forms, see, case_sensitive",
        ),
        (
            "terms:\n  C++:\n    definition: x\n  c ++:\n    definition: y\n",
            "glossary.yml:4: the term 'c ++' is defined twice (also as 'C++'): keep one definition",
        ),
        (
            "terms:\n  A:\n    definition: See [the page](../../index.md).\n",
            "glossary.yml:2: term 'A': a definition may link to a full address (https://...) or "
            "to another term by name in 'see:', not to a relative path: '../../index.md'",
        ),
        (
            "terms:\n  A:\n    definition: x\n    see: [a, B]\n  B:\n    definition: y\n",
            "glossary.yml:2: term 'A' sees also itself ('a'): name other terms in 'see:', or "
            "remove it",
        ),
        (
            "words: {}\n",
            "glossary.yml:1: the glossary file must have a 'terms:' mapping of "
            "terms to their definitions",
        ),
    ],
)
def test_each_mistake_gives_one_message(tmp_path: Path, text: str, expected: str) -> None:
    messages = load(tmp_path, text)
    assert messages[0].startswith(expected.split(" (did you mean")[0]) or messages == [expected]
    # A misspelt "definition" is one message: the key it stands for is not also missing.
    assert len(messages) == 1, messages


def test_lesson_term_clash_needs_override(tmp_path: Path) -> None:
    clash = term("IAM Role")
    clash.source, clash.line, clash.lesson = tmp_path / "index.md", 7, "first"
    messages = load(tmp_path, "terms:\n  IAM Role:\n    definition: A.\n", {"first": [clash]})
    assert messages == [
        "index.md:7: the term 'IAM Role' is already in the site glossary (glossary.yml:2): add "
        "'override: true' to use this definition on this lesson's page, or remove it"
    ]
    clash.override = True
    assert load(tmp_path, "terms:\n  IAM Role:\n    definition: A.\n", {"first": [clash]}) == []


def test_terms_that_differ_in_symbols(tmp_path: Path) -> None:
    text = "terms:\n" + "".join(
        f"  {name}:\n    definition: About {name}.\n" for name in ["C", "C++", "C#", ".NET", "NET"]
    )
    assert load(tmp_path, text) == []
    (tmp_path / "glossary.yml").write_text(text, encoding="utf-8")
    glossary, matcher = load_glossary(tmp_path, {}, Diagnostics())
    assert sorted(glossary.terms) == ["c", "c-plus-plus", "c-sharp", "dot-net", "net"]
    prose = "C, C++ and C# run on .NET, or NET."
    assert [(prose[u.start : u.end], u.term.id) for u in matcher.find(prose)] == [
        ("C", "c"),
        ("C++", "c-plus-plus"),
        ("C#", "c-sharp"),
        (".NET", "dot-net"),
        ("NET", "net"),
    ]


def test_ids_of_names_without_those_symbols_are_unchanged() -> None:
    from mkdocs_lessons.glossary.model import slug

    assert [slug(n) for n in ["IAM Role", "least-privilege", "Node.js", "S3", "AWS STS"]] == [
        "iam-role",
        "least-privilege",
        "node-js",
        "s3",
        "aws-sts",
    ]


def test_relative_links_in_definitions_become_text(tmp_path: Path) -> None:
    text = (
        "terms:\n  A:\n    definition: See [the page](../../index.md), ![a map](map.png) and "
        "[the web](https://example.com) or <me@example.com>.\n"
    )
    (tmp_path / "glossary.yml").write_text(text, encoding="utf-8")
    diagnostics = Diagnostics()
    glossary, _ = load_glossary(tmp_path, {}, diagnostics)
    assert len(list(diagnostics)) == 2
    definition = glossary.terms["a"].definition_html
    assert definition.startswith('See the page, a map and <a href="https://example.com">')
    assert "index.md" not in definition and "map.png" not in definition
    assert "mailto:" in html.unescape(definition)
    assert glossary.terms["a"].definition_text.startswith("See the page, a map and the web")


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                *("IAM", "iam", "Role", "policies", "S3", "sts", "STS", "access", "key"),
                *("IMDSv2", "least", "-privilege", "İ", "ß", " ", "\n", "-", ".", "x", "#"),
            ]
        ),
        max_size=12,
    ).map("".join)
    | st.text(max_size=40)
)
def test_a_text_with_no_start_holds_no_term(text: str) -> None:
    # The linker looks only in texts with a start: find must never match where starts sees none.
    starts = MATCHER.starts(text)
    found = [use.start for use in MATCHER.find(text)]
    if starts is not None:
        assert set(found) <= set(starts)


class _EveryText(Linker):
    """The linker without its one search of the whole page: it looks in every text."""

    def _texts_with_terms(self, root: etree.Element) -> tuple[None, None]:
        return None, None


_WORDS = st.sampled_from(
    [
        *("IAM", "iam role", "Policy", "S3", "STS", "sts", "access key", "IMDSv2", "x", " "),
        *("-", "\n"),
        # Inline raw HTML as Python-Markdown leaves it: placeholders of <kbd> and </kbd>.
        *("\x02wzxhzdk:0\x03", "\x02wzxhzdk:1\x03"),
    ]
)
_STASH = ["<kbd>", "</kbd>"]
_TEXT = st.lists(_WORDS, max_size=6).map("".join)


@st.composite
def _trees(draw: st.DrawFn, depth: int = 0) -> etree.Element:
    element = etree.Element(draw(st.sampled_from(["p", "div", "strong", "code", "a", "li"])))
    element.text = draw(_TEXT)
    for _ in range(draw(st.integers(0, 3 if depth < 3 else 0))):
        child = draw(_trees(depth + 1))
        child.tail = draw(_TEXT)
        element.append(child)
    return element


@settings(max_examples=300, deadline=None)
@given(_trees(), st.booleans())
def test_looking_in_the_texts_found_at_once_links_as_looking_in_every_text(
    tree: etree.Element, link_all: bool
) -> None:
    root = etree.Element("div")
    root.append(tree)
    other = copy.deepcopy(root)
    href = lambda term: f"/g/#{term.id}"  # noqa: E731
    used = Linker(MATCHER, href, link_all, _STASH).link(root)
    expected = _EveryText(MATCHER, href, link_all, _STASH).link(other)
    assert [term.id for term in used] == [term.id for term in expected]
    assert etree.tostring(root) == etree.tostring(other)
