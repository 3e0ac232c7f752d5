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

from ..core.blocks import (
    FENCE,
    ID,
    OPEN,
    Opening,
    SourceLines,
    cut_short,
    fence_end,
    load_options,
    option_line,
)
from ..core.diagnostics import Diagnostics
from ..core.fields import Field, choice, describe, text, text_list
from ..core.markers import marker
from ..core.urls import slugify
from .graph import resolve_concepts
from .model import Choice, Concept, LessonChecks, Question, QuestionKind, quoted

# "- [x]" with no text is a choice too: read as text, it would be a stray "[x]" bullet.
_TASK = re.compile(r"^[-*+][ \t]+\[(?P<mark>[ xX])\](?:[ \t]+(?P<text>.*))?\Z")
_NUMBERED = re.compile(r"^\d{1,3}[.)][ \t]+(?P<text>.*)\Z")
_ID_LENGTH = 64
_OPTION_KEY = re.compile(r"^[ \t]+(?P<key>[^\s:]+)[ \t]*:(?:[ \t]|\Z)")
_ID_OPTION = re.compile(r"^[ \t]+id[ \t]*:[ \t]*(?P<value>.*?)[ \t]*\Z")


def _anything(value: Any) -> tuple[Any, str | None]:
    return value, None


def _number(value: Any) -> tuple[Any, str | None]:
    """Any YAML number, as written: whether a browser can use it is checked with the answer
    (``_read_tolerance``), in a message that does not print all 400 digits of a huge one."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value, None
    if isinstance(value, str) and "e" in value.lower() and _parses_as_float(value):
        # YAML 1.1 reads 1e3 as text: it wants a '.' and a signed exponent (1.0e+3).
        return None, "a number of 0 or more (YAML reads 1e3 as text: write 1.0e+3)"
    return None, "a number of 0 or more"


def _parses_as_float(value: str) -> bool:
    try:
        float(value)
    except ValueError:
        return False
    return True


def _requires(value: Any) -> tuple[Any, str | None]:
    """A list of concept ids, possibly empty (``requires: []``: the concept needs nothing)."""
    if isinstance(value, str) and value.strip():
        return [value.strip()], None
    if isinstance(value, list) and all(isinstance(item, str) and item.strip() for item in value):
        return [item.strip() for item in value], None
    return None, "a list of concept ids, such as [iam-basics] (or [] for none)"


def _hints(value: Any) -> tuple[Any, str | None]:
    """One hint, or a list of them (revealed one at a time)."""
    if isinstance(value, str) and value.strip():
        return [value], None
    if isinstance(value, list) and value and all(isinstance(v, str) and v.strip() for v in value):
        return list(value), None
    return None, "a text, or a list of texts (one hint each, shown one at a time)"


def _mistakes(value: Any) -> tuple[Any, str | None]:
    """A fill-in's expected wrong answers, each with what to say to a reader who gives it."""
    if (
        isinstance(value, dict)
        and value
        and all(
            isinstance(key, (str, int, float))
            and not isinstance(key, bool)
            and str(key).strip()
            and isinstance(said, str)
            and said.strip()
            for key, said in value.items()
        )
    ):
        return {str(key).strip(): said for key, said in value.items()}, None
    return None, (
        "a mapping of expected wrong answers to what to tell the reader, such as "
        "'3600: that is in seconds; the question asks for hours'"
    )


def _units(value: Any) -> tuple[Any, str | None]:
    """Words a reader may write after a numeric answer."""
    words = [value] if isinstance(value, str) else value
    if (
        isinstance(words, list)
        and words
        and all(isinstance(word, str) and _UNIT.match(word.strip()) for word in words)
    ):
        return [word.strip() for word in words], None
    return None, "a unit word or a list of them, such as [seconds, s]"


def _tries(value: Any) -> tuple[Any, str | None]:
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 99:
        return value, None
    return None, "a whole number of wrong tries, from 1 to 99, such as 2"


def _pairs(value: Any) -> tuple[Any, str | None]:
    """A mapping of left to right items, or a list of pairs (``- [User, a person]`` or
    ``- User: a person``): a list lets the same left item appear twice, to be reported. A list's
    bad item is reported at its own line (``_pair``). The pairs are a tuple, not a list, so that
    ``read_fields`` does not report a pair given twice: ``_read_pairs`` reports the item."""
    if isinstance(value, dict) and value:
        for left, right in value.items():
            if _item_text(left) is None or _item_text(right) is None:
                return None, (
                    f"a mapping of left items to right items, each a text: {describe(left)} "
                    f"is matched to {describe(right)}; write both as text (quote a number "
                    "or true/false)"
                )
        return tuple((_item_text(left), _item_text(right)) for left, right in value.items()), None
    if isinstance(value, list) and value:
        read = [_pair(item) for item in value]
        if all(expected is None for _, expected in read):
            return tuple(pair for pair, _ in read), None
    return None, (
        "a mapping of each left item to its right item, such as 'IAM user: a person or "
        "program with long-term credentials' (one pair a line)"
    )


