"""The authors' guide lists every message the code can give (tools/messages.py)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

TOOL = Path(__file__).resolve().parents[2] / "tools" / "messages.py"


def load_tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("messages_tool", TOOL)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["messages_tool"] = module
    spec.loader.exec_module(module)
    return module


def test_the_guides_table_of_messages_is_up_to_date() -> None:
    tool = load_tool()
    current = tool.guide_block(tool.GUIDE.read_text(encoding="utf-8"))
    assert current is not None, "the guide lost its messages markers"
    assert current == tool.block(), "run: python tools/messages.py --write"


def test_the_table_covers_every_feature_and_many_messages() -> None:
    tool = load_tool()
    found = list(tool.messages())
    assert len(found) >= 100
    assert {feature for feature, _ in found} == set(tool.FEATURES.values())
    assert any("no choice is marked right" in text for _, text in found)
    assert any(text.startswith("focus … matches no line") for _, text in found)
