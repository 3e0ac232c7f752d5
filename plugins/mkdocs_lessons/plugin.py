"""The MkDocs adapter: hooks that hand MkDocs' objects to the engine and its results back.

Nothing about lessons is decided here; everything lives in the engine, which imports no MkDocs,
so the engine can move to another host when MkDocs 2 drops plugins.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import normalize_url
from mkdocs.utils.templates import TemplateContext

from .catalog.model import Catalog, Lesson
from .catalog.pages import PageKind, PageSpec, SitePlan, progress_map
from .catalog.render import (
    PageContext,
    link_tags,
    render_author,
    render_course,
    render_index,
)
from .config import LessonsConfig
from .core.assets import uses_lessons_markup
from .core.codeblocks import number_code_blocks
from .core.diagnostics import Diagnostic, unexpected
from .core.extension import LessonsExtension
from .core.i18n import Translator, missing_strings_note, unknown_string_keys
from .core.search import Unsearched
from .core.templating import use_search_path
from .glossary.model import GlossaryTerm
from .glossary.render import render_glossary_page, render_used_in
from .glossary.usage import matcher_for, terms_used
from .lesson_page import DocsWork, GeneratedWork, LessonWork
from .nav import place_lessons
from .showcase.render import (
    ShareTarget,
    render_showcase_page,
    render_showcase_section,
)
from .showcase.safe_markdown import SafeMarkdown
from .site_assets import SiteAssets, generated_file
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
        self.extension = LessonsExtension()
        """Renders our pages inside their Markdown pass (``core.extension``)."""
        self.unsearched: dict[str, Unsearched] = {}
        """By page source URI: what search is not given of the page (``core.search``)."""
        self._whole_content: dict[str, str] = {}
        self._reported: set[str] = set()
        """The messages said while pages rendered in this build (each is said once)."""
        """By page source URI: the content, while search is given less of it."""
        self._source = Path()
        """The source of the page being rendered, for a message about it."""
        self.terms_linked: dict[str, list[str]] = {}
        """Lesson slug -> ids of the glossary terms its page links, for "used in" lists."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Defined so that MkDocs keeps one plugin instance across ``mkdocs serve`` rebuilds."""

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Resolve paths, pick the translations and register our one JS and one CSS file."""
        # What the last build froze (see _publish_sources) can be collected again: under
        # `mkdocs serve` each rebuild starts here.
        gc.unfreeze()
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
        missing = missing_strings_note(config.theme.get("language"), self.config.strings)
        if missing is not None:
            mistake, note = missing
            say = log.warning if mistake else log.info
            say(f"mkdocs.yml: plugin 'lessons', option 'strings': {note}")
        self.translate = Translator(config.theme.get("language"), self.config.strings)
        use_search_path(config.theme.dirs, lambda d: log.warning(d.format(self.project_dir)))
        # Walkthrough code is highlighted with the site's own pymdownx.highlight settings, so it
        # looks like every other code block and follows the palette.
        self.highlighter = CodeHighlighter(config.mdx_configs.get("pymdownx.highlight"))
        self.safe_markdown = SafeMarkdown(config.mdx_configs.get("pymdownx.highlight"))
        self.share = _share_target(config, self.config.sources, self.config.showcase_branch)
        # Material shows page tags itself when its tags plugin is on; we would repeat them.
        self.show_tags = not any(name in config.plugins for name in ("tags", "material/tags"))
        self.site_assets = SiteAssets(config, self._uses_lessons)
        # Our pages are rendered in their own Markdown pass, by an extension registered like
        # any other: what leaves the pass is the page's whole content.
        # static-i18n runs on_config again for each language, on the same configuration.
        extensions: list[Any] = config.markdown_extensions
        extensions[:] = [each for each in extensions if not isinstance(each, LessonsExtension)]
        self.extension = LessonsExtension(self._report_unexpected)
        extensions.append(self.extension)
        return config

    @event_priority(10)
    def _publish_sources(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        """Load the sources and add every page and file they publish.

        Priority 10: before Material's meta plugin (0) reads the ``.meta.yml`` files, and its
        tags and blog plugins (-50), so that they see the lesson pages. With
        mkdocs-static-i18n, the pages are added after it instead (see ``_publish_pages``).
        """
        if not self.config.enabled:
            return files
        # Per build, not per configuration: static-i18n sets each language's theme language
        # after our on_config, and builds every other language again with the same config.
        self.translate = Translator(config.theme.get("language"), self.config.strings)
        options = SourceOptions(
            root=self.root,
            prefix=self.config.prefix,
            showcase_cap=self.config.showcase_cap,
            showcase_max_bytes=self.config.showcase_max_bytes,
            code_checks=self.config.code_checks,
            code_check_timeout=self.config.code_check_timeout,
            code_runs=self.config.code_runs,
        )
        docs_uris = {file.src_uri for file in files}
        # Loading makes the catalog: objects that live as long as the build, and little
        # cyclic garbage. The collector would walk them again and again as they pile up (a
        # sixth of the load's time) to free almost nothing; they are frozen once loaded.
        collecting = gc.isenabled()
        gc.disable()
        try:
            loaded = load_sources(options, self.translate, docs_uris, self.safe_markdown)
        finally:
            if collecting:
                gc.enable()
        catalog, plan, diagnostics = loaded.catalog, loaded.plan, loaded.diagnostics
        catalog.instructor = self.config.instructor
        for diagnostic in sorted(diagnostics):
            # A note (what a page shows only as far as it can) must not fail --strict.
            report = log.info if diagnostic.is_info else log.warning
            report(diagnostic.format(self.project_dir))
        for uri, path in plan.files.items():
            self._add(files, File.generated(config, uri, abs_src_path=str(path)))

        def site_url(uri: str) -> str:
            return File(uri, None, config.site_dir, config.use_directory_urls).url

        progress = progress_map(catalog, plan, site_url)
        if progress is not None:
            self._add(files, generated_file(config, plan.progress_map_uri, progress))
        for uri, path in plan.site_root_copies.items():
            if files.get_file_from_path(uri) is None:  # the site's own file wins
                self._add(files, File.generated(config, uri, abs_src_path=str(path)))
        for uri, path in plan.meta_files.items():
            meta = File.generated(
                config, uri, abs_src_path=str(path), inclusion=InclusionLevel.EXCLUDED
            )
            self._add(files, meta)
        for asset in self.site_assets.files(config):
            self._add(files, asset)
        self.catalog, self.plan = catalog, plan
        self.unsearched, self._whole_content = {}, {}
        self._reported.clear()
        self.terms_linked = {}
        if language_build(config) is None:
            self._add_pages(files, config, "")
        # The catalog lives as long as the build: kept out of the collector's way, each full
        # collection while the pages render does not walk it again (a tenth of the plugin's
        # cost per lesson), nor does the last one when `mkdocs build` exits (about 0.1 s on
        # 200 lessons). The next build's on_config unfreezes it, so that `mkdocs serve` frees
        # each build's catalog.
        gc.freeze()
        return files

    @event_priority(-101)
    def _publish_pages(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        """With mkdocs-static-i18n: add the pages after it has chosen each language's files
        (its ``on_files``, -100), which drops every page outside ``docs_dir``; each language
        but the default gets the pages under its own folder, as i18n does with docs pages."""
        language = language_build(config)
        if self.config.enabled and language is not None and self.plan is not None:
            self._add_pages(files, config, language)
        return files

    on_files = CombinedEvent(_publish_sources, _publish_pages)

    def _add_pages(self, files: Files, config: MkDocsConfig, folder: str) -> None:
        assert self.plan is not None
        for spec in self.plan.pages.values():
            self._add(files, _page_file(spec, config, folder))

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
        """Give our pages their title, description, tags and Markdown, and get the page's work
        ready for its Markdown pass.

        Priority 100: before every plugin that reads ``page.meta`` (Material's tags plugin reads
        it at -50) or changes the Markdown (macros): they see our pages as they see any other.
        The Markdown is the one the sources were read into, whatever read the page's file.
        """
        self.extension.work = None
        if self.plan is None or self.catalog is None:
            return markdown
        spec = self.plan.pages.get(page.file.src_uri)
        if spec is None:
            if self.config.glossary_in_docs and page.file.src_uri not in self.plan.files:
                href = self._term_href(self._context(page, files))
                link_all = self.config.glossary_link_all
                self.extension.work = DocsWork(self.catalog.term_matcher, href, link_all)
            return markdown
        page.meta = dict(spec.meta)
        self.extension.work = self._work(spec, page, files)
        self._source = self._source_of(spec)
        return spec.markdown

    def _source_of(self, spec: PageSpec) -> Path:
        assert self.catalog is not None
        lesson = self.catalog.lessons.get(spec.key) if spec.kind in _LESSON_KINDS else None
        return lesson.path if lesson is not None else spec.source

    def _reporter(self, path: Path) -> Callable[[int, str], None]:
        """Reports a mistake in ``path`` found while its page renders, once per build (a page
        another plugin renders again would say it again)."""

        def report(line: int, message: str) -> None:
            text = Diagnostic(path, line, message).format(self.project_dir)
            if text not in self._reported:
                self._reported.add(text)
                log.warning(text)

        return report

    def _report_unexpected(self, error: Exception) -> None:
        # The last line of defence of "never a traceback" (see Diagnostics.guard).
        log.warning(Diagnostic(self._source, 1, unexpected(error)).format(self.project_dir))

    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        """Note what the page's Markdown pass made: its anchors, and what search is not given.

        The content itself is complete already: nothing is added to it later.
        """
        work, self.extension.work = self.extension.work, None
        if isinstance(work, LessonWork):
            self.terms_linked[work.lesson.slug] = [term.id for term in work.terms_used]
        if isinstance(work, LessonWork | GeneratedWork):
            if page.present_anchor_ids is not None:
                page.present_anchor_ids |= work.anchors
            unsearched = work.unsearched if isinstance(work, LessonWork) else work.ctx.unsearched
            if unsearched:
                self.unsearched[page.file.src_uri] = unsearched
        return html

    def _work(self, spec: PageSpec, page: Page, files: Files) -> LessonWork | GeneratedWork:
        """What the Markdown pass of our page ``spec`` does."""
        assert self.plan is not None and self.catalog is not None
        ctx = self._context(page, files, Unsearched())
        catalog, translate = self.catalog, self.translate
        if spec.kind is PageKind.LESSON:
            lesson = catalog.lessons[spec.key]
            return LessonWork(
                lesson,
                catalog,
                ctx,
                self.highlighter,
                translate,
                self._term_href(ctx),
                link_all=self.config.glossary_link_all,
                showcase_html=self._showcase_section(lesson, ctx) if lesson.showcase else "",
                report=self._reporter(lesson.path),
            )
        if spec.kind is PageKind.SHOWCASE:
            lesson = catalog.lessons[spec.key]
            assert lesson.showcase is not None
            showcase = lesson.showcase

            def showcase_page() -> str:
                page_html = render_showcase_page(
                    showcase, lesson.title, ctx.lesson_link(lesson), self._share_url(lesson),
                    translate,
                )  # fmt: skip
                return number_code_blocks(page_html, "lessons-showcase-code")

            return GeneratedWork(showcase_page, ctx)
        if spec.kind is PageKind.GLOSSARY:
            terms = catalog.glossary.all_terms()

            def glossary_page() -> str:
                lessons_by_term = self._lessons_by_term()

                def used_in(term: GlossaryTerm) -> str:
                    lessons = lessons_by_term.get(term.id, [])
                    links = [(lesson.title, ctx.lesson_link(lesson)) for lesson in lessons]
                    return ctx.not_searched(render_used_in(links, translate))

                return render_glossary_page(catalog.glossary, translate, used_in)

            return GeneratedWork(
                glossary_page,
                ctx,
                anchors={term.id for term in terms},
            )
        if spec.kind is PageKind.COURSE:
            course = next(course for course in catalog.courses if course.slug == spec.key)
            return GeneratedWork(lambda: render_course(course, ctx), ctx)
        if spec.kind is PageKind.AUTHOR:
            author = catalog.authors[spec.key]
            return GeneratedWork(lambda: render_author(author, ctx), ctx)
        return GeneratedWork(lambda: render_index(ctx), ctx)

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
        template = lesson.showcase.entry_template if lesson.showcase is not None else None
        return self.share.new_entry_url(lesson.course_slug, lesson.slug, template)

    def _context(
        self, page: Page, files: Files, unsearched: Unsearched | None = None
    ) -> PageContext:
        """What the engine's renderers need to know about ``page`` and the site's URLs."""
        assert self.catalog is not None and self.plan is not None

        # Our URIs are written as MkDocs keys them: looked up as they are, not normalised
        # through a PurePath on every link of every page (get_file_from_path).
        by_uri = files.src_uris

        def url_of(uri: str) -> str:
            file = by_uri.get(uri)
            return file.url if file is not None else uri

        return PageContext(
            self.catalog, self.plan, self.translate, page.url, url_of, self.show_tags, unsearched
        )

    def _lessons_by_term(self) -> dict[str, list[Lesson]]:
        """Which lessons use each glossary term, for the glossary's "used in" lists.

        The glossary page is added after every lesson, so MkDocs renders it last: each lesson
        has said which terms its page links. A lesson not rendered (yet) is read from its
        sources instead (``glossary.usage``), the way its page links them.
        """
        assert self.catalog is not None
        catalog = self.catalog
        used_in: dict[str, list[Lesson]] = {}
        for lesson in catalog.lessons.values():
            term_ids = self.terms_linked.get(lesson.slug)
            if term_ids is None:
                matcher = matcher_for(catalog.glossary, catalog.term_matcher, lesson.slug)
                term_ids = [term.id for term in terms_used(lesson.markdown, matcher)]
            for term_id in term_ids:
                used_in.setdefault(term_id, []).append(lesson)
        return used_in

    def _term_href(self, ctx: PageContext) -> Callable[[GlossaryTerm], str]:
        assert self.plan is not None
        glossary = ctx.link(self.plan.glossary_uri())

        def href(term: GlossaryTerm) -> str:
            # A lesson's override is not on the glossary page: point at the lesson's section.
            return f"#lessons-glossary-{term.id}" if term.override else f"{glossary}#{term.id}"

        return href

    @event_priority(50)
    def _give_search_less(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext | None:
        """Before search indexes the page (Material's and MkDocs' search plugins index it in
        ``on_page_context`` at priority 0), leave out of the content what search should not be
        given: a walkthrough's code in every step, checks, lesson cards, "used in" lists
        repeat text found elsewhere, and parsing them cost search more build time than all
        the rest of a lesson (``core.search``)."""
        # Taken, not looked up: what search is not given is held only until it has indexed
        # the page (it holds a walkthrough's code of every step), not for the whole build.
        unsearched = self.unsearched.pop(page.file.src_uri, None)
        if unsearched is not None and page.content:
            self._whole_content[page.file.src_uri] = page.content
            page.content = unsearched.searchable(page.content)
        return context

    @event_priority(-1)
    def _give_back_content(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext | None:
        """Right after search (priority -1): the page has its whole content again, and the
        theme renders it; then the page's assets (``site_assets``)."""
        whole = self._whole_content.pop(page.file.src_uri, None)
        if whole is not None:
            page.content = whole
        if not self.config.enabled:
            return context
        lesson = self._lesson_of(page)
        if lesson is not None and lesson.tags and not self.show_tags and page.content:
            page.content = link_tags(page.content, lesson.tags, _tag_listings(context, page))
        return self.site_assets.page_context(context, page)

    def _lesson_of(self, page: Page) -> Lesson | None:
        spec = self.plan.pages.get(page.file.src_uri) if self.plan is not None else None
        if spec is None or spec.kind is not PageKind.LESSON or self.catalog is None:
            return None
        return self.catalog.lessons.get(spec.key)

    on_page_context = CombinedEvent(_give_search_less, _give_back_content)

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
        """The page's content without the script tag it was rendered with (``site_assets``)."""
        if self.config.enabled:
            self.site_assets.post_page(page)
        return output

    def on_serve(self, server: Any, /, *, config: MkDocsConfig, builder: Any) -> Any:
        """Rebuild when anything under the sources folder changes (an absolute path: see notes)."""
        if self.config.enabled and self.root.is_dir():
            server.watch(str(self.root))
        return server

    def _uses_lessons(self, page: Page) -> bool:
        """Whether ``page`` loads the lessons script and stylesheet: one of our pages, or a page
        whose content holds an element with a ``lessons-`` class (a glossary link, a block)."""
        if self.plan is None:
            return False
        return page.file.src_uri in self.plan.pages or uses_lessons_markup(page.content or "")


