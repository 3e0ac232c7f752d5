"""Issue 13: a second file in one step (a code block titled with it), the terminal a step shows
(``output:``), and how the code column renders them: one block per file, real file tabs,
hanging indents for long lines. Source in, model out; Markdown in, HTML out."""

from __future__ import annotations

import tempfile
from pathlib import Path

from bs4 import BeautifulSoup, Tag
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mkdocs_lessons.core.blocks import options_go_on
from mkdocs_lessons.walkthrough.model import Walkthrough
from mkdocs_lessons.walkthrough.render import WRAP_AFTER, tab_labels
from tests.unit.blocks_page import render_blocks
from tests.unit.test_walkthrough import parse

APP = "import util\n\nprint(util.x)\n"
FILES = {"app.py": APP}

# Step 1 shows app.py and gives util.py beside it; step 2 changes util.py again beside app.py.
TWO_FILES = """\
//// walkthrough | app.py, util.py
/// step | 3
```python
import util

print(util.x)
```

```python title="util.py"
x = 1
```

The app reads *x* from util.
///

/// step | 1
```python
import util
```

```python title="util.py"
x = 2
y = 3
```

Now util has two names.
///

/// step
    file: util.py

Back to util as it stands.
///
////
"""


def soup_of(body: str, tmp_path: Path, files: dict[str, str] | None = None) -> BeautifulSoup:
    text, walkthroughs, messages = parse(body, tmp_path, files if files is not None else FILES)
    assert messages == []
    return BeautifulSoup(render_blocks(text, walkthroughs), "html.parser")


def one(root: Tag | BeautifulSoup, selector: str) -> Tag:
    found = root.select_one(selector)
    assert found is not None, selector
    return found


# parse() reads the body as starting on line 10 of its file (after front matter): line n of a
# body is line n + 9 in messages.


def walkthrough_step(body: str, tmp_path: Path) -> tuple[Walkthrough, list[str]]:
    _, (walkthrough,), messages = parse(body, tmp_path, FILES)
    return walkthrough, messages


# -- a second file in one step: the model ---------------------------------------------------


def test_a_titled_code_block_after_the_first_gives_another_files_code(tmp_path: Path) -> None:
    walkthrough, messages = walkthrough_step(TWO_FILES, tmp_path)
    assert messages == []
    first = walkthrough.steps[0]
    assert first.file == "app.py" and first.state.text == APP.rstrip("\n")
    assert [(other.file, other.state.text) for other in first.others] == [("util.py", "x = 1")]
    assert first.narration == "The app reads *x* from util.", "the titled block is no narration"
    assert first.others[0].state.first_line == 9 + 10, "code checks name the lines of util.py"


def test_the_other_files_changes_are_against_what_the_reader_saw_of_it(tmp_path: Path) -> None:
    walkthrough, _ = walkthrough_step(TWO_FILES, tmp_path)
    first, second, third = walkthrough.steps
    assert (first.others[0].changed, first.others[0].removed) == ([], []), "first sight of it"
    assert second.others[0].changed == [1, 2]
    assert second.others[0].removed == [(1, "x = 1")]
    # A later step on util.py without code shows it as the reader last saw it: unchanged.
    assert third.file == "util.py" and third.state is second.others[0].state
    assert (third.changed, third.removed) == ([], [])


def test_the_focus_and_callouts_stay_on_the_steps_own_file(tmp_path: Path) -> None:
    body = TWO_FILES.replace("/// step | 3\n", "/// step | 3\n    callouts:\n      1: the import\n")
    walkthrough, messages = walkthrough_step(body, tmp_path)
    assert messages == []
    first = walkthrough.steps[0]
    assert first.focus == [3] and first.callouts == {1: "the import"}
    html = BeautifulSoup(render_blocks(*parse(body, tmp_path, FILES)[:2]), "html.parser")
    util = one(html, "#app-py-step-1 .lessons-code__file[data-file='util.py']")
    assert not util.has_attr("data-has-focus") and util.select("[data-focus]") == []
    assert util.select("[data-note]") == [] and util.select("[aria-describedby]") == []


