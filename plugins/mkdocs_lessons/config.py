"""The plugin's options in ``mkdocs.yml``, validated by MkDocs' own config machinery."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class LessonsConfig(Config):  # type: ignore[no-untyped-call]
    enabled = c.Type(bool, default=True)
    """Switch the plugin off (for example for a quick build of the rest of the site)."""
    sources = c.Type(str, default="lessons")
    """The lessons sources folder, relative to ``mkdocs.yml``."""
    prefix = c.Type(str, default="lessons")
    """The URL prefix of the generated pages: ``<prefix>/``, ``<prefix>/<course>/``, …"""
    glossary_link_all = c.Type(bool, default=False)
    """Link every use of a term on a page, not only the first."""
    glossary_in_docs = c.Type(bool, default=False)
    """Also link terms in the pages of ``docs/``."""
    showcase_cap = c.Type(int, default=3)
    """How many showcase entries a lesson shows; with more, a page lists them all."""
    showcase_max_bytes = c.Type(int, default=20_000)
    """The largest showcase entry file accepted, in bytes."""
    showcase_branch = c.Optional(c.Type(str))
    """The branch "Share yours" proposes entries on; by default the one named in ``edit_uri``
    (which MkDocs sets to ``edit/master/docs/`` for GitHub when it is left out)."""
    code_checks = c.Type(dict, default={})
    """Commands that check lesson code by file extension: ``{".sh": "bash -n {file}"}``."""
    code_check_timeout = c.Type((int, float), default=10)
    """Seconds each code check command may take."""
    strings = c.Type(dict, default={})
    """Overrides for reader-visible strings, by key (see ``core/i18n.py``)."""
