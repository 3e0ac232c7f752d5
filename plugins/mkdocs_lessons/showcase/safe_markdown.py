"""Markdown from strangers to HTML that cannot run anything.

Showcase entries arrive as pull requests from anyone. Their Markdown goes through its own
Markdown instance, never the site's (whose extensions, such as ``attr_list`` or ``md_in_html``,
let text choose attributes):

- raw HTML is not parsed: block and inline HTML, comments included, come out as escaped text;
- links keep only ``http``, ``https`` and ``mailto`` targets (and in-page ``#`` anchors), and
  every link gets ``rel="nofollow ugc noopener"``;
- images show only files of the entry's own folder (``showcase/<entry>/``) that are raster
  images by their bytes (``images.py``); anything else becomes its alt text. SVG is refused:
  opened on its own, an SVG file runs its scripts on the site's origin;
- headings are moved below the card's title (an entry's ``# Title`` is not a heading of the
  lesson's outline);
- code goes through pymdownx.highlight, which escapes it.

Everything refused is reported, so that a pull request with it fails ``mkdocs build --strict``
with a message its author can act on, and is neutralised in the page either way.
"""

from __future__ import annotations

import html
import posixpath
import re
import xml.etree.ElementTree as etree
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import markdown
from markdown.treeprocessors import Treeprocessor
from markdown.util import AMP_SUBSTITUTE, AtomicString

from ..core.text import shown
from .images import image_problem

SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow ugc noopener"
MAX_BRACKETS = 100
"""The most '[' one paragraph (or cell, or list item) may hold. Python-Markdown reads each as
the start of a link and looks for its ']' up to the end of the paragraph: 19,000 '[' in one
entry took 40 seconds of build time (Python-Markdown issue 798). Real entries hold a few."""
_ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "rel"},
    "img": {"src", "alt", "title", "loading"},
}
# Control characters and white space that browsers drop inside a URL's scheme ("java\tscript:").
_URL_NOISE = re.compile(r"[\x00-\x20\x7f]+")
_RAW_HTML = re.compile(r"<[A-Za-z!/?][^\n]*")
# The patterns that validate are used with fullmatch: "$" also matches before a final "\n".
# superfences also reads fences in blockquotes and list items ("> ```{.x #y}").
_FENCE_OPEN = re.compile(r"(?P<indent>[> \t]*)(?P<fence>`{3,}|~{3,})(?P<info>.*)")
# Every start tag of the rendered entry, and the attributes in it (Markdown writes them quoted).
_START_TAG = re.compile(
    r"<(?P<name>[a-zA-Z][\w-]*)(?P<attributes>(?:\s+[^\s=>/]+(?:=\"[^\"]*\")?)*)\s*(?P<end>/?)>"
)
_ATTRIBUTE = re.compile(r'(?P<name>[^\s=>/]+)(?:="(?P<value>[^"]*)")?')
_CLASS_TOKEN = re.compile(r"(?!md-|lessons-|__)[\w-]+")
_TEXT_ALIGN = re.compile(r"text-align: (?:left|right|center);?")
_HEADINGS = {f"h{level}": level for level in range(1, 7)}
_LANGUAGE = re.compile(r"[\w+#.-]+")


@dataclass
class Refusal:
    """Something the entry asked for and did not get, with the text that shows where."""

    message: str
    needle: str


@dataclass
class SafeResult:
    html: str
    images: list[Path] = field(default_factory=list)
    refusals: list[Refusal] = field(default_factory=list)


class _BracketBudget(Treeprocessor):
    """Runs before inline Markdown: a text with more '[' than :data:`MAX_BRACKETS` is kept as
    plain text (an ``AtomicString``, which the inline reader skips), so no entry can make the
    build take minutes."""

    def __init__(self, md: markdown.Markdown, owner: SafeMarkdown) -> None:
        super().__init__(md)
        self.owner = owner

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            if element.text and not isinstance(element.text, AtomicString):
                element.text = self._budget(element.text)
            if element.tail and not isinstance(element.tail, AtomicString):
                element.tail = self._budget(element.tail)

    def _budget(self, text: str) -> str:
        count = text.count("[")
        if count <= MAX_BRACKETS:
            return text
        self.owner.refuse(
            f"this paragraph holds {count:,} '[', more than the {MAX_BRACKETS} one paragraph "
            "may have (each could start a link, and reading them takes minutes): it is shown "
            "as plain text; split it into shorter paragraphs, or put it in a code block",
            text.strip().split("\n")[0][:40],
        )
        return AtomicString(text)


