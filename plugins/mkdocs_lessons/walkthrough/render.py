"""Walkthroughs to HTML: an ordered list of steps that JavaScript turns into a player.

Built on the page's Markdown tree (see ``core.tree``): each step is a list item that holds its
narration as the Markdown pass rendered it; the step's title and code panel and the
walkthrough's frame and controls are rendered fragments around it.
"""

from __future__ import annotations

import html
import xml.etree.ElementTree as etree
from dataclasses import dataclass
from functools import lru_cache

from markdown import Markdown

from ..core.codeblocks import CodeBlockIds
from ..core.i18n import Translator
from ..core.markers import MARKER_TAG
from ..core.search import Unsearched
from ..core.templating import render
from ..core.tree import Marker, blocks_of, stashed, stashed_block
from .highlight import CodeHighlighter, mark_columns
from .model import Step, Walkthrough

# Where the steps go in the rendered frame (a private-use character: never in a template).
_STEPS_SLOT = "\ue000lessons-steps\ue000"


def build_walkthroughs(
    markers: list[Marker],
    walkthroughs: list[Walkthrough],
    md: Markdown,
    highlighter: CodeHighlighter,
    translate: Translator,
    unsearched: Unsearched,
    code_ids: CodeBlockIds,
) -> set[str]:
    """Put each walkthrough together where its markers stand; return the ids it gives.

    Search is not given the step titles, the controls and the code of all steps but the last:
    every step repeats the code, and search should find the finished code once.
    """
    by_id = {walkthrough.id: walkthrough for walkthrough in walkthroughs}
    ids: set[str] = set()
    for block in blocks_of(markers, "walkthrough", by_id):
        walkthrough = by_id[block.id]
        at, inner = block.take()
        before, steps, after = render_walkthrough(
            walkthrough,
            _narrations(inner, walkthrough.id),
            md,
            highlighter,
            translate,
            unsearched,
            code_ids,
        )
        frame = [stashed_block(md, before), *steps]
        if after.strip():
            frame.append(stashed_block(md, after))
        for offset, element in enumerate(frame):
            block.opening.parent.insert(at + offset, element)
        ids.update((walkthrough.id, f"{walkthrough.id}-title"))
        ids.update(step.get("id", "") for step in steps)
    return ids


def _narrations(inner: list[etree.Element], walkthrough_id: str) -> dict[int, list[etree.Element]]:
    """The elements between a walkthrough's markers, by the number of the step they narrate."""
    narrations: dict[int, list[etree.Element]] = {}
    current: list[etree.Element] | None = None
    for element in inner:
        if element.tag == MARKER_TAG and element.get("kind") == "step":
            args = element.get("args", "").split()
            if len(args) == 2 and args[0] == walkthrough_id and args[1].isdigit():
                current = narrations.setdefault(int(args[1]), [])
                continue
        if current is not None:
            current.append(element)
    return narrations


def render_walkthrough(
    walkthrough: Walkthrough,
    narrations: dict[int, list[etree.Element]],
    md: Markdown,
    highlighter: CodeHighlighter,
    translate: Translator,
    unsearched: Unsearched,
    code_ids: CodeBlockIds,
) -> tuple[str, list[etree.Element], str]:
    """The frame before the steps, the steps (list items), and the frame after them."""
    total = len(walkthrough.steps)
    # The walkthrough's heading stands one below the enclosing section, its steps' one below
    # that (HTML has no h7: at the bottom they share h6).
    level = walkthrough.heading_level
    step_level = min(level + 1, 6)
    steps: list[etree.Element] = []
    dots: list[str] = []
    labels = tab_labels(walkthrough.files)
    first_seen = first_steps(walkthrough)
    words = _PanelWords.of(translate)
    previous_file: str | None = None
    for step in walkthrough.steps:
        code = code_ids(
            code_column(walkthrough, step, highlighter, translate, labels, first_seen, words)
        )
        if step.number < total:
            unsearched.omit(code)
        else:
            # The finished code, once: as plain text, its tokens' tags are no work for search.
            texts = [step.state.text, *(other.state.text for other in step.others)]
            unsearched.simplify(
                code, "".join(f"<pre><code>{html.escape(text)}</code></pre>" for text in texts)
            )
        title = html.escape(translate("step_of", n=step.number, total=total))
        item = etree.Element(
            "li",
            {
                "class": "lessons-step",
                "id": f"{walkthrough.id}-step-{step.number}",
                "data-step": str(step.number),
                "data-file": step.file,
            },
        )
        if previous_file == step.file and not step.others:
            # Print names the file only where it changes.
            item.set("data-same-file", "")
        previous_file = None if step.others else step.file
        heading = f'<h{step_level} class="lessons-step__title">{title}</h{step_level}>'
        item.text = "\n" + stashed(md, unsearched.omit(heading)) + "\n"
        narration = etree.SubElement(item, "div", {"class": "lessons-step__narration"})
        narration.text = "\n"
        for element in narrations.get(step.number, []):
            narration.append(element)
        narration.tail = "\n" + stashed(md, code) + "\n"
        item.tail = "\n"
        steps.append(item)
        # The dots are written here rather than looped over in the template: a template loop
        # cost more than the rest of the walkthrough on lessons with many steps. A radio group:
        # the checked dot is its one Tab stop (walkthrough.js moves both with the step).
        first = step.number == 1
        dots.append(
            f'<button type="button" class="lessons-walkthrough__dot" data-action="goto" '
            f'data-step="{step.number}" role="radio" aria-checked="{"true" if first else "false"}"'
            f' tabindex="{0 if first else -1}" aria-label="{title}"></button>'
        )
    controls = render("walkthrough/controls.html", dots="".join(dots), total=total, t=translate)
    frame = render(
        "walkthrough/walkthrough.html",
        walkthrough=walkthrough,
        steps=_STEPS_SLOT,
        controls=unsearched.omit(controls),
        total=total,
        level=level,
        untitled=translate(
            "walkthrough_of", files=translate("list_separator").join(walkthrough.files)
        ),
    )
    before, _, after = frame.partition(_STEPS_SLOT)
    return before, steps, after


