"""Objectives, key points and instructor notes (issue 14, point 4): sources in, HTML out, and
every wrong shape one ``path:line`` message, never a traceback."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from hypothesis import given, settings
from hypothesis import strategies as st

from mkdocs_lessons.catalog.model import Catalog
from mkdocs_lessons.catalog.render import PageContext, render_course
from mkdocs_lessons.core.diagnostics import UNEXPECTED
from mkdocs_lessons.core.i18n import Translator
from mkdocs_lessons.core.search import Unsearched
from mkdocs_lessons.lesson_page import LessonWork, render_markdown
from mkdocs_lessons.sources import LoadedSources, SourceOptions, load_sources
from mkdocs_lessons.walkthrough.highlight import CodeHighlighter
from tests.sources import AUTHORS, COURSE, lesson, write_tree

BODY = """\
Intro.

/// concept | Statement parts
    id: parts
    key_points:
      - A statement has *four* parts.
      - "`Sid` is only a label: rename it."
///

Text of the first concept.

/// question | Does Sid change what a statement allows?
    answer: false
///

/// concept | How IAM decides
    key_points: An explicit deny wins.
///

/// question | Does an explicit deny win?
    answer: true
///
"""

OBJECTIVES = """\
objectives:
  - text: Name the `four` parts of a statement
    concept: parts
  - text: Predict a decision
    concept: How IAM decides
  - Read a policy aloud
"""


@dataclass
class Built:
    loaded: LoadedSources
    root: Path

    @property
    def catalog(self) -> Catalog:
        return self.loaded.catalog

    @property
    def messages(self) -> list[str]:
        return [d.format(self.root) for d in sorted(self.loaded.diagnostics)]

    def page(self, slug: str = "first", *, instructor: bool = False) -> tuple[str, str]:
        """The lesson page's content and what search is given of it."""
        catalog, translate = self.catalog, Translator("en")
        catalog.instructor = instructor
        lesson = catalog.lessons[slug]
        url = f"lessons/basics/{slug}/"
        ctx = PageContext(
            catalog, self.loaded.plan, translate, url, lambda uri: uri, True, Unsearched()
        )
        work = LessonWork(lesson, catalog, ctx, CodeHighlighter(), translate, lambda term: "#")
        html = render_markdown(lesson.markdown, work, ["toc", "fenced_code"])
        return html, work.unsearched.searchable(html)

    def course(self) -> tuple[str, str]:
        unsearched = Unsearched()
        ctx = PageContext(
            self.catalog,
            self.loaded.plan,
            Translator("en"),
            "lessons/basics/",
            lambda uri: uri,
            True,
            unsearched,
        )
        html = render_course(self.catalog.courses[0], ctx)
        return html, unsearched.searchable(html)


def build(root: Path, extra: str = OBJECTIVES, body: str = BODY) -> Built:
    tree = {
        ".authors.yml": AUTHORS,
        "basics/course.yml": COURSE,
        "basics/first/index.md": lesson("First", extra, body),
        "basics/second/index.md": lesson("Second"),
    }
    sources = write_tree(root / "lessons", tree)
    return Built(load_sources(SourceOptions(root=sources), Translator("en"), set()), root)


def soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


# --- Objectives ------------------------------------------------------------------------------


def test_objectives_stand_at_the_top_tied_to_their_concepts(tmp_path: Path) -> None:
    built = build(tmp_path)
    assert built.messages == []
    page = soup(built.page()[0])
    box = page.select_one(".lessons-objectives")
    assert box is not None
    assert box.get_text(" ", strip=True).startswith("By the end of this lesson you can:")
    items = box.select("li")
    assert [item.get("data-lessons-objective") for item in items] == [
        "parts",
        "how-iam-decides",  # named by its title, tied by its id
        None,
    ]
    assert items[0].code is not None and items[0].code.get_text() == "four", "inline Markdown"
    # Nothing is claimed without the script: the tick's holder is empty.
    assert [span.get_text() for span in box.select(".lessons-objectives__done")] == ["", ""]
    assert items[2].select(".lessons-objectives__done") == []
    # At the top: before the concept map and the lesson's first concept.
    text = str(page)
    assert text.index("lessons-objectives") < text.index("lessons-map") < text.index("Intro.")


def test_a_lesson_without_objectives_has_no_box(tmp_path: Path) -> None:
    assert soup(build(tmp_path, extra="").page()[0]).select(".lessons-objectives") == []


WRONG_OBJECTIVES = [
    (
        "objectives: 5\n",
        "lessons/basics/first/index.md:5: 'objectives' in the front matter must be a list of "
        "objectives, each '- text: ...' with 'concept: <concept id>', not 5 (number)",
    ),
    (
        "objectives: {parts: Name them}\n",
        "lessons/basics/first/index.md:5: 'objectives' in the front matter must be a list of "
        "objectives, each '- text: ...' with 'concept: <concept id>', not a mapping",
    ),
    (
        "objectives:\n  - text: Name them\n    concept: part\n",
        "lessons/basics/first/index.md:7: objective 1 names the concept 'part', which this "
        "lesson does not have (did you mean 'parts'?)",
    ),
    (
        "objectives:\n  - text: Name them\n    concept: zzz-nothing\n",
        "lessons/basics/first/index.md:7: objective 1 names the concept 'zzz-nothing', which "
        "this lesson does not have; its concepts: parts, how-iam-decides",
    ),
    (
        "objectives:\n  - Fine\n  - 42\n",
        "lessons/basics/first/index.md:7: objective 2 in the front matter must be a text or a "
        "mapping 'text: ...' with 'concept: <concept id>', not 42 (number)",
    ),
    (
        "objectives:\n  - [a, b]\n",
        "lessons/basics/first/index.md:6: objective 1 in the front matter must be a text or a "
        "mapping 'text: ...' with 'concept: <concept id>', not a list",
    ),
    (
        "objectives:\n  - txt: Name them\n",
        "lessons/basics/first/index.md:6: unknown key 'txt' in the front matter's objective 1 "
        "(did you mean 'text'?); known keys: text, concept",
    ),
    (
        "objectives:\n  - concept: parts\n",
        "lessons/basics/first/index.md:6: missing required key 'text' in the front matter's "
        "objective 1: add 'text: ...' (what the reader can do, inline Markdown)",
    ),
    (
        "objectives:\n  - text: Name them\n    concept: [parts]\n",
        "lessons/basics/first/index.md:7: 'concept' in the front matter's objective 1 must be a "
        "non-empty text, not a list",
    ),
    (
        "objectives:\n  - ''\n",
        "lessons/basics/first/index.md:6: objective 1 in the front matter must be a text or a "
        "mapping 'text: ...' with 'concept: <concept id>', not '' (text)",
    ),
]


@pytest.mark.parametrize(("extra", "expected"), WRONG_OBJECTIVES)
def test_each_wrong_objective_is_one_message_at_its_line(
    tmp_path: Path, extra: str, expected: str
) -> None:
    built = build(tmp_path, extra=extra)
    assert built.messages == [expected]
    built.page()  # and the page still renders


def test_an_objective_naming_a_concept_in_a_lesson_without_concepts(tmp_path: Path) -> None:
    built = build(tmp_path, extra="objectives:\n  - text: Do it\n    concept: parts\n", body="x\n")
    assert built.messages == [
        "lessons/basics/first/index.md:7: objective 1 names the concept 'parts', but this lesson "
        "has no concepts: add a '/// concept | Title' block, or remove 'concept:'"
    ]
    (item,) = soup(built.page()[0]).select(".lessons-objectives li")
    assert item.get("data-lessons-objective") is None, "an unknown concept is never ticked"


def test_a_single_text_is_a_list_of_one(tmp_path: Path) -> None:
    built = build(tmp_path, extra="objectives: Read a policy\n")
    assert built.messages == []
    assert [o.text for o in built.catalog.lessons["first"].objectives] == ["Read a policy"]


OBJECTIVE_VALUES = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.text(max_size=8),
        st.sampled_from(["parts", "Statement parts", "text", "concept", "  "]),
    ),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(st.sampled_from(["text", "concept", "txt", "parts"]), inner, max_size=3),
    ),
    max_leaves=8,
)


