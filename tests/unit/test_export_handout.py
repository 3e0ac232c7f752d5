"""``mkdocs-lessons export handout``: the example lesson and course as a printable page, parsed.

The lesson must give every walkthrough step's narration and changed lines, every question
without its answer before the answer key, and the key with every answer, numbered alike.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from mkdocs_lessons import cli
from mkdocs_lessons.catalog.model import Catalog
from mkdocs_lessons.checks.model import QuestionKind
from mkdocs_lessons.core.i18n import Translator
from mkdocs_lessons.export.handout import (
    WALKTHROUGH_CSS,
    SiteMarkdown,
    _read_site_markdown,
    letter,
    render_handout,
    select_lessons,
    site_markdown,
)
from mkdocs_lessons.sources import SourceOptions, load_sources
from tests.sources import AUTHORS, write_tree

REPO = Path(__file__).resolve().parents[2]
LESSON = "iam-roles-vs-user-credentials"
COURSE = "aws-iam"


@cache
def example() -> Catalog:
    loaded = load_sources(SourceOptions(root=REPO / "lessons"), Translator("en"), set())
    return loaded.catalog


@cache
def example_markdown() -> SiteMarkdown:
    return _read_site_markdown(REPO / "mkdocs.yml")


def handout(language: str = "en", **which: str) -> BeautifulSoup:
    selected = select_lessons(example(), REPO / "lessons", **which)
    html = render_handout(selected, Translator(language), example_markdown())
    return BeautifulSoup(html, "html.parser")


def text(element: Tag | None) -> str:
    assert element is not None
    return " ".join(element.get_text(" ").split())


def plain(markdown: str) -> str:
    """Markdown's words as a page shows them (emphasis, code and link marks taken out)."""
    markdown = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    return " ".join(re.sub(r"[*`_]", " ", markdown).split())


def words(element: Tag) -> str:
    return " ".join(re.sub(r"[*`_]", " ", element.get_text(" ")).split())


def before_key(page: BeautifulSoup) -> str:
    return " ".join(words(article) for article in page.select("article.handout-lesson"))


def test_every_step_has_its_narration_and_changed_lines() -> None:
    page = handout(lesson=f"{COURSE}/{LESSON}")
    walkthroughs = example().lessons[LESSON].walkthroughs
    assert walkthroughs and sum(len(w.steps) for w in walkthroughs) >= 10
    changed_seen = 0
    for walkthrough in walkthroughs:
        for step in walkthrough.steps:
            item = page.find("li", id=f"{walkthrough.id}-step-{step.number}")
            assert isinstance(item, Tag), step.number
            narration = item.select_one(".lessons-step__narration")
            assert narration is not None
            assert plain(step.narration)[:60] in words(narration)
            code = item.select_one(f'.lessons-code__file[data-file="{step.file}"]')
            assert code is not None
            for number in step.changed:
                line = code.select_one(f'.lessons-line[data-line="{number}"][data-changed]')
                assert line is not None, (step.number, number)
                assert line.get_text().rstrip("\n") == step.state.lines[number - 1]
                changed_seen += 1
    assert changed_seen > 10


def test_print_rules_of_the_walkthrough_apply_on_screen_too() -> None:
    """The lines around a change are chosen by walkthrough.css's print rules: the handout
    applies them to every medium, so it reads on screen as it prints."""
    style = handout(lesson=LESSON).style
    assert style is not None
    css = style.get_text()
    shipped = css.partition("walkthrough.css, as the site ships it */")[2]
    site_css = WALKTHROUGH_CSS.read_text(encoding="utf-8")
    assert "@media print" in site_css and "@media print" not in shipped
    assert len(shipped.strip()) == len(site_css.strip()) - 2 * shipped.count("@media all")
    assert re.search(r"@media all \{[^@]*\.lessons-line \{\s*break-inside: avoid;", shipped)
    assert re.search(
        r"\.handout-lesson \+ \.handout-lesson, \.handout-key \{ break-before: page", css
    )


def test_questions_come_without_their_answers_and_the_key_has_them() -> None:
    page = handout(lesson=LESSON)
    questions = example().lessons[LESSON].checks.questions
    assert len(questions) >= 5
    shown = page.select("article .handout-question")
    assert [item["value"] for item in shown] == [str(n) for n in range(1, len(questions) + 1)]
    body = before_key(page)
    for item, question in zip(shown, questions, strict=True):
        assert question.prompt in text(item)
        if question.explanation:
            assert plain(question.explanation)[:50] not in body
        for answer in question.answers:
            assert answer.lower() not in text(item).lower(), question.id
    articles = "".join(str(article) for article in page.select("article"))
    assert "data-lessons-correct" not in articles and "<details" not in articles
    assert "Right answer" not in body and "Answer key" not in body

    key = page.select_one("section.handout-key")
    assert key is not None and key.find_previous("article") is not None
    assert text(key.h1) == "Answer key"
    entries = key.select(".handout-key__entry")
    assert [entry["value"] for entry in entries] == [item["value"] for item in shown]
    for entry, question in zip(entries, questions, strict=True):
        said = words(entry)
        assert said.startswith(f"Question {entry['value']}")
        if question.explanation:
            assert plain(question.explanation)[:50] in said
        if question.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
            for position, choice in enumerate(question.choices, 1):
                mark = f"{letter(position)}. {plain(choice.text)}"
                assert (mark in said) is choice.correct, (question.id, position)
        elif question.kind is QuestionKind.TRUE_FALSE:
            right = next(c.text for c in question.choices if c.correct)
            assert f". {right.title()}" in said
        elif question.kind is QuestionKind.FILL_IN and question.number is None:
            assert all(answer in said for answer in question.answers)
        elif question.kind is QuestionKind.FILL_IN:
            assert f"{question.number:g}" in said


