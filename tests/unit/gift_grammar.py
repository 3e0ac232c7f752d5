"""A strict reader of Moodle GIFT, for the tests: what ``export gift`` writes is read back through
it, and anything malformed is refused with an error rather than guessed at.

No GIFT parser on PyPI fits: ``pygiftparser`` (1.1, 2017) needs ``MarkdownSuperscript`` and reads
by regular expressions, ``pygiftparserrgmf`` (0.0.5, AGPL) prints an illegal character and goes
on. This one follows Moodle's GIFT documentation for the forms the exporter uses: comments
(``//``), ``$CATEGORY:``, ``::title::``, a ``[html]``/``[markdown]``/``[plain]``/``[moodle]``
format, ``{T}``/``{F}``, choices ``=``/``~`` with ``%weight%`` and ``#feedback``, short answers,
numeric ``{#...}`` (``value:tolerance`` or ``min..max``), matching ``=a -> b`` and general
feedback ``####``. Escapes are ``\\`` followed by one of ``~=#{}:\\`` or ``n``; a special
character left bare where it means nothing, an unknown escape, a blank line inside a question or
a brace left open is an error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

SPECIAL = "~=#{}:"
_ESCAPES = {**{char: char for char in SPECIAL}, "\\": "\\", "n": "\n"}
_NUMBER = r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?"
_NUMERIC_ANSWER = re.compile(rf"(?P<value>{_NUMBER})(?::(?P<tolerance>{_NUMBER}))?")
_RANGE = re.compile(rf"(?P<low>{_NUMBER})\.\.(?P<high>{_NUMBER})")
_WEIGHT = re.compile(r"%(?P<weight>-?\d+(?:\.\d+)?)%")


class GiftError(ValueError):
    pass


@dataclass
class Answer:
    mark: str
    """'=' right, '~' wrong or weighted."""
    text: str
    weight: float | None = None
    feedback: str | None = None
    right_side: str | None = None
    """A matching's answer (the text after '->')."""
    number: float | None = None
    tolerance: float | None = None


@dataclass
class GiftQuestion:
    category: str | None
    title: str
    text_format: str
    text: str
    kind: str
    """truefalse, multichoice, shortanswer, numerical or matching."""
    answers: list[Answer] = field(default_factory=list)
    truth: bool | None = None
    general_feedback: str | None = None


@dataclass
class _Piece:
    """Text read up to a bare special character, unescaped; ``stop`` is that character."""

    text: str
    stop: str
    end: int


def _read(source: str, at: int, stops: str, literal: str = "") -> _Piece:
    """Unescaped text from ``at`` to the first bare character of ``stops`` (or the end: stop
    ''); any other bare special character is an error, but those of ``literal``."""
    out: list[str] = []
    index = at
    while index < len(source):
        char = source[index]
        if char == "\\":
            if index + 1 >= len(source) or source[index + 1] not in _ESCAPES:
                raise GiftError(f"unknown escape {source[index : index + 2]!r} at {index}")
            out.append(_ESCAPES[source[index + 1]])
            index += 2
            continue
        if char in stops:
            return _Piece("".join(out), char, index)
        if char in SPECIAL and char not in literal:
            raise GiftError(
                f"bare {char!r} at {index}: {source[max(0, index - 30) : index + 10]!r}"
            )
        out.append(char)
        index += 1
    return _Piece("".join(out), "", index)


def parse(source: str) -> list[GiftQuestion]:
    """Every question of ``source``, or :class:`GiftError`."""
    questions: list[GiftQuestion] = []
    category: str | None = None
    for block in re.split(r"\n[ \t]*\n", source.strip("\n")):
        lines = [line for line in block.split("\n") if not line.lstrip().startswith("//")]
        if not lines:
            continue
        if lines[0].startswith("$CATEGORY:"):
            if len(lines) != 1:
                raise GiftError("a category stands alone in its block")
            category = lines[0][len("$CATEGORY:") :].strip()
            continue
        questions.append(_question("\n".join(lines), category))
    return questions


def _question(source: str, category: str | None) -> GiftQuestion:
    if not source.startswith("::"):
        raise GiftError(f"a question without a title: {source[:40]!r}")
    title = _read(source, 2, ":")
    if source[title.end : title.end + 2] != "::":
        raise GiftError("the title is not closed by '::'")
    at = title.end + 2
    text_format = "moodle"
    found = re.match(r"\[(html|markdown|plain|moodle)\]", source[at:])
    if found:
        text_format, at = found.group(1), at + found.end()
    text = _read(source, at, "{")
    if text.stop != "{":
        raise GiftError("a question without answers (no '{')")
    closing = _read_answers_end(source, text.end + 1)
    after = _read(source, closing + 1, "")
    if after.text.strip():
        raise GiftError("text after the answers: the exporter writes none")
    question = GiftQuestion(category, title.text, text_format, text.text.strip(), "")
    body = source[text.end + 1 : closing]
    _answers(body, question)
    return question


