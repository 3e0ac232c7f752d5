"""Find relative links in a lesson body and check that their targets exist.

MkDocs checks links too, but it names the generated page, not the lesson file and line; an
author needs the line. Links are found by pattern rather than by rendering the Markdown, which
keeps the check cheap; fenced code and inline code are skipped so examples are not checked.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterator
from urllib.parse import unquote

from ..core.diagnostics import Diagnostics
from ..core.urls import is_absolute_url
from .model import Lesson

_FENCED_BLOCK = re.compile(
    r"^[ \t]*(?P<fence>`{3,}|~{3,})[^\n]*\n.*?(?:^[ \t]*(?P=fence)[`~]*[ \t]*$|\Z)",
    re.MULTILINE | re.DOTALL,
)
_INLINE_CODE = re.compile(r"(`+)[^\n]+?\1")
# Each pattern starts with a literal so the regex engine can skip ahead to candidates; a scan
# that tried three alternatives at every character cost more than the rest of the checks.
_INLINE_TARGET = re.compile(r"\]\(\s*<?([^)\s>]+)")
_REFERENCE_TARGET = re.compile(r"^[ ]{0,3}\[[^\]\n]+\]:[ \t]*<?([^\s>]+)", re.MULTILINE)
_ATTRIBUTE_TARGET = re.compile(r"(?:src|href)=[\"']([^\"'\n]+)")


def _spaces(match: re.Match[str]) -> str:
    return " " * len(match.group(0))


def relative_links(body: str, first_line: int) -> Iterator[tuple[int, str]]:
    """Yield ``(file line, target)`` for each relative link or image outside code.

    Runs for every lesson on every build, so it must cost next to nothing: the body is cut at
    fenced code blocks, and each piece between them is scanned by one pattern with its inline
    code (never longer than a line) blanked out.
    """
    if "](" not in body and "]:" not in body and "=" not in body:
        return
    line, start = first_line, 0
    for fenced in (*_FENCED_BLOCK.finditer(body), None):
        end = fenced.start() if fenced is not None else len(body)
        text = body[start:end]
        if "`" in text:
            text = _INLINE_CODE.sub(_spaces, text)
        position = 0
        for offset, target in _targets(text):
            if target.startswith(("#", "/", "{")) or is_absolute_url(target):
                continue
            line += text.count("\n", position, offset)
            position = offset
            yield line, target
        line += text.count("\n", position)
        if fenced is not None:
            line += fenced.group(0).count("\n")
            start = fenced.end()


def _targets(text: str) -> list[tuple[int, str]]:
    """Link targets in ``text`` with their offsets, in the order they appear."""
    found = [(match.start(), match.group(1)) for match in _INLINE_TARGET.finditer(text)]
    if "]:" in text:
        found += [(match.start(), match.group(1)) for match in _REFERENCE_TARGET.finditer(text)]
    if "=" in text:
        found += [(match.start(), match.group(1)) for match in _ATTRIBUTE_TARGET.finditer(text)]
    found.sort()
    return found


def check_lesson_links(
    lesson: Lesson,
    lesson_src_uri: str,
    target_exists: Callable[[str], bool],
    diagnostics: Diagnostics,
) -> None:
    """Report links of ``lesson`` whose target is not a page or file of the site.

    ``lesson_src_uri`` is where the lesson pretends to live among the site's pages
    (``<prefix>/<course>/<lesson>/index.md``); relative links resolve from there, exactly as
    MkDocs resolves them, so a link may reach other lessons, generated pages or ``docs/``.
    ``target_exists`` answers for a source URI (``a/b.md``, ``a/b.png``, or a folder ``a/b``).
    """
    base = posixpath.dirname(lesson_src_uri)
    for line, target in relative_links(lesson.body, lesson.body_first_line):
        path = unquote(target.split("#", 1)[0].split("?", 1)[0])
        if not path:
            continue
        uri = posixpath.normpath(posixpath.join(base, path))
        if uri == ".." or uri.startswith("../"):
            diagnostics.add(
                lesson.path,
                line,
                f"link '{target}' points outside the site: link to a page or file of the site, or "
                "write a full https:// address",
            )
        elif not target_exists(uri):
            diagnostics.add(
                lesson.path,
                line,
                f"link '{target}' points to a file that is not there ({uri}); check the "
                "spelling, or add the file to the lesson folder",
            )