class _Headings(Treeprocessor):
    """Moves the entry's headings under the card's title, keeping their order of rank.

    An entry's ``# My setup`` would otherwise be an h1 beside the page's own, and a screen
    reader's list of headings would mix strangers' text into the lesson's outline. The highest
    heading of the entry becomes ``heading_level`` (one below the card's title), the others
    keep their distance to it, and none goes past h6.
    """

    def __init__(self, md: markdown.Markdown, owner: SafeMarkdown) -> None:
        super().__init__(md)
        self.owner = owner

    def run(self, root: etree.Element) -> None:
        headings = [element for element in root.iter() if element.tag in _HEADINGS]
        if not headings:
            return
        shift = self.owner.heading_level - min(_HEADINGS[element.tag] for element in headings)
        for element in headings:
            element.tag = f"h{min(_HEADINGS[element.tag] + shift, 6)}"


class _Sanitiser(Treeprocessor):
    """Checks every element the Markdown made; runs last, after links and images exist."""

    def __init__(self, md: markdown.Markdown, owner: SafeMarkdown) -> None:
        super().__init__(md)
        self.owner = owner

    def run(self, root: etree.Element) -> None:
        self._raw_html(root)
        for element in list(root.iter()):
            if element.tag == "a":
                self._link(element)
            elif element.tag == "img":
                self._image(element)
            allowed = _ALLOWED_ATTRIBUTES.get(element.tag)
            if allowed is not None:
                for name in list(element.attrib):
                    if name not in allowed:
                        del element.attrib[name]

    def _raw_html(self, root: etree.Element) -> None:
        """Report markup left as text, once: it is shown, not run, which a contributor who
        wrote it meant otherwise. Code (inline, indented or fenced) shows markup on purpose."""
        for element in root.iter():
            if element.tag in ("code", "pre"):
                continue
            for text in (element.text, element.tail):
                found = _RAW_HTML.search(text or "")
                if found:
                    self.owner.refuse(
                        "HTML is shown as text, not run: write Markdown instead (a fenced code "
                        "block shows markup as code)",
                        found.group(0),
                    )
                    return

    def _link(self, element: etree.Element) -> None:
        href = element.get("href", "")
        if not _safe_href(href):
            self.owner.refuse(
                f"link target '{shown(href, 80)}' is not allowed: use an http(s) or mailto address",
                href,
            )
            element.tag = "span"
            element.attrib.clear()
            return
        element.set("rel", LINK_REL)

    def _image(self, element: etree.Element) -> None:
        src = element.get("src", "")
        path, reason = self.owner.image_path(src)
        if path is None:
            if reason is not None:
                self.owner.refuse(f"image '{shown(src, 80)}' is not shown: {reason}", src)
            alt = element.get("alt", "")
            element.tag = "span"
            element.attrib.clear()
            element.text = alt
            return
        self.owner.images.append(path)
        # The name was checked to need no escaping in an address (images.IMAGE_NAME).
        element.set("src", f"{self.owner.images_url}/{path.parent.name}/{path.name}")
        element.set("loading", "lazy")


def _cleaned_url(url: str) -> str:
    """``url`` as a browser reads it: entities and percent escapes decoded, noise dropped."""
    return _URL_NOISE.sub("", html.unescape(unquote(url)))


def _safe_href(href: str) -> bool:
    # Markdown writes an e-mail autolink's address as entities, its "&" held as AMP_SUBSTITUTE.
    href = href.replace(AMP_SUBSTITUTE, "&")
    cleaned = _cleaned_url(href)
    if cleaned.startswith("#"):
        return True
    try:
        scheme = urlsplit(cleaned).scheme.lower()
    except ValueError:  # "http://[::1": no browser would follow it either
        return False
    return scheme in SAFE_SCHEMES and not cleaned.startswith("//")


