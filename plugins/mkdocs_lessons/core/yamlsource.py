"""YAML that remembers where each value came from, so messages can name a line.

PyYAML's composer keeps a start mark on every node; we keep the node tree beside the plain
Python data and look lines up by key path (``("authors", "jane", "name")`` or
``("lessons", 2)``). The C loader is used where PyYAML was built with libyaml, which matters for
build time on sites with hundreds of lessons.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from .diagnostics import Diagnostics

_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Unreadable(yaml.constructor.ConstructorError):
    """A value we explain ourselves: its message already says what to write instead."""


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    """The safe loader, with every value it cannot construct reported at the value's node.

    PyYAML turns ``2026-02-30`` into a date and ``1`` followed by 5,000 digits into an int by
    calling Python, whose ValueError carries no position; an author needs the line.
    """

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        try:
            value = super().construct_object(node, deep)
        except yaml.MarkedYAMLError:
            raise
        except (ValueError, OverflowError, KeyError, TypeError) as error:
            raise _Unreadable(None, None, _unconstructable(node, error), node.start_mark) from error
        # A number no source needs, which later arithmetic, formatting or JSON would choke on:
        # refused here, once, at its line, rather than wherever it is first used.
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > _LARGEST:
            raise _Unreadable(None, None, _too_large(node), node.start_mark)
        if isinstance(value, float) and math.isinf(value) and "inf" not in node.value.lower():
            raise _Unreadable(None, None, _too_large(node, "about 1.7e308"), node.start_mark)
        return value


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

    text: str = ""
    """The YAML text, to count lines as the file does (see :func:`mark_position`)."""

    def line_at(self, mark: yaml.Mark) -> int:
        """The 1-based file line of ``mark``."""
        return self.first_line + mark_position(self.text, mark)[0]

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
                    if _is_key(key_node, key):
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
        line, column = mark_position(self.text, mark)
        return self.first_line + line, self.column_offset + column + 1


def _is_key(node: yaml.Node, key: object) -> bool:
    """Whether ``node`` is the key ``key`` of the data: ``1:``, ``~:`` and ``yes:`` are keys
    that YAML reads as a number, None and True."""
    if isinstance(key, str) or not isinstance(node, yaml.ScalarNode):
        return bool(node.value == key)
    try:
        return bool(yaml.constructor.SafeConstructor().construct_object(node) == key)
    except (yaml.YAMLError, ValueError, TypeError, OverflowError):
        return False


# YAML also ends lines at NEL, U+2028 and U+2029 (and a lone CR), which editors and our
# messages do not: where the text holds one, lines are counted from the mark's offset instead.
_OTHER_BREAKS = re.compile("[\r\x85\u2028\u2029]")


def mark_position(text: str, mark: yaml.Mark) -> tuple[int, int]:
    """The 0-based line and column of ``mark`` in ``text``, lines ending at "\\n" only."""
    if not _has_other_breaks(text):
        return mark.line, mark.column
    index = min(max(mark.index, 0), len(text))
    start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index), index - start


@lru_cache(maxsize=64)
def _has_other_breaks(text: str) -> bool:
    # Asked for every key of a message or a position: the whole text was searched each time.
    return _OTHER_BREAKS.search(text) is not None


def _unconstructable(node: yaml.Node, error: Exception) -> str:
    value = node.value if isinstance(node, yaml.ScalarNode) else ""
    shown = value if len(value) <= 40 else value[:37] + "..."
    tag = node.tag.rsplit(":", 1)[-1]
    if tag == "timestamp":
        return (
            f"'{shown}' is not a real date ({error}): write an existing date as YYYY-MM-DD, "
            "or quote the value to keep it as text"
        )
    if tag == "int" and len(value) > 100:
        return (
            f"the number '{shown}' has {len(value):,} characters, more than a number may "
            "have: quote it to keep it as text"
        )
    return f"cannot read '{shown}' as a YAML {tag}: quote the value to keep it as text"


_LARGEST = 2**63 - 1


def _too_large(node: yaml.Node, largest: str = "9,223,372,036,854,775,807") -> str:
    value = str(node.value)
    shown = value if len(value) <= 40 else value[:37] + "..."
    return (
        f"the number {shown} is too large to be read (at most {largest}): write a smaller "
        "number, or quote it to keep it as text"
    )


def _duplicate_keys(node: yaml.Node | None) -> list[tuple[yaml.Node, yaml.Node]]:
    """Each key written a second time in the same mapping, with its first writing: PyYAML
    keeps the last silently, so the author's first value would vanish without a word."""
    found: list[tuple[yaml.Node, yaml.Node]] = []
    seen: set[int] = set()
    stack = [node] if node is not None else []
    while stack:
        current = stack.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)
        elif isinstance(current, yaml.MappingNode):
            first: dict[tuple[str, str], yaml.Node] = {}
            for key, value in current.value:
                if isinstance(key, yaml.ScalarNode) and key.value != "<<":
                    earlier = first.setdefault((key.tag, key.value), key)
                    if earlier is not key:
                        found.append((key, earlier))
                stack.extend((key, value))
    return sorted(found, key=lambda pair: pair[0].start_mark.index)


def _problem(error: yaml.MarkedYAMLError, text: str) -> str:
    """The parser's words, with the character it stumbled on (libyaml does not name it)."""
    problem = error.problem or "invalid YAML"
    if problem.startswith("found character that") and error.problem_mark is not None:
        index = error.problem_mark.index
        found = text[index : index + 1] if 0 <= index < len(text) else ""
        if found:
            problem = problem.replace("character", f"character {found!r}", 1)
    return problem


