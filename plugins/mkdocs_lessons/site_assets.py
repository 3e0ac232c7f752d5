"""MkDocs adapter for the lessons script and stylesheet: which pages load them, and how.

Only pages that use a lesson feature load the two files (``uses_lessons``, given by the
plugin). Material renders ``config.extra_css`` and ``config.extra_javascript`` on every page,
so they stay untouched and each page that uses lessons gets its own copy of the config instead:

- The stylesheet joins that copy's ``extra_css``, in the ``<head>`` where it always was. On
  instant navigation Material appends to the ``<head>`` every element that the next page has
  and this one lacks, and removes those the next page lacks: a lesson reached from a page
  without lessons gets the stylesheet, and the page after it loses it again.
- The script goes inside the page's ``data-md-component="container"`` (at the end of the
  content the theme renders), with ``defer`` so that it runs after Material's bundle and finds
  ``document$``. Instant navigation never runs the scripts of a new page's ``<head>`` or the end
  of its ``<body>``; it swaps the container in and runs the scripts found in it, so a lesson
  reached from the home page starts. Material runs the script again on each lesson it swaps
  in; the bundle runs once per browser page (see ``core.assets``), and its ``document$``
  subscription mounts the new page. The tag joins ``page.content`` only while the theme renders
  it (``page_context`` to ``post_page``): writing it into the finished page instead would copy
  every page's whole HTML once more.

Both names carry a hash of the content, so they are not in ``config.extra_*`` at all and
``mkdocs-minify-plugin``'s ``cache_safe`` (which renames the entries of ``js_files`` /
``css_files`` found in ``config.extra_*``) never sees them: they are cache-safe already.
"""

from __future__ import annotations

import atexit
import copy
import functools
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path, PurePosixPath

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page
from mkdocs.utils import normalize_url
from mkdocs.utils.templates import TemplateContext

from .core.assets import FOLDER_URI, HASH_LENGTH, Asset, Bundles, build_bundles

log = get_plugin_logger(__name__)

UsesLessons = Callable[[Page], bool]


class SiteAssets:
    """The bundles of one build, and which of its pages load them.

    Made in ``on_config`` (a new one each build, also under ``mkdocs serve``); ``files`` in
    ``on_files``; ``page_context`` in ``on_page_context``; ``post_page`` in ``on_post_page``.
    """

    def __init__(self, config: MkDocsConfig, uses_lessons: UsesLessons) -> None:
        self.uses_lessons = uses_lessons
        self.bundles: Bundles | None = None
        self._script_pages: dict[str, str | None] = {}
        """The content of each page being rendered with the script tag, by source URI."""
        for message in minify_conflicts(config):
            log.warning(message)

    def files(self, config: MkDocsConfig) -> Iterator[File]:
        """The two bundles as files of the site, read and hashed once per build."""
        self.bundles = bundles = build_bundles()
        self._script_pages.clear()
        for asset in (bundles.script, bundles.stylesheet):
            yield generated_file(config, asset.uri, asset.content)

    def page_context(self, context: TemplateContext, page: Page) -> TemplateContext:
        """Give a page that uses lessons a config of its own that lists the stylesheet.

        A shallow copy (a dict of some forty entries): every other value is shared, and the
        site's config, which every other page renders, keeps its own ``extra_css``.
        """
        if self.bundles is None or not self.uses_lessons(page):
            return context
        page_config = copy.copy(context["config"])
        page_config.extra_css = [*page_config.extra_css, self.bundles.stylesheet.uri]
        context["config"] = page_config
        # MkDocs' own themes read these lists from the context instead of the config.
        stylesheet_url = normalize_url(self.bundles.stylesheet.uri, page)
        context["extra_css"] = [*context["extra_css"], stylesheet_url]
        src = normalize_url(self.bundles.script.uri, page)
        self._script_pages[page.file.src_uri] = page.content
        page.content = f'{page.content or ""}\n<script src="{src}" defer></script>'
        return context

    def post_page(self, page: Page) -> None:
        """Give the page its content back, without the script tag that the theme has written
        out (see above): plugins that read the content later never see it."""
        if page.file.src_uri in self._script_pages:
            page.content = self._script_pages.pop(page.file.src_uri)


def minify_conflicts(config: MkDocsConfig) -> list[str]:
    """Warnings for ``mkdocs-minify-plugin`` entries that would reach our bundles.

    Minify renames each file its ``js_files``/``css_files`` match (``.min``, and a hash under
    ``cache_safe``) after the pages are written, so every lesson page would point at a file that
    is gone; under ``cache_safe`` it fails outright on a file it did not hash before the build.
    """
    minify = config.plugins.get("minify")
    if minify is None:
        return []
    messages = []
    for option, kind in (("js_files", "js"), ("css_files", "css")):
        patterns = minify.config.get(option) or []
        for pattern in [patterns] if isinstance(patterns, str) else patterns:
            if _minify_pattern_reaches_bundle(str(pattern), kind):
                messages.append(
                    f"mkdocs.yml: plugin 'minify', option '{option}': '{pattern}' names the "
                    f"lessons plugin's {kind.upper()} bundle, which minify would rename after "
                    "the lesson pages link it; remove it: the bundle's name already carries a "
                    "hash of its content, so it is safe to cache"
                )
    return messages


def _minify_pattern_reaches_bundle(pattern: str, kind: str) -> bool:
    """Whether minify would pick ``assets/mkdocs-lessons/lessons.<hash>.<kind>`` with ``pattern``.

    Minify reads a pattern as a folder (up to the first ``*``) and a pathlib glob inside it; a
    plain name it opens as it is (and fails on if it does not exist, like our old unhashed one).
    """
    bundle = PurePosixPath(FOLDER_URI, f"lessons.{'0' * HASH_LENGTH}.{kind}")
    if "*" not in pattern:
        return PurePosixPath(pattern).parent == bundle.parent and pattern.endswith(f".{kind}")
    folder, rest = pattern.split("*", 1)
    if not bundle.is_relative_to(folder):
        return False
    relative, glob = bundle.relative_to(folder), PurePosixPath(f"*{rest}")
    if "**" in glob.parts:
        return True  # any depth: reaches our folder
    return len(relative.parts) == len(glob.parts) and relative.match(str(glob))


def generated_file(config: MkDocsConfig, uri: str, content: str) -> File:
    """A file of the site made by the plugin (a bundle, the progress map), at ``uri``.

    A file on disk (see :func:`_written`), not content in memory: other plugins read every
    file from its source path (static-i18n, Material's privacy plugin scanning scripts and
    styles), and fail on a file that has none.
    """
    return File.generated(config, uri, abs_src_path=str(_written(Asset(uri, content))))


def _written(asset: Asset) -> Path:
    """``asset`` as a file of this process's own folder, named by its hash (written once per
    process). Not the shared temporary folder itself: another user of the machine could make
    a folder there first (and we could not write into it), or leave a file or a link under the
    name we would use, which we would then publish."""
    path = _private_folder() / PurePosixPath(asset.uri).name
    if not path.is_file():
        path.write_text(asset.content, encoding="utf-8")
    return path


@functools.cache
def _private_folder() -> Path:
    """A folder only this user can enter (``mkdtemp`` makes it with mode 0700), made once per
    process and removed when it ends: a build reads the files in it until then."""
    folder = Path(tempfile.mkdtemp(prefix="mkdocs-lessons-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder
