"""What search is given of a page: its content without the fragments noted (core.search)."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from hypothesis import example, given, settings
from hypothesis import strategies as st

from mkdocs_lessons.core.search import _LEAD, Unsearched, _find, plain_code


def test_fragments_are_left_out_wherever_they_stand_and_however_often() -> None:
    unsearched = Unsearched()
    for fragment in ("<b>code</b>", "<i>tail</i>", "<b>code</b>", "<h1>head</h1>"):
        unsearched.omit(fragment)
    content = "<h1>head</h1>prose <b>code</b> more <b>code</b> end <i>tail</i>"
    assert unsearched.searchable(content) == "prose  more  end "


def test_a_fragment_rewritten_by_another_extension_stays() -> None:
    unsearched = Unsearched()
    unsearched.omit("<b>code</b>")
    assert unsearched.searchable("prose <b class='x'>code</b>") == "prose <b class='x'>code</b>"


def test_nothing_noted_gives_the_content_itself() -> None:
    content = "<p>x</p>"
    assert Unsearched().searchable(content) is content
    assert Unsearched().omit("") == "" and len(Unsearched()) == 0


def test_a_simplified_fragment_gives_search_its_plain_version() -> None:
    unsearched = Unsearched()
    highlighted = '<pre><code><span class="k">def</span> f():</code></pre>'
    assert unsearched.simplify(highlighted, "<pre><code>def f():</code></pre>") == highlighted
    unsearched.omit("<i>step 1</i>")
    content = f"<p>a</p><i>step 1</i>{highlighted}<p>b</p>"
    assert unsearched.searchable(content) == "<p>a</p><pre><code>def f():</code></pre><p>b</p>"


def _highlighted(markdown: str, **highlight: object) -> str:
    import markdown as md

    configs = {"pymdownx.highlight": highlight} if highlight else {}
    html = md.markdown(
        markdown,
        extensions=["pymdownx.superfences", "pymdownx.highlight"],
        extension_configs=configs,
    )
    return html.strip()


def test_a_highlighted_code_block_is_given_to_search_as_its_text() -> None:
    code = "if a < b and c > \"d\":\n    print('&')  # it's <b>"
    block = _highlighted(f'```python title="app.py"\n{code}\n```\n')
    assert '<span class="k">' in block
    plain = plain_code(block)
    assert plain is not None
    page = BeautifulSoup(plain, "html.parser")
    shown, title = page.select_one("pre > code"), page.select_one("p")
    assert shown is not None and shown.get_text() == code + "\n"
    assert title is not None and title.get_text() == "app.py"
    # What search reads of both: the same words.
    assert BeautifulSoup(block, "html.parser").get_text().split() == page.get_text().split()


@pytest.mark.parametrize(
    "fragment",
    [
        "<p>prose</p>",
        '<div class="admonition"><p>a highlight</p></div>',
        '<div class="highlight"><pre><code>unclosed',
        '<div class="highlight"><pre><code>a &nbsp; b</code></pre></div>',
    ],
)
def test_anything_else_is_left_as_it_is(fragment: str) -> None:
    assert plain_code(fragment) is None


def test_code_with_line_numbers_in_a_column_is_left_as_it_is() -> None:
    block = _highlighted('```python linenums="1"\nx = 1\n```\n', linenums_style="table")
    assert "<table" in block
    assert plain_code(block) is None


@st.composite
def _haystacks(draw: st.DrawFn) -> tuple[str, str, int, int]:
    # Two letters: a fragment's lead then stands in many places where the rest differs.
    content = draw(st.text(alphabet="ab", min_size=0, max_size=4 * _LEAD))
    if content and draw(st.booleans()):
        start = draw(st.integers(0, len(content) - 1))
        fragment = content[start : start + draw(st.integers(1, 2 * _LEAD))]
    else:
        fragment = draw(st.text(alphabet="ab", min_size=1, max_size=2 * _LEAD))
    begin = draw(st.integers(0, len(content)))
    end = draw(st.integers(begin, len(content)))
    return content, fragment, begin, end


@settings(max_examples=400, deadline=None)
@given(_haystacks())
@example(("a" * 100, "a" * 80, 0, 70))  # it would fit only past the end
def test_finding_a_long_fragment_by_its_lead_finds_what_find_finds(
    case: tuple[str, str, int, int],
) -> None:
    content, fragment, begin, end = case
    assert _find(content, fragment, begin, end) == content.find(fragment, begin, end)
