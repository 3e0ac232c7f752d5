"""core/blocks.py, shared by walkthroughs, concepts and questions: ids, options indented by
something else than four spaces, and blocks whose closing line belongs to a later block."""

from __future__ import annotations

from pathlib import Path

import pytest

from mkdocs_lessons.core.blocks import (
    ID,
    Opening,
    SourceLines,
    block_end,
    cut_short,
    load_options,
    option_line,
    read_options,
)
from mkdocs_lessons.core.diagnostics import Diagnostics
from mkdocs_lessons.core.fields import Field, text
from mkdocs_lessons.core.markers import marker
from tests.unit.blocks_page import render_blocks

SOURCE = Path("lesson/index.md")
FIELDS = (Field("focus", text), Field("title", text))


def lines(*items: str) -> SourceLines:
    """Body lines from file line 10."""
    return SourceLines(list(items), 10, SOURCE)


def found(diagnostics: Diagnostics) -> list[str]:
    return [d.format(Path()) for d in diagnostics]


@pytest.mark.parametrize("value", ["a\n", "a-b\n", "\n"])
def test_an_id_may_not_end_with_a_newline(value: str) -> None:
    assert ID.match(value) is None and ID.fullmatch(value) is None


def test_an_id_is_a_letter_then_letters_digits_dashes_and_underscores() -> None:
    assert [bool(ID.match(v)) for v in ["a", "é-1_b", "1a", "-a", "_a", "a b", "a.b"]] == [
        True,
        True,
        False,
        False,
        False,
        False,
        False,
    ]


@pytest.mark.parametrize(
    ("indent", "how"),
    [("\t", "a tab"), ("\t\t", "2 tabs"), ("  ", "2 spaces"), ("   ", "3 spaces")],
)
def test_options_of_any_block_indented_otherwise_are_read_and_reported_once(
    indent: str, how: str
) -> None:
    diagnostics = Diagnostics()
    body = lines("/// step", f"{indent}focus: 1-2", f"{indent}title: Start", "Narration.", "///")
    options, index = read_options(body, 1, 4, FIELDS, "step options", diagnostics)
    assert (options, index) == ({"focus": "1-2", "title": "Start"}, 3)
    assert found(diagnostics) == [
        f"lesson/index.md:11: the step options are indented by four spaces, not {how}: write "
        "'    focus: 1-2' (and indent the other options the same way)"
    ]


def test_an_indented_line_that_names_no_option_is_body_text() -> None:
    diagnostics = Diagnostics()
    body = lines("/// step", "\tx = focus(1)", "///")
    assert read_options(body, 1, 2, FIELDS, "step options", diagnostics) == ({}, 1)
    assert found(diagnostics) == []


def test_options_that_cannot_be_read_are_none_for_the_caller() -> None:
    diagnostics = Diagnostics()
    body = lines("/// step", "    focus: [1", "///")
    assert load_options(body, 1, 2, FIELDS, "step options", diagnostics) == (None, 2)
    assert read_options(body, 1, 2, FIELDS, "step options", Diagnostics()) == ({}, 2)
    assert len(diagnostics) == 1


def test_option_line_finds_an_option_indented_with_a_tab() -> None:
    body = lines("/// step", "\tfocus: 1", "\ttitle: x", "///")
    assert option_line(body, 1, 3, "title") == 12


def _opening(body: SourceLines, slashes: str = "///") -> Opening:
    closing = block_end(body.items, 1, len(body.items), slashes)
    end = closing if closing is not None else len(body.items)
    return Opening("question", "Q", slashes, 0, end, closing is not None)


def test_a_closing_line_past_a_block_of_the_same_size_is_that_blocks() -> None:
    body = lines("/// question | Q", "    answer: a", "", "/// question | R", "///")
    block = _opening(body)
    assert (block.end, block.closed) == (4, True)
    cut_short(block, body)
    assert (block.end, block.closed) == (3, False)


def test_a_block_never_closed_stops_at_the_first_heading() -> None:
    body = lines("/// question | Q", "    answer: a", "## Next", "Text.", "//// walkthrough")
    block = _opening(body)
    cut_short(block, body)
    assert (block.end, block.closed) == (2, False)


def test_a_closed_block_keeps_its_headings_fences_and_smaller_blocks() -> None:
    body = lines(
        "//// question | Q",
        "### Context",
        "```",
        "//// not a block",
        "```",
        "/// details",
        "///",
        "////",
    )
    block = _opening(body, "////")
    cut_short(block, body)
    assert (block.end, block.closed) == (7, True)


