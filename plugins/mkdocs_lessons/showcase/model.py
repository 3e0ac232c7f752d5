"""Community showcase entries: configurations readers share through pull requests."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class ShowcaseEntry:
    name: str
    """The file name without ``.md``: the entry's anchor and the name of its images folder."""
    path: Path
    title: str
    contributor: str
    github: str
    date: datetime.date
    tags: list[str] = field(default_factory=list)
    body: str = ""
    """Markdown, from a stranger: rendered by ``safe_markdown`` only."""
    body_first_line: int = 1
    html: str = ""
    """The body rendered safely for its card under the lesson (set when the site's files are
    collected)."""
    page_html: str = ""
    """The same for its card on the page of all entries: its headings one level higher (the
    cards' titles are), its images one folder up."""
    images: list[Path] = field(default_factory=list)
    """Images the body shows, all inside the entry's own folder; published with the site."""
    reported_files: frozenset[str] = frozenset()
    """What of the entry's folder the loader reported (a link, a false image), relative to the
    showcase folder (``name/picture.png``, or ``name`` for the folder itself): the body's
    references to those show their alt text without a second message."""

    @property
    def profile_url(self) -> str:
        return f"https://github.com/{self.github}"


@dataclass
class Showcase:
    """A lesson's showcase: its prompt and its entries, newest first."""

    prompt: str
    title: str | None = None
    entries: list[ShowcaseEntry] = field(default_factory=list)
    entry_template: str | None = None
    """What "Share yours" puts in a new entry: the showcase folder's ``_template.md``, else the
    front matter's ``showcase.template``; None for the generic one."""
