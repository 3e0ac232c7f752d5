"""The wheel must carry every template and asset: `pip install` is all a site maintainer runs."""

from __future__ import annotations

import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PACKAGE = REPO / "plugins" / "mkdocs_lessons"


def test_package_data_covers_every_template_and_asset() -> None:
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["mkdocs_lessons"]
    shipped = {path for pattern in patterns for path in PACKAGE.glob(pattern)}
    needed = [
        path
        for folder in ("templates", "assets")
        for path in (PACKAGE / folder).rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    ]
    assert needed, "no templates or assets found"
    missing = [str(path.relative_to(PACKAGE)) for path in needed if path not in shipped]
    assert missing == [], f"package-data misses: {missing}"


def test_package_data_covers_every_schema() -> None:
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["mkdocs_lessons"]
    shipped = {path for pattern in patterns for path in PACKAGE.glob(pattern)}
    schemas = sorted((PACKAGE / "schemas").glob("*.json"))
    assert len(schemas) >= 5, "no schemas found"
    missing = [str(path.relative_to(PACKAGE)) for path in schemas if path not in shipped]
    assert missing == [], f"package-data misses: {missing}"


def test_entry_point_names_the_plugin_class() -> None:
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    target = config["project"]["entry-points"]["mkdocs.plugins"]["lessons"]
    assert target == "mkdocs_lessons.plugin:LessonsPlugin"
