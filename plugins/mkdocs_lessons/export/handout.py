"""``mkdocs-lessons export handout``: a lesson, a course or the site as one printable HTML file.

Each lesson reads as its page prints: its title and objectives, its prose, every walkthrough
step's narration with the step's code (the walkthrough renderer's own panels, and the site's
print rules from ``walkthrough.css`` applied on screen too: the lines around what the step
changes, focuses or removes), and its System Check questions without their answers. The
answers and explanations follow at the end, behind a page break, numbered as the questions.

The lesson's Markdown goes through the site's Markdown extensions, with our work done in the
pass as on the site (:class:`HandoutWork`), except that raw HTML comes out as the text it is:
the file is opened on its own, outside the site, where a script in it would run as a local
file. Images of the lesson folder are embedded, so the one file is the whole handout.
"""

from __future__ import annotations

import argparse
import base64
import mimetypes
import re
import sys
import xml.etree.ElementTree as etree
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markupsafe import Markup

from ..catalog.model import Catalog, Course, Lesson
from ..checks.model import Question
from ..checks.render import CHECK_TAG, build_concepts, number_text, shown_question
from ..core.codeblocks import CodeBlockIds
from ..core.extension import LessonsExtension, PageWork
from ..core.i18n import Translator
from ..core.search import Unsearched
from ..core.templating import render
from ..core.tree import blocks_of, inner_html, markers_in, parents_of, stashed_block
from ..teaching.notes import NOTE
from ..walkthrough.highlight import CodeHighlighter
from ..walkthrough.render import build_walkthroughs
from .collect import SelectionError, chosen_lessons
from .command import loaded_project, write_output

NAME = "handout"
SUFFIX = ".handout.html"
WALKTHROUGH_CSS = Path(__file__).resolve().parent.parent / "assets" / "css" / "walkthrough.css"
MAX_IMAGE_BYTES = 2_000_000
"""The largest image embedded; a bigger one stays a link to its file (with its alt text)."""
RTL_LANGUAGES = frozenset(
    {"ar", "arc", "ckb", "dv", "fa", "he", "ks", "ps", "sd", "ug", "ur", "yi"}
)
"""Languages written right to left (their primary subtag), as Material sets ``dir="rtl"``."""
MKDOCS_EXTENSIONS = ("toc", "tables", "fenced_code")
"""The extensions MkDocs always adds before a site's ``markdown_extensions``."""

_CODE_OPENING = re.compile(r'<(pre|code|div class="lessons-code")(?=[\s>])')


@dataclass
class HandoutLesson:
    course: Course
    lesson: Lesson
    body: Markup = field(default_factory=Markup)
    answers: list[Markup] = field(default_factory=list)
    """The lesson's entries of the answer key, in the order of its questions."""


@dataclass
class Handout:
    title: str
    name: str
    """The default file name's stem: the lesson's or course's slug, or the sources folder's."""
    lessons: list[HandoutLesson]


def select_lessons(
    catalog: Catalog, root: Path, *, lesson: str | None = None, course: str | None = None
) -> Handout:
    """The lessons of ``lesson`` ("course/lesson" or the slug alone), of ``course``, or of
    every course, in the site's order, as the other exports choose them."""
    chosen = chosen_lessons(catalog, root, lesson=lesson, course=course)
    items = [HandoutLesson(owner, item) for owner, item in chosen.lessons]
    return Handout(chosen.title, chosen.name, items)


@dataclass
class SiteMarkdown:
    """What the site's pages are rendered with: its Markdown extensions and their options."""

    extensions: Sequence[str | Extension] = MKDOCS_EXTENSIONS
    configs: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def highlight(self) -> Mapping[str, Any] | None:
        return self.configs.get("pymdownx.highlight")


def site_markdown(written: object) -> SiteMarkdown:
    """The ``markdown_extensions`` of mkdocs.yml (a list of names and ``{name: options}``, or
    one mapping), after MkDocs' own, as MkDocs reads them."""
    names: list[str] = list(MKDOCS_EXTENSIONS)
    configs: dict[str, dict[str, Any]] = {}
    items = [{k: v} for k, v in written.items()] if isinstance(written, dict) else written
    for item in items if isinstance(items, list) else []:
        if isinstance(item, str):
            item = {item: {}}
        if not isinstance(item, dict):
            continue
        for name, options in item.items():
            if str(name) not in names:
                names.append(str(name))
            if isinstance(options, dict):
                configs[str(name)] = options
    return SiteMarkdown(names, configs)