def _read_answers_end(source: str, at: int) -> int:
    """Where the answers' '}' is: escapes skipped, a '{' inside is an error."""
    index = at
    while index < len(source):
        char = source[index]
        if char == "\\":
            index += 2
            continue
        if char == "{":
            raise GiftError("'{' inside the answers")
        if char == "}":
            return index
        index += 1
    raise GiftError("the answers' '{' is never closed")


def _general(body: str) -> tuple[str, str | None]:
    """The body without its '####' general feedback, and that feedback."""
    index = 0
    while index < len(body):
        if body[index] == "\\":
            index += 2
            continue
        if body.startswith("####", index):
            return body[:index], _read(body, index + 4, "").text.strip()
        index += 1
    return body, None


def _answers(raw: str, question: GiftQuestion) -> None:
    body, question.general_feedback = _general(raw)
    stripped = body.strip()
    truth = re.fullmatch(r"(T|F|TRUE|FALSE)((?:#[^#]*){0,2})", stripped)
    if truth:
        question.kind, question.truth = "truefalse", truth.group(1)[0] == "T"
        return
    if stripped.startswith("#"):
        question.kind = "numerical"
        _numeric(stripped[1:], question)
        return
    for piece in _choices(stripped):
        question.answers.append(piece)
    if not question.answers:
        raise GiftError("no answers")
    marks = {answer.mark for answer in question.answers}
    if any(answer.right_side is not None for answer in question.answers):
        if marks != {"="} or not all(a.right_side is not None for a in question.answers):
            raise GiftError("a matching has only '=left -> right' answers")
        question.kind = "matching"
    elif "~" in marks:
        question.kind = "multichoice"
        weighted = [a.weight for a in question.answers if a.weight is not None]
        if weighted and len(weighted) != len(question.answers):
            raise GiftError("weigh every answer of a multiple-answer question, or none")
        if weighted and abs(sum(w for w in weighted if w > 0) - 100) > 0.001:
            raise GiftError("the positive weights add up to 100%")
        if not weighted and sum(a.mark == "=" for a in question.answers) != 1:
            raise GiftError("a single-answer question has one '=' answer")
    else:
        question.kind = "shortanswer"


def _choices(body: str, literal: str = "") -> list[Answer]:
    answers: list[Answer] = []
    index = 0
    while index < len(body):
        if body[index] in " \t\n":
            index += 1
            continue
        mark = body[index]
        if mark not in "=~":
            raise GiftError(f"an answer starts with '=' or '~', not {body[index : index + 20]!r}")
        index += 1
        weight = None
        found = _WEIGHT.match(body, index)
        if found:
            weight, index = float(found.group("weight")), found.end()
        text = _read(body, index, "=~#", literal)
        answer = Answer(mark, text.text.strip(), weight)
        index = text.end
        if text.stop == "#":
            feedback = _read(body, index + 1, "=~")
            answer.feedback = feedback.text.strip()
            index = feedback.end
        if "->" in answer.text:
            left, _, right = answer.text.partition("->")
            answer.text, answer.right_side = left.strip(), right.strip()
        answers.append(answer)
        if not text.stop and not answer.text:
            raise GiftError("an empty answer")
    return answers


def _numeric(body: str, question: GiftQuestion) -> None:
    body = body.strip()
    if not body.startswith("="):
        answer = Answer("=", body)
        _number(answer, body)
        question.answers.append(answer)
        return
    for answer in _choices(body, literal=":"):
        if answer.mark != "=":
            raise GiftError("a numeric question's answers start with '='")
        _number(answer, answer.text)
        question.answers.append(answer)


def _number(answer: Answer, text: str) -> None:
    text = text.strip()
    found = _NUMERIC_ANSWER.fullmatch(text)
    if found:
        answer.number = float(found.group("value"))
        answer.tolerance = float(found.group("tolerance") or 0)
        return
    ranged = _RANGE.fullmatch(text)
    if ranged is None:
        raise GiftError(f"{text!r} is no number, number:tolerance or min..max")
    low, high = float(ranged.group("low")), float(ranged.group("high"))
    answer.number, answer.tolerance = (low + high) / 2, (high - low) / 2