@settings(max_examples=60, deadline=None)
@given(OBJECTIVE_VALUES)
def test_any_objectives_value_gives_messages_with_lines_never_a_traceback(value: object) -> None:
    import json

    with tempfile.TemporaryDirectory() as folder:
        # JSON is YAML: any value written as one line of flow YAML.
        built = build(Path(folder), extra=f"objectives: {json.dumps(value)}\n")
        for message in built.messages:
            assert UNEXPECTED not in message
            assert message.startswith("lessons/basics/first/index.md:")
        built.page()


# --- Key points ------------------------------------------------------------------------------


def test_key_points_are_collected_at_the_end_of_the_lesson(tmp_path: Path) -> None:
    html, searchable = build(tmp_path).page()
    section = soup(html).select_one("section.lessons-key-points")
    assert section is not None
    assert section.h2 is not None and section.h2.get_text() == "Key points"
    points = section.select("li")
    assert [point.get_text() for point in points] == [
        "A statement has four parts.",
        "Sid is only a label: rename it.",
        "An explicit deny wins.",
    ]
    assert points[0].em is not None and points[1].code is not None, "inline Markdown"
    assert html.index("lessons-key-points") > html.index("Does an explicit deny win?")
    assert "An explicit deny wins." in searchable, "the lesson's own text is searched"


def test_key_points_on_the_course_page_per_lesson_not_searched(tmp_path: Path) -> None:
    html, searchable = build(tmp_path).course()
    section = soup(html).select_one(".lessons-key-points--course")
    assert section is not None
    (heading,) = section.select("h3")
    assert heading.get_text(strip=True) == "First", "only lessons with key points"
    assert heading.a is not None and heading.a["href"] == "first/index.md"
    assert len(section.select("li")) == 3
    assert "An explicit deny wins." not in searchable, "it belongs to the lesson page"


def test_a_lesson_without_key_points_has_no_section(tmp_path: Path) -> None:
    body = "/// concept | Alone\n///\n\nText.\n"
    built = build(tmp_path, extra="", body=body)
    assert soup(built.page()[0]).select(".lessons-key-points") == []
    assert soup(built.course()[0]).select(".lessons-key-points") == []


@pytest.mark.parametrize(
    ("option", "expected"),
    [
        (
            "    key_points: [Fine, 3]\n",
            "lessons/basics/first/index.md:8: item 2 of 'key_points' in the concept options must "
            "be a non-empty text (quote a number or true/false to make it text: '2024'), not 3 "
            "(number)",
        ),
        (
            "    key_points: {a: b}\n",
            "lessons/basics/first/index.md:8: 'key_points' in the concept options must be a list "
            "of texts, such as [a, b], not a mapping",
        ),
        (
            "    key_point: [x]\n",
            "lessons/basics/first/index.md:8: unknown key 'key_point' in the concept options (did "
            "you mean 'key_points'?); known keys: id, requires, key_points",
        ),
    ],
)
def test_each_wrong_key_points_option_is_one_message(
    tmp_path: Path, option: str, expected: str
) -> None:
    body = f"/// concept | Alone\n{option}///\n\nText.\n"
    built = build(tmp_path, extra="", body=body)
    assert built.messages == [expected]
    built.page()


# --- Instructor notes ------------------------------------------------------------------------

NOTE_BODY = """\
Intro.

/// instructor
Allow **five** minutes; ask who has used keys.
///

After.
"""


def test_a_note_is_hidden_and_not_searched_by_default(tmp_path: Path) -> None:
    built = build(tmp_path, extra="", body=NOTE_BODY)
    assert built.messages == []
    html, searchable = built.page()
    (note,) = soup(html).select("[data-lessons-note]")
    assert note.has_attr("hidden")
    # Named by its visible label (read once), not by an aria-label repeating it.
    assert note.get("role") == "note" and not note.has_attr("aria-label")
    label = note.find(id=str(note.get("aria-labelledby")))
    assert label is not None and label.get_text() == "Instructor note"
    assert note.strong is not None and note.strong.get_text() == "five", "Markdown"
    assert "five" in html and "five" not in searchable
    assert "After." in searchable and "Intro." in searchable


