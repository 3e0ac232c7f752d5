"""Build a small site into a temporary folder and hand back its HTML, parsed."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.sources import valid_tree, write_tree

BASE_CONFIG = """\
site_name: Test site
site_url: https://example.org/site/
theme:
  name: material
  font: false
  language: {language}
  features: [navigation.footer]
plugins:
{plugins}
markdown_extensions:
  - admonition
  - attr_list
  - toc:
      permalink: true
  - pymdownx.highlight
  - pymdownx.superfences
{extra}
"""


@dataclass
class Built:
    root: Path
    site: Path
    returncode: int
    log: str

    def html(self, relative: str) -> BeautifulSoup:
        return BeautifulSoup((self.site / relative).read_text(encoding="utf-8"), "html.parser")

    def exists(self, relative: str) -> bool:
        return (self.site / relative).exists()


BuildSite = Callable[..., Built]


@pytest.fixture
def build_site(tmp_path: Path) -> BuildSite:
    """Write sources and docs, run ``mkdocs build`` in a subprocess, return the result."""

    def build(
        sources: dict[str, str] | None = None,
        docs: dict[str, str] | None = None,
        *,
        plugins: str = "  - search\n  - lessons",
        extra: str = "",
        language: str = "en",
        strict: bool = True,
        before: Callable[[], None] | None = None,
    ) -> Built:
        root = tmp_path / "project"
        write_tree(root / "lessons", valid_tree() if sources is None else sources)
        write_tree(root / "docs", docs or {"index.md": "# Home\n"})
        if before is not None:
            before()  # what a tree of texts cannot say: symbolic links, odd bytes
        config = BASE_CONFIG.format(
            plugins=plugins, extra=textwrap.dedent(extra), language=language
        )
        (root / "mkdocs.yml").write_text(config, encoding="utf-8")
        return run_mkdocs(root, tmp_path / "site", strict=strict)

    return build


def run_mkdocs(root: Path, site: Path, *, strict: bool = True) -> Built:
    """``mkdocs build`` of the project at ``root`` into ``site``, in a subprocess (``--strict``
    without ``-q``, which would hide warnings from its count)."""
    command = [sys.executable, "-m", "mkdocs", "build", "-d", str(site)]
    if strict:
        command.append("--strict")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(command, cwd=root, capture_output=True, text=True, env=env)
    return Built(root, site, done.returncode, done.stdout + done.stderr)