def _pair(value: Any) -> tuple[Any, str | None]:
    """One item of a list of pairs: ``User: a person`` or ``[User, a person]``, two texts."""
    pair: tuple[object, object] | None = None
    if isinstance(value, dict) and len(value) == 1:
        pair = next(iter(value.items()))
    elif isinstance(value, list) and len(value) == 2:
        pair = (value[0], value[1])
    written = None if pair is None else (_item_text(pair[0]), _item_text(pair[1]))
    if written is None or None in written:
        return None, "one pair of texts, as 'left: right' or [left, right]"
    return written, None


def _item_text(value: object) -> str | None:
    """A matching item as text: YAML reads '2024' or 'yes' as a number or a truth value."""
    if isinstance(value, bool) or value is None or isinstance(value, (list, dict)):
        return None
    return str(value).strip()


def _code_lines(value: Any) -> tuple[Any, str | None]:
    """Lines of code: a list, or a block of text (``|``) with one line each."""
    if isinstance(value, str):
        value = value.splitlines()
    if isinstance(value, list) and all(isinstance(line, str) for line in value):
        lines = [line.rstrip() for line in value if line.strip()]
        if lines:
            return lines, None
    return None, "a list of code lines, such as ['print(total)'], or a block of lines after '|'"


def _outputs(value: Any) -> tuple[Any, str | None]:
    """Texts, each reported at its own line when it is not one (``_output``)."""
    if isinstance(value, list) and value and all(_output(item)[1] is None for item in value):
        return list(value), None
    return None, "a list of outputs, each a text (a block of lines after '|' for several lines)"


def _output(value: Any) -> tuple[Any, str | None]:
    """An output as written: YAML reads 1.10 as the number 1.1 and .inf as infinity, which a
    program printing '1.10' does not print, so a number must be quoted (as for ``run:``)."""
    if isinstance(value, str) and value.strip():
        return value, None
    return text(value)


def _flag(value: Any) -> tuple[Any, str | None]:
    if isinstance(value, bool):
        return value, None
    return None, "true or false"


# A unit word after a number: "days", "s", "%", "km/h", "°C" (no digits, no spaces).
_UNIT = re.compile(r"^[^\W\d_][^\s\d]*\Z|^[%°][^\s\d]*\Z")
# A number as authors write it in a text answer: "90", "3,600", "3 600", "0.5", "-2".
_WRITTEN_NUMBER = re.compile(r"^[-+]?\d{1,3}(?:[, ]\d{3})+(?:\.\d+)?\Z|^[-+]?\d+(?:\.\d+)?\Z")


CONCEPT_FIELDS = (
    Field("id", text, doc="the concept's id (default: from its title); progress is kept by it"),
    Field(
        "requires", _requires, doc="ids of the concepts to master first (default: the one before)"
    ),
    Field(
        "key_points",
        text_list,
        doc="what to remember of the concept, inline Markdown: the lesson's end lists them",
        item=text,
    ),
)

QUESTION_FIELDS = (
    Field("id", text, doc="the question's id (default: from its prompt); progress is kept by it"),
    Field(
        "type", choice(*(kind.value for kind in QuestionKind)), doc="the kind, when not inferred"
    ),
    Field("answer", _anything, doc="true/false, or the accepted text(s) or number of a fill-in"),
    Field("tolerance", _number, doc="how far from a numeric answer is still right"),
    Field(
        "hint",
        _hints,
        doc="Markdown shown on request before answering; a list gives hints revealed one at a time",
    ),
    Field(
        "explain",
        text,
        doc="Markdown shown after a right answer, behind 'Show answer', or after 'reveal_after'",
    ),
    Field(
        "feedback",
        _mistakes,
        doc="a fill-in's expected wrong answers, each with what to tell a reader who gives it",
    ),
    Field("units", _units, doc="words a reader may write after a numeric answer: [seconds, s]"),
    Field("reveal_after", _tries, doc="wrong tries after which the answer and explanation show"),
    Field(
        "pairs",
        _pairs,
        doc="a matching's pairs: a mapping of left items to right items",
        item=_pair,
    ),
    Field("distractors", _code_lines, doc="a Parsons problem's lines that belong to no solution"),
    Field("indent", _flag, doc="true: a Parsons problem asks for the indentation of its lines"),
    Field("run", text, doc="a predict-the-output question's command: a name from 'code_runs'"),
    Field(
        "wrong_outputs",
        _outputs,
        doc="outputs a predict-the-output question offers besides the right one, to pick from",
        item=_output,
    ),
)