def test_the_instructor_option_shows_notes_to_everybody(tmp_path: Path) -> None:
    html, searchable = build(tmp_path, extra="", body=NOTE_BODY).page(instructor=True)
    (note,) = soup(html).select("[data-lessons-note]")
    assert not note.has_attr("hidden")
    assert "five" in searchable, "an instructor build's search finds its notes"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "/// instructor\nAsk.\n\n## Timing\n\nTen minutes.\n///\n\nAfter.\n",
            "lessons/basics/first/index.md:10: an instructor note holds no heading (every reader "
            "would find it in the table of contents): write it in **bold**; it is shown so until "
            "then",
        ),
        (
            "/// instructor\nAsk the room.\n",
            "lessons/basics/first/index.md:7: this instructor note is never closed: add a line "
            "with only /// after its text (until then it ends at the next heading)",
        ),
        (
            "//// instructor\n/// question | Inside?\n    answer: true\n///\n////\n",
            "lessons/basics/first/index.md:8: a question inside an instructor note is not read, "
            "so it is shown as text: move it out of the note",
        ),
        (
            "/// instructor | Timing\nTen minutes.\n///\n",
            "lessons/basics/first/index.md:7: an instructor note takes no title after '|': write "
            "'/// instructor' and put 'Timing' in its text",
        ),
    ],
)
def test_each_wrong_note_is_one_message(tmp_path: Path, body: str, expected: str) -> None:
    built = build(tmp_path, extra="", body=body)
    assert built.messages == [expected]
    html, _ = built.page()
    assert soup(html).select("[data-lessons-note]:not([hidden])") == []
    assert soup(html).select("[data-lessons-note] :is(h1, h2, h3)") == []


def test_a_heading_after_an_unclosed_note_stays_for_readers(tmp_path: Path) -> None:
    built = build(tmp_path, extra="", body="/// instructor\nAsk.\n\n## Next part\n\nRead me.\n")
    assert len(built.messages) == 1
    html, searchable = built.page()
    (note,) = soup(html).select("[data-lessons-note]")
    assert "Read me." not in note.get_text() and "Read me." in searchable


def test_a_question_inside_a_note_of_the_same_size_is_one_message(tmp_path: Path) -> None:
    body = "/// instructor\nAsk.\n\n/// question | Inside?\n    answer: true\n///\n///\n\nAfter.\n"
    built = build(tmp_path, extra="", body=body)
    assert built.messages == [
        "lessons/basics/first/index.md:10: a question inside an instructor note is not read, "
        "so it is shown as text: move it out of the note"
    ]
    html, searchable = built.page()
    page = soup(html)
    assert page.select(".lessons-question") == [], "never published as a question"
    (note,) = page.select("[data-lessons-note]")
    assert note.has_attr("hidden") and "Inside?" in note.get_text()
    assert "Inside?" not in searchable and "After." in searchable
    assert "///" not in searchable, "the note's own closing line is not left as text"


def test_a_note_with_unclosed_raw_html_keeps_the_rest_of_the_lesson(tmp_path: Path) -> None:
    body = "/// instructor\n<div>\nAsk.\n///\n\nAfter.\n\n## Later\n\nMore.\n"
    built = build(tmp_path, extra="", body=body)
    assert built.messages == [
        "lessons/basics/first/index.md:7: the raw HTML in this instructor note is never closed "
        "('<div>'), so the rest of the lesson would be hidden in the note: close it with "
        "'</div>' before the note's closing line; until then the note's HTML is shown as text"
    ]
    html, searchable = built.page()
    assert "§§" not in html, "no marker text is published"
    (note,) = soup(html).select("[data-lessons-note]")
    assert "After." not in note.get_text() and "<div>" in note.get_text()
    assert soup(html).select_one("h2#later") is not None
    assert "After." in searchable and "More." in searchable


def test_a_note_with_closed_raw_html_is_fine(tmp_path: Path) -> None:
    body = "/// instructor\n<div>\nAsk.\n</div>\n///\n\nAfter.\n"
    built = build(tmp_path, extra="", body=body)
    assert built.messages == []
    (note,) = soup(built.page()[0]).select("[data-lessons-note]")
    assert note.div is not None and "After." not in note.get_text()


