"""The authors' guide lists every message the code can give (tools/messages.py)."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

from tests import tools

TOOL = Path(__file__).resolve().parents[2] / "tools" / "messages.py"


def load_tool() -> ModuleType:
    return tools.load_tool("messages")


def test_the_guides_table_of_messages_is_up_to_date() -> None:
    tool = load_tool()
    current = tool.GENERATED.current()
    assert current is not None, "the guide lost its messages markers"
    assert current == tool.GENERATED.block(), "run: python tools/messages.py --write"


def test_the_table_covers_every_feature_and_many_messages() -> None:
    tool = load_tool()
    found = list(tool.messages())
    assert len(found) >= 100
    assert {feature for feature, _ in found} == set(tool.FEATURES.values())
    assert any("no choice is marked right" in text for _, text in found)
    assert any(text.startswith("focus … matches no line") for _, text in found)
