"""The one JS and one CSS file every lesson page loads.

Each feature keeps its own module in ``assets/js`` and ``assets/css``; they are joined here at
build time (no bundler), ``core.js`` first because the feature modules register with it.
Each file is named after a hash of its content (``lessons.<hash>.js``), so a site can serve
them with a cache lifetime of forever: a new release changes the name, not the file.

The script readers download is the minified one in ``assets/lessons.min.js`` (terser, run by
``make assets``: ``tools/minify.py``) as long as its first line names the digest of the script
the modules make; after an edit of a module that the minifier has not seen yet, the modules'
own script is served instead (a test fails until ``make assets`` ran), never a stale one.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

ASSETS = Path(__file__).resolve().parent.parent / "assets"
FOLDER_URI = "assets/mkdocs-lessons"
"""Where the bundles go in the built site."""
HASH_LENGTH = 8
"""Hex digits of the content hash in a file name: as many as Material uses for its own."""

# With Material's instant navigation the script sits in the swapped part of the page, and
# Material runs it again on every lesson page it swaps in (see site_assets.py). One run per
# browser page: a second run would register every feature, and Material's document$, twice.
_RUN_ONCE_OPEN = "/* mkdocs-lessons: once per page load */\nif (!window.lessons) {\n"
_RUN_ONCE_CLOSE = "\n}\n"


@dataclass(frozen=True)
class Asset:
    """One bundle: its path in the built site and its text."""

    uri: str
    content: str


@dataclass(frozen=True)
class Bundles:
    """The script and the stylesheet of one build."""

    script: Asset
    stylesheet: Asset


def hashed_uri(kind: str, content: str) -> str:
    """``assets/mkdocs-lessons/lessons.<hash>.<kind>``: equal content, equal name."""
    digest = hashlib.sha256(content.encode("utf-8")).hexdigest()[:HASH_LENGTH]
    return f"{FOLDER_URI}/lessons.{digest}.{kind}"


MINIFIED_SCRIPT = ASSETS / "lessons.min.js"
"""The minified script (see the module's docstring), headed by :func:`minified_header`."""


def script_source() -> str:
    """The script the modules make: what the minifier is given."""
    return f"{_RUN_ONCE_OPEN}{bundle('js')}{_RUN_ONCE_CLOSE}"


def minified_header(source: str) -> str:
    """The first line of the minified script made from ``source``."""
    digest = hashlib.sha256(source.encode("utf-8")).hexdigest()
    return f"/* mkdocs-lessons: minified from the modules' script {digest} */"


def minified_script(source: str) -> str | None:
    """The minified script made from ``source``, or None when there is none (yet)."""
    try:
        shipped = MINIFIED_SCRIPT.read_text(encoding="utf-8")
    except OSError:
        return None
    header, _, script = shipped.partition("\n")
    return script if header == minified_header(source) and script.strip() else None


def build_bundles() -> Bundles:
    """Both bundles, read from the package and named after their content."""
    source = script_source()
    script = minified_script(source) or source
    stylesheet = bundle("css")
    return Bundles(
        script=Asset(hashed_uri("js", script), script),
        stylesheet=Asset(hashed_uri("css", stylesheet), stylesheet),
    )


def _modules(kind: str) -> list[Path]:
    folder = ASSETS / kind
    return sorted(folder.glob(f"*.{kind}"), key=lambda path: (path.stem != "core", path.name))


def bundle(kind: str) -> str:
    """All modules of ``kind`` (``js`` or ``css``) joined, each headed by its file name."""
    modules = _modules(kind)
    if not modules:
        # Only a broken installation gets here; an empty file would fail silently in readers'
        # browsers instead.
        raise FileNotFoundError(f"mkdocs-lessons: no {kind} modules in {ASSETS / kind}")
    parts = [
        f"/* {path.name} */\n{compact(kind, path.read_text(encoding='utf-8'))}" for path in modules
    ]
    return "\n".join(parts)


# A quoted string (kept whole, whatever it holds) or a comment of a stylesheet.
_CSS_STRING_OR_COMMENT = re.compile(
    r"""("(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*')|/\*.*?\*/""", re.S
)


def compact(kind: str, source: str) -> str:
    """``source`` without its comments and indentation: what readers download is about a
    fifth smaller gzipped. The modules keep them: they are written to be read.

    Not a minifier: a script loses only its comment lines (``// ...`` on a line of their
    own) and the spaces that start its lines, so no token changes; the modules hold no
    template literal over several lines, where that would change the text (a test says so).
    """
    if kind == "css":
        source = _CSS_STRING_OR_COMMENT.sub(lambda match: match.group(1) or "", source)
        lines = (line.strip() for line in source.split("\n"))
    else:
        lines = (line.strip() for line in source.split("\n"))
        lines = (line for line in lines if not line.startswith("//"))
    return "\n".join(line for line in lines if line)


# A start tag whose class attribute holds a `lessons-` name. Text cannot hold a start tag (its
# `<` is escaped, in code too), but it can hold `class="lessons-x"` (Python-Markdown leaves
# quotes in code as they are), so the attribute must be part of a tag: the attributes before it
# are read whole, quoted values with any `>` in them included.
_LESSONS_CLASS = re.compile(
    r"""<[A-Za-z][^\s/>]*"""
    r"""(?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?)*?"""
    r"""\s+class\s*=\s*["']?(?:[^"'>]*\s)?lessons-"""
)


def uses_lessons_markup(html: str) -> bool:
    """Whether rendered HTML holds an element with a ``lessons-`` class.

    A substring test first: most pages without lessons never hold the word, and it costs
    microseconds where the scan costs about a millisecond for 150 KB of HTML."""
    return "lessons-" in html and _LESSONS_CLASS.search(html) is not None