class ChecksReader:
    """Reads the concepts and questions of one lesson body (a ``core.blocks.BlockReader``)."""

    names: tuple[str, ...] = ("concept", "question")

    def __init__(self) -> None:
        self.checks = LessonChecks()
        self._open: Concept | None = None
        self._planned: dict[str, set[str]] = {}

    def before_heading(self, level: int) -> list[str]:
        return self._close() if level <= 2 else []

    def finish(self) -> list[str]:
        return self._close()

    def _close(self) -> list[str]:
        if self._open is None:
            return []
        concept, self._open = self._open, None
        return ["", marker("concept-end", concept.id), ""]

    def read(self, block: Opening, lines: SourceLines, diagnostics: Diagnostics) -> list[str]:
        # A concept or question holds no heading and no block of its own size: a closing line
        # found past one belongs to a later block, and this one was never closed.
        cut_short(block, lines)
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
        read, index = _options(lines, block, CONCEPT_FIELDS, "concept options", diagnostics)
        options = read or {}
        if not block.closed:
            # Never closed: what follows its options is most likely the concept's text, read
            # as the page's (its walkthroughs and questions too), not reported as stray.
            block.end = index
        elif any(item.strip() for item in lines.items[index : block.end]):
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
            concept_id = _unused(
                concept_id,
                {other.id for other in self.checks.concepts} | self._ids(lines, "concept", "c"),
                len(self.checks.concepts),
            )
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
            key_points=_texts(options.get("key_points")),
        )
        output = self._close()
        self.checks.concepts.append(concept)
        self._open = concept
        return [*output, "", marker("concept", concept.id), "", f"## {title}", ""]

    # -- Questions ------------------------------------------------------------------------

    def _read_question(
        self, block: Opening, lines: SourceLines, diagnostics: Diagnostics
    ) -> list[str]:
        path, line = lines.path, lines.line(block.start)
        read, index = _options(lines, block, QUESTION_FIELDS, "question options", diagnostics)
        options = read or {}
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
            question_id = _unused(
                question_id,
                {other.id for other in self.checks.questions} | self._ids(lines, "question", "q"),
                len(self.checks.questions),
            )
        question = Question(
            id=question_id,
            prompt=prompt,
            kind=QuestionKind.SINGLE,
            line=line,
            hints=_texts(options.get("hint")),
            explanation=str(options.get("explain") or ""),
            reveal_after=int(options.get("reveal_after") or 0),  # type: ignore[call-overload]
            concept_id=self._open.id if self._open is not None else None,
        )
        body = _read_body(lines, index, block, diagnostics)
        question.context = body.context
        _settle_kind(question, body, options, lines, block, diagnostics, unread=read is None)
        self.checks.questions.append(question)
        if self._open is not None:
            self._open.questions.append(question)
        return _question_markers(question)

    def _ids(self, lines: SourceLines, name: str, prefix: str) -> set[str]:
        """The ids of every ``name`` block in the body, given or made from its argument: a
        duplicate renamed to one of them would collide again with a later block ("Q", "Q",
        "Q 2": the second "q" must not become "q-2"), one mistake reported twice."""
        if name not in self._planned:
            found: set[str] = set()
            for index, line in enumerate(lines.items):
                opening = OPEN.match(line)
                if opening is None or opening.group("name") != name:
                    continue
                given: str | None = None
                for after in range(index + 1, len(lines.items)):
                    option = lines.items[after]
                    match = _ID_OPTION.match(option)
                    if match:
                        given = match.group("value").strip("'\"")
                    if not option.strip() or option[:1] not in (" ", "\t") or match:
                        break
                found.add(_id(given, (opening.group("arg") or "").strip() or "?", prefix))
            self._planned[name] = found
        return self._planned[name]

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
        self.item_lines: list[int] = []
        self.list_line = 0
        self.context_span = (0, 0)
        """The indexes of the lines the context was read from (the end excluded)."""