def test_an_ordering_is_shuffled_and_its_key_gives_the_letters_in_order() -> None:
    page = handout(lesson=LESSON)
    questions = example().lessons[LESSON].checks.questions
    number = next(n for n, q in enumerate(questions, 1) if q.kind is QuestionKind.ORDER)
    order = questions[number - 1]
    shown = page.select_one(f'article .handout-question[value="{number}"] .handout-choices')
    assert shown is not None
    items = [words(item) for item in shown.find_all("li")]
    right = [plain(choice.text) for choice in order.choices]
    assert sorted(items) == sorted(right) and items != right
    entry = page.select_one(f'.handout-key__entry[value="{number}"] ol')
    assert entry is not None
    expected = [f"{letter(items.index(item) + 1)}. {item}" for item in right]
    assert [words(li) for li in entry.find_all("li")] == expected


def test_a_course_handout_holds_every_lesson_in_course_order() -> None:
    page = handout(course=COURSE)
    course = next(item for item in example().courses if item.slug == COURSE)
    assert len(course.lessons) >= 2
    titles = [text(article.h1) for article in page.select("article.handout-lesson")]
    assert titles == [lesson.title for lesson in course.lessons]
    total = sum(len(lesson.checks.questions) for lesson in course.lessons)
    shown = page.select("article .handout-question")
    assert [item["value"] for item in shown] == [str(n) for n in range(1, total + 1)]
    entries = page.select(".handout-key .handout-key__entry")
    assert [entry["value"] for entry in entries] == [item["value"] for item in shown]
    keyed = [text(h2) for h2 in page.select(".handout-key h2")]
    assert keyed == [lesson.title for lesson in course.lessons if lesson.checks.questions]
    for article, lesson in zip(page.select("article"), course.lessons, strict=True):
        objectives = [words(item) for item in article.select(".handout-objectives li")]
        assert objectives == [plain(objective.text) for objective in lesson.objectives]
    assert any(lesson.objectives for lesson in course.lessons)
    # The instructor's note of the third lesson is for the teacher, not on the sheet.
    assert "Ask the room which element" in (REPO / "lessons" / COURSE).joinpath(
        "least-privilege-permission-policies", "index.md"
    ).read_text(encoding="utf-8")
    assert "Ask the room" not in text(page)


def test_language_and_direction_come_from_the_site_language() -> None:
    spanish = handout("es", lesson=LESSON)
    assert spanish.html is not None
    assert (spanish.html["lang"], spanish.html["dir"]) == ("es", "ltr")
    assert text(spanish.select_one(".handout-key h1")) == "Respuestas"
    assert text(spanish.select_one(".handout-question__label")) == "Pregunta 1"
    arabic = handout("ar", lesson=LESSON)
    assert arabic.html is not None
    assert (arabic.html["lang"], arabic.html["dir"]) == ("ar", "rtl")
    blocks = arabic.select("article pre, article .lessons-code")
    assert blocks and all(block.get("dir") == "ltr" for block in blocks)


def test_the_site_strings_option_overrides_the_handout_strings() -> None:
    selected = select_lessons(example(), REPO / "lessons", lesson=LESSON)
    translate = Translator("en", {"handout_answer_key": "Solutions", "handout_question_n": "Q{n}"})
    page = BeautifulSoup(render_handout(selected, translate, example_markdown()), "html.parser")
    assert text(page.select_one(".handout-key h1")) == "Solutions"
    assert text(page.select_one(".handout-question__label")) == "Q1"


def test_the_lesson_image_is_inside_the_file() -> None:
    page = handout(lesson=LESSON)
    images = page.select("article img")
    assert images and all(str(image["src"]).startswith("data:image/") for image in images)


def test_markdown_extensions_are_read_as_mkdocs_reads_them() -> None:
    read = site_markdown(["admonition", {"toc": {"permalink": True}}, {"pymdownx.highlight": None}])
    assert list(read.extensions) == [
        "toc",
        "tables",
        "fenced_code",
        "admonition",
        "pymdownx.highlight",
    ]
    assert read.configs == {"admonition": {}, "toc": {"permalink": True}}
    assert site_markdown({"abbr": {}}).extensions[-1] == "abbr"
    assert list(site_markdown(None).extensions) == ["toc", "tables", "fenced_code"]