def scan(body: str) -> tuple[str, list[str]]:
    from mkdocs_lessons.checks.parser import ChecksReader
    from mkdocs_lessons.core.blocks import scan_blocks
    from mkdocs_lessons.walkthrough.parser import WalkthroughReader

    diagnostics = Diagnostics()
    out = scan_blocks(body, 10, SOURCE, [WalkthroughReader(), ChecksReader()], diagnostics)
    return out, found(diagnostics)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("/// qeustion | Why?\n    answer: x\n///\n", "qeustion' (did you mean 'question'?)"),
        ("/// Question | Why?\n    answer: x\n///\n", "Question' (did you mean 'question'?)"),
        (
            "//// walktrough | app.py\n/// step | 1\nx\n///\n////\n",
            "walktrough' (did you mean 'walkthrough'?)",
        ),
        ("/// consept | A\n///\n", "consept' (did you mean 'concept'?)"),
    ],
)
def test_a_misspelt_block_name_is_one_message_not_silence(body: str, expected: str) -> None:
    out, messages = scan(body)
    assert messages == [
        f"lesson/index.md:10: unknown block '{expected}: write "
        f"'{body.split()[0]} {expected.split(chr(39))[2]}'; as it is, the block is shown as text"
    ]
    assert out == body.rstrip("\n") or out.startswith(body.split("\n")[0])


@pytest.mark.parametrize("name", ["details", "note", "tab", "caption", "html", "warning"])
def test_other_extensions_blocks_pass_untouched(name: str) -> None:
    body = f"/// {name} | Title\nText.\n///\n"
    assert scan(body) == (body, [])


def test_quiz_is_taken_for_a_misspelt_question() -> None:
    assert scan("/// quiz | Why?\n    answer: x\n///\n")[1] == [
        "lesson/index.md:10: unknown block 'quiz' (did you mean 'question'?): write "
        "'/// question'; as it is, the block is shown as text"
    ]


@pytest.mark.parametrize(
    ("body", "kind"),
    [
        ("!!! note\n    /// question | Q?\n    - [x] a\n    - [ ] b\n    ///\n", "question"),
        ("??? tip\n\n    /// question | Q?\n        answer: true\n    ///\n", "question"),
        ('=== "Tab"\n\n    /// question | Q?\n        answer: true\n    ///\n', "question"),
        ("1. First\n\n    /// concept | A\n    ///\n", "concept"),
        (
            "- Item\n\n    !!! note\n\n        /// question | Q?\n"
            "            answer: 1\n        ///\n",
            "question",
        ),
        ("!!! note\n\t/// question | Q?\n\t    answer: true\n\t///\n", "question"),
    ],
)
def test_our_block_in_a_container_is_read_and_stays_in_it(body: str, kind: str) -> None:
    out, messages = scan(body)
    assert messages == []
    opening = body.split("\n")[0]
    written = out.split("\n")
    assert written[0] == opening, "the container's own line stays"
    indent = next(line for line in body.split("\n") if "///" in line).split("/")[0]
    # The block's markers are the container's content (a concept's end is written where the
    # concept ends: at the next heading or the end of the page).
    assert any(line.startswith(f"{indent}{marker(kind)[:-2]} ") for line in written)
    assert "///" not in out


def test_a_block_in_a_container_gives_its_messages_at_its_own_lines() -> None:
    _, messages = scan(
        "!!! note\n\n    /// question | Q?\n        answer: true\n        tolerance: x\n    ///\n"
    )
    assert len(messages) == 1 and messages[0].startswith("lesson/index.md:14:"), messages


def test_a_block_in_a_quote_is_one_message() -> None:
    assert scan("Intro.\n\n> /// question | Q?\n>     answer: true\n> ///\n")[1] == [
        "lesson/index.md:12: a question inside a quote ('>') is not read, so it is shown as "
        "text: take it out of the quote (an admonition, '!!! quote', may hold it)"
    ]


@pytest.mark.parametrize(
    ("body", "line", "width"),
    [
        ("Intro.\n\n- Item\n  /// question | Q?\n  ///\n", 13, 2),
        ("!!! note\n\n   /// concept | A\n   ///\n", 12, 3),
    ],
)
def test_a_block_indented_unlike_its_container_is_one_message(
    body: str, line: int, width: int
) -> None:
    out, messages = scan(body)
    assert messages == [
        f"lesson/index.md:{line}: this {'question' if 'question' in body else 'concept'} is "
        f"indented by {width} spaces, so it is shown as text: in an admonition, a content tab or "
        "a list item, indent it and all its lines by 4 spaces, like the rest of the content; "
        "elsewhere, start it at the beginning of the line"
    ]
    assert out == body.rstrip("\n") or out == body


