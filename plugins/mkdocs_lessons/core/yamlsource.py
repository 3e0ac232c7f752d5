"""YAML that remembers where each value came from, so messages can name a line.

PyYAML's composer keeps a start mark on every node; we keep the node tree beside the plain
Python data and look lines up by key path (``("authors", "jane", "name")`` or
``("lessons", 2)``). The C loader is used where PyYAML was built with libyaml, which matters for
build time on sites with hundreds of lessons.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .diagnostics import Diagnostics

_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

KeyPath = tuple[str | int, ...]


@dataclass
class YamlSource:
    """Parsed YAML data plus the node tree it came from."""

    path: Path
    data: Any
    node: yaml.Node | None
    first_line: int = 1
    """The 1-based line of the file where this YAML text starts (front matter starts at 2)."""
    _empty: dict[str, Any] = field(default_factory=dict)

    column_offset: int = 0
    """Columns the YAML text was shifted left by (block options are indented by 4)."""

    def line_of(self, *key_path: str | int) -> int:
        """The 1-based file line of the deepest node of ``key_path`` that exists."""
        return self.position_of(*key_path)[0]

    def position_of(self, *key_path: str | int, value: bool = False) -> tuple[int, int]:
        """The 1-based file line and column of the deepest node of ``key_path`` that exists:
        of a mapping's key, or with ``value`` of the value under it."""
        node = self.node
        if node is None:
            return self.first_line, 1
        mark = node.start_mark
        for key in key_path:
            child: yaml.Node | None = None
            if isinstance(node, yaml.MappingNode):
                for key_node, value_node in node.value:
                    if key_node.value == key:
                        mark = key_node.start_mark
                        child = value_node
                        break
            elif (
                isinstance(node, yaml.SequenceNode)
                and isinstance(key, int)
                and 0 <= key < len(node.value)
            ):
                child = node.value[key]
                mark = child.start_mark
            if child is None:
                break
            node = child
        else:
            if value and key_path:
                mark = node.start_mark
        return self.first_line + mark.line, self.column_offset + mark.column + 1


def load_yaml(
    text: str, path: Path, diagnostics: Diagnostics, *, first_line: int = 1, column_offset: int = 0
) -> YamlSource | None:
    """Parse ``text``; on a syntax error add a diagnostic at the error's line and return None."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = first_line + (mark.line if mark is not None else 0)
        column = column_offset + (mark.column + 1 if mark is not None else 1)
        problem = error.problem or "invalid YAML"
        context = f" {error.context}" if error.context else ""
        diagnostics.add(
            path, line, f"invalid YAML: {problem}{context} (check indentation and quoting)", column
        )
        return None
    except yaml.YAMLError as error:
        diagnostics.add(path, first_line, f"invalid YAML: {error}")
        return None
    finally:
        loader.dispose()
    return YamlSource(path, data, node, first_line, column_offset=column_offset)
