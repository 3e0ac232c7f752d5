"""Concepts and System Check questions, as read from a lesson; no MkDocs types in here."""

from __future__ import annotations

import enum
import json
from dataclasses import dataclass, field
from functools import cached_property


def quoted(text: str, limit: int = 40) -> str:
    """``text`` as a message quotes it, cut when long: an id may run to thousands of
    characters. (``Diagnostics.add`` escapes line breaks and other invisible characters.)"""
    return f"'{text}'" if len(text) <= limit else f"'{text[: limit - 3]}...'"


def listed(items: list[str], limit: int = 12) -> str:
    """``items`` joined with commas, the first ``limit`` of them: a lesson of a thousand
    concepts would otherwise list them all in each message."""
    shown = ", ".join(items[:limit])
    return shown if len(items) <= limit else f"{shown} and {len(items) - limit} more"


class QuestionKind(enum.Enum):
    SINGLE = "single"
    MULTIPLE = "multiple"
    TRUE_FALSE = "true-false"
    FILL_IN = "fill-in"
    ORDER = "order"
    MATCHING = "matching"
    PARSONS = "parsons"
    OUTPUT = "output"


@dataclass
class Choice:
    """A choice of a single, multiple or true/false question, or an item of an ordering."""

    text: str
    """Markdown, one paragraph."""
    correct: bool = False
    feedback: str = ""
    """Markdown shown when the reader picked this choice and pressed Check."""


@dataclass
class Question:
    id: str
    prompt: str
    """Plain text (the block's argument); it is the fieldset's legend."""
    kind: QuestionKind
    line: int
    context: str = ""
    """Markdown shown under the prompt (code, a table...)."""
    choices: list[Choice] = field(default_factory=list)
    """Choices, or the items of an ordering in their right order."""
    answers: list[str] = field(default_factory=list)
    """Accepted texts of a fill-in, as written."""
    number: float | None = None
    """The accepted number of a numeric fill-in."""
    tolerance: float = 0.0
    hints: list[str] = field(default_factory=list)
    """Markdown, revealed one at a time before answering."""
    explanation: str = ""
    concept_id: str | None = None
    """The concept the question belongs to (None before the first concept)."""
    units: list[str] = field(default_factory=list)
    """Words a reader may write after a numeric answer ("3600 seconds")."""
    mistakes: dict[str, str] = field(default_factory=dict)
    """A fill-in's expected wrong answers, as written, and the Markdown said to each."""
    reveal_after: int = 0
    """Wrong tries after which the answer and explanation are shown (0: only on request)."""
    pairs: list[tuple[str, str]] = field(default_factory=list)
    """A matching's pairs, left item and its right item (each inline Markdown), in order."""
    code_lines: list[tuple[int, str]] = field(default_factory=list)
    """A Parsons problem's lines in the right order: indentation level and text (stripped)."""
    distractors: list[str] = field(default_factory=list)
    """A Parsons problem's lines that belong to no solution."""
    indent: bool = False
    """Whether a Parsons problem asks for the indentation too (lines shown flush left)."""
    run: str = ""
    """A predict-the-output question's command: a name of the site's ``code_runs``."""
    program: str = ""
    """The code it runs (its body's fenced code block, which readers see)."""
    program_language: str = ""
    program_line: int = 0
    """The file line of the program's first line."""
    output: str | None = None
    """What the program printed, normalised, once the build ran it (None: not run)."""
    wrong_outputs: list[str] = field(default_factory=list)
    """Outputs to pick from besides the right one (none: the reader types the output)."""
    wrong_outputs_line: int = 0

    @property
    def hint(self) -> str:
        """The first hint ("" when none)."""
        return self.hints[0] if self.hints else ""


@dataclass
class Concept:
    id: str
    title: str
    line: int
    number: int
    """1-based position in the lesson."""
    requires: list[str] = field(default_factory=list)
    requires_given: bool = False
    """False: the default (the concept before) applies."""
    requires_line: int = 0
    questions: list[Question] = field(default_factory=list)
    layer: int = 1
    """1 + the longest chain of requirements below it (its row or column on the map)."""
    slot: int = 1
    """Position inside its layer."""
    key_points: list[str] = field(default_factory=list)
    """Inline Markdown, one sentence each: what to remember (the lesson's end, its course)."""


@dataclass
class LessonChecks:
    """What a lesson holds of concepts and questions."""

    concepts: list[Concept] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)
    """Every question, in order, in a concept or not."""
    map_title: str | None = None
    map_summary: str | None = None

    def __bool__(self) -> bool:
        return bool(self.concepts or self.questions)

    def concept(self, concept_id: str) -> Concept | None:
        return next((concept for concept in self.concepts if concept.id == concept_id), None)

    @cached_property
    def progress_json(self) -> str:
        """``progress_model`` as compact JSON ("" without concepts), made once: the lesson
        page, its course card, the index and author pages all carry it."""
        model = self.progress_model()
        return json.dumps(model, ensure_ascii=False, separators=(",", ":")) if model else ""

    def progress_model(self) -> list[dict[str, object]]:
        """What the browser needs to work out a lesson's progress (the pages' JSON)."""
        return [
            {
                "id": concept.id,
                "title": concept.title,
                "requires": concept.requires,
                "questions": [question.id for question in concept.questions],
            }
            for concept in self.concepts
        ]