@pytest.mark.parametrize(
    "body",
    [
        "```md\n    /// question | Q?\n    answer: true\n    ///\n```\n",
        "Written like this:\n\n    /// question | Q?\n        answer: true\n    ///\n",
        "!!! note\n    /// details | More\n    Text.\n    ///\n",
    ],
)
def test_indented_code_and_pymdownx_blocks_in_an_admonition_say_nothing(body: str) -> None:
    assert scan(body)[1] == []


STRAY = "this line closes no block: remove it, or open the block it was meant to close"


@pytest.mark.parametrize(
    ("body", "line"),
    [
        ("Text.\n\n///\n", 12),
        ("/// question | Q\n    answer: true\n///\n////\n", 13),
        ("/// details | D\nText.\n///\n///\n", 13),
    ],
)
def test_a_closing_line_that_closes_no_block_is_reported(body: str, line: int) -> None:
    assert scan(body)[1] == [f"lesson/index.md:{line}: {STRAY}"]


@pytest.mark.parametrize(
    "body",
    [
        "//// details | D\n/// note | N\nText.\n///\n////\n",
        "/// tab | A\nOne.\n///\n\n/// tab | B\n//// details | D\nx\n////\n///\n",
        "```md\n///\n```\n",
        "/// question | Q\n    answer: true\n///\n",
    ],
)
def test_closing_lines_of_other_blocks_and_in_code_are_not_stray(body: str) -> None:
    assert scan(body)[1] == []


def test_a_walkthrough_closed_early_by_its_step_leaves_no_stray_message() -> None:
    messages = scan("//// walkthrough | app.py\n//// step | 1\nx\n////\n////\n")[1]
    assert len(messages) == 1 and messages[0].startswith("lesson/index.md:11: a step opened")


@pytest.mark.parametrize("fence", ["```", "~~~~"])
def test_an_unclosed_code_fence_is_one_message_at_its_line(fence: str) -> None:
    body = f"Intro.\n\n{fence}python\nx = 1\n\n/// question | Q\n    answer: true\n///\n///\n"
    assert scan(body)[1] == [
        f"lesson/index.md:12: this code block is never closed: add a line with only {fence} "
        "after its code"
    ]


def test_a_closed_code_fence_says_nothing() -> None:
    assert scan("```python\nx = 1\n```\n\n/// question | Q\n    answer: true\n///\n")[1] == []


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            "///\u00a0question | Q?\n    answer: true\n///\n",
            "the space after the slashes is U+00A0 no-break space, not a plain space, so the "
            "block is shown as text: write a plain space after the slashes, as in '/// question'",
        ),
        (
            "////\u2003walkthrough | app.py\n/// step | 1\nx\n///\n////\n",
            "the space after the slashes is U+2003 em space, not a plain space, so the block is "
            "shown as text: write a plain space after the slashes, as in '//// walkthrough'",
        ),
        (
            "/// question\u00a0| Q?\n    answer: true\n///\n",
            "the space after 'question' is U+00A0 no-break space, not a plain space, so the "
            "block is shown as text: write a plain space after 'question'",
        ),
    ],
)
def test_a_unicode_space_in_an_opening_line_is_one_message(body: str, message: str) -> None:
    assert scan(body)[1] == [f"lesson/index.md:10: {message}"]


def test_a_unicode_space_in_another_extensions_block_says_nothing() -> None:
    assert scan("///\u00a0details | D\nText.\n///\n")[1] == []


def test_a_line_written_like_a_marker_is_text_not_a_block() -> None:
    # The marker a build writes carries a token drawn per process: an author cannot forge it.
    from mkdocs_lessons.checks.parser import ChecksReader
    from mkdocs_lessons.core.blocks import scan_blocks

    forged = "§§lessons question q§§\n\n§§lessons-00000000 concept a§§\n"
    body = forged + "\n/// question | Real?\n    answer: true\n///\n"
    diagnostics, reader = Diagnostics(), ChecksReader()
    out = scan_blocks(body, 10, SOURCE, [reader], diagnostics)
    assert found(diagnostics) == []
    html = render_blocks(out, checks=reader.result(diagnostics, SOURCE))
    assert "§§lessons question q§§" in html and "§§lessons-00000000 concept a§§" in html
    assert html.count("<form") == 1
