"""Marks in a walkthrough's code panel (Step in, HTML out): changed lines without blank ones,
removed lines as ghosts, text marks inside highlighted tokens, callouts, the words screen
readers say; and no glossary link inside code."""

from __future__ import annotations

import xml.etree.ElementTree as etree
from pathlib import Path

from bs4 import BeautifulSoup, Tag
from markdown import Markdown

from mkdocs_lessons.core.diagnostics import Diagnostics
from mkdocs_lessons.core.i18n import Translator
from mkdocs_lessons.glossary.linker import Linker
from mkdocs_lessons.glossary.matcher import TermMatcher
from mkdocs_lessons.glossary.model import GlossaryTerm
from mkdocs_lessons.lesson_page import render_markdown
from mkdocs_lessons.walkthrough.diff import changed_lines, line_changes
from mkdocs_lessons.walkthrough.highlight import CodeHighlighter, line_tokens, mark_columns
from mkdocs_lessons.walkthrough.model import CodeState, Step, Walkthrough
from mkdocs_lessons.walkthrough.parser import extract_walkthroughs
from mkdocs_lessons.walkthrough.render import code_panel
from tests.unit.blocks_page import BlocksWork

CODE = '{\n  "RoleName": "EC2-S3-Role",\n\n  "Effect": "Allow"\n}'
HIGHLIGHTER = CodeHighlighter()


def panel(step: Step, language: str = "en") -> Tag:
    walkthrough = Walkthrough("role", Path("index.md"), 1, [step.file])
    html = code_panel(walkthrough, step, HIGHLIGHTER, Translator(language))
    soup = BeautifulSoup(html, "html.parser")
    code = soup.select_one("pre > code")
    assert code is not None
    return code


def step(**marks: object) -> Step:
    made = Step(1, 1, "role.json", CodeState("role.json", CODE, "json"), "")
    for name, value in marks.items():
        setattr(made, name, value)
    return made


# --- What changed ---------------------------------------------------------------------------


def test_blank_lines_are_never_changed_nor_removed() -> None:
    before = ["a", "b"]
    after = ["a", "", "x", "  ", "b"]
    assert changed_lines(before, after) == [3]
    changes = line_changes(["a", "", "b", "\t"], ["a", "b"])
    assert changes.changed == [] and changes.removed == []


def test_removed_lines_stand_before_the_line_that_follows_them() -> None:
    changes = line_changes(["a", "b", "c", "d"], ["a", "d"])
    assert changes.removed == [(2, "b"), (2, "c")] and changes.changed == []
    # A line replaced: the old text is removed where the new one stands.
    changes = line_changes(["a", "b", "c"], ["a", "B", "c"])
    assert changes.changed == [2] and changes.removed == [(2, "b")]
    # Removed at the end: one past the last line.
    assert line_changes(["a", "b"], ["a"]).removed == [(2, "b")]
    assert line_changes(["a"], ["a"]).removed == []


def test_the_parser_fills_removed_lines(tmp_path: Path) -> None:
    body = (
        "//// walkthrough | a.py\n    id: w\n\n"
        "/// step\n```python\nx = 1\ny = 2\nz = 3\n```\nFirst.\n///\n\n"
        "/// step\n```python\nx = 1\nz = 3\n```\nThen `y` goes.\n///\n////\n"
    )
    diagnostics = Diagnostics()
    _, (walkthrough,) = extract_walkthroughs(body, 1, tmp_path / "index.md", diagnostics)
    assert [d.format(tmp_path) for d in diagnostics] == []
    first, second = walkthrough.steps
    assert first.removed == [] and second.removed == [(2, "y = 2")] and second.changed == []


# --- Line marks -----------------------------------------------------------------------------


def test_focus_and_change_are_two_marks_with_words_for_screen_readers() -> None:
    code = panel(step(focus=[2], changed=[2, 4]))
    lines = code.select(".lessons-line")
    assert [line["data-line"] for line in lines] == ["1", "2", "3", "4", "5"]
    assert lines[1]["data-focus"] == "focused" and lines[1]["data-changed"] == "added"
    assert not lines[3].has_attr("data-focus") and lines[3]["data-changed"] == "added"
    assert not lines[0].has_attr("data-focus") and not lines[0].has_attr("data-changed")
    # The words are attributes (said through the sign's alternative text), never code text.
    assert code.get_text() == CODE + "\n"


def test_the_words_are_translated() -> None:
    code = panel(step(focus=[2], changed=[2], removed=[(3, "x")]), "es")
    assert code.select_one("[data-focus]")["data-focus"] == "destacada"  # type: ignore[index]
    assert code.select_one("[data-changed]")["data-changed"] == "añadida"  # type: ignore[index]
    assert code.select_one(".lessons-ghost")["data-removed"] == "eliminada"  # type: ignore[index]


def test_removed_lines_are_ghosts_outside_the_code_text() -> None:
    old = '  "Action": "<s3:*>"'
    code = panel(step(removed=[(4, old), (6, "}")]))
    children = [child for child in code.children if isinstance(child, Tag)]
    kinds = [child.get("data-line") or child["class"][0] for child in children]
    # Before line 4, and one past the last line at the end.
    assert kinds == ["1", "2", "3", "lessons-ghost", "4", "5", "lessons-ghost"]
    first_ghost = children[3]
    assert first_ghost["data-text"] == old, "the text is kept exactly (escaped in the HTML)"
    assert first_ghost["data-removed"] == "removed"
    assert first_ghost.get_text() == "", "a ghost has no text to copy or select"
    assert code.get_text() == CODE + "\n"