class SafeMarkdown:
    """Renders showcase Markdown; one instance per build, reset for each entry."""

    def __init__(self, highlight: Mapping[str, Any] | None = None) -> None:
        self._md = markdown.Markdown(
            extensions=["tables", "sane_lists", "pymdownx.highlight", "pymdownx.superfences"],
            extension_configs={"pymdownx.highlight": dict(highlight or {})},
        )
        # No raw HTML: without these two, "<script>" and "<!-- -->" are text like any other.
        self._md.preprocessors.deregister("html_block")
        self._md.inlinePatterns.deregister("html")
        # Before "inline" (20), which is where the '[' cost their time.
        self._md.treeprocessors.register(_BracketBudget(self._md, self), "lessons-brackets", 25)
        self._md.treeprocessors.register(_Headings(self._md, self), "lessons-headings", 5)
        self._md.treeprocessors.register(_Sanitiser(self._md, self), "lessons-sanitiser", 0)
        self.images: list[Path] = []
        self.refusals: list[Refusal] = []
        self.images_folder: Path = Path()
        self.images_url = "showcase"
        self.heading_level = 4
        self.reported: Collection[str] = frozenset()

    def render(
        self,
        text: str,
        images_folder: Path,
        *,
        heading_level: int = 4,
        images_url: str = "showcase",
        reported: Collection[str] = frozenset(),
    ) -> SafeResult:
        """``text`` as safe HTML; images may come from ``images_folder`` only.

        ``heading_level``: the level of the entry's highest heading, one below the card's
        title. ``images_url``: the showcase folder's address from the page the card is on.
        ``reported``: what the loader refused already, relative to the showcase folder
        (``entry/picture.png``, or ``entry`` for the folder itself); an image naming one shows
        its alt text without a second message.
        """
        self.images, self.refusals = [], []
        self.images_folder = images_folder
        self.images_url = images_url
        self.heading_level = max(1, min(heading_level, 6))
        self.reported = reported
        text = plain_fences(text)
        rendered = scrub_attributes(self._md.reset().convert(text))
        return SafeResult(rendered, list(self.images), list(self.refusals))

    def refuse(self, message: str, needle: str) -> None:
        self.refusals.append(Refusal(message, needle))

    def image_path(self, src: str) -> tuple[Path | None, str | None]:
        """The file ``src`` names if it is an image the entry may show, else None and why not
        (None too when the file was reported already)."""
        folder = self.images_folder.name
        how = (
            f"put it in the folder '{folder}/' beside the entry and write "
            f"'![what it shows]({folder}/picture.png)'"
        )
        cleaned = _cleaned_url(src)
        try:
            scheme = urlsplit(cleaned).scheme
        except ValueError:
            scheme = "?"
        if not cleaned or scheme or cleaned.startswith(("/", "\\")):
            return None, f"images cannot come from other addresses; {how}"
        # The path as written, escapes decoded ("%2e%2e" is ".."): what a browser would ask for.
        written = html.unescape(unquote(src)).replace("\\", "/")
        if "?" in written or "#" in written:
            return None, f"write the image's path alone, without '?' or '#'; {how}"
        parts = posixpath.normpath(written).split("/")
        if len(parts) != 2 or parts[0] != folder:
            return None, f"an entry shows only images of its own folder; {how}"
        if folder in self.reported or f"{folder}/{parts[1]}" in self.reported:
            return None, None
        # Checked again here (the loader did already): this class is safe on its own.
        problem = image_problem(self.images_folder, parts[1])
        if problem is not None:
            return None, problem
        return self.images_folder / parts[1], None


def scrub_attributes(rendered: str) -> str:
    """``rendered`` with no attribute an entry could have chosen.

    Raw HTML is escaped, so every tag here was made by Markdown or its extensions; but
    superfences keeps code blocks out of the tree the sanitiser walks, and a fence header can
    name ids and classes. So each tag keeps only what Markdown itself writes: links and images
    what the sanitiser left them, table cells their alignment, list starts, and classes that
    are not the page's (``md-``, ``lessons-``). Ids are never kept.
    """

    def scrub(match: re.Match[str]) -> str:
        name = match.group("name").lower()
        kept: list[str] = []
        for attribute in _ATTRIBUTE.finditer(match.group("attributes")):
            key, value = attribute.group("name").lower(), attribute.group("value") or ""
            if name in _ALLOWED_ATTRIBUTES:
                keep = key in _ALLOWED_ATTRIBUTES[name]
            elif key == "class":
                value = " ".join(token for token in value.split() if _CLASS_TOKEN.fullmatch(token))
                keep = bool(value)
            elif key == "style":
                keep = name in ("th", "td") and bool(_TEXT_ALIGN.fullmatch(value))
            else:
                keep = key == "start" and name == "ol" and value.isdigit()
            if keep:
                kept.append(f' {key}="{value}"')
        return f"<{match.group('name')}{''.join(kept)}{' /' if match.group('end') else ''}>"

    return _START_TAG.sub(scrub, rendered)


def plain_fences(text: str) -> str:
    """``text`` with each code fence's header cut to its language.

    superfences reads ``{ .class #id key=value }`` after a fence and puts those on the code
    block: a stranger could borrow an id of the page or a class of Material's (``md-dialog``
    is fixed over the page). Only the language (``json``, or ``.json`` in braces) is kept.
    """
    lines = text.split("\n")
    fence: str | None = None
    for index, line in enumerate(lines):
        match = _FENCE_OPEN.fullmatch(line)
        if match is None:
            continue
        marker = match.group("fence")
        if fence is not None:
            if (
                marker[0] == fence[0]
                and len(marker) >= len(fence)
                and not match.group("info").strip()
            ):
                fence = None
            continue
        fence = marker
        language = _LANGUAGE.search(match.group("info").replace("{", " ").lstrip(" ."))
        word = language.group(0).lstrip(".") if language else ""
        lines[index] = f"{match.group('indent')}{marker}{word}"
    return "\n".join(lines)
