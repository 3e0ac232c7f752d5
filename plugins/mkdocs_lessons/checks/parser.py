"""Read ``/// concept`` dividers and ``/// question`` blocks out of a lesson body.

A concept block holds only options: it stands for the concept's ``##`` heading, and the concept
runs until the next concept, the author's next ``#``/``##`` heading, or the end of the lesson.
Dividers rather than containers keep a walkthrough (itself a ``////`` block) inside a concept
without a fifth slash.

A question's options say the facts (``answer:``, ``hint:``, ``explain:``) and its body is what
readers see: Markdown context, then the choices as a task list (``- [x]`` right, ``- [ ]`` wrong,
feedback indented under a choice) or the items of an ordering as a numbered list in the right
order. Every Markdown part goes back into the page between markers (see ``core.blocks``) and is
put together by ``render.assemble``.
"""

from __future__ import annotations

import math
import re
from typing import Any

from ..core.blocks import FENCE, ID, Opening, SourceLines, fence_end, option_line, read_options
from ..core.diagnostics import Diagnostics
from ..core.fields import Field, choice, text
from ..core.urls import slugify
from .graph import resolve_concepts
from .model import Choice, Concept, LessonChecks, Question, QuestionKind

_TASK = re.compile(r"^[-*+][ \t]+\[(?P<mark>[ xX])\][ \t]+(?P<text>.*)$")
_NUMBERED = re.compile(r"^\d{1,3}[.)][ \t]+(?P<text>.*)$")
_ID_LENGTH = 64


def _anything(value: Any) -> tuple[Any, str | None]:
    return value, None


def _number(value: Any) -> tuple[Any, str | None]:
    if isinstance(value, (int, float)) and not isinstance(value, bool) and value >= 0:
        return float(value), None
    return None, "a number of 0 or more"


def _requires(value: Any) -> tuple[Any, str | None]:
    """A list of concept ids, possibly empty (``requires: []``: the concept needs nothing)."""
    if isinstance(value, str) and value.strip():
        return [value.strip()], None
    if isinstance(value, list) and all(isinstance(item, str) and item.strip() for item in value):
        return [item.strip() for item in value], None
    return None, "a list of concept ids, such as [iam-basics] (or [] for none)"


CONCEPT_FIELDS = (
    Field("id", text, doc="the concept's id (default: from its title); progress is kept by it"),
    Field(
        "requires", _requires, doc="ids of the concepts to master first (default: the one before)"
    ),
)

QUESTION_FIELDS = (
    Field("id", text, doc="the question's id (default: from its prompt); progress is kept by it"),
    Field(
        "type", choice(*(kind.value for kind in QuestionKind)), doc="the kind, when not inferred"
    ),
    Field("answer", _anything, doc="true/false, or the accepted text(s) or number of a fill-in"),
    Field("tolerance", _number, doc="how far from a numeric answer is still right"),
    Field("hint", text, doc="Markdown shown on request before answering"),
    Field("explain", text, doc="Markdown shown after Check (and behind 'Show answer')"),
)

MARKER_CONCEPT = "<!-- lessons-concept:{id} -->"
MARKER_CONCEPT_END = "<!-- lessons-concept-end:{id} -->"
MARKER_QUESTION = "<!-- lessons-question:{id} -->"
MARKER_PART = "<!-- lessons-part:{id}:{part} -->"
MARKER_QUESTION_END = "<!-- lessons-question-end:{id} -->"


class ChecksReader:
    """Reads the concepts and questions of one lesson body (a ``core.blocks.BlockReader``)."""

    names: tuple[str, ...] = ("concept", "question")

    def __init__(self) -> None:
        self.checks = LessonChecks()
        self._open: Concept | None = None

    def before_heading(self, level: int) -> list[str]:
        return self._close() if level <= 2 else []

    def finish(self) -> list[str]:
        return self._close()

    def _close(self) -> list[str]:
        if self._open is None:
            return []
        concept, self._open = self._open, None
        return ["", MARKER_CONCEPT_END.format(id=concept.id), ""]

    def read(self, block: Opening, lines: SourceLines, diagnostics: Diagnostics) -> list[str]:
        if not block.closed:
            diagnostics.add(
                lines.path,
                lines.line(block.start),
                f"this {block.name} is never closed: add a line with only {block.slashes} after "
                + ("its options" if block.name == "concept" else "its choices"),
            )
        if block.name == "concept":
            return self._read_concept(block, lines, diagnostics)
        return self._read_question(block, lines, diagnostics)

    # -- Concepts -------------------------------------------------------------------------

    def _read_concept(
        self, block: Opening, lines: SourceLines, diagnostics: Diagnostics
    ) -> list[str]:
        path, line = lines.path, lines.line(block.start)
        options, index = read_options(
            lines, block.start + 1, block.end, CONCEPT_FIELDS, "concept options", diagnostics
        )
        if any(item.strip() for item in lines.items[index : block.end]):
            first = next(i for i in range(index, block.end) if lines.items[i].strip())
            diagnostics.add(
                path,
                lines.line(first),
                f"a concept block holds only its options: write the concept's text after its "
                f"closing {block.slashes}",
            )
        title = block.argument
        if not title:
            diagnostics.add(
                path,
                line,
                "the concept has no title: write it after '|', as in '/// concept | IAM Basics'",
            )
            title = f"Concept {len(self.checks.concepts) + 1}"
        concept_id = _checked_id(options, title, "c", lines, block, diagnostics)
        if self.checks.concept(concept_id) is not None:
            diagnostics.add(
                path,
                line,
                f"two concepts in this lesson have the id '{concept_id}': give one an 'id:' option",
            )
            concept_id = f"{concept_id}-{len(self.checks.concepts) + 1}"
        requires = options.get("requires")
        concept = Concept(
            id=concept_id,
            title=title,
            line=line,
            number=len(self.checks.concepts) + 1,
            requires=list(requires) if isinstance(requires, list) else [],
            requires_given=isinstance(requires, list),
            requires_line=option_line(lines, block.start + 1, block.end, "requires")
            if "requires" in options
            else line,
        )
        output = self._close()
        self.checks.concepts.append(concept)
        self._open = concept
        return [*output, "", MARKER_CONCEPT.format(id=concept.id), "", f"## {title}", ""]

    # -- Questions ------------------------------------------------------------------------

    def _read_question(
        self, block: Opening, lines: SourceLines, diagnostics: Diagnostics
    ) -> list[str]:
        path, line = lines.path, lines.line(block.start)
        options, index = read_options(
            lines, block.start + 1, block.end, QUESTION_FIELDS, "question options", diagnostics
        )
        prompt = block.argument
        if not prompt:
            diagnostics.add(
                path,
                line,
                "the question has no prompt: write it after '|', as in "
                "'/// question | Which credentials expire?'",
            )
            prompt = "?"
        question_id = _checked_id(options, prompt, "q", lines, block, diagnostics)
        if any(other.id == question_id for other in self.checks.questions):
            diagnostics.add(
                path,
                line,
                f"two questions in this lesson have the id '{question_id}': give one an 'id:' "
                "option (progress is kept by question id)",
            )
            question_id = f"{question_id}-{len(self.checks.questions) + 1}"
        question = Question(
            id=question_id,
            prompt=prompt,
            kind=QuestionKind.SINGLE,
            line=line,
            hint=str(options.get("hint") or ""),
            explanation=str(options.get("explain") or ""),
            concept_id=self._open.id if self._open is not None else None,
        )
        body = _read_body(lines, index, block.end, diagnostics)
        question.context = body.context
        _settle_kind(question, body, options, lines, block, diagnostics)
        self.checks.questions.append(question)
        if self._open is not None:
            self._open.questions.append(question)
        return _question_markers(question)

    def result(self, diagnostics: Diagnostics, path: Any) -> LessonChecks:
        """The lesson's checks, with every concept's requirements resolved and checked."""
        resolve_concepts(self.checks.concepts, path, diagnostics)
        return self.checks


class _Body:
    """A question body split into its parts."""

    def __init__(self) -> None:
        self.context = ""
        self.list_kind: str | None = None
        """"task" or "numbered" when the body has a list."""
        self.items: list[Choice] = []
        self.list_line = 0


def _read_body(lines: SourceLines, start: int, stop: int, diagnostics: Diagnostics) -> _Body:
    body = _Body()
    items = lines.items
    index = start
    context: list[str] = []
    while index < stop:
        item = items[index]
        fence = FENCE.match(item)
        if fence:
            end = min(fence_end(items, index, fence.group("fence")), stop - 1)
            context.extend(items[index : end + 1])
            index = end + 1
            continue
        if _TASK.match(item) or _NUMBERED.match(item):
            break
        context.append(item)
        index += 1
    body.context = "\n".join(context).strip("\n")
    if index >= stop:
        return body
    body.list_kind = "task" if _TASK.match(items[index]) else "numbered"
    body.list_line = lines.line(index)
    pattern = _TASK if body.list_kind == "task" else _NUMBERED
    current: Choice | None = None
    extra: list[str] = []
    while index < stop:
        item = items[index]
        match = pattern.match(item)
        if match:
            if current is not None:
                _finish_item(current, extra, body.list_kind)
            current = Choice(text=match.group("text").strip(), correct=_is_marked(match))
            extra = []
            body.items.append(current)
        elif not item.strip() or item.startswith((" ", "\t")):
            extra.append(item)
        else:
            diagnostics.add(
                lines.path,
                lines.line(index),
                "text after the list of answers: move it above the list, into 'explain:', or "
                "indent it under a choice as that choice's feedback",
            )
            break
        index += 1
    if current is not None:
        _finish_item(current, extra, body.list_kind)
    return body


def _is_marked(match: re.Match[str]) -> bool:
    return "mark" in match.groupdict() and match.group("mark") in "xX"


def _finish_item(item: Choice, extra: list[str], list_kind: str) -> None:
    text_lines = [line[4:] if line.startswith("    ") else line.lstrip() for line in extra]
    rest = "\n".join(text_lines).strip("\n")
    if list_kind == "task":
        item.feedback = rest
    elif rest:
        item.text = f"{item.text}\n{rest}"


def _settle_kind(
    question: Question,
    body: _Body,
    options: dict[str, object],
    lines: SourceLines,
    block: Opening,
    diagnostics: Diagnostics,
) -> None:
    """Work out the question's kind and answers, and say what is missing or contradictory."""
    path, line = lines.path, question.line
    given = options.get("type")
    answer = options.get("answer")
    answer_line = option_line(lines, block.start + 1, block.end, "answer")
    has_answer = "answer" in options
    if has_answer and body.list_kind is not None:
        diagnostics.add(
            path,
            answer_line,
            "the question has both a list of choices and 'answer:': keep the list (mark the "
            "right choice '- [x]') or the 'answer:', not both",
        )
    if body.list_kind == "task":
        question.choices = body.items
        right = sum(choice.correct for choice in body.items)
        question.kind = (
            QuestionKind.MULTIPLE if given == "multiple" or right > 1 else QuestionKind.SINGLE
        )
        if given == "single" and right > 1:
            diagnostics.add(
                path,
                body.list_line,
                f"a single-choice question has one right choice, and {right} are marked '[x]': "
                "unmark the others or write 'type: multiple'",
            )
        if right == 0:
            diagnostics.add(
                path,
                body.list_line,
                "no choice is marked right: mark the right choice '- [x]' (the others stay "
                "'- [ ]')",
            )
        if len(body.items) < 2:
            diagnostics.add(
                path,
                body.list_line,
                "a choice question needs at least two choices: add '- [ ] a wrong choice'",
            )
    elif body.list_kind == "numbered":
        question.kind = QuestionKind.ORDER
        question.choices = body.items
        if len(body.items) < 2:
            diagnostics.add(
                path,
                body.list_line,
                "an ordering needs at least two items: number them '1.', '2.', … in the right "
                "order",
            )
    elif isinstance(answer, bool):
        question.kind = QuestionKind.TRUE_FALSE
        question.choices = [Choice("true", answer is True), Choice("false", answer is False)]
    elif has_answer:
        question.kind = QuestionKind.FILL_IN
        _read_fill_in(question, answer, answer_line, path, diagnostics)
    else:
        diagnostics.add(
            path,
            line,
            "the question has no answers: list the choices ('- [x] right', '- [ ] wrong'), "
            "number the items of an ordering, or give 'answer:' (true, false, a text or a "
            "number)",
        )
    # 'type: single' over several '[x]' was reported above.
    if given not in (None, question.kind.value) and not (
        given == "single" and body.list_kind == "task"
    ):
        diagnostics.add(
            path,
            option_line(lines, block.start + 1, block.end, "type"),
            f"'type: {given}' does not fit the question, which reads as "
            f"{question.kind.value}: {_KIND_HINTS[str(given)]}",
        )
    if "tolerance" in options:
        if question.number is None:
            diagnostics.add(
                path,
                option_line(lines, block.start + 1, block.end, "tolerance"),
                "'tolerance:' only applies to a numeric answer, such as 'answer: 3600'",
            )
        else:
            question.tolerance = float(options["tolerance"])  # type: ignore[arg-type]


