"""Find relative links in a lesson body and check that their targets exist.

MkDocs checks links too, but it names the generated page, not the lesson file and line; an
author needs the line. Links are found by pattern rather than by rendering the Markdown, which
keeps the check cheap; fenced code, inline code and HTML comments are skipped so examples and
commented-out text are not checked.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import unquote

from ..core.diagnostics import Diagnostics
from ..core.paths import is_file
from ..core.urls import is_absolute_url
from .model import Lesson

_FENCE_OPEN = re.compile(r"^[ \t]*(`{3,}|~{3,})[^\n]*\n", re.MULTILINE)
_INLINE_CODE = re.compile(r"(`+)[^\n]+?\1")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
# Each pattern starts with a literal so the regex engine can skip ahead to candidates; a scan
# that tried three alternatives at every character cost more than the rest of the checks.
# A target is either in angle brackets, where it may hold spaces (`<my file.json>`), or bare,
# where Markdown lets it hold balanced parentheses (`file(1).json`); one level is what authors
# write, and the alternation cannot backtrack badly since "(" only fits its second branch.
_INLINE_TARGET = re.compile(r"\]\(\s*(?:<([^<>\n]*)>|<?((?:[^()\s>]|\([^()\s>]*\))+))")
_REFERENCE_TARGET = re.compile(
    r"^[ ]{0,3}\[[^\]\n]+\]:[ \t]*(?:<([^<>\n]*)>|<?([^\s>]+))", re.MULTILINE
)
_ATTRIBUTE_TARGET = re.compile(r"(?:src|href)=[\"']([^\"'\n]+)")


def _spaces(match: re.Match[str]) -> str:
    return " " * len(match.group(0))


def _newlines(match: re.Match[str]) -> str:
    # A comment may span lines: keep its line breaks so the lines after it stay right.
    return "\n" * match.group(0).count("\n")


def relative_links(body: str, first_line: int) -> Iterator[tuple[int, str]]:
    """Yield ``(file line, target)`` for each relative link or image outside code.

    Runs for every lesson on every build, so it must cost next to nothing: the body is cut at
    fenced code blocks, and each piece between them is scanned by one pattern with its inline
    code (never longer than a line) blanked out.
    """
    if "](" not in body and "]:" not in body and "=" not in body:
        return
    line, start = first_line, 0
    for fenced in (*_fenced_blocks(body), None):
        end = fenced[0] if fenced is not None else len(body)
        text = body[start:end]
        if "`" in text:
            text = _INLINE_CODE.sub(_spaces, text)
        if "<!--" in text:
            # After inline code, so a `<!--` shown in code does not hide the text after it.
            text = _COMMENT.sub(_newlines, text)
        position = 0
        for offset, target in _targets(text):
            if target.startswith(("#", "/", "{")) or is_absolute_url(target):
                continue
            line += text.count("\n", position, offset)
            position = offset
            yield line, target
        line += text.count("\n", position)
        if fenced is not None:
            line += body.count("\n", *fenced)
            start = fenced[1]


def _fenced_blocks(body: str) -> Iterator[tuple[int, int]]:
    """The spans of the fenced code blocks of ``body``, each from its opening line to its
    closing fence (a fence as long or longer), or to the end when it is never closed."""
    position = 0
    while (opening := _FENCE_OPEN.search(body, position)) is not None:
        # One search for the closing line, which the engine finds by its literal fence: a
        # pattern that tried the closing fence after every character of the code cost a tenth
        # of the sources' load.
        fence = re.escape(opening.group(1))
        closing = re.compile(rf"^[ \t]*{fence}[`~]*[ \t]*$", re.MULTILINE)
        closed = closing.search(body, opening.end())
        position = closed.end() if closed is not None else len(body)
        yield opening.start(), position


def _targets(text: str) -> list[tuple[int, str]]:
    """Link targets in ``text`` with their offsets, in the order they appear."""
    found = [(match.start(), _target(match)) for match in _INLINE_TARGET.finditer(text)]
    if "]:" in text:
        found += [(match.start(), _target(match)) for match in _REFERENCE_TARGET.finditer(text)]
    if "=" in text:
        found += [(match.start(), match.group(1)) for match in _ATTRIBUTE_TARGET.finditer(text)]
    found.sort()
    return found


def _target(match: re.Match[str]) -> str:
    """The target of a link match: the bracketed group if it matched, else the bare one."""
    bracketed = match.group(1)
    return bracketed.strip() if bracketed is not None else match.group(2)


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
        elif _exists(uri, path.endswith("/"), target_exists):
            continue
        elif _unpublished_markdown(lesson.folder, base, uri):
            diagnostics.add(
                lesson.path,
                line,
                f"link '{target}' points to a Markdown file beside the lesson ({uri}), and "
                "Markdown files beside a lesson are not published: link to a lesson's index.md, "
                "or put the text in the lesson",
            )
        else:
            diagnostics.add(
                lesson.path,
                line,
                f"link '{target}' points to a file that is not there ({uri}); check the "
                "spelling, or add the file to the lesson folder",
            )


def _exists(uri: str, folder: bool, target_exists: Callable[[str], bool]) -> bool:
    """Whether the site has ``uri``; a ``folder`` address (``x/``) also means that folder's
    page, ``x/index.md`` or ``x.md``, which MkDocs serves at ``x/`` with directory URLs."""
    if target_exists(uri):
        return True
    if not folder:
        return False
    if uri == ".":
        return target_exists("index.md")
    return target_exists(f"{uri}/index.md") or target_exists(f"{uri}.md")


def _unpublished_markdown(folder: Path, base: str, uri: str) -> bool:
    """Whether ``uri`` is a Markdown file in the lesson's folder, which the site never gets.

    Only asked once a link is already wrong, so the file system is touched for mistakes only.
    """
    if not uri.lower().endswith(".md") or not uri.startswith(f"{base}/"):
        return False
    return is_file(folder / uri[len(base) + 1 :])