class _NoRawHtml(Extension):
    """Raw HTML read as text, escaped (after every other extension, md_in_html's too)."""

    def extendMarkdown(self, md: Markdown) -> None:
        for registry, name in ((md.preprocessors, "html_block"), (md.inlinePatterns, "html")):
            if name in registry:
                registry.deregister(name)


class _Numbering:
    """The questions' numbers, counted across the whole handout."""

    def __init__(self) -> None:
        self.last = 0

    def next(self) -> int:
        self.last += 1
        return self.last


@dataclass
class HandoutWork:
    """A lesson's Markdown pass for a handout: walkthroughs and concepts as on the site, the
    System Checks as questions to answer on paper, instructor notes left out."""

    item: HandoutLesson
    highlighter: CodeHighlighter
    translate: Translator
    numbering: _Numbering
    reads_markers: bool = True

    def structure(self, root: etree.Element, md: Markdown) -> None:
        lesson = self.item.lesson
        code_ids = CodeBlockIds(f"{lesson.slug}-code")
        build_walkthroughs(
            markers_in(root),
            lesson.walkthroughs,
            md,
            self.highlighter,
            self.translate,
            Unsearched(),
            code_ids,
        )
        build_concepts(root, lesson.checks, self.translate)

    def link(self, root: etree.Element, md: Markdown) -> None:
        pass

    def finish(self, root: etree.Element, md: Markdown) -> None:
        markers = markers_in(root)
        for note in blocks_of(markers, NOTE, [m.args[0] for m in markers if m.kind == NOTE]):
            note.take()  # for the teacher: not on the readers' sheet
        by_id = {question.id: question for question in self.item.lesson.checks.questions}
        gathered = list(root.iter(CHECK_TAG))
        parents = parents_of(root) if gathered else {}
        for check in gathered:
            rendered: list[str] = []
            for waiting in check:
                question = by_id.get(waiting.get("id", ""))
                if question is None:
                    continue
                parts = {part.get("name", ""): inner_html(md, part).strip() for part in waiting}
                number = self.numbering.next()
                context = _question_context(question, parts, number, self.translate)
                rendered.append(render("export/handout_question.html", part="question", **context))
                answer = render("export/handout_question.html", part="answer", **context)
                self.item.answers.append(Markup(answer.strip()))
            parent = parents[check]
            if rendered:
                html = render(
                    "export/handout_question.html",
                    part="check",
                    questions=Markup("\n".join(rendered)),
                    t=self.translate,
                )
                block = stashed_block(md, html)
                block.tail = check.tail
                parent.insert(list(parent).index(check), block)
            parent.remove(check)
        _embed_images(root, self.item.lesson.folder)


def _question_context(
    question: Question, parts: dict[str, str], number: int, translate: Translator
) -> dict[str, object]:
    """What the question template needs, with the items in the order the site shows them
    (an ordering, a matching's right items, a Parsons problem's lines: shuffled as there)."""
    return {
        "kind": question.kind.value,
        "number": number,
        "letter": letter,
        "number_text": number_text,
        "t": translate,
        "lefts": [],
        "rights": [],
        "code_lines": [],
        "outputs": [],
        "solution": "",
        **shown_question(question, parts, translate),
    }


def letter(index: int) -> str:
    """The label of the item at ``index`` (1-based) as ``<ol type="A">`` shows it: A to Z,
    then AA."""
    label = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        label = chr(ord("A") + rest) + label
    return label


def _embed_images(root: etree.Element, folder: Path) -> None:
    """Images of the lesson's folder written into the page (the handout is one file)."""
    for image in root.iter("img"):
        source = image.get("src", "")
        if not source or ":" in source or source.startswith(("/", "#")):
            continue
        path = (folder / source.split("#")[0].split("?")[0]).resolve()
        if not path.is_relative_to(folder.resolve()) or not path.is_file():
            continue
        kind = mimetypes.guess_type(path.name)[0]
        if kind is None or not kind.startswith("image/") or path.stat().st_size > MAX_IMAGE_BYTES:
            continue
        # An SVG in an <img> runs no script: embedding it is as safe as showing it.
        data = base64.b64encode(path.read_bytes()).decode("ascii")
        image.set("src", f"data:{kind};base64,{data}")


