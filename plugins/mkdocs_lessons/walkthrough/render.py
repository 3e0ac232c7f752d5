"""Walkthroughs to HTML: an ordered list of steps that JavaScript turns into a player.

Built on the page's Markdown tree (see ``core.tree``): each step is a list item that holds its
narration as the Markdown pass rendered it; the step's title and code panel and the
walkthrough's frame and controls are rendered fragments around it.
"""

from __future__ import annotations

import html
import xml.etree.ElementTree as etree

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
    for step in walkthrough.steps:
        code = code_ids(code_panel(walkthrough, step, highlighter, translate))
        if step.number < total:
            unsearched.omit(code)
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
        untitled=translate("walkthrough_of", files=", ".join(walkthrough.files)),
    )
    before, _, after = frame.partition(_STEPS_SLOT)
    return before, steps, after


def code_panel(
    walkthrough: Walkthrough, step: Step, highlighter: CodeHighlighter, translate: Translator
) -> str:
    """The code of one step: file tabs, copy button, and the lines with focus and changes.

    Built in Python rather than a template: it is the one part whose size grows with the code.
    What is not code (removed lines, callouts, the words a screen reader says on a marked
    line) is in attributes that the stylesheet shows as generated content: never in the
    code's text, so neither a selection nor the copy button takes it.
    """
    code = highlighter(step.state)
    focus = set(step.focus)
    changed = set(step.changed)
    marks: dict[int, list[tuple[int, int]]] = {}
    for number, start, end in step.marks:
        marks.setdefault(number, []).append((start, end))
    removed: dict[int, list[str]] = {}
    for number, text in step.removed:
        removed.setdefault(number, []).append(text)
    said_focused = html.escape(translate("line_focused"))
    said_added = html.escape(translate("line_added"))
    ghost = f'<span class="lessons-ghost" data-removed="{html.escape(translate("line_removed"))}"'
    note_id = f"{walkthrough.id}-step-{step.number}-note-"
    lines: list[str] = []
    for number, fragment in enumerate(code.lines, 1):
        lines.extend(
            f'{ghost} data-text="{html.escape(text)}"></span>' for text in removed.get(number, ())
        )
        attributes = f' data-line="{number}"'
        if number in focus:
            attributes += f' data-focus="{said_focused}"'
        if number in changed:
            attributes += f' data-changed="{said_added}"'
        note = step.callouts.get(number)
        if note is not None:
            attributes += f' aria-describedby="{note_id}{number}"'
        if number in marks:
            fragment = mark_columns(fragment, marks[number], '<mark class="lessons-mark">')
        lines.append(f'<span class="lessons-line"{attributes}>{fragment}\n</span>')
        if note is not None:
            lines.append(
                f'<span class="lessons-callout" id="{note_id}{number}" '
                f'data-note="{html.escape(note)}"></span>'
            )
    lines.extend(
        f'{ghost} data-text="{html.escape(text)}"></span>'
        for number, texts in removed.items()
        if number > len(code.lines)
        for text in texts
    )
    current = ' aria-current="true"'
    tabs = "".join(
        f'<span class="lessons-code__tab"{current if name == step.file else ""}>'
        f"{html.escape(name)}</span>"
        for name in walkthrough.files
    )
    copy = html.escape(translate("copy_code"))
    copied = html.escape(translate("copied"))
    return (
        f'<div class="lessons-code" data-file="{html.escape(step.file)}"'
        f"{' data-has-focus' if focus else ''}>"
        f'<div class="lessons-code__bar"><span class="lessons-code__tabs">{tabs}</span>'
        f'<button type="button" class="lessons-code__copy" data-action="copy" '
        f'data-copied="{copied}" hidden>{copy}</button></div>'
        f"{code.before}{''.join(lines)}{code.after}</div>"
    )
