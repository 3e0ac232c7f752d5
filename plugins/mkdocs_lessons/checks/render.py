"""Concepts, System Checks and the concept map to HTML.

The Markdown parts of each question (context, choices, feedback, hint, explanation) were
rendered by the page's own Markdown pass between the markers ``parser`` wrote; ``assemble``
collects them and renders the forms, groups a concept's questions into its System Check, and
wraps each concept in a section.
"""

from __future__ import annotations

import json
import random
import re
import zlib
from dataclasses import dataclass

from markupsafe import Markup

from ..core.codeblocks import number_code_blocks
from ..core.deferred import Deferred
from ..core.i18n import Translator
from ..core.templating import render
from .model import Choice, LessonChecks, Question, QuestionKind

# Markers start "<(?:p><)?!--" rather than "(?:<p>)?<!--": a pattern that opens with a literal
# lets the regex engine skip ahead, which made these searches 40 times faster on a lesson page.
_QUESTION = re.compile(
    r"<(?:p><)?!-- lessons-question:(?P<id>[\w-]+) -->(?:</p>)?"
    r"(?P<inner>.*?)"
    r"<(?:p><)?!-- lessons-question-end:(?P=id) -->(?:</p>)?",
    re.DOTALL,
)
_PART = re.compile(r"<(?:p><)?!-- lessons-part:[\w-]+:(?P<part>[\w-]+) -->(?:</p>)?")
_CONCEPT = re.compile(r"<(?:p><)?!-- lessons-concept(?P<end>-end)?:(?P<id>[\w-]+) -->(?:</p>)?")
_ONE_PARAGRAPH = re.compile(r"<p>(?P<inner>(?:(?!</?p[ >]).)*)</p>\Z", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


@dataclass
class _RenderedChoice:
    html: str
    correct: bool
    feedback: str
    position: int
    label: str
    """Plain text, for the move buttons' names."""


def assemble(
    page_html: str,
    checks: LessonChecks,
    translate: Translator,
    deferred: Deferred | None = None,
) -> str:
    """Replace the markers in ``page_html`` with questions, System Checks and concepts.

    With ``deferred``, each System Check is held out of the page content (``core.deferred``):
    search would index its answers, and its forms, many small elements, cost more to parse
    than the prose of the lesson around them.
    """
    if not checks:
        return page_html
    by_id = {question.id: question for question in checks.questions}
    page_html = _group_questions(page_html, by_id, translate, deferred)
    concepts = {concept.id: concept for concept in checks.concepts}

    def concept(match: re.Match[str]) -> str:
        found = concepts.get(match.group("id"))
        if found is None:
            return match.group(0)
        if match.group("end"):
            return "</section>"
        label = Markup.escape(translate("concept_n", n=found.number))
        return (
            f'<section class="lessons-concept" id="lessons-concept-{found.id}" '
            f'data-lessons-concept="{found.id}">'
            f'<p class="lessons-concept__label">{label} '
            '<span class="lessons-concept__state" data-lessons-state-label></span></p>'
        )

    return _CONCEPT.sub(concept, page_html)


def _group_questions(
    page_html: str,
    by_id: dict[str, Question],
    translate: Translator,
    deferred: Deferred | None,
) -> str:
    """Render each question; questions with only white space between them form one check."""
    out: list[str] = []
    group: list[tuple[Question, str]] = []
    position = 0

    def flush() -> None:
        if group:
            check = render(
                "checks/check.html",
                first_id=group[0][0].id,
                questions=Markup("\n".join(html for _, html in group)),
                t=translate,
            )
            # Inside a concept section, which has an id: code blocks need their own.
            check = number_code_blocks(check, f"lessons-check-{group[0][0].id}-code")
            if deferred is not None:
                check = deferred.hold(f"check:{group[0][0].id}", check)
            out.append(check)
            group.clear()

    for match in _QUESTION.finditer(page_html):
        question = by_id.get(match.group("id"))
        between = page_html[position : match.start()]
        if between.strip():
            flush()
            out.append(between)
        position = match.end()
        if question is None:
            out.append(match.group(0))
            continue
        group.append((question, render_question(question, _parts(match.group("inner")), translate)))
    flush()
    out.append(page_html[position:])
    return "".join(out)


def _parts(inner: str) -> dict[str, str]:
    pieces = _PART.split(inner)
    # split() alternates text and captured names: [before, name1, html1, name2, html2...]
    return {pieces[i]: pieces[i + 1].strip() for i in range(1, len(pieces), 2)}


def render_question(question: Question, parts: dict[str, str], translate: Translator) -> str:
    """One question as a form (``parts``: its rendered Markdown parts by name)."""
    choices = [
        _choice(question, parts, index, choice, translate)
        for index, choice in enumerate(question.choices, 1)
    ]
    return render(
        "checks/question.html",
        q=question,
        parts=parts,
        choices=choices,
        shuffled=_shuffled(question.id, choices) if question.kind is QuestionKind.ORDER else [],
        answers_json=json.dumps(
            [_normalise(answer) for answer in question.answers], ensure_ascii=False
        ),
        number=_number,
        t=translate,
    )


def _choice(
    question: Question, parts: dict[str, str], index: int, choice: Choice, translate: Translator
) -> _RenderedChoice:
    if question.kind is QuestionKind.TRUE_FALSE:
        html = str(Markup.escape(translate(choice.text)))
    else:
        html = parts.get(f"choice-{index}", "")
        single = _ONE_PARAGRAPH.match(html)
        if single:
            html = single.group("inner")
    return _RenderedChoice(
        html=html,
        correct=choice.correct,
        feedback=parts.get(f"feedback-{index}", ""),
        position=index,
        label=_TAG.sub("", html).strip(),
    )


def _shuffled(question_id: str, choices: list[_RenderedChoice]) -> list[_RenderedChoice]:
    """The items in an order that is the same on every build and never the right one."""
    items = list(choices)
    random.Random(zlib.crc32(question_id.encode())).shuffle(items)
    if [item.position for item in items] == sorted(item.position for item in items):
        items = items[1:] + items[:1]
    return items


def _normalise(answer: str) -> str:
    """How answers are compared: case-folded, spaces collapsed (checks.js does the same)."""
    return " ".join(answer.split()).lower()


def _number(value: float) -> str:
    """A number as the browser reads it back, exactly: "3600", "3.14159265", "1e+300".

    Not ``:g``, which keeps six digits (3.14159265 became 3.14159, and the right answer
    wrong), nor ``int()`` of every whole number (1e300 would print 301 digits; infinity
    raises). The parser lets only finite numbers through; anything else prints as Python's
    repr rather than raising in the middle of a build."""
    value = float(value)
    if value.is_integer() and abs(value) < 2**53:
        return str(int(value))
    return repr(value)


def render_map(checks: LessonChecks, translate: Translator) -> str:
    """The concept map at the top of a lesson ("" when the lesson has no concepts)."""
    if not checks.concepts:
        return ""
    return render(
        "checks/map.html",
        title=checks.map_title or translate("concept_map"),
        summary=checks.map_summary,
        concepts=checks.concepts,
        layers=max(concept.layer for concept in checks.concepts),
        slots=max(concept.slot for concept in checks.concepts),
        t=translate,
    )
