"""Concepts, System Checks and the concept map to HTML.

Built on the page's Markdown tree (see ``core.tree``). The Markdown parts of each question
(context, choices, feedback, hint, explanation) were rendered by the page's own Markdown pass
between the markers ``parser`` wrote. :func:`build_concepts` wraps each concept in a section
and gathers each question's parts, questions that stand together forming a System Check;
:func:`render_checks`, once the rest of the page is done, renders the forms.
"""

from __future__ import annotations

import json
import random
import re
import xml.etree.ElementTree as etree
import zlib
from dataclasses import dataclass

from markdown import Markdown
from markupsafe import Markup

from ..core.codeblocks import CodeBlockIds
from ..core.i18n import Translator
from ..core.markers import MARKER_TAG
from ..core.search import Unsearched
from ..core.templating import render
from ..core.tree import blocks_of, inner_html, markers_in, parents_of, stashed_block
from .model import Choice, LessonChecks, Question, QuestionKind

CHECK_TAG = "lessons-check"
"""Where a System Check's questions wait, on the tree, for :func:`render_checks`."""
_QUESTION_TAG = "lessons-question"
_PART_TAG = "lessons-part"
ONE_PARAGRAPH = re.compile(r"<p>(?P<inner>(?:(?!</?p[ >]).)*)</p>\Z", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


@dataclass
class _RenderedChoice:
    html: str
    correct: bool
    feedback: str
    position: int
    label: str
    """Plain text, for the move buttons' names."""


def build_concepts(root: etree.Element, checks: LessonChecks, translate: Translator) -> set[str]:
    """Wrap each concept in its section and gather the questions into System Checks, on the
    tree under ``root``; return the ids given."""
    if not checks:
        return set()
    ids: set[str] = set()
    concepts = {concept.id: concept for concept in checks.concepts}
    for block in blocks_of(markers_in(root), "concept", concepts):
        concept = concepts[block.id]
        section = etree.Element(
            "section",
            {
                "class": "lessons-concept",
                "id": f"lessons-concept-{concept.id}",
                "data-lessons-concept": concept.id,
            },
        )
        label = etree.SubElement(section, "p", {"class": "lessons-concept__label"})
        label.text = f"{translate('concept_n', n=concept.number)} "
        state = etree.SubElement(
            label, "span", {"class": "lessons-concept__state", "data-lessons-state-label": ""}
        )
        state.text = ""
        at, inner = block.take()
        section.extend(inner)
        block.opening.parent.insert(at, section)
        ids.add(section.get("id", ""))
    questions = {question.id for question in checks.questions}
    for block in blocks_of(markers_in(root), "question", questions):
        held = etree.Element(_QUESTION_TAG, {"id": block.id})
        part: etree.Element | None = None
        at, inner = block.take()
        for element in inner:
            if element.tag == MARKER_TAG and element.get("kind") == "part":
                args = element.get("args", "").split()
                part = etree.SubElement(held, _PART_TAG, {"name": args[-1] if args else ""})
            elif part is not None:
                part.append(element)
        block.opening.parent.insert(at, held)
        ids.add(f"lessons-question-{block.id}")
    _group(root)
    return ids


def _group(root: etree.Element) -> None:
    """Questions with only white space between them form one System Check."""
    questions = list(root.iter(_QUESTION_TAG))
    if not questions:
        return
    parents = parents_of(root)
    for parent in dict.fromkeys(parents[question] for question in questions):
        index = 0
        while index < len(parent):
            if parent[index].tag != _QUESTION_TAG:
                index += 1
                continue
            check = etree.Element(CHECK_TAG)
            parent.insert(index, check)
            while index + 1 < len(parent) and parent[index + 1].tag == _QUESTION_TAG:
                question = parent[index + 1]
                parent.remove(question)
                check.append(question)
                if question.tail and question.tail.strip():
                    break  # text after it: the next question starts another check
            check.tail, check[-1].tail = check[-1].tail, None
            index += 1


def render_checks(
    root: etree.Element,
    md: Markdown,
    checks: LessonChecks,
    translate: Translator,
    unsearched: Unsearched,
    code_ids: CodeBlockIds,
) -> set[str]:
    """Render each System Check gathered by :func:`build_concepts`; return the ids given.

    Search is not given the checks: it would index their answers, and their forms, many small
    elements, cost more to parse than the prose of the lesson around them.
    """
    by_id = {question.id: question for question in checks.questions}
    ids: set[str] = set()
    gathered = list(root.iter(CHECK_TAG))
    parents = parents_of(root) if gathered else {}
    for check in gathered:
        parent = parents[check]
        rendered: list[str] = []
        for waiting in check:
            question = by_id.get(waiting.get("id", ""))
            if question is None:
                continue
            parts = {part.get("name", ""): inner_html(md, part).strip() for part in waiting}
            rendered.append(render_question(question, parts, translate))
        if not rendered:
            parent.remove(check)
            continue
        first_id = check[0].get("id", "")
        html = render(
            "checks/check.html",
            first_id=first_id,
            questions=Markup("\n".join(rendered)),
            t=translate,
        )
        block = stashed_block(md, unsearched.omit(code_ids(html).strip()))
        block.tail = check.tail
        parent.insert(list(parent).index(check), block)
        parent.remove(check)
        ids.add(f"lessons-check-{first_id}")
    return ids


def shown_question(
    question: Question, parts: dict[str, str], translate: Translator
) -> dict[str, object]:
    """What a question's template shows of it, as the page has it: the prompt, the choices,
    an ordering's items shuffled, a matching's or Parsons problem's items arranged (the
    handout shows the same, so that its letters are the page's order)."""
    choices = [
        rendered_choice(question, parts, index, choice, translate)
        for index, choice in enumerate(question.choices, 1)
    ]
    prompt = ONE_PARAGRAPH.match(parts.get("prompt", ""))
    return {
        "q": question,
        "parts": parts,
        # A prompt that Markdown reads as more than a paragraph ("1. First") stays plain text.
        "prompt": Markup(prompt.group("inner")) if prompt else question.prompt,
        "choices": choices,
        "shuffled": (
            shuffled_items(question.id, choices) if question.kind is QuestionKind.ORDER else []
        ),
        **arranged_items(question, parts),
    }


def render_question(question: Question, parts: dict[str, str], translate: Translator) -> str:
    """One question as a form (``parts``: its rendered Markdown parts by name)."""
    count = len(question.hints)
    hints = [
        (
            translate("hint") if count == 1 else translate("hint_n", n=number, total=count),
            parts.get(f"hint-{number}", ""),
        )
        for number in range(1, count + 1)
    ]
    mistakes = [
        (_normalise(wrong), parts.get(f"mistake-{number}", ""))
        for number, wrong in enumerate(question.mistakes, start=1)
    ]
    return render(
        "checks/question.html",
        hints=hints,
        mistakes=mistakes,
        units_json=json.dumps(question.units, ensure_ascii=False),
        answers_json=json.dumps(
            [_normalise(answer) for answer in question.answers], ensure_ascii=False
        ),
        number=number_text,
        t=translate,
        **shown_question(question, parts, translate),
    )


def arranged_items(question: Question, parts: dict[str, str]) -> dict[str, object]:
    """What a matching or a Parsons problem's template needs: the right items of a matching
    shuffled (each one's plain text, for its ``<option>``), a Parsons problem's lines shuffled
    with the distractors among them."""
    if question.kind is QuestionKind.MATCHING:
        lefts = [
            _one_paragraph(parts.get(f"left-{number}", ""))
            for number in range(1, len(question.pairs) + 1)
        ]
        rights = [
            _RenderedChoice(html, True, "", number, Markup(html).striptags())
            for number, html in enumerate(
                (_one_paragraph(parts.get(f"right-{n}", "")) for n in range(1, len(lefts) + 1)),
                start=1,
            )
        ]
        return {"lefts": lefts, "rights": shuffled_items(question.id, rights)}
    if question.kind is QuestionKind.OUTPUT:
        if question.output is None or not question.wrong_outputs:
            return {"outputs": []}
        offered = [question.output, *question.wrong_outputs]
        outputs = [
            _RenderedChoice(text, number == 1, "", number, text)
            for number, text in enumerate(offered, start=1)
        ]
        random.Random(zlib.crc32(question.id.encode())).shuffle(outputs)
        return {"outputs": outputs}
    if question.kind is not QuestionKind.PARSONS:
        return {}
    # Lines of the same text (and level, when the level is shown) are one line to a reader:
    # each line's key is the position of the first such line, and the answer is the keys.
    shown = [
        text if question.indent else "    " * level + text for level, text in question.code_lines
    ]
    keys = [shown.index(line) + 1 for line in shown]
    pairs = zip(shown, keys, strict=True)
    lines = [_RenderedChoice(line, True, "", key, line.strip()) for line, key in pairs]
    lines += [_RenderedChoice(text, False, "", 0, text) for text in question.distractors]
    return {
        "code_lines": shuffled_items(question.id, lines),
        "keys": " ".join(map(str, keys)),
        "levels": " ".join(str(level) for level, _ in question.code_lines),
        "solution": "\n".join("    " * level + text for level, text in question.code_lines),
    }


def _one_paragraph(html: str) -> Markup:
    single = ONE_PARAGRAPH.match(html)
    return Markup(single.group("inner") if single else html)


def rendered_choice(
    question: Question, parts: dict[str, str], index: int, choice: Choice, translate: Translator
) -> _RenderedChoice:
    if question.kind is QuestionKind.TRUE_FALSE:
        html = str(Markup.escape(translate(choice.text)))
    else:
        html = parts.get(f"choice-{index}", "")
        single = ONE_PARAGRAPH.match(html)
        if single:
            html = single.group("inner")
    return _RenderedChoice(
        html=html,
        correct=choice.correct,
        feedback=parts.get(f"feedback-{index}", ""),
        position=index,
        label=_TAG.sub("", html).strip(),
    )


def shuffled_items(question_id: str, choices: list[_RenderedChoice]) -> list[_RenderedChoice]:
    """The items in an order that is the same on every build and never the right one."""
    items = list(choices)
    random.Random(zlib.crc32(question_id.encode())).shuffle(items)
    if [item.position for item in items] == sorted(item.position for item in items):
        items = items[1:] + items[:1]
    return items


def _normalise(answer: str) -> str:
    """How answers are compared: case-folded, spaces collapsed (checks.js does the same)."""
    return " ".join(answer.split()).lower()


def number_text(value: float) -> str:
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
