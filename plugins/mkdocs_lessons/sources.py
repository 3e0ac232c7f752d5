"""Everything the sources say, loaded and checked in one call: shared by the plugin and the
``mkdocs-lessons check`` command, so both report exactly the same messages."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .catalog.loader import load_catalog
from .catalog.model import Catalog
from .catalog.pages import SitePlan, check_links, plan_site
from .checks.outputs import compute_outputs
from .codecheck import verify_catalog
from .core.diagnostics import Diagnostics
from .core.i18n import Translator
from .showcase.render import render_entries
from .showcase.safe_markdown import SafeMarkdown


@dataclass(frozen=True)
class SourceOptions:
    """The plugin options (and site settings) that decide what the sources mean."""

    root: Path
    prefix: str = "lessons"
    showcase_cap: int = 3
    showcase_max_bytes: int = 20_000
    code_checks: Mapping[str, str] = field(default_factory=dict)
    code_check_timeout: float = 10.0
    code_runs: Mapping[str, str] = field(default_factory=dict)
    highlight: Mapping[str, Any] | None = None


@dataclass
class LoadedSources:
    catalog: Catalog
    plan: SitePlan
    diagnostics: Diagnostics


def load_sources(
    options: SourceOptions,
    translate: Translator,
    docs_uris: set[str],
    safe_markdown: SafeMarkdown | None = None,
) -> LoadedSources:
    """Load the catalog, render showcase entries, verify lesson code, plan pages, check links."""
    diagnostics = Diagnostics()
    catalog = load_catalog(options.root, diagnostics, showcase_max_bytes=options.showcase_max_bytes)
    # Each stage reads every lesson; the readers report each mistake themselves, and a guard
    # names the sources folder for what they did not foresee, so the build still goes on.
    with diagnostics.guard(options.root):
        render_entries(
            (lesson.showcase for lesson in catalog.lessons.values() if lesson.showcase),
            safe_markdown or SafeMarkdown(options.highlight),
            diagnostics,
        )
    with diagnostics.guard(options.root):
        verify_catalog(catalog, options.code_checks, options.code_check_timeout, diagnostics)
    with diagnostics.guard(options.root):
        compute_outputs(catalog, options.code_runs, options.code_check_timeout, diagnostics)
    plan = plan_site(catalog, options.prefix, translate, showcase_cap=options.showcase_cap)
    with diagnostics.guard(options.root):
        check_links(catalog, plan, docs_uris, diagnostics)
    return LoadedSources(catalog, plan, diagnostics)
