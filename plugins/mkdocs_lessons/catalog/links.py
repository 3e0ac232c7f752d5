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
from .model import Lesson

_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
_INLINE_CODE = re.compile(r"(`+).+?\1")
_INLINE_LINK = re.compile(r"!?\[(?:[^\]\\]|\\.)*\]\(\s*<?([^)\s>]+)>?(?:\s+[\"'(][^)]*)?\)")
_REFERENCE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)")
_HTML_ATTRIBUTE = re.compile(r"\b(?:src|href)=[\"']([^\"']+)[\"']")
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def relative_links(body: str, first_line: int) -> Iterator[tuple[int, str]]:
    """Yield ``(file line, target)`` for each relative link or image outside code."""
    fence: str | None = None
    for offset, line in enumerate(body.splitlines()):
        marker = _FENCE.match(line)
        if marker:
            token = marker.group(1)
            if fence is None:
                fence = token
            elif token[0] == fence[0] and len(token) >= len(fence):
                fence = None
            continue
        if fence is not None or line.startswith(("    ", "\t")):
            continue
        scrubbed = _INLINE_CODE.sub("", line)
        for pattern in (_INLINE_LINK, _REFERENCE, _HTML_ATTRIBUTE):
            for match in pattern.finditer(scrubbed):
                target = match.group(1)
                if not target.startswith(("#", "/", "{")) and not _SCHEME.match(target):
                    yield first_line + offset, target


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
            diagnostics.add(lesson.path, line, f"link '{target}' points outside the site")
        elif not target_exists(uri):
            diagnostics.add(
                lesson.path,
                line,
                f"link '{target}' points to a file that is not there ({uri}); check the "
                "spelling, or add the file to the lesson folder",
            )