def test_callouts_stand_under_their_line_and_describe_it() -> None:
    code = panel(step(callouts={2: 'The role\'s "name"', 4: "Allow or Deny"}))
    notes = code.select(".lessons-callout")
    assert [note["data-note"] for note in notes] == ['The role\'s "name"', "Allow or Deny"]
    for note, number in zip(notes, ("2", "4"), strict=True):
        line = note.find_previous_sibling(class_="lessons-line")
        assert line is not None and line["data-line"] == number
        assert line["aria-describedby"] == note["id"]
    assert len({note["id"] for note in notes}) == 2
    assert notes[0]["id"] == "role-step-1-note-2"
    assert code.get_text() == CODE + "\n", "notes are not code"


# --- Text marks -----------------------------------------------------------------------------


def test_a_text_mark_wraps_exactly_its_columns_and_keeps_the_tokens() -> None:
    # "RoleName" is columns 3-11 of line 2, inside the token "RoleName" (with its quotes).
    code = panel(step(marks=[(2, 3, 11)]))
    line = code.select_one("[data-line='2']")
    assert line is not None
    mark = line.select_one("mark.lessons-mark")
    assert mark is not None and mark.get_text() == "RoleName"
    assert line.get_text() == '  "RoleName": "EC2-S3-Role",\n', "the line reads the same"
    # The token cut by the mark keeps its class on both sides.
    token_classes = {span["class"][0] for span in mark.select("span")}
    assert token_classes == {"nt"}
    quote = mark.find_previous_sibling("span")
    assert quote is not None and quote.get_text() == '"' and quote["class"] == ["nt"]
    assert len(code.select("mark")) == 1


def test_a_mark_across_tokens_and_two_marks_on_one_line() -> None:
    fragment = HIGHLIGHTER(CodeState("a.json", CODE, "json")).lines[1]
    text = "".join(piece for piece, _ in line_tokens(fragment))
    assert text == '  "RoleName": "EC2-S3-Role",'
    start = text.index('": "')
    marked = mark_columns(
        fragment, [(start, start + 4), (text.index("S3"), text.index("S3") + 2)], "<mark>"
    )
    soup = BeautifulSoup(f"<pre>{marked}</pre>", "html.parser")  # pre: spaces kept
    assert [mark.get_text() for mark in soup.select("mark")] == ['": "', "S3"]
    assert soup.get_text() == text
    # Each piece is a whole element: spans from three tokens inside the first mark.
    assert len(soup.select("mark")[0].select("span")) >= 3
    assert mark_columns(fragment, [], "<mark>") == fragment


def test_a_mark_on_escaped_text_counts_characters_not_entities() -> None:
    state = CodeState("a.html", '<a href="x">&amp;</a>', "html")
    fragment = HIGHLIGHTER(state).lines[0]
    marked = mark_columns(fragment, [(12, 17)], "<mark>")
    mark = BeautifulSoup(marked, "html.parser").select_one("mark")
    assert mark is not None and mark.get_text() == "&amp;"


# --- Glossary -------------------------------------------------------------------------------


class LinkingWork(BlocksWork):
    """The blocks, with the glossary linker run on the page as the build runs it."""

    def link(self, root: etree.Element, md: Markdown) -> None:
        term = GlossaryTerm(name="RoleName", definition="d", source=Path("g.yml"), line=1)
        Linker(
            TermMatcher([term]),
            lambda _: "/glossary/#rolename",
            link_all=True,
            stash=md.htmlStash.rawHtmlBlocks,
        ).link(root)


def test_glossary_terms_are_not_linked_inside_code(tmp_path: Path) -> None:
    body = (
        "//// walkthrough | role.json\n    id: role\n\n"
        f"/// step | 2\n```json\n{CODE}\n```\nThe RoleName names the role.\n///\n////\n"
    )
    diagnostics = Diagnostics()
    text, walkthroughs = extract_walkthroughs(body, 1, tmp_path / "index.md", diagnostics)
    html = render_markdown(text, LinkingWork(walkthroughs), ("pymdownx.superfences",))
    soup = BeautifulSoup(html, "html.parser")
    narration = soup.select_one(".lessons-step__narration")
    assert narration is not None
    assert [a.get_text() for a in narration.select("a")] == ["RoleName"], "the linker ran"
    code = soup.select_one(".lessons-code")
    assert code is not None and "RoleName" in code.get_text()
    assert code.select("a") == [], "a term inside code is not linked"


def test_tokens_of_highlighted_lines_read_fast_are_the_parsers() -> None:
    from mkdocs_lessons.walkthrough.highlight import CodeHighlighter, _LineTokens, line_tokens
    from mkdocs_lessons.walkthrough.model import CodeState

    code = 'def greet(name: str) -> str:\n    return f"Hi, {name} & <you>"  # 😀\n'
    for language in ("python", "json", "text"):
        lines = CodeHighlighter()(CodeState("x", code, language)).lines
        for line in lines:
            parser = _LineTokens()
            parser.feed(line)
            parser.close()
            assert line_tokens(line) == parser.tokens, (language, line)
