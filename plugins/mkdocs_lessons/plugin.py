"""The MkDocs adapter: hooks that hand MkDocs' objects to the engine and its results back.

Nothing about lessons is decided here; everything lives in the engine, which imports no MkDocs,
so the engine can move to another host when MkDocs 2 drops plugins.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from .catalog.model import Catalog, Lesson
from .catalog.pages import PageKind, PageSpec, SitePlan
from .catalog.render import (
    PageContext,
    render_author,
    render_course,
    render_index,
)
from .config import LessonsConfig
from .core.assets import SCRIPT_URI, STYLESHEET_URI, bundle
from .core.codeblocks import number_code_blocks
from .core.deferred import Deferred
from .core.diagnostics import Diagnostic, unexpected
from .core.i18n import Translator, unknown_string_keys
from .glossary.linker import link_terms
from .glossary.model import GlossaryTerm
from .glossary.render import render_glossary_page, render_used_in
from .glossary.usage import matcher_for, terms_used
from .lesson_page import render_lesson_page
from .nav import place_lessons
from .showcase.render import (
    ShareTarget,
    render_showcase_page,
    render_showcase_section,
)
from .showcase.safe_markdown import SafeMarkdown
from .sources import SourceOptions, load_sources
from .walkthrough.highlight import CodeHighlighter

log = get_plugin_logger(__name__)

_LESSON_KINDS = (PageKind.LESSON, PageKind.SHOWCASE)


class LessonsPlugin(BasePlugin[LessonsConfig]):  # type: ignore[no-untyped-call]
    """Publishes the lessons sources folder as pages of the site."""

    def __init__(self) -> None:
        self.root = Path()
        self.project_dir = Path()
        self.translate = Translator("en")
        self.catalog: Catalog | None = None
        self.plan: SitePlan | None = None
        self.show_tags = True
        self.highlighter = CodeHighlighter()
        self.safe_markdown = SafeMarkdown()
        self.share: ShareTarget | None = None
        self.deferred: dict[str, Deferred] = {}
        """Fragments held out of each page's content until it is written (see core.deferred)."""
        self.terms_linked: dict[str, list[str]] = {}
        """Lesson slug -> ids of the glossary terms its page links, for "used in" lists."""
        self.glossary_page: tuple[PageContext, Deferred] | None = None
        """The glossary page, between its content and its output (see ``on_post_page``)."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Defined so that MkDocs keeps one plugin instance across ``mkdocs serve`` rebuilds."""

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Resolve paths, pick the translations and register our one JS and one CSS file."""
        if not self.config.enabled:
            return config
        self.project_dir = Path(config.config_file_path or ".").resolve().parent
        self.root = (self.project_dir / self.config.sources).resolve()
        docs_dir = Path(config.docs_dir).resolve()
        if self.root == docs_dir or docs_dir in self.root.parents:
            log.warning(
                f"mkdocs.yml: plugin 'lessons', option 'sources': '{self.config.sources}' is "
                "inside docs_dir, so MkDocs would publish the sources a second time; move the "
                "folder beside mkdocs.yml (the default is 'lessons')"
            )
        for key in unknown_string_keys(self.config.strings):
            log.warning(f"mkdocs.yml: plugin 'lessons', option 'strings': unknown key '{key}'")
        self.translate = Translator(config.theme.get("language"), self.config.strings)
        # Walkthrough code is highlighted with the site's own pymdownx.highlight settings, so it
        # looks like every other code block and follows the palette.
        self.highlighter = CodeHighlighter(config.mdx_configs.get("pymdownx.highlight"))
        self.safe_markdown = SafeMarkdown(config.mdx_configs.get("pymdownx.highlight"))
        self.share = _share_target(config, self.config.sources, self.config.showcase_branch)
        # Material shows page tags itself when its tags plugin is on; we would repeat them.
        self.show_tags = not any(name in config.plugins for name in ("tags", "material/tags"))
        config.extra_css.append(STYLESHEET_URI)
        config.extra_javascript.append(SCRIPT_URI)
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        """Load the sources and add every page and file they publish.

        Default priority (0): Material's tags and blog plugins read files at -50, after us,
        so they see the lesson pages.
        """
        if not self.config.enabled:
            return files
        options = SourceOptions(
            root=self.root,
            prefix=self.config.prefix,
            showcase_cap=self.config.showcase_cap,
            showcase_max_bytes=self.config.showcase_max_bytes,
            code_checks=self.config.code_checks,
            code_check_timeout=self.config.code_check_timeout,
        )
        docs_uris = {file.src_uri for file in files}
        loaded = load_sources(options, self.translate, docs_uris, self.safe_markdown)
        catalog, plan, diagnostics = loaded.catalog, loaded.plan, loaded.diagnostics
        for diagnostic in sorted(diagnostics):
            log.warning(diagnostic.format(self.project_dir))
        for spec in plan.pages.values():
            # NOT_IN_NAV: on_nav places them; MkDocs would otherwise list them as missing.
            page = File.generated(
                config, spec.src_uri, content=spec.markdown, inclusion=InclusionLevel.NOT_IN_NAV
            )
            self._add(files, page)
        for uri, path in plan.files.items():
            self._add(files, File.generated(config, uri, abs_src_path=str(path)))
        self._add(files, File.generated(config, SCRIPT_URI, content=bundle("js")))
        self._add(files, File.generated(config, STYLESHEET_URI, content=bundle("css")))
        self.catalog, self.plan = catalog, plan
        self.terms_linked, self.glossary_page = {}, None
        return files

    def _add(self, files: Files, file: File) -> None:
        existing = files.get_file_from_path(file.src_uri)
        if existing is not None:
            where = Path(existing.abs_src_path or existing.src_uri)
            shown = (
                where.relative_to(self.project_dir)
                if where.is_relative_to(self.project_dir)
                else where
            )
            log.warning(
                f"{shown.as_posix()}:1: the lessons plugin publishes a page at this address "
                "and replaces this file: move it, or change the plugin's 'prefix' option"
            )
            files.remove(existing)
        files.append(file)

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        """Put the lessons in the navigation as one section, each course a section in order.

        The section takes the place of the lessons index in the site's ``nav`` (or of the
        pages MkDocs placed by folder when there is no ``nav``), else it goes last.
        """
        if not self.config.enabled or self.plan is None or self.catalog is None:
            return nav
        return place_lessons(nav, self.plan, self.catalog, self.translate, files, config)

    @event_priority(100)
    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        """Give generated pages their title, meta description and tags.

        Priority 100: before every plugin that reads ``page.meta`` (Material's tags plugin reads
        it at -50).
        """
        if self.plan is not None:
            spec = self.plan.pages.get(page.file.src_uri)
            if spec is not None:
                page.meta = dict(spec.meta)
        return markdown

    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        """Frame a lesson's body, or render a course, index or author page."""
        if self.plan is None or self.catalog is None:
            return html
        spec = self.plan.pages.get(page.file.src_uri)
        if spec is None:
            if self.config.glossary_in_docs and page.file.src_uri not in self.plan.files:
                return self._link_docs_page(html, page, files)
            return html

        try:
            return self._render_page(html, spec, page, files)
        except Exception as error:  # reported; the page keeps its content
            # The last line of defence of "never a traceback" (see Diagnostics.guard).
            lesson = self.catalog.lessons.get(spec.key) if spec.kind in _LESSON_KINDS else None
            source = lesson.path if lesson is not None else self.root
            log.warning(Diagnostic(source, 1, unexpected(error)).format(self.project_dir))
            self.deferred.pop(page.file.src_uri, None)
            return html

    def _render_page(self, html: str, spec: PageSpec, page: Page, files: Files) -> str:
        assert self.plan is not None and self.catalog is not None
        deferred = self.deferred[page.file.src_uri] = Deferred()
        ctx = self._context(page, files, deferred)
        if spec.kind is PageKind.LESSON:
            lesson = self.catalog.lessons[spec.key]
            rendered = render_lesson_page(
                html,
                lesson,
                self.catalog,
                ctx,
                deferred,
                highlighter=self.highlighter,
                translate=self.translate,
                term_href=self._term_href(ctx),
                link_all=self.config.glossary_link_all,
                showcase_html=self._showcase_section(lesson, ctx) if lesson.showcase else "",
            )
            self.terms_linked[lesson.slug] = rendered.terms_used
            return rendered.html
        if spec.kind is PageKind.SHOWCASE:
            lesson = self.catalog.lessons[spec.key]
            assert lesson.showcase is not None
            page_html = render_showcase_page(
                lesson.showcase,
                lesson.title,
                ctx.lesson_link(lesson),
                self._share_url(lesson),
                self.translate,
            )
            return number_code_blocks(page_html, "lessons-showcase-code")
        if spec.kind is PageKind.GLOSSARY:
            self.glossary_page = (ctx, deferred)
            return render_glossary_page(
                self.catalog.glossary,
                self.translate,
                lambda term: deferred.hold(f"used:{term.id}", ""),
            )
        if spec.kind is PageKind.COURSE:
            course = next(course for course in self.catalog.courses if course.slug == spec.key)
            return render_course(course, ctx)
        if spec.kind is PageKind.AUTHOR:
            return render_author(self.catalog.authors[spec.key], ctx)
        return render_index(ctx)

    def _showcase_section(self, lesson: Lesson, ctx: PageContext) -> str:
        assert lesson.showcase is not None and self.plan is not None
        uri = self.plan.showcase_uri(lesson)
        return render_showcase_section(
            lesson.showcase,
            self.config.showcase_cap,
            ctx.link(uri) if uri in self.plan.pages else None,
            self._share_url(lesson),
            self.translate,
        )

    def _share_url(self, lesson: Lesson) -> str | None:
        if self.share is None:
            return None
        return self.share.new_entry_url(lesson.course_slug, lesson.slug)

    def _context(self, page: Page, files: Files, deferred: Deferred | None = None) -> PageContext:
        """What the engine's renderers need to know about ``page`` and the site's URLs."""
        assert self.catalog is not None and self.plan is not None

        def url_of(uri: str) -> str:
            file = files.get_file_from_path(uri)
            return file.url if file is not None else uri

        return PageContext(
            self.catalog, self.plan, self.translate, page.url, url_of, self.show_tags, deferred
        )

    def _term_href(self, ctx: PageContext) -> Callable[[GlossaryTerm], str]:
        assert self.plan is not None
        glossary = ctx.link(self.plan.glossary_uri())

        def href(term: GlossaryTerm) -> str:
            # A lesson's override is not on the glossary page: point at the lesson's section.
            return f"#lessons-glossary-{term.id}" if term.override else f"{glossary}#{term.id}"

        return href

    def _link_docs_page(self, html: str, page: Page, files: Files) -> str:
        assert self.catalog is not None
        href = self._term_href(self._context(page, files))
        return link_terms(
            html, self.catalog.term_matcher, href, link_all=self.config.glossary_link_all
        ).html

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
        """Put back the fragments held out of the page content (see ``core.deferred``).

        A walkthrough's code in every step, a lesson's glossary section, lesson cards and "used
        in" lists repeat text found elsewhere; kept out of ``page.content``, search does not
        parse and index them again (which cost more build time than all the rest of a lesson).
        """
        deferred = self.deferred.pop(page.file.src_uri, None)
        if deferred is None:
            return output
        if self.glossary_page is not None and deferred is self.glossary_page[1]:
            self._fill_used_in(*self.glossary_page)
        return deferred.fill(output)

    def _fill_used_in(self, ctx: PageContext, deferred: Deferred) -> None:
        """The glossary's "used in" lists, from the terms each lesson page linked.

        Pages are written after every page's content is rendered, so by now each lesson has
        recorded its terms. A lesson that ``--dirty`` did not render is scanned from its source.
        """
        assert self.catalog is not None
        used_in: dict[str, list[tuple[str, str]]] = {}
        for lesson in self.catalog.lessons.values():
            term_ids = self.terms_linked.get(lesson.slug)
            if term_ids is None:
                matcher = matcher_for(self.catalog.glossary, self.catalog.term_matcher, lesson.slug)
                term_ids = [term.id for term in terms_used(lesson.markdown, matcher)]
            for term_id in term_ids:
                used_in.setdefault(term_id, []).append((lesson.title, ctx.lesson_link(lesson)))
        for term_id, lessons in used_in.items():
            deferred.hold(f"used:{term_id}", render_used_in(lessons, self.translate))

    def on_serve(self, server: Any, /, *, config: MkDocsConfig, builder: Any) -> Any:
        """Rebuild when anything under the sources folder changes (an absolute path: see notes)."""
        if self.config.enabled and self.root.is_dir():
            server.watch(str(self.root))
        return server


def _share_target(config: MkDocsConfig, sources: str, branch: str | None) -> ShareTarget | None:
    """Where "Share yours" proposes new entries: ``repo_url``, ``branch`` or else the one named
    in ``edit_uri`` (``edit/<branch>/…``, else ``main``), and the sources folder (``mkdocs.yml``
    is taken to sit at the repository's root)."""
    if not config.repo_url:
        return None
    if branch is None:
        parts = (config.edit_uri or "").strip("/").split("/")
        branch = parts[1] if len(parts) > 1 and parts[0] in ("edit", "blob", "tree") else "main"
    return ShareTarget(config.repo_url, branch, sources)