def test_letters_go_on_after_z() -> None:
    assert [letter(n) for n in (1, 2, 26, 27, 28)] == ["A", "B", "Z", "AA", "AB"]


# -- The command --------------------------------------------------------------------------

HOSTILE = """\
---
title: "<script>alert('title')</script> Ports"
summary: A lesson.
author: ada
---

Prose with <script>alert('prose')</script> in it.

//// walkthrough | app.py
    id: app

/// step | 1
```python
print("<script>alert('code')</script>")
```

Print a <b>tag</b>.
///
////

/// question | Is <script>alert('prompt')</script> text?
    id: tag-text
    answer: true
    explain: It is <script>alert('explain')</script> text.
///
"""


def site(root: Path, body: str) -> Path:
    return write_tree(
        root,
        {
            ".authors.yml": AUTHORS,
            "ports/course.yml": "title: Ports\nlessons:\n  - first\n",
            "ports/first/index.md": body,
        },
    )


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = cli.main(args)
    out, err = capsys.readouterr()
    return code, out, err


def test_hostile_text_is_shown_not_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    sources = site(tmp_path / "lessons", HOSTILE)
    monkeypatch.chdir(tmp_path)
    code, _, err = run(["export", "handout", str(sources)], capsys)
    assert code == 0, err
    written = tmp_path / "lessons.handout.html"
    assert "1 lesson(s), 1 question(s)" in err
    page = BeautifulSoup(written.read_text(encoding="utf-8"), "html.parser")
    assert page.find_all("script") == [] and page.find_all("b") == []
    shown = text(page)
    for where in ("title", "prose", "code", "prompt", "explain"):
        assert f"<script>alert('{where}')</script>" in shown
    assert "Print a <b>tag</b>." in shown


def test_a_missing_lesson_gives_one_clear_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sources = site(tmp_path / "lessons", HOSTILE)
    target = tmp_path / "out.html"
    code, out, err = run(
        ["export", "handout", str(sources), "--lesson", "ports/nope", "-o", str(target)], capsys
    )
    assert code == 2 and out == ""
    assert err == "mkdocs-lessons: no lesson 'ports/nope' in the site; its lessons: ports/first\n"
    assert not target.exists()
    code, _, err = run(["export", "handout", str(sources), "--course", "nope"], capsys)
    assert code == 2
    assert err == "mkdocs-lessons: no course 'nope' in the site; its courses: ports\n"


def test_an_author_mistake_is_a_path_and_line_not_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = HOSTILE.replace("    answer: true\n", "    answer: [true\n")
    sources = site(tmp_path / "lessons", broken)
    target = tmp_path / "out.html"
    code, _, err = run(["export", "handout", str(sources), "-o", str(target)], capsys)
    assert code == 1 and "Traceback" not in err
    assert re.search(r"ports/first/index\.md:\d+:\d+: error: ", err)
    assert "no handout written" in err
    assert not target.exists()


def test_standard_output_and_the_course_file_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    sources = site(tmp_path / "lessons", HOSTILE)
    code, out, _ = run(["export", "handout", str(sources), "--lesson", "first", "-o", "-"], capsys)
    assert code == 0 and out.startswith("<!doctype html>")
    monkeypatch.chdir(tmp_path)
    assert run(["export", "handout", str(sources), "--course", "ports"], capsys)[0] == 0
    assert (tmp_path / "ports.handout.html").is_file()


def test_raw_html_is_text_with_the_site_extensions_too(tmp_path: Path) -> None:
    """md_in_html, in the example site's extensions, brings its own raw HTML reader."""
    body = HOSTILE + "\n<div markdown>\n*hi* <script>alert('block')</script>\n</div>\n"
    sources = site(tmp_path / "lessons", body)
    catalog = load_sources(SourceOptions(root=sources), Translator("en"), set()).catalog
    assert "md_in_html" in example_markdown().extensions
    html = render_handout(select_lessons(catalog, sources), Translator("en"), example_markdown())
    page = BeautifulSoup(html, "html.parser")
    assert page.find_all("script") == [] and page.find_all("div", attrs={"markdown": True}) == []
    assert "<script>alert('block')</script>" in text(page)


def test_a_markdown_extension_that_is_not_installed_is_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: S\nplugins:\n  - lessons\nmarkdown_extensions:\n  - no_such.extension\n",
        encoding="utf-8",
    )
    (tmp_path / "docs").mkdir()
    site(tmp_path / "lessons", HOSTILE)
    code, _, err = run(["export", "handout", str(tmp_path), "-o", str(tmp_path / "o.html")], capsys)
    assert code == 2 and "Traceback" not in err
    assert err.endswith("mkdocs.yml:1: markdown_extensions: No module named 'no_such'\n")
    assert not (tmp_path / "o.html").exists()
