"""The Python-Markdown extension that renders our pages inside their own Markdown pass.

The host registers one :class:`LessonsExtension` with the site's Markdown extensions and sets
its :attr:`~LessonsExtension.work` before each page is rendered: the work knows the page (a
lesson, a generated page, a docs page whose terms are linked) and does it in three phases on
the element tree, each a tree processor at a priority chosen against Python-Markdown's and
MkDocs' own:

- ``structure`` (6): after inline parsing (20), attribute lists (8) and abbreviations (7),
  before the table of contents and MkDocs' anchor collection (5), so that step and concept
  ids are real elements that MkDocs' anchor validation sees;
- ``link`` (-1): after MkDocs' link rewriting and unescaping (0), so that the text is final
  and our glossary links are not taken for links to check;
- ``finish`` (-2): rendered fragments (forms, the lesson frame) from the finished tree.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from collections.abc import Callable
from typing import Literal, Protocol

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from .tree import MarkerProcessor, remove_markers

Phase = Literal["structure", "link", "finish"]


class PageWork(Protocol):
    """What one page needs done in its Markdown pass."""

    reads_markers: bool
    """Whether the page's Markdown holds our markers (only lesson pages do)."""

    def structure(self, root: etree.Element, md: Markdown) -> None: ...

    def link(self, root: etree.Element, md: Markdown) -> None: ...

    def finish(self, root: etree.Element, md: Markdown) -> None: ...


class LessonsExtension(Extension):
    """Registered once; does the work of whichever page is being rendered."""

    def __init__(self, report: Callable[[Exception], None] | None = None) -> None:
        super().__init__()
        self.work: PageWork | None = None
        self.report = report
        """Told of anything unforeseen that a phase raised; the page keeps what it has."""

    def extendMarkdown(self, md: Markdown) -> None:
        md.registerExtension(self)
        md.parser.blockprocessors.register(_Markers(md.parser, self), "lessons-markers", 110)
        md.treeprocessors.register(_Phase(md, self, "structure"), "lessons-structure", 6)
        md.treeprocessors.register(_Phase(md, self, "link"), "lessons-link", -1)
        md.treeprocessors.register(_Phase(md, self, "finish"), "lessons-finish", -2)


class _Markers(MarkerProcessor):
    def __init__(self, parser: object, extension: LessonsExtension) -> None:
        super().__init__(parser)  # type: ignore[arg-type]
        self.extension = extension

    def test(self, parent: etree.Element, block: str) -> bool:
        work = self.extension.work
        return work is not None and work.reads_markers and super().test(parent, block)


class _Phase(Treeprocessor):
    def __init__(self, md: Markdown, extension: LessonsExtension, phase: Phase) -> None:
        super().__init__(md)
        self.extension = extension
        self.phase = phase

    def run(self, root: etree.Element) -> None:
        work = self.extension.work
        if work is None:
            return
        try:
            getattr(work, self.phase)(root, self.md)
            if self.phase == "finish":
                remove_markers(root)  # whatever no feature claimed: never written out
        except Exception as error:  # reported; never a traceback for a page (Diagnostics.guard)
            self.extension.work = None  # the later phases would only fail again
            remove_markers(root)
            if self.extension.report is None:
                raise
            self.extension.report(error)
