"""The lessons' place in the site navigation: one section, each course a section in order."""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure import StructureItem
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from .catalog.model import Catalog
from .catalog.pages import PageKind, SitePlan
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
    section = lessons_section(plan, catalog, translate, files, config)
    nav.items.insert(position if position is not None else len(nav.items), section)
    nav.pages = _pages_in(nav.items)
    _link_pages(nav.items, nav.pages)
    _place_pages_off_nav(section, plan, catalog, files)
    return nav


def lessons_section(
    plan: SitePlan, catalog: Catalog, translate: Translator, files: Files, config: MkDocsConfig
) -> Section:
    def page(uri: str) -> Page:
        file = files.get_file_from_path(uri)
        assert file is not None
        return file.page if file.page is not None else Page(None, file, config)

    def overview(uri: str) -> NavItem:
        # A section's own page: without index pages the theme lists it as the section's first
        # entry, which under the page's title would read "AWS IAM > AWS IAM".
        found = page(uri)
        return found if _has_section_indexes(config) else NavEntry(found, translate("nav_overview"))

    children: list[NavItem] = [overview(plan.index_uri())]
    for course in catalog.courses:
        lessons: list[NavItem] = [page(plan.lesson_uri(lesson)) for lesson in course.lessons]
        children.append(Section(course.title, [overview(plan.course_uri(course)), *lessons]))
    if plan.glossary_uri() in plan.pages:
        children.append(page(plan.glossary_uri()))
    return Section(translate("lessons"), children)


def _place_pages_off_nav(section: Section, plan: SitePlan, catalog: Catalog, files: Files) -> None:
    """Give the pages not listed in the nav (a lesson's showcase, an author) the section they
    belong to as their parent: the theme then opens it on them, as on the lesson or the course
    the reader came from, instead of folding the lessons away. An author's is their course,
    or the lessons section when their lessons are in several courses."""
    courses = dict(
        zip(
            (course.slug for course in catalog.courses),
            (child for child in section.children if isinstance(child, Section)),
            strict=True,
        )
    )
    for uri, spec in plan.pages.items():
        file = files.get_file_from_path(uri)
        if file is None or file.page is None:
            continue
        if spec.kind is PageKind.SHOWCASE:
            file.page.parent = courses[catalog.lessons[spec.key].course_slug]
        elif spec.kind is PageKind.AUTHOR:
            slugs = {lesson.course_slug for lesson in catalog.lessons_by(spec.key)}
            file.page.parent = courses[slugs.pop()] if len(slugs) == 1 else section


def _has_section_indexes(config: MkDocsConfig) -> bool:
    """Whether the theme shows a section's index page as the section itself (Material's
    ``navigation.indexes``); no other theme has section pages."""
    theme = config.theme
    return theme.name == "material" and "navigation.indexes" in (theme.get("features") or [])


class NavEntry(Page):
    """A page's entry in the navigation under a title of its own.

    The theme shows ``title`` in the nav; the page keeps its own for its heading, its
    ``<title>`` and the previous/next links. Everything but the title is the page's: reads and
    writes go to it (``active``, ``parent``, ``url``), and the entry equals the page, so the
    theme still marks it as the current page and opens its table of contents. It is a
    :class:`Page` so that other plugins walking the nav see a page.
    """

    def __init__(self, page: Page, title: str) -> None:
        # Not Page.__init__: that would make the file's page this entry.
        object.__setattr__(self, "_page", page)
        object.__setattr__(self, "_nav_title", title)

    @property
    def page(self) -> Page:
        """The page this entry stands for."""
        found: Page = object.__getattribute__(self, "_page")
        return found

    def __getattribute__(self, name: str) -> Any:
        if name == "title":
            return object.__getattribute__(self, "_nav_title")
        if name in ("page", "_page", "_nav_title", "__class__", "__dict__") or name.startswith(
            "__"
        ):
            return object.__getattribute__(self, name)
        return getattr(object.__getattribute__(self, "_page"), name)

    def __setattr__(self, name: str, value: Any) -> None:
        setattr(object.__getattribute__(self, "_page"), name, value)

    def __eq__(self, other: object) -> bool:
        mine = object.__getattribute__(self, "_page")
        if isinstance(other, NavEntry):
            return bool(mine is object.__getattribute__(other, "_page"))
        return bool(other is mine)

    __hash__ = None  # type: ignore[assignment]  # as Page: equal to a mutable page

    def __repr__(self) -> str:
        return f"NavEntry({self.title!r}, {object.__getattribute__(self, '_page')!r})"


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
        if isinstance(item, NavEntry):
            pages.append(item.page)
        elif isinstance(item, Page):
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