def test_the_walkthroughs_states_include_the_other_files(tmp_path: Path) -> None:
    walkthrough, _ = walkthrough_step(TWO_FILES, tmp_path)
    texts = sorted(state.text for state in walkthrough.states)
    assert texts == sorted([APP.rstrip("\n"), "import util", "x = 1", "x = 2\ny = 3"])


def test_the_first_blocks_title_switches_the_step_to_that_file(tmp_path: Path) -> None:
    body = (
        "//// walkthrough | app.py, util.py\n"
        '/// step\n```python title="util.py"\nx = 1\n```\n\nutil first.\n///\n\n'
        "/// step | 1\nStill util.\n///\n\n/// step\n    file: app.py\n\nThen the app.\n///\n////\n"
    )
    walkthrough, messages = walkthrough_step(body, tmp_path)
    assert messages == []
    first, second, _ = walkthrough.steps
    assert first.file == "util.py" and first.state.text == "x = 1" and first.others == []
    assert second.file == "util.py", "like 'file:', the switch holds for the steps after it"


def test_file_option_and_a_different_title_is_one_message(tmp_path: Path) -> None:
    body = (
        "//// walkthrough | app.py, util.py\n"
        '/// step\n    file: app.py\n\n```python title="util.py"\nx = 1\n```\n\nWhich?\n///\n////\n'
    )
    walkthrough, messages = walkthrough_step(body, tmp_path)
    assert messages == [
        "index.md:14: the step names two files for its code ('file: app.py' and the code "
        "block's title 'util.py'): keep one"
    ]
    assert walkthrough.steps[0].file == "app.py", "the option wins"


def test_a_title_one_letter_off_a_file_asks_did_you_mean(tmp_path: Path) -> None:
    body = TWO_FILES.replace('title="util.py"\nx = 1', 'title="utill.py"\nx = 1')
    walkthrough, messages = walkthrough_step(body, tmp_path)
    assert messages == [
        "index.md:18: the code block's title 'utill.py' is no file of this walkthrough: did you "
        "mean 'util.py'? (a block titled with a file gives that file's code at this step)"
    ]
    first = walkthrough.steps[0]
    assert first.others == [] and first.narration.startswith('```python title="utill.py"')


def test_a_title_that_names_no_file_is_narration_and_no_message(tmp_path: Path) -> None:
    body = TWO_FILES.replace('title="util.py"\nx = 1', 'title="Example output"\nx = 1')
    text, walkthroughs, messages = parse(body, tmp_path, FILES)
    assert messages == []
    assert walkthroughs[0].steps[0].others == []
    soup = BeautifulSoup(render_blocks(text, walkthroughs), "html.parser")
    narration = one(soup, "#app-py-step-1 .lessons-step__narration")
    assert "x = 1" in narration.get_text()
    assert [b["data-file"] for b in soup.select("#app-py-step-1 .lessons-code__file")] == ["app.py"]


def test_the_same_file_twice_in_one_step_is_a_message(tmp_path: Path) -> None:
    twice = TWO_FILES.replace(
        '```python title="util.py"\nx = 1\n```\n',
        '```python title="util.py"\nx = 1\n```\n\n```python title="util.py"\nx = 5\n```\n',
    )
    walkthrough, messages = walkthrough_step(twice, tmp_path)
    assert messages == [
        "index.md:22: the step gives the code of 'util.py' twice: keep one code block for it"
    ]
    assert [other.state.text for other in walkthrough.steps[0].others] == ["x = 1"], "the first"
    own = TWO_FILES.replace('title="util.py"\nx = 1', 'title="app.py"\nx = 1')
    walkthrough, messages = walkthrough_step(own, tmp_path)
    assert messages == [
        "index.md:18: the step gives the code of 'app.py' twice: keep one code block for it"
    ]
    assert walkthrough.steps[0].others == []


# -- output: ----------------------------------------------------------------------------------

OUTPUT = """\
//// walkthrough | app.py
/// step | 1
    output: |
      $ python app.py
      one <b>&amp;

      two
    file: app.py

Run it.
///

/// step | 1
Nothing to run.
///
////
"""


def test_output_is_a_block_scalar_whose_blank_lines_are_kept(tmp_path: Path) -> None:
    walkthrough, messages = walkthrough_step(OUTPUT, tmp_path)
    assert messages == []
    first, second = walkthrough.steps
    assert first.output == "$ python app.py\none <b>&amp;\n\ntwo"
    assert first.file == "app.py", "an option after the blank line is still an option"
    assert first.narration == "Run it.", "the narration after the options reads as narration"
    assert second.output is None


def test_a_blank_line_then_a_four_space_line_ends_the_options(tmp_path: Path) -> None:
    body = "//// walkthrough | app.py\n/// step | 1\n    file: app.py\n\n    Indented.\n///\n////\n"
    walkthrough, messages = walkthrough_step(body, tmp_path)
    assert messages == [], "the indented line is not read as YAML"
    assert walkthrough.steps[0].narration == "    Indented."


def test_options_go_on_only_before_a_line_indented_deeper_than_an_option() -> None:
    items = ["    output: |", "      $ ls", "", "      a.txt", "", "    file: x", "", "Text"]
    assert options_go_on(items, 2, len(items))
    assert not options_go_on(items, 4, len(items)), "four spaces: the next option"
    assert not options_go_on(items, 6, len(items)), "no indent: the body"
    assert not options_go_on(items, 2, 3), "nothing after it before stop"
    assert not options_go_on(["", "\t\tdeep"], 0, 2), "only spaces count as indentation"


def test_the_terminal_shows_commands_with_their_prompt_and_escaped_text(tmp_path: Path) -> None:
    soup = soup_of(OUTPUT, tmp_path)
    column = one(soup, "#app-py-step-1 .lessons-step__code")
    children = column.find_all(True, recursive=False)
    assert [child.name for child in children] == ["div", "figure"], "panel, then terminal"
    figure = one(column, "figure.lessons-output")
    assert "no-copy" in figure["class"]
    assert one(figure, "figcaption").get_text() == "Output"
    commands = figure.select("span.lessons-output__command")
    assert [command.get_text() for command in commands] == ["$ python app.py"]
    assert one(commands[0], "span.lessons-output__prompt").get_text() == "$ "
    code = one(figure, "pre > code")
    assert code.get_text() == "$ python app.py\none <b>&amp;\n\ntwo", "escaped, not markup"
    assert code.select("b") == []
    assert soup.select("#app-py-step-2 figure.lessons-output") == []


# -- the code panel -----------------------------------------------------------------------


def test_each_file_of_a_step_has_its_block_its_own_first(tmp_path: Path) -> None:
    soup = soup_of(TWO_FILES, tmp_path)
    first, second, third = soup.select("li.lessons-step")
    blocks = first.select(".lessons-code__file")
    assert [block["data-file"] for block in blocks] == ["app.py", "util.py"]
    assert blocks[0].has_attr("data-has-focus") and not blocks[1].has_attr("data-has-focus")
    assert not any(block.has_attr("data-changed") for block in blocks), "nothing changed yet"
    assert one(blocks[1], "code").get_text() == "x = 1\n"
    app, util = second.select(".lessons-code__file")
    assert app.has_attr("data-changed") and util.has_attr("data-changed")
    assert [line["data-line"] for line in util.select(".lessons-line[data-changed]")] == ["1", "2"]
    assert [g["data-text"] for g in util.select(".lessons-ghost")] == ["x = 1"]
    assert [block["data-file"] for block in third.select(".lessons-code__file")] == ["util.py"]
    assert not one(third, ".lessons-code__file").has_attr("data-changed")


def test_tabs_mark_the_steps_file_and_the_files_it_changes(tmp_path: Path) -> None:
    soup = soup_of(TWO_FILES, tmp_path)
    first, second, third = soup.select("li.lessons-step")

    def tabs(step: Tag) -> list[tuple[str, bool, bool]]:
        return [
            (str(tab["data-file"]), tab.get("aria-current") == "true", tab.has_attr("data-changed"))
            for tab in step.select("span.lessons-code__tab")
        ]

    assert tabs(first) == [("app.py", True, False), ("util.py", False, False)]
    assert tabs(second) == [("app.py", True, True), ("util.py", False, True)]
    assert tabs(third) == [("app.py", False, False), ("util.py", True, False)]
    assert one(first, ".lessons-code__tabs")["data-label"] == "Files"
    assert all(not tab.has_attr("title") for tab in soup.select(".lessons-code__tab"))


def test_a_file_first_shown_later_says_from_which_step(tmp_path: Path) -> None:
    body = (
        "//// walkthrough | app.py, util.py\n/// step | 1\nThe app.\n///\n\n"
        "/// step | 1\nStill the app.\n///\n\n"
        '/// step\n```python title="util.py"\nx = 1\n```\n\nNow util.\n///\n////\n'
    )
    soup = soup_of(body, tmp_path)
    steps = soup.select("li.lessons-step")
    for step in steps[:2]:
        util = one(step, ".lessons-code__tab[data-file='util.py']")
        assert util["data-from"] == "3" and util["title"] == "util.py: shown from step 3"
    assert not one(steps[2], ".lessons-code__tab[data-file='util.py']").has_attr("data-from")
    assert not any(tab.has_attr("data-from") for tab in soup.select("[data-file='app.py']"))


def test_tab_labels_are_the_shortest_path_ends_that_tell_files_apart() -> None:
    # A file keeps the folder it is in (a tour's files live in folders).
    assert tab_labels(["api/app.py", "web/app.py", "deep/api/models.py", "README.md"]) == {
        "api/app.py": "api/app.py",
        "web/app.py": "web/app.py",
        "deep/api/models.py": "api/models.py",
        "README.md": "README.md",
    }
    assert tab_labels(["a/src/app.py", "b/src/app.py"]) == {
        "a/src/app.py": "a/src/app.py",
        "b/src/app.py": "b/src/app.py",
    }
    assert tab_labels(["app.py"]) == {"app.py": "app.py"}


def test_a_shortened_tab_has_the_full_path_as_its_title(tmp_path: Path) -> None:
    for folder in ("api", "web", "src/lib"):
        (tmp_path / folder).mkdir(parents=True)
    body = "//// walkthrough | api/app.py, web/app.py, src/lib/util.py\n/// step | 1\nApi.\n///\n\n"
    body += "/// step | 1\n    file: web/app.py\n\nWeb.\n///\n\n"
    body += "/// step | 1\n    file: src/lib/util.py\n\nUtil.\n///\n////\n"
    files = {"api/app.py": APP, "web/app.py": APP, "src/lib/util.py": "x = 1\n"}
    soup = soup_of(body, tmp_path, files)
    tabs = soup.select("#api-app-py-step-3 .lessons-code__tab")
    assert [(tab.get_text(), tab.get("title")) for tab in tabs] == [
        ("api/app.py", None),
        ("web/app.py", None),
        ("lib/util.py", "src/lib/util.py"),
    ]


def test_long_lines_hang_at_their_indentation_plus_two(tmp_path: Path) -> None:
    short = "y = " + "2" * (WRAP_AFTER - 4)
    code = "\n".join(
        [
            "x = " + "1" * (WRAP_AFTER - 3),
            "    " + "z" * (WRAP_AFTER - 3),
            "\t" + "t" * WRAP_AFTER,
            short,
            "gone = " + "3" * WRAP_AFTER,
        ]
    )
    body = (
        f"//// walkthrough | app.py\n/// step | 1\n```python\n{code}\n```\n\nLong.\n///\n\n"
        "/// step | 1\n```python\nshort\n```\n\nShort.\n///\n////\n"
    )
    soup = soup_of(body, tmp_path)
    lines = soup.select("#app-py-step-1 .lessons-line")
    assert len(short) == WRAP_AFTER
    assert [line.get("style") for line in lines] == [
        "--lessons-indent:2ch",
        "--lessons-indent:6ch",
        "--lessons-indent:6ch",
        None,
        "--lessons-indent:2ch",
    ]
    ghosts = {g["data-text"]: g.get("style") for g in soup.select("#app-py-step-2 .lessons-ghost")}
    assert ghosts[short] is None and ghosts["gone = " + "3" * WRAP_AFTER] == "--lessons-indent:2ch"
    assert one(soup, "#app-py-step-2 .lessons-line").get("style") is None


def test_a_step_on_the_same_file_as_the_last_is_marked(tmp_path: Path) -> None:
    body = (
        "//// walkthrough | app.py, util.py\n"
        "/// step | 1\nOne.\n///\n\n"
        "/// step | 1\nTwo: same file.\n///\n\n"
        '/// step | 1\n```python\nimport util\n```\n\n```python title="util.py"\nx = 1\n```\n\n'
        "Three: two files.\n///\n\n"
        "/// step | 1\nFour: after a step of two files.\n///\n\n"
        "/// step\n    file: util.py\n\nFive: another file.\n///\n////\n"
    )
    soup = soup_of(body, tmp_path)
    marked = [step.has_attr("data-same-file") for step in soup.select("li.lessons-step")]
    assert marked == [False, True, False, False, False]


# -- slips that are not said yet ------------------------------------------------------------


def test_a_first_block_titled_one_letter_off_a_file_asks_did_you_mean(tmp_path: Path) -> None:
    body = (
        "//// walkthrough | app.py, util.py\n"
        '/// step\n```python title="utill.py"\nx = 1\n```\n\nMeant util.\n///\n////\n'
    )
    _, messages = walkthrough_step(body, tmp_path)
    assert any("did you mean 'util.py'" in message for message in messages)


def test_a_file_no_step_shows_is_said_and_gets_no_tab(tmp_path: Path) -> None:
    body = "//// walkthrough | app.py, util.py\n/// step | 1\nOnly the app.\n///\n////\n"
    _, messages = walkthrough_step(body, tmp_path)
    assert messages == [
        "index.md:10: the walkthrough names 'util.py', but no step shows it: give a step "
        "'file: util.py' (or a code block titled with it), or leave it out"
    ]
    text, walkthroughs, _ = parse(body, tmp_path, FILES)
    soup = BeautifulSoup(render_blocks(text, walkthroughs), "html.parser")
    assert soup.select(".lessons-code__tab[data-file='util.py']") == []
    assert len(soup.select(".lessons-code__tab")) == 1


# -- hostile text -----------------------------------------------------------------------------

# Text that stays inside its block: no fence, closing or option syntax of its own.
_PLAIN = st.characters(
    exclude_categories=("Cc", "Cs", "Cn", "Zl", "Zp"),
    exclude_characters="`~/\ufeff",
)
_LINE = st.one_of(
    st.text(_PLAIN, min_size=1, max_size=12).map(lambda text: "x" + text),
    st.sampled_from(["<script>alert(1)</script>", "&amp; &lt;", "\"quoted\" 'x'", "$ <b>", ""]),
)
_LINES = st.lists(_LINE, min_size=1, max_size=5)


@settings(max_examples=25, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(code=_LINES, output=_LINES, wild=st.text(max_size=30))
def test_random_code_and_output_never_raise_and_come_out_escaped(
    code: list[str], output: list[str], wild: str
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        tmp_path = Path(folder)
        terminal = "\n".join(f"      {line}" if line else "" for line in output)
        body = (
            "//// walkthrough | app.py, util.py\n"
            f"/// step | 1\n    output: |\n{terminal}\n\n```python\nimport util\n```\n\n"
            '```python title="util.py"\n' + "\n".join(code) + "\n```\n\nNarration.\n///\n\n"
            f'/// step\n```python\n{wild}\n```\n\n```text title="util.py"\n{wild}\n```\n\nX.\n///\n'
            "////\n"
        )
        text, walkthroughs, _ = parse(body, tmp_path, FILES)
        soup = BeautifulSoup(render_blocks(text, walkthroughs), "html.parser")
    assert soup.find("script") is None
    first = one(soup, "li.lessons-step")
    util = one(first, ".lessons-code__file[data-file='util.py'] code")
    assert util.get_text() == "".join(f"{line}\n" for line in code)
    assert {tag.name for tag in util.find_all(True)} <= {"span"}
    expected = "\n".join(output).strip("\n").rstrip()
    if expected:
        terminal_code = one(first, "figure.lessons-output pre > code")
        assert terminal_code.get_text() == expected
        assert {tag.name for tag in terminal_code.find_all(True)} <= {"span"}
    else:
        assert first.select("figure.lessons-output") == []
