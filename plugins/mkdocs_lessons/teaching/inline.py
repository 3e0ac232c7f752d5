"""One line of an author's inline Markdown (an objective, a key point) as HTML.

Inline means inline: emphasis, code, links. Raw HTML is not parsed (``<account-id>`` is text,
and ``<div>`` cannot leave an element open in the lesson and course pages), and syntax that
makes blocks (a heading, a list, a quote, a second paragraph) is reported and shown as its
text. The same line shows on the lesson page and on its course page, one folder apart, so a
relative link would be right on one of them only: such a link is reported and shown as its
text. Python-Markdown is imported only for a line that needs it, as the glossary does for its
definitions.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from markupsafe import Markup, escape

from ..core.urls import is_absolute_url

if TYPE_CHECKING:
    from markdown import Markdown

# Text in which Markdown changes nothing but the escaping of &, < and >: no emphasis, code,
# links, escapes, lists or line breaks.
_PLAIN = re.compile(r"[^*_`\[\]<>&\\!#|\n]*")


def is_plain(text: str) -> bool:
    """Whether Markdown would change nothing in ``text`` (stripped) but the escaping of &, <
    and >: most texts are such text, and skip the parser."""
    return bool(
        _PLAIN.fullmatch(text) and not text[:1].isdigit() and not text.startswith(("-", "+", ">"))
    )


_BLOCKS = {
    **{f"h{level}": "a heading ('#')" for level in range(1, 7)},
    "ul": "a list",
    "ol": "a numbered list ('1.': write '1\\.' to keep the number)",
    "blockquote": "a quote ('>')",
    "pre": "a code block (four spaces or a fence)",
    "hr": "a rule ('---')",
}


@dataclass(frozen=True)
class Inline:
    """A line rendered, and what in it could not be shown as written."""

    html: Markup
    block: str | None = None
    """What block-level syntax the text had (then shown as its text), such as "a list"."""
    relative: tuple[str, ...] = ()
    """The relative targets of its links and images (shown as their text)."""

    def problems(self, what: str) -> list[str]:
        """One message for each mistake, ``what`` naming the text ("objective 2")."""
        found = []
        if self.block is not None:
            found.append(
                f"{what} is one line of inline Markdown, not {self.block}: it is shown as its "
                "text; write it as one sentence"
            )
        found.extend(
            f"{what} links to a relative path, '{target}', which would be wrong where the "
            "same text shows on the course page: link to a full address (https://...); it is "
            "shown as its text until then"
            for target in self.relative
        )
        return found


@cache
def read_inline(markdown: str) -> Inline:
    """``markdown`` rendered as inline HTML (see the module's docstring)."""
    text = markdown.strip()
    if is_plain(text):
        return Inline(escape(" ".join(text.split())))
    md = _markdown()
    md.reset()
    root = _parsed(md, text)
    children = list(root)
    block = None
    if len(children) != 1 or children[0].tag != "p":
        tags = [child.tag for child in children]
        block = next(
            (_BLOCKS[tag] for tag in tags if tag in _BLOCKS), "several paragraphs (a blank line)"
        )
        # Shown as its text, each line of it: no block syntax reaches the inline pass.
        root = etree.Element("div")
        etree.SubElement(root, "p").text = " ".join(text.split())
    for processor in md.treeprocessors:
        root = processor.run(root) or root
    paragraph = root[0]
    relative = _unlink(paragraph)
    # Python-Markdown's own serialising: its escapes, entities and character substitutes.
    paragraph.tag, paragraph.tail = None, None  # type: ignore[assignment]  # its content only
    html = md.serializer(paragraph)
    for postprocessor in md.postprocessors:
        html = postprocessor.run(html)
    return Inline(Markup(html.strip()), block, tuple(relative))


def inline_html(markdown: str) -> Markup:
    """``markdown`` rendered as inline HTML; its mistakes are reported where it is read."""
    return read_inline(markdown).html


def _parsed(md: Markdown, text: str) -> etree.Element:
    """The block structure Python-Markdown gives ``text`` (its inline parts not yet parsed)."""
    lines = text.split("\n")
    for preprocessor in md.preprocessors:
        lines = preprocessor.run(lines)
    root = md.parser.parseDocument(lines).getroot()
    assert root is not None  # parseDocument's tree always has its root
    return root


def _unlink(root: etree.Element) -> list[str]:
    """Replace each link and image with a relative target by its text (an image: its alt),
    and each other image too (an objective is a sentence, not a figure); return the relative
    targets."""
    relative: list[str] = []
    parents = {child: parent for parent in root.iter() for child in parent}
    # Innermost first: an image in a link is its text before the link is unwrapped.
    for element in reversed([found for found in root.iter() if found.tag in ("a", "img")]):
        target = element.get("href" if element.tag == "a" else "src", "")
        absolute = is_absolute_url(target)
        if not absolute:
            relative.append(target)
        if element.tag == "img":
            element.text = element.get("alt", "")
            element.attrib.clear()
        elif absolute:
            continue
        _unwrap(parents[element], element)
    return relative[::-1]


def _unwrap(parent: etree.Element, element: etree.Element) -> None:
    """Put ``element``'s text and children where it stands in ``parent``."""
    at = list(parent).index(element)
    text = (element.text or "") + ("" if len(element) else element.tail or "")
    if at:
        before = parent[at - 1]
        before.tail = (before.tail or "") + text
    else:
        parent.text = (parent.text or "") + text
    children = list(element)
    if children:
        children[-1].tail = (children[-1].tail or "") + (element.tail or "")
    parent.remove(element)
    for offset, child in enumerate(children):
        parent.insert(at + offset, child)


@cache
def _markdown() -> Markdown:
    from markdown import Markdown

    md = Markdown()
    # No raw HTML: without these two, "<account-id>" and "<div>" are text like any other.
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    return md