def tab_labels(files: list[str]) -> dict[str, str]:
    """What each file's tab says: its name under its folder (``src/app.py``: a tour's files
    live in folders, and the folder says which part of the project a step is in), or as much
    more of its path as tells it apart from the other files (``a/src/app.py`` beside
    ``b/src/app.py``). The tab's title gives the whole path."""
    parts = {name: name.strip("/").split("/") for name in files}
    labels: dict[str, str] = {}
    for name, path in parts.items():
        depth = min(2, len(path))
        while depth < len(path) and any(
            other != name and other_path[-depth:] == path[-depth:]
            for other, other_path in parts.items()
        ):
            depth += 1
        labels[name] = "/".join(path[-depth:])
    return labels


def first_steps(walkthrough: Walkthrough) -> dict[str, int]:
    """The number of the first step that shows each file (its own file or one it changes)."""
    first: dict[str, int] = {}
    for step in walkthrough.steps:
        first.setdefault(step.file, step.number)
        for other in step.others:
            first.setdefault(other.file, step.number)
    return first


@dataclass(frozen=True)
class _PanelWords:
    """What a code panel says (escaped for an attribute), translated once per walkthrough
    rather than once per step and file."""

    focused: str
    added: str
    removed: str
    copy: str
    copied: str
    files: str

    @classmethod
    def of(cls, translate: Translator) -> _PanelWords:
        def said(key: str) -> str:
            return html.escape(translate(key))

        return cls(
            said("line_focused"),
            said("line_added"),
            said("line_removed"),
            said("copy_code"),
            said("copied"),
            said("files"),
        )


def code_column(
    walkthrough: Walkthrough,
    step: Step,
    highlighter: CodeHighlighter,
    translate: Translator,
    labels: dict[str, str],
    first: dict[str, int],
    words: _PanelWords | None = None,
) -> str:
    """What a step shows beside its narration: the code panel, and the terminal if it has one."""
    output = "" if step.output is None else terminal(step.output, translate)
    panel = code_panel(walkthrough, step, highlighter, translate, labels, first, words)
    return f'<div class="lessons-step__code">{panel}{output}</div>'


def code_panel(
    walkthrough: Walkthrough,
    step: Step,
    highlighter: CodeHighlighter,
    translate: Translator,
    labels: dict[str, str] | None = None,
    first: dict[str, int] | None = None,
    words: _PanelWords | None = None,
) -> str:
    """The code of one step: file tabs, copy button, and the code of each file the step
    changes (its own first), with focus and changes.

    Built in Python rather than a template: it is the one part whose size grows with the code.
    What is not code (removed lines, callouts, the words a screen reader says on a marked
    line) is in attributes that the stylesheet shows as generated content: never in the
    code's text, so neither a selection nor the copy button takes it.
    """
    labels = labels if labels is not None else tab_labels(walkthrough.files)
    first = first if first is not None else first_steps(walkthrough)
    words = words if words is not None else _PanelWords.of(translate)
    shown = {step.file: bool(step.changed or step.removed)}
    blocks = [file_block(walkthrough, step, highlighter, words)]
    for other in step.others:
        shown[other.file] = bool(other.changed or other.removed)
        blocks.append(
            file_block(
                walkthrough,
                Step(
                    number=step.number,
                    line=step.line,
                    file=other.file,
                    state=other.state,
                    narration="",
                    changed=other.changed,
                    removed=other.removed,
                ),
                highlighter,
                words,
            )
        )
    tabs: list[str] = []
    for name in walkthrough.files:
        if name not in first:
            # No step shows it (reported): a tab would lead nowhere.
            continue
        attributes = f' data-file="{html.escape(name)}"'
        label = labels.get(name, name)
        from_step = first[name]
        if from_step > step.number:
            later = translate("file_later", file=name, n=from_step)
            attributes += f' data-from="{from_step}" title="{html.escape(later)}"'
        elif label != name:
            attributes += f' title="{html.escape(name)}"'
        if name == step.file:
            attributes += ' aria-current="true"'
        if shown.get(name):
            attributes += " data-changed"
        tabs.append(f'<span class="lessons-code__tab"{attributes}>{html.escape(label)}</span>')
    return (
        f'<div class="lessons-code" data-file="{html.escape(step.file)}">'
        f'<div class="lessons-code__bar"><span class="lessons-code__tabs" '
        f'data-label="{words.files}">{"".join(tabs)}</span>'
        f'<button type="button" class="lessons-code__copy" data-action="copy" '
        f'data-copied="{words.copied}" hidden>{words.copy}</button></div>'
        f"{''.join(blocks)}</div>"
    )