def _read_body(lines: SourceLines, start: int, block: Opening, diagnostics: Diagnostics) -> _Body:
    """The body from ``start``; a question never closed ends at the first line after its list
    that is not a choice's (``block.end`` is moved there)."""
    stop = block.end
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
    body.context_span = (start, index)
    if index >= stop:
        return body
    body.list_kind = "task" if _TASK.match(items[index]) else "numbered"
    body.list_line = lines.line(index)
    pattern = _TASK if body.list_kind == "task" else _NUMBERED
    current: Choice | None = None
    extra: list[str] = []
    # Text after the list is reported once; choices after it are still read, or they would
    # be reported missing too ("needs at least two choices").
    stray: int | None = None
    in_stray = False
    while index < stop:
        item = items[index]
        match = pattern.match(item)
        if match:
            if current is not None:
                _finish_item(current, extra, body.list_kind)
            current = Choice(text=(match.group("text") or "").strip(), correct=_is_marked(match))
            extra = []
            body.items.append(current)
            body.item_lines.append(lines.line(index))
            in_stray = False
        elif not item.strip() or item.startswith((" ", "\t")):
            if not in_stray:
                extra.append(item)
        elif not block.closed:
            block.end = index
            break
        else:
            if stray is None:
                stray = index
                diagnostics.add(
                    lines.path,
                    lines.line(index),
                    "text after the list of answers: move it above the list, into 'explain:', "
                    "or indent it under a choice as that choice's feedback",
                )
            in_stray = True
            fence = FENCE.match(item)
            if fence:
                index = min(fence_end(items, index, fence.group("fence")), stop - 1)
        index += 1
    if current is not None:
        _finish_item(current, extra, body.list_kind)
    numbered = enumerate(zip(body.items, body.item_lines, strict=True), start=1)
    for number, (choice_item, line) in numbered:
        if choice_item.text.strip():
            continue
        # Rendered, it would be an empty radio button or an empty item to put in order.
        if body.list_kind == "task":
            mark = "x" if choice_item.correct else " "
            message = f"choice {number} has no text: write the choice after '- [{mark}]'"
        else:
            message = f"item {number} of the ordering has no text: write it after '{number}.'"
        diagnostics.add(lines.path, line, f"{message} (or remove the line)")
    return body


def _options(
    lines: SourceLines,
    block: Opening,
    fields: tuple[Field, ...],
    what: str,
    diagnostics: Diagnostics,
) -> tuple[dict[str, object] | None, int]:
    """The block's options (see ``load_options``), with those an author wrote after a blank
    line read too and reported once: read as the body, they would give a misleading message
    ("the question has no answers" for an 'answer:' that is there)."""
    read, index = load_options(lines, block.start + 1, block.end, fields, what, diagnostics)
    after = index
    while after < block.end and not lines.items[after].strip():
        after += 1
    key = _OPTION_KEY.match(lines.items[after]) if index < after < block.end else None
    if key is None or key.group("key") not in {field.name for field in fields}:
        return read, index
    shown = lines.items[after].strip()
    shown = shown if len(shown) <= 40 else shown[:37] + "..."
    diagnostics.add(
        lines.path,
        lines.line(after),
        f"the {what} come right under the opening line, with no blank line before them: "
        f"remove the blank line above '{shown}'",
    )
    more, index = load_options(lines, after, block.end, fields, what, diagnostics)
    if read is None or more is None:
        return None, index
    return {**read, **more}, index


def _texts(value: object) -> list[str]:
    """A list of texts read by ``text_list`` (nothing when the option is absent or refused)."""
    return [item for item in value if isinstance(item, str)] if isinstance(value, list) else []


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
    *,
    unread: bool = False,
) -> None:
    """Work out the question's kind and answers, and say what is missing or contradictory.

    ``unread``: the options could not be read (reported), so a missing answer may be in them:
    it is not reported as well."""
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
    if given in _ARRANGED or any(_written(lines, block, key) for key in ("pairs", "run")):
        _read_arranged(question, body, options, lines, block, diagnostics, unread=unread)
    elif body.list_kind == "task":
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
    elif not unread:
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
    for key, kind in _KIND_OPTIONS.items():
        if key in options and question.kind is not kind:
            diagnostics.add(
                path,
                option_line(lines, block.start + 1, block.end, key),
                f"'{key}:' only applies to {_KIND_OPTION_USE[key]}",
            )
    _read_number_extras(question, options, lines, block, diagnostics)
    if "tolerance" in options:
        tolerance_line = option_line(lines, block.start + 1, block.end, "tolerance")
        if question.number is None:
            # A number as answer that was refused has had its message.
            if not isinstance(answer, (int, float)) or isinstance(answer, bool):
                diagnostics.add(
                    path,
                    tolerance_line,
                    "'tolerance:' only applies to a numeric answer, such as 'answer: 3600'",
                )
        else:
            _read_tolerance(question, options["tolerance"], tolerance_line, path, diagnostics)


_ARRANGED = ("matching", "parsons", "output")
_KIND_OPTIONS = {
    "run": QuestionKind.OUTPUT,
    "wrong_outputs": QuestionKind.OUTPUT,
    "pairs": QuestionKind.MATCHING,
    "distractors": QuestionKind.PARSONS,
    "indent": QuestionKind.PARSONS,
}
_KIND_OPTION_USE = {
    "run": "a predict-the-output question ('type: output')",
    "wrong_outputs": "a predict-the-output question ('type: output')",
    "pairs": "a matching ('type: matching')",
    "distractors": "a Parsons problem ('type: parsons')",
    "indent": "a Parsons problem ('type: parsons')",
}


