"""Every message the build (and `mkdocs-lessons check`) can give, read from the source code.

Messages are found where they are made: `diagnostics.add(path, line, message)`, a showcase
entry's `refuse(message, ...)`, a code check's `CodeProblem(line, message)` and the command's
`Diagnostic(path, line, message)`. The parts that depend on the input (a key, a line, a file)
are shown as `…`.

    python tools/messages.py            print the table
    python tools/messages.py --write    put it in docs/authors-guide.md between the markers

A unit test runs this and fails when the guide's table is out of date.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from pathlib import Path

from generated import GeneratedTable

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "plugins" / "mkdocs_lessons"
GUIDE = ROOT / "docs" / "authors-guide.md"
START = "<!-- messages:start (made by tools/messages.py; do not edit by hand) -->"
END = "<!-- messages:end -->"

# Where each kind of call keeps its message: (callable name, index of the message argument).
MESSAGE_ARGUMENT = {
    "add": 2,
    "append": 0,
    "refuse": 0,
    "CodeProblem": 1,
    "Diagnostic": 2,
    "Refusal": 0,
    "Located": 1,
    "_Unreadable": 2,
}

# Functions that build a message (or its ending) for a caller to report: their returned texts.
MESSAGE_FUNCTIONS = frozenset(
    {
        "_unconstructable",
        "_too_large",
        "_hint",
        "unexpected",
        "path_problem",
        "author_id_problem",
        "unclosed_html_problem",
    }
)

FEATURES = {
    "catalog": "authors, courses and lessons",
    "checks": "concepts and System Checks",
    "cli.py": "the check command",
    "codecheck.py": "lesson code",
    "core": "YAML and keys (every file)",
    "glossary": "glossary",
    "showcase": "community showcase",
    "walkthrough": "walkthroughs",
}


def template(node: ast.expr) -> str | None:
    """The text of a message expression, with what depends on the input shown as `…`."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        parts = []
        for value in node.values:
            if isinstance(value, ast.Constant):
                parts.append(str(value.value))
            else:
                parts.append("…")
        return "".join(parts)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = template(node.left), template(node.right)
        if left is None and right is None:
            return None
        return (left if left is not None else "…") + (right if right is not None else "…")
    if isinstance(node, ast.IfExp):
        return template(node.body)
    return None


def _callee(call: ast.Call) -> str | None:
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    if isinstance(call.func, ast.Name):
        return call.func.id
    return None


def messages() -> Iterator[tuple[str, str]]:
    """(feature, message template) for every message in the package, in source order."""
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE)
        feature = FEATURES.get(relative.parts[0])
        if feature is None:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef) and node.name in MESSAGE_FUNCTIONS:
                for inner in ast.walk(node):
                    if isinstance(inner, ast.Return) and inner.value is not None:
                        text = template(inner.value)
                        if text is not None and len(text) > 12:
                            yield feature, " ".join(text.split())
            # A parser that returns "(result, error)" (the walkthrough focus) has its messages
            # in its return statements.
            if (
                isinstance(node, ast.Return)
                and isinstance(node.value, ast.Tuple)
                and len(node.value.elts) == 2
                and isinstance(node.value.elts[0], ast.List)
            ):
                text = template(node.value.elts[1])
                if text is not None and len(text) > 12:
                    yield feature, " ".join(text.split())
            if not isinstance(node, ast.Call):
                continue
            name = _callee(node)
            index = MESSAGE_ARGUMENT.get(name or "")
            if index is None or len(node.args) <= index:
                continue
            if name == "add" and not _is_diagnostics(node):
                continue
            if name == "append" and not _is_errors(node):
                continue
            text = template(node.args[index])
            if text is not None and len(text) > 12:
                yield feature, " ".join(text.split())


def _is_diagnostics(call: ast.Call) -> bool:
    target = call.func.value if isinstance(call.func, ast.Attribute) else None
    return (isinstance(target, ast.Name) and target.id == "diagnostics") or (
        isinstance(target, ast.Attribute) and target.attr == "diagnostics"
    )


def _is_errors(call: ast.Call) -> bool:
    target = call.func.value if isinstance(call.func, ast.Attribute) else None
    return isinstance(target, ast.Name) and target.id == "errors"


def table() -> str:
    seen: set[tuple[str, str]] = set()
    rows = []
    for feature, text in sorted(messages(), key=lambda item: item[0]):
        if (feature, text) in seen:
            continue
        seen.add((feature, text))
        cell = text.replace("|", "\\|").replace("`", "'")
        rows.append(f"| {feature} | {cell} |")
    header = "| about | message (… stands for what depends on your sources) |"
    return "\n".join([header, "| --- | --- |", *rows])


GENERATED = GeneratedTable(GUIDE, START, END, table)
"""The table in its page: ``--write`` updates it, and a unit test checks it is up to date."""


def main(argv: list[str] | None = None) -> int:
    return GENERATED.main(argv, __doc__.splitlines()[0])


if __name__ == "__main__":
    sys.exit(main())
