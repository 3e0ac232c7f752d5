"""Showcase entries to HTML: the section under a lesson, the page of all entries, the share link.

Entry bodies are rendered by ``safe_markdown`` when the site's files are collected (their
images must be published), once for each of their two cards; the templates place that HTML and
escape every other value an entry gives.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from urllib.parse import quote, urlencode, urlsplit

from markupsafe import Markup

from ..core.diagnostics import Diagnostics
from ..core.i18n import Translator
from ..core.templating import render
from .loader import SHOWCASE_FOLDER, line_of
from .model import Showcase, ShowcaseEntry
from .safe_markdown import SafeMarkdown

GENERIC_ENTRY_TEMPLATE = """\
---
title: A short name for what you built
name: Your Name
github: your-github-user-name
date: YYYY-MM-DD
tags: [a-tag, another-tag]
---

What you built with this lesson, and why you made the choices you made, in a few sentences.

```text
Paste the code or configuration here, with secrets and personal data removed.
```
"""
"""What "Share yours" puts in GitHub's new-file editor when the lesson has no template of its
own (a ``showcase/_template.md`` or the front matter's ``showcase.template``)."""


@dataclass(frozen=True)
class ShareTarget:
    """Where new entries are proposed: the repository, its branch, the sources folder in it."""

    repo_url: str
    branch: str
    sources: str
    """The sources folder, relative to the repository root (``lessons``)."""

    def new_entry_url(self, course: str, lesson: str, template: str | None = None) -> str | None:
        """GitHub's "create new file" page in the lesson's showcase folder, filled in with the
        lesson's ``template`` (:attr:`Showcase.entry_template`) or the generic one."""
        parts = urlsplit(self.repo_url)
        if parts.netloc.lower() not in ("github.com", "www.github.com"):
            return None
        folder = "/".join(
            part for part in (self.sources.strip("/"), course, lesson, SHOWCASE_FOLDER) if part
        )
        value = template if template is not None else GENERIC_ENTRY_TEMPLATE
        query = urlencode({"filename": "your-entry-name.md", "value": value})
        return f"{self.repo_url.rstrip('/')}/new/{quote(self.branch)}/{quote(folder)}?{query}"


SECTION_CARD_LEVEL = 3
"""The heading level of a card's title under the lesson (below the section's h2)."""
PAGE_CARD_LEVEL = 2
"""The heading level of a card's title on the page of all entries (below its h1)."""


def render_entries(
    showcases: Iterable[Showcase], safe: SafeMarkdown, diagnostics: Diagnostics
) -> None:
    """Render every entry's body safely, reporting what was refused at its line.

    Each body is rendered twice, for its two cards: headings under a card's title differ by a
    level, and image addresses by a folder. The refusals are the same; they are reported once.
    """
    for showcase in showcases:
        for entry in showcase.entries:
            folder = entry.path.parent / entry.name
            card = safe.render(
                entry.body,
                folder,
                heading_level=SECTION_CARD_LEVEL + 1,
                reported=entry.reported_files,
            )
            page = safe.render(
                entry.body,
                folder,
                heading_level=PAGE_CARD_LEVEL + 1,
                images_url=f"../{SHOWCASE_FOLDER}",
                reported=entry.reported_files,
            )
            entry.html, entry.page_html, entry.images = card.html, page.html, card.images
            for refusal in card.refusals:
                diagnostics.add(entry.path, line_of(entry, refusal.needle), refusal.message)


def render_showcase_section(
    showcase: Showcase,
    cap: int,
    all_entries_link: str | None,
    share_url: str | None,
    translate: Translator,
) -> str:
    """The "Community showcase" section under a lesson: prompt, newest entries, share link."""
    return render(
        "showcase/section.html",
        showcase=showcase,
        entries=showcase.entries[:cap],
        more=len(showcase.entries) > cap,
        all_entries_link=all_entries_link,
        share_url=share_url,
        card=_card(translate, SECTION_CARD_LEVEL, on_page=False),
        t=translate,
    )


def render_showcase_page(
    showcase: Showcase,
    lesson_title: str,
    lesson_link: str,
    share_url: str | None,
    translate: Translator,
) -> str:
    """The page of all of a lesson's entries."""
    return render(
        "showcase/page.html",
        showcase=showcase,
        lesson_title=lesson_title,
        lesson_link=lesson_link,
        share_url=share_url,
        card=_card(translate, PAGE_CARD_LEVEL, on_page=True),
        t=translate,
    )


def _card(translate: Translator, level: int, *, on_page: bool) -> Callable[..., Markup]:
    """The card renderer the templates call: its title at ``level``, and the body rendered
    for the page of all entries (``on_page``) or for the section under the lesson."""

    def card(entry: ShowcaseEntry) -> Markup:
        body = entry.page_html if on_page else entry.html
        return Markup(
            render(
                "showcase/card.html",
                entry=entry,
                body=Markup(body),
                heading=f"h{level}",
                t=translate,
            )
        )

    return card