def _read_arranged(
    question: Question,
    body: _Body,
    options: dict[str, object],
    lines: SourceLines,
    block: Opening,
    diagnostics: Diagnostics,
    *,
    unread: bool,
) -> None:
    """A matching (its ``pairs:``) or a Parsons problem (its body's code block), which take no
    list and no ``answer:``."""
    path = lines.path
    given = options.get("type")
    output = given == "output" or (
        given not in ("matching", "parsons") and _written(lines, block, "run")
    )
    parsons = given == "parsons"
    question.kind = (
        QuestionKind.OUTPUT
        if output
        else QuestionKind.PARSONS
        if parsons
        else QuestionKind.MATCHING
    )
    what, says = {
        QuestionKind.OUTPUT: (
            "a predict-the-output question",
            "the build runs the program to find it",
        ),
        QuestionKind.PARSONS: ("a Parsons problem", "the fenced code block is the solution"),
        QuestionKind.MATCHING: ("a matching", "the pairs are 'pairs:'"),
    }[question.kind]
    if body.list_kind is not None:
        diagnostics.add(path, body.list_line, f"{what} takes no list: remove it ({says})")
    if "answer" in options:
        diagnostics.add(
            path,
            option_line(lines, block.start + 1, block.end, "answer"),
            f"{what} takes no 'answer:': {says}",
        )
    if output:
        _read_output(question, options, lines, block, diagnostics, unread=unread)
    elif parsons:
        _read_parsons(question, body, options, lines, block, diagnostics)
    elif "pairs" in options:
        _read_pairs(question, options["pairs"], lines, block, diagnostics)
    elif not unread and not _written(lines, block, "pairs"):  # a refused one was reported
        diagnostics.add(
            path,
            question.line,
            "a matching needs 'pairs:': a mapping of each left item to its right item, one "
            "'left: right' line each",
        )


def _written(lines: SourceLines, block: Opening, key: str) -> bool:
    """Whether the options hold ``key``, read or refused."""
    for line in lines.items[block.start + 1 : block.end]:
        found = _OPTION_KEY.match(line)
        if found and found.group("key") == key:
            return True
        if line.strip() and line[:1] not in (" ", "\t"):
            return False  # the body: options end above it
    return False


def _read_pairs(
    question: Question, pairs: object, lines: SourceLines, block: Opening, diagnostics: Diagnostics
) -> None:
    """The pairs, each item given once (a reader could not tell two equal items apart)."""
    if not isinstance(pairs, (list, tuple)):
        return
    path = lines.path
    start = option_line(lines, block.start + 1, block.end, "pairs")
    seen: tuple[set[str], set[str]] = (set(), set())
    at = start
    for number, (left, right) in enumerate(pairs, start=1):
        # Each pair on a line after the one before (a flow mapping: all on one line).
        at = _item_line(lines, at + (number > 1), block, left or right, fallback=at)
        if not left or not right:
            diagnostics.add(
                path, at, f"pair {number} has an empty item: write both, as 'left: right'"
            )
            continue
        twice = [
            f"{quoted(item)} is on the {side} of two pairs"
            for item, side, taken in ((left, "left", seen[0]), (right, "right", seen[1]))
            if _normalise(item) in taken
        ]
        if twice:
            diagnostics.add(
                path,
                at,
                f"{' and '.join(twice)}: each item is matched once, so reword one (or "
                "merge the pairs)",
            )
            continue
        seen[0].add(_normalise(left))
        seen[1].add(_normalise(right))
        question.pairs.append((left, right))
    if len(pairs) < 2:
        diagnostics.add(
            path,
            start,
            "a matching needs at least two pairs: add another 'left: right' line under 'pairs:'",
        )


def _item_line(lines: SourceLines, start: int, block: Opening, text: str, *, fallback: int) -> int:
    """The file line at or after ``start`` that holds ``text`` (``fallback`` if none does)."""
    for index in range(block.start + 1, block.end):
        if lines.line(index) >= start and text and text in lines.items[index]:
            return lines.line(index)
    return fallback


def _normalise(text: str) -> str:
    return " ".join(text.split()).casefold()


def _first_fence(lines: SourceLines, block: Opening) -> tuple[int, int, str] | None:
    """The body's first fenced code block: the indexes of its opening and closing lines, and
    its language; None when the body has none."""
    items = lines.items
    for index in range(block.start + 1, block.end):
        fence = FENCE.match(items[index])
        if fence and not fence.group("indent"):
            closing = min(fence_end(items, index, fence.group("fence")), block.end - 1)
            return index, closing, fence.group("info")
    return None