def _tag_listings(context: TemplateContext, page: Page) -> dict[str, str]:
    """The link to each tag's listing that Material's tags plugin gave the page (its
    ``on_page_context``, priority 0), relative to the page, by tag name."""
    links: dict[str, str] = {}
    tags: Any = context.get("tags") or ()
    for tag in tags:
        name, url = getattr(tag, "name", None), getattr(tag, "url", None)
        if isinstance(name, str) and isinstance(url, str) and url:
            links.setdefault(name, normalize_url(url, page))
    return links


def _page_file(spec: PageSpec, config: MkDocsConfig, folder: str = "") -> File:
    """The file of one of our pages: its source is the file the page is made from.

    An ordinary ``File`` (not ``File.generated``): to MkDocs and other plugins it is a page with
    a source, so edit links, git dates, feeds and translations find it; its Markdown is the one
    the sources were read into (front matter read, blocks replaced by markers).
    """
    # NOT_IN_NAV: on_nav places them; MkDocs would otherwise list them as missing.
    file = File(
        spec.src_uri,
        src_dir=None,
        dest_dir=config.site_dir,
        use_directory_urls=config.use_directory_urls,
        inclusion=InclusionLevel.NOT_IN_NAV,
    )
    file.content_string = spec.markdown
    # After the content: MkDocs' setter of the content forgets the source path.
    file.abs_src_path = str(spec.source)
    # The edit link is built as edit_uri + this path, and edit_uri names docs_dir: a source
    # beside docs_dir is reached through "..", which the URL join resolves.
    docs_dir = Path(config.docs_dir).resolve()
    file.edit_uri = (
        Path(os.path.relpath(spec.source, docs_dir)).as_posix() if spec.source.is_file() else None
    )
    if folder:  # a language's build of static-i18n: the language's folder of the site
        file.dest_uri = f"{folder}/{file.dest_uri}"
        file.url = f"{folder}/{file.url}"
        file.abs_dest_path = os.path.normpath(os.path.join(config.site_dir, file.dest_uri))
    return file


def language_build(config: MkDocsConfig) -> str | None:
    """With mkdocs-static-i18n: the folder of the language being built ("" for the default
    language); None without it."""
    i18n = config.plugins.get("i18n")
    if i18n is None or not getattr(i18n, "config", {}).get("enabled", True):
        return None
    current = getattr(i18n, "current_language", None)
    default = getattr(i18n, "default_language", None)
    return "" if current is None or current == default else str(current)


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
