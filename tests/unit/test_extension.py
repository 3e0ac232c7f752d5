"""The Markdown extension that runs each page's work (core.extension): phases and failures."""

from __future__ import annotations

import xml.etree.ElementTree as etree
from dataclasses import dataclass, field

from markdown import Markdown

from mkdocs_lessons.core.extension import LessonsExtension
from mkdocs_lessons.core.markers import marker


@dataclass
class Work:
    fail_in: str = ""
    reads_markers: bool = True
    phases: list[str] = field(default_factory=list)

    def _run(self, phase: str) -> None:
        self.phases.append(phase)
        if phase == self.fail_in:
            raise RuntimeError(f"broken {phase}")

    def structure(self, root: etree.Element, md: Markdown) -> None:
        self._run("structure")

    def link(self, root: etree.Element, md: Markdown) -> None:
        self._run("link")

    def finish(self, root: etree.Element, md: Markdown) -> None:
        self._run("finish")


def convert(work: Work | None, reported: list[Exception]) -> str:
    extension = LessonsExtension(reported.append)
    extension.work = work
    return Markdown(extensions=[extension]).convert(f"Text.\n\n{marker('walkthrough', 'x')}\n")


def test_the_phases_run_in_order_on_a_page_with_work() -> None:
    work, reported = Work(), list[Exception]()
    html = convert(work, reported)
    assert work.phases == ["structure", "link", "finish"] and reported == []
    assert html == "<p>Text.</p>", "a marker no feature claims leaves nothing"


def test_a_failing_phase_is_reported_and_the_page_keeps_its_text() -> None:
    work, reported = Work(fail_in="structure"), list[Exception]()
    html = convert(work, reported)
    assert work.phases == ["structure"], "the later phases do not run"
    assert [str(error) for error in reported] == ["broken structure"]
    assert html == "<p>Text.</p>" and "lessons-marker" not in html


def test_without_work_markers_are_plain_text() -> None:
    html = convert(None, [])
    assert "lessons-marker" not in html and "walkthrough x" in html