def _read_output(
    question: Question,
    options: dict[str, object],
    lines: SourceLines,
    block: Opening,
    diagnostics: Diagnostics,
    *,
    unread: bool,
) -> None:
    """The command's name and the program: the body's first fenced code block, which stays in
    the context (the reader reads it); the build runs it (``checks.outputs``)."""
    path = lines.path
    question.run = str(options.get("run") or "").strip()
    wrong = options.get("wrong_outputs")
    if isinstance(wrong, list):
        question.wrong_outputs = list(wrong)
        question.wrong_outputs_line = option_line(
            lines, block.start + 1, block.end, "wrong_outputs"
        )
    if not question.run and not unread and not _written(lines, block, "run"):
        diagnostics.add(
            path,
            question.line,
            "a predict-the-output question needs 'run:', the name of one of the site's "
            "'code_runs' commands, such as 'run: python'",
        )
    found = _first_fence(lines, block)
    if found is None:
        diagnostics.add(
            path,
            question.line,
            "a predict-the-output question needs the program to run: write it as a fenced code "
            "block (between ``` lines) in the question",
        )
        return
    opening, closing, language = found
    question.program = "\n".join(lines.items[opening + 1 : closing])
    question.program_language = language
    question.program_line = lines.line(opening + 1)
    if not question.program.strip():
        diagnostics.add(
            path, lines.line(opening), "the program to run is empty: write its code in the block"
        )


def _read_parsons(
    question: Question,
    body: _Body,
    options: dict[str, object],
    lines: SourceLines,
    block: Opening,
    diagnostics: Diagnostics,
) -> None:
    """The solution: the first fenced code block of the body (taken out of the context, which
    readers see), its lines in order with their indentation levels."""
    path = lines.path
    question.indent = options.get("indent") is True
    items = lines.items
    found = _first_fence(lines, block)
    if found is None:
        diagnostics.add(
            path,
            question.line,
            "a Parsons problem needs its solution: write its lines, in order, as a fenced code "
            "block (between ``` lines) in the question",
        )
        return
    opening, closing, _ = found
    first, stop = body.context_span
    if first <= opening and closing < stop:
        # By line: the same code block written again in the text stays there.
        kept = items[first:opening] + items[closing + 1 : stop]
        question.context = "\n".join(kept).strip("\n")
    _read_levels(question, items, opening, closing, lines, diagnostics)
    if len(question.code_lines) < 2:
        diagnostics.add(
            path,
            lines.line(opening),
            "a Parsons problem needs at least two lines of code to put in order",
        )
    _read_distractors(question, options.get("distractors"), lines, block, first, diagnostics)


def _read_levels(
    question: Question,
    items: list[str],
    opening: int,
    closing: int,
    lines: SourceLines,
    diagnostics: Diagnostics,
) -> None:
    """Each line of the solution with its level. A level is as deep as the first indented line
    (the smallest depth would make '  x' under a tab one level, and the tab two); a solution
    indented with tabs in some lines and spaces in others is reported once, its levels read
    with a tab as four spaces."""
    path = lines.path
    code = [line.rstrip() for line in items[opening + 1 : closing]]
    indents = [line[: len(line) - len(line.lstrip(" \t"))] for line in code]
    indented = [offset for offset, line in enumerate(code, start=1) if line.strip() != line]
    unit = indents[indented[0] - 1] if indented else ""
    mixed = next((at for at in indented if set(indents[at - 1]) != set(unit)), None)
    if mixed is not None:
        diagnostics.add(
            path,
            lines.line(opening + mixed),
            f"this line is indented with {_kind(indents[mixed - 1])} but the solution's first "
            f"indented line with {_kind(unit)}: indent every line of the solution the same way",
        )
    step = len(unit.expandtabs(4)) if mixed is not None else len(unit)
    for offset, line in enumerate(code, start=1):
        indent = indents[offset - 1]
        if not line.strip():
            continue
        depth = len(indent.expandtabs(4)) if mixed is not None else len(indent)
        if step and depth % step and mixed is None:
            diagnostics.add(
                path,
                lines.line(opening + offset),
                f"this line is indented by {_counted(indent)}, not a multiple of "
                f"{_counted(unit)} as the first indented line: indent it by whole levels",
            )
        question.code_lines.append((round(depth / step) if step else 0, line.strip()))


def _kind(indent: str) -> str:
    return "tabs and spaces" if len(set(indent)) > 1 else "tabs" if "\t" in indent else "spaces"


def _counted(indent: str) -> str:
    """``indent`` in words: "6 spaces", "1 tab"."""
    word = "tab" if "\t" in indent else "space"
    return f"{len(indent)} {word}{'s' if len(indent) != 1 else ''}"


