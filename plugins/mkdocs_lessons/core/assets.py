"""The one JS and one CSS file every lesson page loads.

Each feature keeps its own module in ``assets/js`` and ``assets/css``; they are joined here at
build time (no bundler), ``core.js`` first because the feature modules register with it.
"""

from __future__ import annotations

from pathlib import Path

ASSETS = Path(__file__).resolve().parent.parent / "assets"
SCRIPT_URI = "assets/mkdocs-lessons/lessons.js"
STYLESHEET_URI = "assets/mkdocs-lessons/lessons.css"


def _modules(kind: str) -> list[Path]:
    folder = ASSETS / kind
    return sorted(folder.glob(f"*.{kind}"), key=lambda path: (path.stem != "core", path.name))


def bundle(kind: str) -> str:
    """All modules of ``kind`` (``js`` or ``css``) joined, each headed by its file name."""
    modules = _modules(kind)
    if not modules:
        # Only a broken installation gets here; an empty file would fail silently in readers'
        # browsers instead.
        raise FileNotFoundError(f"mkdocs-lessons: no {kind} modules in {ASSETS / kind}")
    parts = [f"/* {path.name} */\n{path.read_text(encoding='utf-8')}" for path in modules]
    return "\n".join(parts)