_KIND_HINTS = {
    "single": "list the choices and mark one '- [x]'",
    "multiple": "list the choices and mark the right ones '- [x]'",
    "true-false": "give 'answer: true' or 'answer: false' and no list",
    "fill-in": "give 'answer:' with the accepted text(s) or number, and no list",
    "order": "number the items '1.', '2.', … in the right order",
}


def _read_fill_in(
    question: Question, answer: object, line: int, path: Any, diagnostics: Diagnostics
) -> None:
    if isinstance(answer, (int, float)) and not isinstance(answer, bool):
        if not math.isfinite(answer):
            diagnostics.add(
                path,
                line,
                f"'answer: {answer}' is not a number a reader can type: give a finite number, "
                "or quote it to accept it as text",
            )
            return
        question.number = float(answer)
        return
    values = answer if isinstance(answer, list) else [answer]
    texts = [
        str(value).strip()
        for value in values
        if isinstance(value, (str, int, float)) and not isinstance(value, bool)
    ]
    texts = [value for value in texts if value]
    if not texts or len(texts) != len(values):
        diagnostics.add(
            path,
            line,
            "the fill-in question accepts no answer: give 'answer:' a text, a list of texts "
            "(such as [S3, Amazon S3]) or a number",
        )
    question.answers = texts


def _checked_id(
    options: dict[str, object],
    source: str,
    prefix: str,
    lines: SourceLines,
    block: Opening,
    diagnostics: Diagnostics,
) -> str:
    """The block's ``id:`` or one made from ``source``; a malformed ``id:`` is reported."""
    given = _id(options.get("id"), source, prefix)
    if ID.match(given):
        return given
    diagnostics.add(
        lines.path,
        option_line(lines, block.start + 1, block.end, "id"),
        f"the id '{given}' must start with a letter and hold only letters, digits, '-' and '_'",
    )
    return _id(None, given, prefix)


def _id(given: object, source: str, prefix: str) -> str:
    """The given id, or one made from ``source``: a slug cut at a word, starting with a letter."""
    if isinstance(given, str) and given:
        return given
    slug = slugify(source)
    if len(slug) > _ID_LENGTH:
        slug = slug[:_ID_LENGTH].rsplit("-", 1)[0]
    return slug if slug[:1].isalpha() else f"{prefix}-{slug}" if slug else prefix


def _question_markers(question: Question) -> list[str]:
    """The Markdown that stands in for a question: its Markdown parts between markers."""
    out = ["", MARKER_QUESTION.format(id=question.id), ""]

    def part(name: str, markdown: str) -> None:
        out.extend([MARKER_PART.format(id=question.id, part=name), "", markdown, ""])

    if question.context:
        part("context", question.context)
    if question.kind is not QuestionKind.TRUE_FALSE:
        for number, item in enumerate(question.choices, start=1):
            part(f"choice-{number}", item.text)
            if item.feedback:
                part(f"feedback-{number}", item.feedback)
    if question.hint:
        part("hint", question.hint)
    if question.explanation:
        part("explain", question.explanation)
    out.extend([MARKER_QUESTION_END.format(id=question.id), ""])
    return out