# --- Inline Markdown, for objectives and key points -------------------------------------------


def _objective(tmp_path: Path, text: str) -> tuple[list[str], Tag]:
    built = build(tmp_path, extra=f"objectives:\n  - text: {text}\n    concept: parts\n")
    (item,) = soup(built.page()[0]).select(".lessons-objectives li")
    return built.messages, item


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("'Replace <account-id> with yours'", "Replace <account-id> with yours"),
        ("'a <div> b'", "a <div> b"),
        ("'<a href=rel.md>x</a>'", "<a href=rel.md>x</a>"),
    ],
)
def test_raw_html_in_an_objective_is_text(tmp_path: Path, text: str, shown: str) -> None:
    messages, item = _objective(tmp_path, text)
    assert messages == []
    assert shown in item.get_text()
    assert item.select("div, a, account-id") == []


@pytest.mark.parametrize(
    ("text", "what", "shown"),
    [
        ("'# Big'", "a heading ('#')", "# Big"),
        ("'1. first'", "a numbered list ('1.': write '1\\.' to keep the number)", "1. first"),
        ("'- one'", "a list", "- one"),
        ('"one\\n\\ntwo"', "several paragraphs (a blank line)", "one two"),
    ],
)
def test_block_syntax_in_an_objective_is_reported_and_shown_as_text(
    tmp_path: Path, text: str, what: str, shown: str
) -> None:
    messages, item = _objective(tmp_path, text)
    assert messages == [
        f"lessons/basics/first/index.md:6: objective 1 is one line of inline Markdown, not "
        f"{what}: it is shown as its text; write it as one sentence"
    ]
    assert item.select("h1, h2, ol, ul, p") == []
    assert shown in item.get_text()


def test_a_relative_link_in_an_objective_is_reported_and_unlinked(tmp_path: Path) -> None:
    messages, item = _objective(
        tmp_path, "'See [the policy](policy.md) and [AWS](https://aws.amazon.com/)'"
    )
    assert messages == [
        "lessons/basics/first/index.md:6: objective 1 links to a relative path, 'policy.md', "
        "which would be wrong where the same text shows on the course page: link to a full "
        "address (https://...); it is shown as its text until then"
    ]
    assert [a["href"] for a in item.select("a")] == ["https://aws.amazon.com/"]
    assert "See the policy and AWS" in item.get_text()


def test_a_relative_link_in_a_key_point_is_reported_at_its_concept(tmp_path: Path) -> None:
    body = "/// concept | Alone\n    key_points: ['[Read](index.md) it']\n///\n\nText.\n"
    built = build(tmp_path, extra="", body=body)
    assert built.messages == [
        "lessons/basics/first/index.md:7: key point 1 of the concept 'alone' links to a "
        "relative path, 'index.md', which would be wrong where the same text shows on the "
        "course page: link to a full address (https://...); it is shown as its text until then"
    ]
    for html in (built.page()[0], built.course()[0]):
        (point,) = soup(html).select(".lessons-key-points li")
        assert point.get_text() == "Read it" and point.a is None


# --- The editor's schema ---------------------------------------------------------------------


def test_the_schema_takes_the_objectives_the_loader_takes() -> None:
    from jsonschema import Draft7Validator

    from mkdocs_lessons.catalog.schema import OBJECTIVE_FIELDS
    from tests.unit.test_schemas import load_schema

    schema = load_schema("lesson")
    mapping = schema["definitions"]["objective"]["anyOf"][1]
    assert list(mapping["properties"]) == [field.name for field in OBJECTIVE_FIELDS]
    assert mapping["required"] == ["text"] and mapping["additionalProperties"] is False
    validator = Draft7Validator(schema)
    base = {"title": "T", "summary": "S", "author": "ada"}
    good = ["Read it", [], ["Read it", {"text": "Write", "concept": "parts"}], [{"text": "W"}]]
    bad = [5, {"a": "b"}, [5], [{"txt": "x"}], [{"concept": "x"}], [{"text": "x", "concept": []}]]
    assert [validator.is_valid({**base, "objectives": value}) for value in good] == [True] * 4
    assert [validator.is_valid({**base, "objectives": value}) for value in bad] == [False] * 6