def _read_distractors(
    question: Question,
    distractors: object,
    lines: SourceLines,
    block: Opening,
    body_start: int,
    diagnostics: Diagnostics,
) -> None:
    """The distractors, each once and none a line of the solution: a reader could not tell two
    equal lines apart."""
    path = lines.path
    solution_lines = {text for _, text in question.code_lines}
    at = option_line(lines, block.start + 1, block.end, "distractors")
    for number, distractor in enumerate(distractors if isinstance(distractors, list) else []):
        shown = distractor.strip()
        # Each on a line after the one before (a flow list: all on the key's line); only the
        # options are searched, the solution holds the same text.
        at = next(
            (
                lines.line(index)
                for index in range(block.start + 1, body_start)
                if lines.line(index) >= at + (number > 0) and shown in lines.items[index]
            ),
            at,
        )
        if shown in solution_lines:
            diagnostics.add(
                path,
                at,
                f"the distractor {quoted(shown)} is also a line of the solution: "
                "a reader could not tell them apart; remove it or change it",
            )
        elif shown in question.distractors:
            diagnostics.add(
                path,
                at,
                f"the distractor {quoted(shown)} is given twice: a reader would see two "
                "identical lines; remove one",
            )
        else:
            question.distractors.append(shown)


def _read_number_extras(
    question: Question,
    options: dict[str, object],
    lines: SourceLines,
    block: Opening,
    diagnostics: Diagnostics,
) -> None:
    """``units:`` and ``feedback:``, each checked against the kind of question it is for."""
    path = lines.path
    units = options.get("units")
    if isinstance(units, list):
        if question.number is None:
            diagnostics.add(
                path,
                option_line(lines, block.start + 1, block.end, "units"),
                "'units:' only applies to a numeric answer, such as 'answer: 3600'",
            )
        else:
            question.units = list(dict.fromkeys([*question.units, *units]))
    mistakes = options.get("feedback")
    if not isinstance(mistakes, dict):
        return
    line = option_line(lines, block.start + 1, block.end, "feedback")
    if question.kind is not QuestionKind.FILL_IN:
        diagnostics.add(
            path,
            line,
            "'feedback:' is for a fill-in's expected wrong answers; a choice takes its feedback "
            "indented under it",
        )
        return
    accepted = {" ".join(answer.split()).lower() for answer in question.answers}
    for wrong, said in mistakes.items():
        key = " ".join(wrong.split()).lower()
        right = key in accepted or (
            question.number is not None and written_number(wrong) == question.number
        )
        if right:
            diagnostics.add(
                path,
                line,
                f"'feedback:' has '{wrong}', which is an accepted answer: give feedback to the "
                "wrong answers readers are expected to give (the explanation follows a right one)",
            )
            continue
        question.mistakes[wrong] = str(said)


def written_number(text: str) -> float | None:
    """``text`` as a number when it is written as one ("3,600", "3 600", "0.5"), else None."""
    written = text.strip()
    if not _WRITTEN_NUMBER.match(written):
        return None
    return float(written.replace(",", "").replace(" ", ""))


_KIND_HINTS = {
    "single": "list the choices and mark one '- [x]'",
    "multiple": "list the choices and mark the right ones '- [x]'",
    "true-false": "give 'answer: true' or 'answer: false' and no list",
    "fill-in": "give 'answer:' with the accepted text(s) or number, and no list",
    "order": "number the items '1.', '2.', … in the right order",
    "matching": "give 'pairs:', a mapping of each left item to its right item, and no list",
    "parsons": "write the solution as a fenced code block, and no list",
    "output": "give 'run:' and the program as a fenced code block, and no list",
}


def _read_fill_in(
    question: Question, answer: object, line: int, path: Any, diagnostics: Diagnostics
) -> None:
    if isinstance(answer, (int, float)) and not isinstance(answer, bool):
        number = _browser_number(answer)
        if number is None:
            diagnostics.add(
                path,
                line,
                f"'answer: {_shown(answer)}' is not a number a reader can type: give a finite "
                f"number between -{_LARGEST} and {_LARGEST}, or quote it to accept it as text",
            )
        elif number != answer:
            diagnostics.add(
                path,
                line,
                f"'answer: {_shown(answer)}' has more digits than a browser keeps (it would "
                f"accept {_shown(number)}): give at most 15 significant digits, or quote it to "
                "accept it as text",
            )
        else:
            question.number = number
        return
    if isinstance(answer, str) and answer.strip()[:1].isdigit():
        # "90 days", "3 600 s": a number and the unit word a reader may write after it, never a
        # text that only those exact words would match.
        stated = answer.strip()
        head, _, last = stated.rpartition(" ")
        value, unit = written_number(stated), ""
        if value is None and head and _UNIT.match(last):
            value, unit = written_number(head), last
        if value is not None:
            question.number = value
            if unit:
                question.units.append(unit)
            return
        if written_number(stated.split(" ")[0]) is not None:
            diagnostics.add(
                path,
                line,
                f"'answer: {stated}' starts with a number, then more than a unit word: "
                "for a number write 'answer: 90' (with 'units: [days]' for the word a reader "
                "may add); for a text, give it in a list: 'answer: [90 days or more]'",
            )
            return
    values = answer if isinstance(answer, list) else [answer]
    in_list = isinstance(answer, list)
    if not all(_text_answer(value, in_list, line, path, diagnostics) for value in values):
        return
    written = (str(value).strip() for value in values if value is not None)
    question.answers = [answer_text for answer_text in written if answer_text]
    if not question.answers:
        diagnostics.add(
            path,
            line,
            "the fill-in question accepts no answer: give 'answer:' a text, a list of texts "
            "(such as [S3, Amazon S3]) or a number",
        )