def direction(language: str) -> str:
    """``rtl`` for a language written right to left, else ``ltr``."""
    return "rtl" if language.split("-")[0] in RTL_LANGUAGES else "ltr"


@cache
def _walkthrough_css() -> str:
    """The walkthrough's stylesheet with its print rules for the screen too: the handout reads
    on screen as it prints."""
    return WALKTHROUGH_CSS.read_text(encoding="utf-8").replace("@media print", "@media all")


def render_handout(
    handout: Handout, translate: Translator, markdown: SiteMarkdown | None = None
) -> str:
    """The handout's HTML: every lesson in order, then the answer key."""
    markdown = markdown or SiteMarkdown()
    highlighter = CodeHighlighter(markdown.highlight)
    numbering = _Numbering()
    for item in handout.lessons:
        work = HandoutWork(item, highlighter, translate, numbering)
        item.body = Markup(_code_left_to_right(_convert(item.lesson.markdown, work, markdown)))
    return render(
        "export/handout.html",
        handout=handout,
        language=translate.language,
        direction=direction(translate.language),
        css=Markup(_walkthrough_css()),
        t=translate,
    )


def _convert(text: str, work: PageWork, markdown: SiteMarkdown) -> str:
    extension = LessonsExtension()
    extension.work = work
    md = Markdown(
        extensions=[*markdown.extensions, extension, _NoRawHtml()],
        extension_configs=markdown.configs,
    )
    return md.convert(text)


def _code_left_to_right(html: str) -> str:
    """Code keeps its direction in a right-to-left page."""
    return _CODE_OPENING.sub(lambda match: f'<{match.group(1)} dir="ltr"', html)


# -- Command line ---------------------------------------------------------------------------


def run_handout(arguments: argparse.Namespace) -> int:
    """Write the handout as ``arguments`` say; the exit status: 0 written, 1 errors in the
    sources (``check``'s messages), 2 nothing to read or write."""
    found = loaded_project(arguments.path, "no handout written")
    if isinstance(found, int):
        return found
    project, loaded = found
    try:
        handout = select_lessons(
            loaded.catalog, project.sources, lesson=arguments.lesson, course=arguments.course
        )
    except SelectionError as error:
        print(f"mkdocs-lessons: {error}", file=sys.stderr)
        return 2
    if not handout.lessons:
        print(f"mkdocs-lessons: {handout.title} has no lessons", file=sys.stderr)
        return 1
    translate = Translator(project.language, project.options.get("strings") or {})
    try:
        html = render_handout(handout, translate, _read_site_markdown(project.config_file))
    except (ImportError, ValueError, TypeError, KeyError) as error:
        # A Markdown extension of mkdocs.yml that is not installed, or options it refuses.
        where = project.config_file or project.sources
        print(f"mkdocs-lessons: {where}:1: markdown_extensions: {error}", file=sys.stderr)
        return 2
    target = arguments.output or f"{handout.name}{SUFFIX}"
    if not write_output(target, html.encode("utf-8")):
        return 2
    questions = sum(len(item.answers) for item in handout.lessons)
    print(
        f"mkdocs-lessons: wrote {'standard output' if target == '-' else target}: "
        f"{len(handout.lessons)} lesson(s), {questions} question(s)",
        file=sys.stderr,
    )
    return 0


def _read_site_markdown(config_file: Path | None) -> SiteMarkdown:
    """The site's Markdown extensions, read from mkdocs.yml as MkDocs reads it (``INHERIT``,
    ``!ENV``, ``!!python/name:``); MkDocs' defaults without one."""
    if config_file is None:
        return SiteMarkdown()
    from mkdocs.utils.yaml import yaml_load  # the command's adapter side, as cli.find_project

    try:
        with config_file.open(encoding="utf-8") as source:
            data = yaml_load(source) or {}
    except Exception:  # find_project has reported it already
        return SiteMarkdown()
    return site_markdown(data.get("markdown_extensions") if isinstance(data, dict) else None)
