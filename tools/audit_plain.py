"""Make the comparison site for `make audit-plain`: the seed lesson as a plain Material page.

Issue 13 measures the seed lesson against "Material's own work on a plain page of the same
Markdown without the plugin". This writes that site under .audit/plain/: the repository's
mkdocs.yml (same theme, extensions and overrides) without the `lessons` plugin, and one page at
the lesson's own path whose Markdown is the lesson's text with our blocks unwrapped: concepts
become headings, questions their prompt, options and explanations, walkthrough steps their code
(as ordinary fenced blocks) and narration. Prints the config path for AUDIT_CONFIG.

Usage: python tools/audit_plain.py [LESSON_DIR]
"""

from __future__ import annotations

import re
import shutil
import sys
import textwrap
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
SEED_LESSON = REPO / "lessons/aws-iam/iam-roles-vs-user-credentials"
PLAIN = REPO / ".audit/plain"

BLOCK_START = re.compile(
    r"^/{3,} *(?P<name>concept|question|walkthrough|step) *(?:\| *(?P<arg>.*))?$"
)
BLOCK_END = re.compile(r"^/{3,} *$")
# Links to other lessons would be broken links under --strict; their text stays.
LESSON_LINK = re.compile(r"\[([^\]]+)\]\((?:\.\./)[^)]*\.md\)")


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    if not text.startswith("---\n"):
        return {}, text
    head, _, body = text[4:].partition("\n---\n")
    meta = yaml.safe_load(head) or {}
    return (meta if isinstance(meta, dict) else {}), body


def take_options(lines: list[str], start: int) -> tuple[dict[str, Any], int]:
    """The block's indented YAML options right after its header, and the index after them."""
    end = start
    while end < len(lines) and lines[end].startswith("    "):
        end += 1
    options = yaml.safe_load(textwrap.dedent("\n".join(lines[start:end]))) if end > start else {}
    return (options if isinstance(options, dict) else {}), end


def unwrap_blocks(body: str, lesson_dir: Path) -> str:
    """The same text as ordinary Markdown: each block replaced by its inner Markdown."""
    lines = body.splitlines()
    out: list[str] = []
    step_number = 0
    index = 0
    while index < len(lines):
        line = lines[index]
        start = BLOCK_START.match(line)
        if start is None:
            if not BLOCK_END.match(line):  # a block's closing line has no content of its own
                out.append(LESSON_LINK.sub(r"\1", line))
            index += 1
            continue
        name, arg = start["name"], (start["arg"] or "").strip()
        options, index = take_options(lines, index + 1)
        if name == "concept":
            out += [f"## {arg}", ""]
        elif name == "walkthrough":
            out += [f"## {options.get('title', arg)}", ""]
        elif name == "step":
            step_number += 1
            out += [f"### Step {step_number}", ""]
            if "code" in options:  # the step shows a file of the lesson folder as its code
                code_file = lesson_dir / str(options["code"])
                code = code_file.read_text(encoding="utf-8").rstrip("\n")
                out += [f"```{code_file.suffix.lstrip('.')}", code, "```", ""]
        elif name == "question":
            out += [f"**{arg}**", ""]
            for key in ("hint", "explain"):
                if isinstance(options.get(key), str):
                    out += [str(options[key]), ""]
    return "\n".join(out) + "\n"


def plain_config(lesson_page: str) -> dict[str, Any]:
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    # An entry is a name or a one-key mapping of name to options.
    config["plugins"] = [
        p for p in config["plugins"] if "lessons" not in ([p] if isinstance(p, str) else p)
    ]
    config["theme"]["custom_dir"] = str(REPO / config["theme"]["custom_dir"])
    config["docs_dir"] = "docs"
    config["nav"] = [{"Home": "index.md"}, {"Lesson": lesson_page}]
    return dict(config)


def main(argv: list[str]) -> int:
    lesson_dir = Path(argv[1]).resolve() if len(argv) > 1 else SEED_LESSON
    meta, body = split_front_matter((lesson_dir / "index.md").read_text(encoding="utf-8"))
    lesson_page = f"{lesson_dir.relative_to(REPO).as_posix()}/index.md"

    shutil.rmtree(PLAIN, ignore_errors=True)
    page_dir = PLAIN / "docs" / lesson_page.removesuffix("/index.md")
    shutil.copytree(lesson_dir, page_dir, ignore=shutil.ignore_patterns("*.md", "showcase"))
    title = str(meta.get("title", lesson_dir.name))
    summary = str(meta.get("summary", ""))
    page = f"---\ntitle: {title}\n---\n\n# {title}\n\n{summary}\n\n" + unwrap_blocks(
        body, lesson_dir
    )
    (page_dir / "index.md").write_text(page, encoding="utf-8")
    (PLAIN / "docs/index.md").write_text("# Home\n\nThe plain comparison page.\n", encoding="utf-8")
    config_path = PLAIN / "mkdocs.yml"
    config_path.write_text(yaml.safe_dump(plain_config(lesson_page), sort_keys=False), "utf-8")
    print(config_path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
