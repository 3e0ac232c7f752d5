"""``mkdocs serve`` rebuilds when a file under the sources folder changes."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests.sources import lesson, valid_tree, write_tree

CONFIG = """\
site_name: Serve test
theme:
  name: material
  font: false
plugins:
  - lessons
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return None


def wait_for(url: str, text: str, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        page = fetch(url)
        if page is not None and text in page:
            return True
        time.sleep(0.3)
    return False


def test_serve_rebuilds_when_a_lesson_changes(tmp_path: Path) -> None:
    write_tree(tmp_path / "lessons", valid_tree())
    write_tree(tmp_path / "docs", {"index.md": "# Home\n"})
    (tmp_path / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=tmp_path,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        url = f"http://127.0.0.1:{port}/lessons/basics/first/"
        assert wait_for(url, "A lesson about First.", 30), "the server did not come up"
        # mtime granularity: make sure the change is seen as a change.
        time.sleep(1.1)
        (tmp_path / "lessons/basics/first/index.md").write_text(
            lesson("First", body="A freshly edited paragraph.\n"), encoding="utf-8"
        )
        assert wait_for(url, "A freshly edited paragraph.", 30), "no rebuild after the edit"
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_each_build_frees_what_the_last_one_kept_from_the_collector(tmp_path: Path) -> None:
    # The plugin freezes its catalog for the garbage collector during a build and leaves it
    # frozen for the process's exit; under serve, the next build must make it collectable.
    import gc

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    write_tree(tmp_path / "lessons", valid_tree())
    write_tree(tmp_path / "docs", {"index.md": "# Home\n"})
    (tmp_path / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    gc.unfreeze()
    try:
        config = load_config(str(tmp_path / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
        config.plugins.on_startup(command="serve", dirty=False)
        build(config)
        assert gc.get_freeze_count() > 0, "the build kept its objects out of the collector"
        again = load_config(str(tmp_path / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
        again.plugins.on_config(again)
        assert gc.get_freeze_count() == 0, "the next build lets the collector free the last one"
    finally:
        gc.unfreeze()
