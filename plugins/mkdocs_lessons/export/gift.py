"""System Checks as Moodle GIFT text: one ``$CATEGORY`` per lesson (its course, then its title),
then its questions, each in ``[html]`` (the site's Markdown rendered) with its explanation as
the general feedback (``####``).

Every text is escaped as GIFT reads it (``\\`` before each of ``\\ ~ = # { } :``), and a line
break in HTML is written ``&#10;`` (what HTML means by it, also in ``<pre>``), so that each
question is one block without the blank line that would end it. A multiple-choice question
gives each right choice an equal share and each wrong one -100 %: like the site's check, only
the right choices and nothing else score.
"""

from __future__ import annotations

from ..checks.model import Choice, Question, QuestionKind
from ..checks.parser import written_number
from .collect import (
    Exported,
    ExportedQuestion,
    Renderer,
    Selection,
    Skipped,
    unsupported_anywhere,
)

NAME = "GIFT"
SUFFIX = ".gift.txt"
_SPECIAL = "\\~=#{}:"
_TITLE_LIMIT = 250
"""Moodle keeps a question's name to 255 characters."""


def export(selection: Selection, renderer: Renderer) -> Exported:
    """The GIFT text of ``selection``'s questions, and the questions GIFT cannot carry."""
    blocks = [f"// {escape_comment(selection.title)}: System Checks exported by mkdocs-lessons"]
    skipped: list[Skipped] = []
    category = ""
    count = 0
    for exported in selection.items:
        reason = unsupported(exported.question)
        if reason is not None:
            skipped.append(Skipped(exported, reason))
            continue
        lesson_category = _category(exported)
        if lesson_category != category:
            category = lesson_category
            blocks.append(f"$CATEGORY: {category}")
        blocks.append(question_text(exported.question, renderer))
        count += 1
    return Exported(("\n\n".join(blocks) + "\n").encode("utf-8"), count, skipped)


def unsupported(question: Question) -> str | None:
    """Why GIFT cannot carry ``question`` (None: it can)."""
    kind = question.kind
    if kind in (QuestionKind.ORDER, QuestionKind.PARSONS):
        return "has no ordering question"
    reason = unsupported_anywhere(question)
    if reason is not None:
        return reason
    typed = question.answers + list(question.mistakes) if question.number is None else []
    if kind is QuestionKind.OUTPUT and not question.wrong_outputs:
        typed.append(question.output or "")
    if kind in (QuestionKind.FILL_IN, QuestionKind.OUTPUT) and any("->" in t for t in typed):
        # Moodle takes answers holding both '=' and '->' for a matching's.
        return "reads a short answer holding '->' as a matching"
    return None


def question_text(question: Question, renderer: Renderer) -> str:
    """One question in GIFT: its title, its text, its answers."""
    text = f"<p>{renderer.plain(question.prompt)}</p>"
    if question.context.strip():
        text += renderer.blocks(question.context)
    title = question.prompt if len(question.prompt) <= _TITLE_LIMIT else question.prompt[:247]
    head = f"::{escape(title)}::[html]{_html(text)}"
    answers = _answers(question, renderer)
    if question.explanation.strip():
        answers.append(f"####{_html(renderer.blocks(question.explanation))}")
    return head + " {\n" + "\n".join(f"\t{answer}" for answer in answers) + "\n}"


def _answers(question: Question, renderer: Renderer) -> list[str]:
    kind = question.kind
    if kind is QuestionKind.TRUE_FALSE:
        right = next(choice for choice in question.choices if choice.correct)
        return ["T" if right.text == "true" else "F"]
    if kind is QuestionKind.SINGLE:
        return [_choice("=" if c.correct else "~", c, renderer) for c in question.choices]
    if kind is QuestionKind.MULTIPLE:
        share = _percent(100 / sum(choice.correct for choice in question.choices))
        return [
            _choice(f"~%{share}%" if c.correct else "~%-100%", c, renderer)
            for c in question.choices
        ]
    if kind is QuestionKind.MATCHING:
        # Moodle shows a matching's answers in a drop-down: plain text.
        return [
            f"={_html(renderer.inline(left))} -> {escape(renderer.text(right))}"
            for left, right in question.pairs
        ]
    if kind is QuestionKind.FILL_IN and question.number is not None:
        return _numeric(question, renderer)
    if kind is QuestionKind.FILL_IN:
        lines = [f"={_short_answer(answer)}" for answer in question.answers]
        lines += [
            f"=%0%{_short_answer(wrong)}#{_html(renderer.blocks(said))}"
            for wrong, said in question.mistakes.items()
        ]
        return lines
    # A predict-the-output question: pick the output, or type its one line.
    assert question.output is not None
    if question.wrong_outputs:
        outputs = [(True, question.output), *((False, wrong) for wrong in question.wrong_outputs)]
        return [
            f"{'=' if right else '~'}{_html(f'<pre>{renderer.plain(output)}</pre>')}"
            for right, output in outputs
        ]
    return [f"={_short_answer(question.output)}"]


def _numeric(question: Question, renderer: Renderer) -> list[str]:
    assert question.number is not None
    lines = [f"#={_number(question.number)}:{_number(question.tolerance)}"]
    for wrong, said in question.mistakes.items():
        value = written_number(wrong)
        if value is not None:  # a numeric question compares numbers only
            lines.append(f"=%0%{_number(value)}:0#{_html(renderer.blocks(said))}")
    return lines


def _choice(mark: str, choice: Choice, renderer: Renderer) -> str:
    answer = f"{mark}{_html(renderer.inline(choice.text))}"
    if choice.feedback.strip():
        answer += f"#{_html(renderer.blocks(choice.feedback))}"
    return answer


def _category(exported: ExportedQuestion) -> str:
    """The lesson's category, under its course's: '/' nests categories in Moodle and '//' is
    a slash in a name. Moodle reads the line as it is (no escapes)."""
    names = (exported.course.title, exported.lesson.title)
    return "/".join(" ".join(name.replace("/", "//").split()) for name in names)


def escape(text: str) -> str:
    """``text`` as GIFT reads it back: each special character after a backslash."""
    for special in _SPECIAL:  # the backslash first, before the escapes add more
        text = text.replace(special, f"\\{special}")
    return text


def escape_comment(text: str) -> str:
    return " ".join(text.split())


def _html(html: str) -> str:
    """HTML with its line breaks as '&#10;' (one line of GIFT), escaped."""
    return escape(html.replace("\r\n", "\n").replace("\n", "&#10;"))


def _short_answer(answer: str) -> str:
    """A short answer as Moodle compares it: '*' there is a wildcard unless after '\\'."""
    return escape(answer.strip().replace("*", "\\*"))


def _percent(value: float) -> str:
    """A weight as Moodle writes one (33.33333, 50)."""
    return f"{value:.5f}".rstrip("0").rstrip(".")


def _number(value: float) -> str:
    return str(int(value)) if value == int(value) and abs(value) < 1e15 else repr(value)
