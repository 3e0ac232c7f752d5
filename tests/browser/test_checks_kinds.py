"""New kinds of System Check (issue 14, point 3) on the example lesson that uses them: a
matching (each left item with a list of the right items), a Parsons problem (code lines to
order, indent and trim of distractors) and a predict-the-output question (the build ran the
program), each operated by keyboard and by touch, graded right and wrong with the verdict and
explanation of every kind, read without JavaScript with the answer behind "Show answer",
exposed in the accessibility tree, and clean under axe."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import BrowserContext, Locator, Page, expect

from .conftest import SCHEMES, ColorScheme, fail_on_axe_violations
from .test_checks import CHOOSE_FIRST, RIGHT, TYPE_FIRST, WRONG

pytestmark = pytest.mark.browser

PAGE = "/lessons/aws-iam/instance-profiles-and-lambda-execution-roles/"
MATCHING = "ec2-lambda-pairs"
PARSONS = "handler-lines"
OUTPUT = "key-prefixes"
PRINTED = "lambda: temporary\nci-user: long-term"
PICKED = "role-session-arn"
# The example's pairs (left item: its right item) and solution (indentation level, line).
PAIRS = {
    "Instance profile": "The function's execution role",
    "ec2.amazonaws.com": "lambda.amazonaws.com",
    "Instance metadata service": "Environment variables of the runtime",
}
SOLUTION = [
    (0, "import boto3"),
    (0, "def handler(event, context):"),
    (1, 's3 = boto3.client("s3")'),
    (1, 'obj = s3.get_object(Bucket=event["bucket"], Key=event["key"])'),
    (1, 'return obj["Body"].read().decode()'),
]
DISTRACTOR = 's3 = boto3.client("s3", aws_access_key_id=KEY, aws_secret_access_key=SECRET)'


def form(page: Page, question: str) -> Locator:
    return page.locator(f"#lessons-question-{question}")


def verdict(page: Page, question: str) -> Locator:
    return form(page, question).locator(".lessons-question__result[role=status]")


def moves(page: Page) -> Locator:
    """The Parsons problem's own status, where moves and indents are said (not the verdict's)."""
    return (
        form(page, PARSONS)
        .get_by_role("status")
        .and_(form(page, PARSONS).locator(".lessons-parsons + [role=status]"))
    )


def open_page(page: Page) -> None:
    page.goto(PAGE, wait_until="networkidle")
    expect(form(page, PARSONS).locator(".lessons-question__actions")).to_be_visible()


def shown_lines(page: Page) -> list[str]:
    return [
        text.strip()
        for text in form(page, PARSONS).locator(".lessons-order-item__text").all_inner_texts()
    ]


# --- Matching ---------------------------------------------------------------------------


def test_matching_by_keyboard_is_graded_and_explained(page: Page) -> None:
    open_page(page)
    question = form(page, MATCHING)
    explanation = question.locator(".lessons-question__explanation")
    first = question.get_by_role("combobox", name="Instance profile")
    first.focus()
    page.keyboard.type("The")  # a closed <select> picks the option the letters start
    expect(first).to_have_value(re.compile(r"\d"))
    page.keyboard.press("Tab")
    expect(question.get_by_role("combobox", name="ec2.amazonaws.com")).to_be_focused()
    page.keyboard.type("Env")  # wrong: the principal goes with the principal
    page.keyboard.press("Tab")
    page.keyboard.type("lam")
    page.keyboard.press("Tab")
    expect(question.get_by_role("button", name="Check")).to_be_focused()
    page.keyboard.press("Enter")
    expect(verdict(page, MATCHING)).to_have_text(WRONG)
    expect(explanation).to_be_hidden()
    # Right this time: the two swapped.
    question.get_by_role("combobox", name="ec2.amazonaws.com").focus()
    page.keyboard.type("lam")
    page.keyboard.press("Tab")
    page.keyboard.type("Env")
    expect(verdict(page, MATCHING)).to_have_text("")  # a new answer clears the verdict
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(verdict(page, MATCHING)).to_have_text(RIGHT)
    expect(explanation).to_be_visible()


def test_matching_by_touch_asks_for_every_pair_first(
    new_context: Callable[..., BrowserContext],
) -> None:
    context = new_context(has_touch=True, is_mobile=True, viewport={"width": 390, "height": 844})
    page = context.new_page()
    open_page(page)
    question = form(page, MATCHING)
    check = question.get_by_role("button", name="Check")
    question.get_by_label("Instance profile").select_option(label=PAIRS["Instance profile"])
    check.tap()
    expect(verdict(page, MATCHING)).to_have_text(CHOOSE_FIRST)
    expect(question).not_to_have_attribute("data-lessons-result", "wrong")
    for left, right in PAIRS.items():
        question.get_by_role("combobox", name=left).select_option(label=right)
    check.tap()
    expect(verdict(page, MATCHING)).to_have_text(RIGHT)
    expect(verdict(page, MATCHING)).to_be_in_viewport()


def test_matching_in_the_accessibility_tree(page: Page) -> None:
    open_page(page)
    group = page.get_by_role("group", name="Match each part of the EC2 way")
    for left, right in PAIRS.items():
        box = group.get_by_role("combobox", name=left)
        expect(box).to_be_visible()
        # Every right item is an option of every left item, with one to say "none yet".
        expect(box.get_by_role("option")).to_have_count(len(PAIRS) + 1)
        expect(box.get_by_role("option", name=right)).to_have_count(1)
    tree = group.aria_snapshot()
    names = re.findall(r'^\s*- combobox "([^"]*)"', tree, re.MULTILINE)
    assert names == list(PAIRS), tree


# --- Parsons ----------------------------------------------------------------------------


def press(page: Page, button: Locator, key: str = "Enter") -> None:
    """A button pressed from the keyboard: focused, then the key."""
    button.focus()
    page.keyboard.press(key)


def solve(page: Page, act: Callable[[Locator], None], *, indent: bool = True) -> None:
    """Leave the distractor out, put the lines in order, indent them, each by ``act`` on the
    control a reader would use."""
    question = form(page, PARSONS)
    act(question.get_by_role("checkbox", name=f"Use: {DISTRACTOR}"))
    for target, (_, line) in enumerate(SOLUTION):
        while shown_lines(page).index(line) > target:
            before = shown_lines(page).index(line)
            act(question.get_by_role("button", name=f"Move up: {line}", exact=True))
            expect(moves(page)).to_have_text(
                re.compile(rf"^{re.escape(line)}: position {before} of {len(SOLUTION) + 1}\s?$")
            )
            expect(verdict(page, PARSONS)).to_have_text("")
    assert shown_lines(page)[: len(SOLUTION)] == [line for _, line in SOLUTION]
    if not indent:
        return
    for level, line in SOLUTION:
        for depth in range(1, level + 1):
            act(question.get_by_role("button", name=f"Indent: {line}", exact=True))
            expect(moves(page)).to_have_text(
                re.compile(rf"^{re.escape(line)}: indentation {depth}\s?$")
            )
            # The level is in the line's own text, for a reader who comes back to it.
            item = question.locator(".lessons-order-item").filter(has_text=line).first
            expect(item).to_contain_text(f"level {depth}")


def test_parsons_by_keyboard_orders_indents_and_leaves_out(page: Page) -> None:
    open_page(page)
    question = form(page, PARSONS)
    explanation = question.locator(".lessons-question__explanation")
    check = question.get_by_role("button", name="Check")
    assert shown_lines(page) != [line for _, line in SOLUTION], "shown solved already"
    solve(page, lambda control: press(page, control, "Space"), indent=False)
    press(page, check)
    expect(verdict(page, PARSONS)).to_have_text(WRONG)  # in order, but not indented
    expect(explanation).to_be_hidden()
    # An indent after the verdict is said in its own status: the verdict's says no more.
    press(page, question.get_by_role("button", name=f"Indent: {SOLUTION[2][1]}", exact=True))
    expect(moves(page)).to_have_text(re.compile(r": indentation 1\s?$"))
    expect(verdict(page, PARSONS)).to_have_text("")
    press(page, question.get_by_role("button", name=f"Outdent: {SOLUTION[2][1]}", exact=True))
    for level, line in SOLUTION:
        for _ in range(level):
            press(page, question.get_by_role("button", name=f"Indent: {line}", exact=True))
    # The indentation shows: each indented line starts further right.
    lefts = [
        question.locator(".lessons-order-item__text").nth(i).bounding_box() or {"x": 0}
        for i in range(len(SOLUTION))
    ]
    assert lefts[2]["x"] > lefts[1]["x"] == lefts[0]["x"], lefts
    press(page, check)
    expect(verdict(page, PARSONS)).to_have_text(RIGHT)
    expect(explanation).to_be_visible()
    # The distractor back in: wrong again.
    press(page, question.get_by_role("checkbox", name=f"Use: {DISTRACTOR}"), "Space")
    press(page, check)
    expect(verdict(page, PARSONS)).to_have_text(WRONG)


def test_parsons_moves_with_alt_arrows_keeping_the_focus(page: Page) -> None:
    open_page(page)
    question = form(page, PARSONS)
    line = shown_lines(page)[1]
    up = question.get_by_role("button", name=f"Move up: {line}", exact=True)
    up.focus()
    page.keyboard.press("Alt+ArrowUp")
    assert shown_lines(page)[0] == line
    expect(up).to_be_focused()
    page.keyboard.press("Alt+ArrowDown")
    assert shown_lines(page)[1] == line


def test_parsons_by_touch(new_context: Callable[..., BrowserContext]) -> None:
    context = new_context(has_touch=True, is_mobile=True, viewport={"width": 390, "height": 844})
    page = context.new_page()
    open_page(page)
    solve(page, lambda control: control.tap())
    form(page, PARSONS).get_by_role("button", name="Check").tap()
    expect(verdict(page, PARSONS)).to_have_text(RIGHT)
    expect(verdict(page, PARSONS)).to_be_in_viewport()


def test_parsons_in_the_accessibility_tree(page: Page) -> None:
    open_page(page)
    group = page.get_by_role("group", name="Put the lines of a Lambda handler")
    items = group.get_by_role("list").get_by_role("listitem")
    expect(items).to_have_count(len(SOLUTION) + 1)
    for _, line in SOLUTION:
        expect(group.get_by_role("checkbox", name=f"Use: {line}", exact=True)).to_have_count(1)
        for action in ("Indent", "Outdent", "Move up", "Move down"):
            button = group.get_by_role("button", name=f"{action}: {line}", exact=True)
            expect(button).to_have_count(1)
    tree = group.aria_snapshot()
    assert re.search(r"^\s*- list:$", tree, re.MULTILINE), tree
    assert len(re.findall(r"^\s*- listitem:", tree, re.MULTILINE)) == len(SOLUTION) + 1, tree
    assert len(re.findall(r'checkbox "Use: .*" \[checked\]', tree)) == len(SOLUTION) + 1, tree
    # Each line says its level (0 until indented), in text a screen reader reads with it.
    for _, line in SOLUTION:
        expect(items.filter(has_text=line).first).to_contain_text("level 0")
    assert len(re.findall(r"level 0", tree)) == len(SOLUTION) + 1, tree
    expect(group.get_by_role("checkbox", name=f"Use: {DISTRACTOR}")).to_be_checked()


def test_reset_progress_puts_the_lines_back_as_first_shown(page: Page) -> None:
    open_page(page)
    shown = shown_lines(page)
    solve(page, lambda control: control.click())
    items = form(page, PARSONS).locator(".lessons-order-item")
    expect(items.filter(has_text=SOLUTION[2][1]).first).to_have_attribute("data-lessons-depth", "1")
    reset = page.locator(".lessons-map__reset")
    reset.click()
    reset.click()  # the second press resets
    assert shown_lines(page) == shown
    for index in range(items.count()):
        expect(items.nth(index)).to_have_attribute("data-lessons-depth", "0")
    expect(form(page, PARSONS).get_by_role("checkbox", name=f"Use: {DISTRACTOR}")).to_be_checked()


# --- Predict the output ----------------------------------------------------------------


def test_predict_the_output_by_keyboard(page: Page) -> None:
    open_page(page)
    question = form(page, OUTPUT)
    explanation = question.locator(".lessons-question__explanation")
    box = question.get_by_role("textbox", name="What it prints")
    expect(question.locator("pre code").first).to_contain_text('print(f"{who}: {kind}")')
    box.focus()
    page.keyboard.press("Tab")  # to Check
    page.keyboard.press("Enter")
    expect(verdict(page, OUTPUT)).to_have_text(TYPE_FIRST)
    box.focus()
    page.keyboard.type("lambda: temporary")
    page.keyboard.press("Enter")  # a new line in the box, not a submit
    page.keyboard.type("ci-user: temporary")
    expect(verdict(page, OUTPUT)).to_have_text("")
    question.get_by_role("button", name="Check").press("Enter")
    expect(verdict(page, OUTPUT)).to_have_text(WRONG)
    expect(explanation).to_be_hidden()
    # Trailing spaces and a last empty line are no mistake.
    box.fill("lambda: temporary   \nci-user: long-term\n\n")
    question.get_by_role("button", name="Check").press("Enter")
    expect(verdict(page, OUTPUT)).to_have_text(RIGHT)
    expect(explanation).to_be_visible()


def test_predict_the_output_by_picking_it_with_the_keyboard(page: Page) -> None:
    open_page(page)
    question = form(page, PICKED)
    group = page.get_by_role("group", name="Which line does this program print?")
    radios = group.get_by_role("radio")
    expect(radios).to_have_count(3)
    wrong = question.locator(".lessons-choice[data-lessons-correct=false] input").first
    right = question.locator(".lessons-choice[data-lessons-correct=true] input")
    wrong.focus()
    page.keyboard.press("Space")
    expect(wrong).to_be_checked()
    question.get_by_role("button", name="Check").press("Enter")
    expect(verdict(page, PICKED)).to_have_text(WRONG)
    expect(question.locator(".lessons-question__explanation")).to_be_hidden()
    right.focus()
    page.keyboard.press("Space")
    question.get_by_role("button", name="Check").press("Enter")
    expect(verdict(page, PICKED)).to_have_text(RIGHT)
    expect(question.locator(".lessons-question__explanation")).to_be_visible()
    # The right one is what the program prints, as the build ran it.
    expect(right.locator("xpath=..")).to_contain_text(
        "arn:aws:sts::123456789012:assumed-role/app-reader/i-0abc"
    )


def test_predict_the_output_by_touch(new_context: Callable[..., BrowserContext]) -> None:
    context = new_context(has_touch=True, is_mobile=True, viewport={"width": 390, "height": 844})
    page = context.new_page()
    open_page(page)
    question = form(page, OUTPUT)
    box = question.get_by_role("textbox", name="What it prints")
    box.tap()
    expect(box).to_be_focused()
    box.fill(PRINTED)
    question.get_by_role("button", name="Check").tap()
    expect(verdict(page, OUTPUT)).to_have_text(RIGHT)
    expect(verdict(page, OUTPUT)).to_be_in_viewport()


def test_predict_the_output_in_the_accessibility_tree(page: Page) -> None:
    open_page(page)
    group = page.get_by_role("group", name="What does this program print?")
    tree = group.aria_snapshot()
    assert re.search(r'^\s*- textbox "What it prints"', tree, re.MULTILINE), tree
    assert re.search(r'^\s*- button "Check"', tree, re.MULTILINE) is None, "Check is outside"
    expect(form(page, OUTPUT).get_by_role("button", name="Check")).to_be_visible()


# --- All three ---------------------------------------------------------------------------


def test_without_javascript_the_items_read_and_the_answer_is_behind_show_answer(
    new_context: Callable[..., BrowserContext],
) -> None:
    page = new_context(java_script_enabled=False).new_page()
    page.goto(PAGE)
    for question in (MATCHING, PARSONS, OUTPUT):
        expect(form(page, question).get_by_role("button", name="Check")).to_be_hidden()
        expect(form(page, question).locator(".lessons-question__solution")).to_be_hidden()
    matching = form(page, MATCHING)
    for left in PAIRS:
        expect(matching.get_by_role("combobox", name=left)).to_be_visible()
    matching.get_by_text("Show answer").click()
    answer = matching.locator(".lessons-question__solution")
    for left, right in PAIRS.items():
        expect(answer).to_contain_text(left)
        expect(answer).to_contain_text(right)
    parsons = form(page, PARSONS)
    expect(parsons.get_by_text(DISTRACTOR)).to_be_visible()
    expect(parsons.get_by_role("button", name=re.compile("^Move"))).to_have_count(0)
    parsons.get_by_text("Show answer").click()
    solution = "\n".join("    " * level + line for level, line in SOLUTION)
    expect(parsons.locator(".lessons-parsons__solution")).to_have_text(solution)
    output = form(page, OUTPUT)
    expect(output.get_by_role("textbox", name="What it prints")).to_be_visible()
    expect(output.locator(".lessons-output__answer")).to_be_hidden()
    output.get_by_text("Show answer").click()
    expect(output.locator(".lessons-output__answer")).to_have_text(PRINTED)


@pytest.mark.parametrize("color_scheme", list(SCHEMES))
def test_no_axe_violations_with_the_new_kinds_answered(
    page: Page, color_scheme: ColorScheme
) -> None:
    page.emulate_media(color_scheme=color_scheme)
    open_page(page)
    scheme = page.locator("body").get_attribute("data-md-color-scheme")
    assert scheme == SCHEMES[color_scheme], scheme
    fail_on_axe_violations(page, f"{PAGE} before answering")
    matching = form(page, MATCHING)
    for left, right in PAIRS.items():
        matching.get_by_role("combobox", name=left).select_option(label=right)
    matching.get_by_role("button", name="Check").click()
    form(page, PARSONS).get_by_role("button", name="Check").click()
    expect(verdict(page, PARSONS)).to_have_text(WRONG)
    form(page, OUTPUT).get_by_role("textbox").fill(PRINTED)
    form(page, OUTPUT).get_by_role("button", name="Check").click()
    expect(verdict(page, OUTPUT)).to_have_text(RIGHT)
    page.mouse.move(0, 0)  # Material's hovered button is another state (its own colours)
    # Out from under Material's sticky header, where axe counts every button as obscured.
    form(page, PARSONS).evaluate("form => form.scrollIntoView({ block: 'center' })")
    fail_on_axe_violations(page, f"{PAGE} with both kinds answered")