_LARGEST = "1.7e308"
"""About the largest number a browser holds (a double); beyond it every number is infinite."""


def _browser_number(value: int | float) -> float | None:
    """``value`` as the browser will hold it, or None: infinite, not a number, or too large
    for a double (``float()`` of a 400-digit integer raises)."""
    try:
        number = float(value)
    except OverflowError:
        return None
    return number if math.isfinite(number) else None


def _shown(value: int | float) -> str:
    """A number as a message shows it: whole, or its first digits and how many there are."""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e16 else repr(value)
    sign, magnitude = ("-" if value < 0 else ""), abs(value)
    if magnitude < 10**24:
        return f"{sign}{magnitude}"
    try:
        digits = str(magnitude)
    except ValueError:  # over Python's limit of 4,300 digits for an integer made text
        return f"{sign}a number of about {int(math.log10(magnitude)) + 1} digits"
    return f"{sign}{digits[:12]}... ({len(digits)} digits)"


def _text_answer(
    value: object, in_list: bool, line: int, path: Any, diagnostics: Diagnostics
) -> bool:
    """Whether ``value`` may be one accepted answer of a fill-in; if not, say why. Nothing
    given at all (``answer:`` alone) passes: the caller reports that there is no answer."""
    if isinstance(value, str) and (value.strip() or not in_list):
        return True
    if value is None and not in_list:
        return True
    if isinstance(value, str):
        diagnostics.add(
            path,
            line,
            "'answer:' lists an empty text, which no reader can type: remove it, or write the "
            "text to accept",
        )
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        if _browser_number(value) is not None:
            return True
        diagnostics.add(
            path,
            line,
            f"'answer:' holds {_shown(value)}, which is not a number a reader can type: give a "
            f"finite number between -{_LARGEST} and {_LARGEST}, or quote it to accept it as text",
        )
    else:
        diagnostics.add(
            path,
            line,
            f"'answer:' holds {describe(value)}: give each accepted answer as a text or a "
            "number, such as [S3, Amazon S3], and quote a text YAML reads as something else "
            "('yes', '2024-01-01')",
        )
    return False


def _read_tolerance(
    question: Question, value: object, line: int, path: Any, diagnostics: Diagnostics
) -> None:
    if not isinstance(value, (int, float)):  # _number lets nothing else through
        return
    tolerance = _browser_number(value)
    if tolerance is None:
        diagnostics.add(
            path,
            line,
            f"'tolerance: {_shown(value)}' is not a number a browser can compare with: give "
            f"a finite number of 0 or more, at most {_LARGEST}, such as 'tolerance: 0.5'",
        )
    elif tolerance < 0:
        diagnostics.add(
            path,
            line,
            f"'tolerance: {_shown(value)}' is below 0: give how far from the answer a "
            "reader's number may be, such as 'tolerance: 0.5' (0 means exactly)",
        )
    else:
        question.tolerance = tolerance


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
    if ID.fullmatch(given):
        return given
    diagnostics.add(
        lines.path,
        option_line(lines, block.start + 1, block.end, "id"),
        f"the id {quoted(given)} must start with a letter and hold only letters, digits, '-' "
        "and '_'",
    )
    return _id(None, given, prefix)


def _unused(taken_id: str, taken: set[str], count: int) -> str:
    """``taken_id`` with a number after it that no other id has ("q-3" may be an author's)."""
    number = count + 1
    while f"{taken_id}-{number}" in taken:
        number += 1
    return f"{taken_id}-{number}"


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
    out = ["", marker("question", question.id), ""]

    def part(name: str, markdown: str) -> None:
        out.extend([marker("part", question.id, name), "", markdown, ""])

    # Inline Markdown of the prompt (`code`, *emphasis*): the legend takes its paragraph.
    part("prompt", question.prompt)
    if question.context:
        part("context", question.context)
    if question.kind is not QuestionKind.TRUE_FALSE:
        for number, item in enumerate(question.choices, start=1):
            part(f"choice-{number}", item.text)
            if item.feedback:
                part(f"feedback-{number}", item.feedback)
    for number, (left, right) in enumerate(question.pairs, start=1):
        part(f"left-{number}", left)
        part(f"right-{number}", right)
    for number, hint in enumerate(question.hints, start=1):
        part(f"hint-{number}", hint)
    for number, said in enumerate(question.mistakes.values(), start=1):
        part(f"mistake-{number}", said)
    if question.explanation:
        part("explain", question.explanation)
    out.extend([marker("question-end", question.id), ""])
    return out
