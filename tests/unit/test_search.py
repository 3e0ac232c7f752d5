"""What search is given of a page: its content without the fragments noted (core.search)."""

from __future__ import annotations

from mkdocs_lessons.core.search import Unsearched


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