def file_block(
    walkthrough: Walkthrough, step: Step, highlighter: CodeHighlighter, words: _PanelWords
) -> str:
    """One file's code at a step, with the step's marks on its lines."""
    code = highlighter(step.state)
    focus = set(step.focus)
    changed = set(step.changed)
    marks: dict[int, list[tuple[int, int]]] = {}
    for number, start, end in step.marks:
        marks.setdefault(number, []).append((start, end))
    removed: dict[int, list[str]] = {}
    for number, text in step.removed:
        removed.setdefault(number, []).append(text)
    said_focused = words.focused
    said_added = words.added
    ghost = f'<span class="lessons-ghost" data-removed="{words.removed}"'
    note_id = f"{walkthrough.id}-step-{step.number}-note-"
    lines: list[str] = []
    hanging = _hanging_of_lines(step.state.text)
    for number, fragment in enumerate(code.lines, 1):
        lines.extend(
            f'{ghost} data-text="{html.escape(text)}"{_hanging(text)}></span>'
            for text in removed.get(number, ())
        )
        attributes = f' data-line="{number}"'
        if number in focus:
            attributes += f' data-focus="{said_focused}"'
        if number in changed:
            attributes += f' data-changed="{said_added}"'
        note = step.callouts.get(number)
        if note is not None:
            attributes += f' aria-describedby="{note_id}{number}"'
        if number <= len(hanging):
            attributes += hanging[number - 1]
        if number in marks:
            fragment = mark_columns(fragment, marks[number], '<mark class="lessons-mark">')
        lines.append(f'<span class="lessons-line"{attributes}>{fragment}\n</span>')
        if note is not None:
            lines.append(
                f'<span class="lessons-callout" id="{note_id}{number}" '
                f'data-note="{html.escape(note)}"></span>'
            )
    lines.extend(
        f'{ghost} data-text="{html.escape(text)}"{_hanging(text)}></span>'
        for number, texts in removed.items()
        if number > len(code.lines)
        for text in texts
    )
    changes = " data-changed" if changed or removed else ""
    return (
        f'<div class="lessons-code__file" data-file="{html.escape(step.file)}"'
        f"{' data-has-focus' if focus else ''}{changes}>"
        f"{code.before}{''.join(lines)}{code.after}</div>"
    )


WRAP_AFTER = 40
"""Lines longer than this may wrap in a narrow panel (a phone holds about 40 characters)."""


@lru_cache(maxsize=64)
def _hanging_of_lines(text: str) -> tuple[str, ...]:
    """:func:`_hanging` of each line of a state's text: the same for every step that shows it."""
    return tuple(_hanging(line) for line in text.split("\n"))


def _hanging(line: str) -> str:
    """The indentation a long line's wrapped rows hang at (the line's own, plus two): as a
    custom property of the line, none for a line too short to ever wrap."""
    if len(line) <= WRAP_AFTER:
        return ""
    indent = len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip())
    return f' style="--lessons-indent:{indent + 2}ch"'


def terminal(text: str, translate: Translator) -> str:
    """A step's terminal: each ``$ `` line a command (its prompt not copied), the rest output."""
    rows: list[str] = []
    for line in text.split("\n"):
        if line.startswith("$ "):
            rows.append(
                '<span class="lessons-output__command"><span class="lessons-output__prompt">'
                f"$ </span>{html.escape(line[2:])}</span>"
            )
        else:
            rows.append(html.escape(line))
    caption = html.escape(translate("output"))
    return (
        # no-copy: Material's copy button would be one more Tab stop, for text nobody types.
        f'<figure class="lessons-output no-copy"><figcaption>{caption}</figcaption>'
        f"<pre><code>{chr(10).join(rows)}</code></pre></figure>"
    )
