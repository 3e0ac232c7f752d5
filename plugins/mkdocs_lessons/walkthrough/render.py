"""Walkthroughs to HTML: an ordered list of steps that JavaScript turns into a player."""

from __future__ import annotations

import html
import re

from ..core.deferred import Deferred
from ..core.i18n import Translator
from ..core.templating import render
from .highlight import CodeHighlighter
from .model import Step, Walkthrough

# Markers start "<(?:p><)?!--" rather than "(?:<p>)?<!--": a pattern that opens with a literal
# lets the regex engine skip ahead, which made these searches 40 times faster on a lesson page.
_BLOCK = re.compile(
    r"<(?:p><)?!-- lessons-walkthrough:(?P<id>[\w-]+) -->(?:</p>)?"
    r"(?P<inner>.*?)"
    r"<(?:p><)?!-- lessons-walkthrough-end:(?P=id) -->(?:</p>)?",
    re.DOTALL,
)
_STEP = re.compile(r"<(?:p><)?!-- lessons-step:[\w-]+:(?P<number>\d+) -->(?:</p>)?")


def assemble(
    page_html: str,
    walkthroughs: list[Walkthrough],
    highlighter: CodeHighlighter,
    translate: Translator,
    deferred: Deferred | None = None,
) -> str:
    """Replace each walkthrough's markers in ``page_html`` with the rendered walkthrough.

    The narrations between the markers were rendered by the page's Markdown pass. With
    ``deferred``, the controls and the code panels of all steps but the last are held out of
    the page content until the page is written: every step repeats the code, and search (or
    any other reader of the content) should see it once.
    """
    if not walkthroughs:
        return page_html
    by_id = {walkthrough.id: walkthrough for walkthrough in walkthroughs}

    def replace(match: re.Match[str]) -> str:
        walkthrough = by_id.get(match.group("id"))
        if walkthrough is None:
            return match.group(0)
        pieces = _STEP.split(match.group("inner"))
        # split() alternates text and captured step numbers: [before, n1, html1, n2, html2…]
        narrations = {int(pieces[i]): pieces[i + 1].strip() for i in range(1, len(pieces), 2)}
        return render_walkthrough(walkthrough, narrations, highlighter, translate, deferred)

    return _BLOCK.sub(replace, page_html)


def render_walkthrough(
    walkthrough: Walkthrough,
    narrations: dict[int, str],
    highlighter: CodeHighlighter,
    translate: Translator,
    deferred: Deferred | None = None,
) -> str:
    total = len(walkthrough.steps)
    level = walkthrough.heading_level
    steps: list[str] = []
    dots: list[str] = []
    for step in walkthrough.steps:
        code = code_panel(walkthrough, step, highlighter, translate)
        title = html.escape(translate("step_of", n=step.number, total=total))
        # The steps and dots are written here rather than looped over in the template: a
        # template loop cost more than the rest of the walkthrough on lessons with many steps.
        opening = (
            f'<li class="lessons-step" id="{walkthrough.id}-step-{step.number}" '
            f'data-step="{step.number}" data-file="{html.escape(step.file)}">\n'
            f'<h{level} class="lessons-step__title">{title}</h{level}>\n'
            f'<div class="lessons-step__narration">\n'
        )
        closing = f"\n</div>\n{code}\n</li>"
        if deferred is not None:
            # Only the narration stays in the page content: the step's frame and title
            # ("Step 3 of 13") are labels, and every step but the last repeats the code.
            key = f"{walkthrough.id}:step:{step.number}"
            opening = deferred.hold(f"{key}:open", opening)
            if step.number < total:
                closing = deferred.hold(f"{key}:close", closing)
            else:
                # The last step's code stays, so that search finds the finished code once.
                closing = (
                    deferred.hold(f"{key}:close", "\n</div>\n")
                    + f"{code}\n"
                    + deferred.hold(f"{key}:end", "</li>")
                )
        steps.append(f"{opening}{narrations.get(step.number, '')}{closing}")
        dots.append(
            f'<button type="button" class="lessons-walkthrough__dot" data-action="goto" '
            f'data-step="{step.number}" aria-label="{title}"></button>'
        )
    controls = render("walkthrough/controls.html", dots="".join(dots), total=total, t=translate)
    if deferred is not None:
        controls = deferred.hold(f"{walkthrough.id}:controls", controls)
    return render(
        "walkthrough/walkthrough.html",
        walkthrough=walkthrough,
        steps="\n".join(steps),
        controls=controls,
        total=total,
    )


def code_panel(
    walkthrough: Walkthrough, step: Step, highlighter: CodeHighlighter, translate: Translator
) -> str:
    """The code of one step: file tabs, copy button, and the lines with focus and changes.

    Built in Python rather than a template: it is the one part whose size grows with the code.
    """
    code = highlighter(step.state)
    focus = set(step.focus)
    changed = set(step.changed)
    lines = []
    for number, fragment in enumerate(code.lines, 1):
        attributes = f' data-line="{number}"'
        if number in focus:
            attributes += " data-focus"
        if number in changed:
            attributes += " data-changed"
        lines.append(f'<span class="lessons-line"{attributes}>{fragment}\n</span>')
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
