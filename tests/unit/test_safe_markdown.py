"""The showcase's Markdown for strangers: Markdown in, safe HTML and refusals out."""

from __future__ import annotations

from pathlib import Path

import pytest

from mkdocs_lessons.showcase.safe_markdown import SafeMarkdown, plain_fences, scrub_attributes

FOLDER = Path("/nonexistent/showcase/entry")


@pytest.mark.parametrize(
    "text",
    [
        "    <script>alert(1)</script>\n",
        "Inline `a\n<b>` code over two lines.\n",
        "```html\n<script>alert(1)</script>\n```\n",
        "See <https://example.org/a> or <me@example.org>.\n",
    ],
    ids=["indented-code", "inline-code", "fenced-code", "autolinks"],
)
def test_markup_shown_as_code_or_autolinks_is_not_refused(text: str) -> None:
    result = SafeMarkdown().render(text, FOLDER)
    assert result.refusals == []
    assert "<script>" not in result.html


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("<script>alert(1)</script>\n", "<script>alert(1)</script>"),
        ("*<b onmouseover=alert(1)>x</b>*\n", "<b onmouseover=alert(1)>x</b>"),
        ("Before <!-- --><script>x</script> after.\n", "<!-- --><script>x</script> after."),
    ],
)
def test_markup_in_text_is_escaped_and_refused_once(text: str, needle: str) -> None:
    result = SafeMarkdown().render(text, FOLDER)
    assert [refusal.needle for refusal in result.refusals] == [needle]
    assert "<script" not in result.html and "<b " not in result.html


def test_fence_headers_keep_only_their_language() -> None:
    text = '> ```{.json .md-dialog #x}\n> {"a": 1}\n> ```\n\n~~~ python title="t"\nx\n~~~\n'
    assert plain_fences(text) == '> ```json\n> {"a": 1}\n> ```\n\n~~~python\nx\n~~~\n'


def test_scrub_keeps_what_markdown_writes_and_nothing_chosen() -> None:
    html = (
        '<div class="highlight md-dialog" id="__search" data-x="1"><pre><code>x</code></pre>'
        '</div><td style="text-align: center;">a</td><td style="color: red">b</td>'
        '<ol start="3"><li>c</li></ol><a href="https://x.org" rel="nofollow ugc noopener" '
        'onclick="y">d</a>'
    )
    assert scrub_attributes(html) == (
        '<div class="highlight"><pre><code>x</code></pre></div>'
        '<td style="text-align: center;">a</td><td>b</td><ol start="3"><li>c</li></ol>'
        '<a href="https://x.org" rel="nofollow ugc noopener">d</a>'
    )
