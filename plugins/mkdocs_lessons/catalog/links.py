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

_FENCED_BLOCK = re.compile(
    r"^[ \t]*(?P<fence>`{3,}|~{3,})[^\n]*\n.*?(?:^[ \t]*(?P=fence)[`~]*[ \t]*$|\Z)",
    re.MULTILINE | re.DOTALL,
)
_INLINE_CODE = re.compile(r"(`+)[^\n]+?\1")
_LINK = re.compile(
    r"!?\[(?:[^\]\\\n]|\\.)*\]\(\s*<?(?P<inline>[^)\s>]+)>?(?:\s+[\"'(][^)\n]*)?\)"
    r"|^[ ]{0,3}\[[^\]\n]+\]:[ \t]*<?(?P<reference>[^\s>]+)>?"
    r"|\b(?:src|href)=[\"'](?P<attribute>[^\"'\n]+)[\"']",
    re.MULTILINE,
)
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def _blank(match: re.Match[str]) -> str:
    """Code, replaced by spaces of the same length with its newlines kept (lines stay put)."""
    return re.sub(r"[^\n]", " ", match.group(0))


def relative_links(body: str, first_line: int) -> Iterator[tuple[int, str]]:
    """Yield ``(file line, target)`` for each relative link or image outside code.

    One pass of one pattern over the whole body, after code is blanked out: this runs for
    every lesson on every build, so it must cost next to nothing.
    """
    if "](" not in body and "]:" not in body and "=" not in body:
        return
    text = _INLINE_CODE.sub(_blank, _FENCED_BLOCK.sub(_blank, body))
    line, position = first_line, 0
    for match in _LINK.finditer(text):
        target = match.group("inline") or match.group("reference") or match.group("attribute")
        if target.startswith(("#", "/", "{")) or _SCHEME.match(target):
            continue
        line += text.count("\n", position, match.start())
        position = match.start()
        yield line, target


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
