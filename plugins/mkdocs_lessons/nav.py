"""The lessons' place in the site navigation: one section, each course a section in order."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure import StructureItem
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from .catalog.model import Catalog
from .catalog.pages import SitePlan
from .core.i18n import Translator

NavItem = StructureItem


def place_lessons(
    nav: Navigation,
    plan: SitePlan,
    catalog: Catalog,
    translate: Translator,
    files: Files,
    config: MkDocsConfig,
) -> Navigation:
    """Put the lessons in ``nav`` as one section, each course a section in order.

    The section takes the place of the lessons index in the site's ``nav`` (or of the pages
    MkDocs placed by folder when there is no ``nav``), else it goes last.
    """
    position = _remove_pages(nav.items, set(plan.pages))
    nav.items.insert(
        position if position is not None else len(nav.items),
        lessons_section(plan, catalog, translate, files, config),
    )
    nav.pages = _pages_in(nav.items)
    _link_pages(nav.items, nav.pages)
    return nav


def lessons_section(
    plan: SitePlan, catalog: Catalog, translate: Translator, files: Files, config: MkDocsConfig
) -> Section:
    def page(uri: str) -> Page:
        file = files.get_file_from_path(uri)
        assert file is not None
        return file.page if file.page is not None else Page(None, file, config)

    children: list[NavItem] = [page(plan.index_uri())]
    for course in catalog.courses:
        lessons: list[NavItem] = [page(plan.lesson_uri(lesson)) for lesson in course.lessons]
        children.append(Section(course.title, [page(plan.course_uri(course)), *lessons]))
    if plan.glossary_uri() in plan.pages:
        children.append(page(plan.glossary_uri()))
    return Section(translate("lessons"), children)


def _remove_pages(items: list[NavItem], uris: set[str]) -> int | None:
    """Remove our pages from ``items`` (recursively); return where the first one stood."""
    position: int | None = None
    index = 0
    while index < len(items):
        item = items[index]
        if isinstance(item, Page) and item.file.src_uri in uris:
            position = index if position is None else position
            del items[index]
            continue
        if isinstance(item, Section):
            had = len(item.children)
            inner = _remove_pages(item.children, uris)
            if inner is not None and position is None and not item.children:
                position = index
            if had and not item.children:
                del items[index]
                continue
        index += 1
    return position


def _pages_in(items: list[NavItem]) -> list[Page]:
    pages: list[Page] = []
    for item in items:
        if isinstance(item, Page):
            pages.append(item)
        elif isinstance(item, Section):
            pages.extend(_pages_in(item.children))
    return pages


def _link_pages(items: list[NavItem], pages: list[Page], parent: Section | None = None) -> None:
    """Set parents and previous/next links, as MkDocs does after building its nav."""
    for item in items:
        item.parent = parent
        if isinstance(item, Section):
            _link_pages(item.children, pages, item)
    for index, page in enumerate(pages):
        page.previous_page = pages[index - 1] if index > 0 else None
        page.next_page = pages[index + 1] if index + 1 < len(pages) else None