def _hint(error: yaml.MarkedYAMLError, text: str) -> str:
    """How to fix the usual YAML mistakes, said in the author's terms."""
    problem = _problem(error, text)
    if "mapping values are not allowed" in problem and error.problem_mark is not None:
        index = min(max(error.problem_mark.index, 0), len(text))
        if len(text[text.rfind("\n", 0, index) + 1 : index].strip()) > 1000:
            return "a key may be at most 1024 characters long: shorten it"
    if "mapping values are not allowed" in problem:
        return "a value that holds ': ' must be quoted, as in title: \"Roles: Who May Assume Them\""
    if "'\\t'" in problem or "\t" in problem:
        return "YAML is indented with spaces, never tabs"
    if "found unhashable key" in problem:
        return "a key must be a plain text, not a list or a mapping"
    if "could not determine a constructor" in problem:
        return "a value starting with '!' must be quoted"
    if "found undefined alias" in problem or "found character '*'" in problem:
        return "a value starting with '*' or '&' must be quoted"
    if "found character '@'" in problem or "found character '`'" in problem:
        return "a value starting with '@' or '`' must be quoted"
    return "check indentation and quoting"


def _error_mark(error: yaml.MarkedYAMLError) -> yaml.Mark | None:
    """Where the author made the mistake: at an unclosed bracket or quote its opening, which
    the parser names as the context, not at the end of the text where it noticed."""
    context = error.context or ""
    if error.context_mark is not None and (
        context.startswith(("while parsing a flow", "while scanning a quoted scalar"))
    ):
        return error.context_mark
    return error.problem_mark or error.context_mark


def _cycle(node: yaml.Node | None) -> yaml.Node | None:
    """An alias node that contains itself (``a: &x [*x]``), which would make recursive data
    that every reader of the value would follow forever; None when there is none."""
    if node is None:
        return None
    state: dict[int, bool] = {}  # id -> True while on the current path, False when done
    stack: list[tuple[yaml.Node, int]] = [(node, 0)]
    while stack:
        current, index = stack.pop()
        children: list[yaml.Node] = []
        if isinstance(current, yaml.SequenceNode):
            children = list(current.value)
        elif isinstance(current, yaml.MappingNode):
            children = [item for pair in current.value for item in pair]
        if index == 0:
            if state.get(id(current)) is True:
                return current
            if id(current) in state:
                continue
            state[id(current)] = True
        if index < len(children):
            stack.append((current, index + 1))
            child = children[index]
            if state.get(id(child)) is True:
                return child
            if id(child) not in state:
                stack.append((child, 0))
        else:
            state[id(current)] = False
    return None


def load_yaml(
    text: str, path: Path, diagnostics: Diagnostics, *, first_line: int = 1, column_offset: int = 0
) -> YamlSource | None:
    """Parse ``text``; on a syntax error add a diagnostic at the error's line and return None."""
    # A byte order mark is how some editors start UTF-8 files; it is not part of the YAML.
    loader = _Loader(text.removeprefix("\ufeff"))
    try:
        node = loader.get_single_node()
        # Only an alias ('*x' of an '&x' anchor) can make a cycle: most texts have neither.
        loop = _cycle(node) if "*" in text and "&" in text else None
        if loop is not None:
            raise _Unreadable(
                None,
                None,
                "this anchor contains an alias of itself, which makes endless data: write the "
                "value out instead of using '&' and '*'",
                loop.start_mark,
            )
        data = loader.construct_document(node) if node is not None else None
        for key, earlier in _duplicate_keys(node):
            line, column = mark_position(text, key.start_mark)
            diagnostics.add(
                path,
                first_line + line,
                f"'{key.value}' is written twice here (first at line "
                f"{first_line + mark_position(text, earlier.start_mark)[0]}): only the last "
                "would be read; remove one",
                column_offset + column + 1,
            )
    except yaml.MarkedYAMLError as error:
        mark = _error_mark(error)
        # Past the end: the parser's mark at the end of the stream can follow a last newline.
        last = text.count("\n") - (1 if text.endswith("\n") else 0)
        at_line, at_column = mark_position(text, mark) if mark is not None else (0, 0)
        line = first_line + min(at_line, max(last, 0))
        column = column_offset + at_column + 1
        if isinstance(error, _Unreadable):
            message = f"invalid YAML: {error.problem}"
        else:
            problem = _problem(error, text)
            context = f" {error.context}" if error.context else ""
            message = f"invalid YAML: {problem}{context} ({_hint(error, text)})"
        diagnostics.add(path, line, message, column)
        return None
    except yaml.reader.ReaderError as error:
        character = error.character if isinstance(error.character, str) else chr(error.character)
        diagnostics.add(
            path,
            first_line + text.count("\n", 0, max(error.position, 0)),
            f"invalid YAML: the text holds the character {character!r} (U+{ord(character):04X}), "
            "which YAML does not allow: remove it",
        )
        return None
    except yaml.YAMLError as error:
        diagnostics.add(path, first_line, f"invalid YAML: {error}")
        return None
    except RecursionError:
        diagnostics.add(
            path, first_line, "invalid YAML: the values are nested too deeply: flatten them"
        )
        return None
    finally:
        loader.dispose()
    return YamlSource(path, data, node, first_line, column_offset=column_offset, text=text)
