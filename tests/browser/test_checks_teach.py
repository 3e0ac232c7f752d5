"""System Checks that teach (issue 14, point 1), on the seed lesson: a wrong answer never gives
the answer away, the verdict shows beside Check and in view on every kind of question (desktop
and phone), hints come one at a time, a fill-in's expected mistakes get their own feedback,
numbers read as people write them, an empty answer is asked for rather than graded, and the
answer opens after the author's number of tries."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Locator, Page, expect

from .conftest import LESSON

pytestmark = pytest.mark.browser

RIGHT = re.compile(r"^Right!( Mastered: .+\.)?( Now open: .+\.)?$")
WRONG = "Not quite: try again."
TYPE_FIRST = "Type your answer first."
CHOOSE_FIRST = "Choose an answer first."


def form(page: Page, question: str) -> Locator:
    return page.locator(f"#lessons-question-{question}")


def check(page: Page, question: str) -> None:
    form(page, question).get_by_role("button", name="Check").click()


def verdict(page: Page, question: str) -> Locator:
    return form(page, question).get_by_role("status")


def open_lesson(page: Page) -> None:
    page.goto(LESSON)
    expect(page.locator(".lessons-question__actions").first).to_be_visible()


def test_a_wrong_choice_shows_its_feedback_and_not_the_explanation(page: Page) -> None:
    open_lesson(page)
    question = form(page, "keys-expire")  # true or false: the answer is false
    question.get_by_label("True").check()
    check(page, "keys-expire")
    expect(verdict(page, "keys-expire")).to_have_text(WRONG)
    expect(question.locator(".lessons-question__explanation")).to_be_hidden()
    expect(question.locator(".lessons-question__answer")).not_to_have_attribute("open", "")
    question.get_by_label("False").check()
    check(page, "keys-expire")
    expect(verdict(page, "keys-expire")).to_have_text(RIGHT)
    expect(question.locator(".lessons-question__explanation")).to_be_visible()


def test_show_answer_still_gives_the_explanation_on_request(page: Page) -> None:
    open_lesson(page)
    question = form(page, "keys-expire")
    question.locator(".lessons-question__answer summary").click()
    expect(question.locator(".lessons-question__explanation")).to_be_visible()


def test_an_empty_answer_is_asked_for_not_graded(page: Page) -> None:
    open_lesson(page)
    check(page, "keys-expire")
    expect(verdict(page, "keys-expire")).to_have_text(CHOOSE_FIRST)
    expect(form(page, "keys-expire")).not_to_have_attribute("data-lessons-result", "wrong")
    form(page, "default-session").locator("input").fill("  ")
    check(page, "default-session")
    expect(verdict(page, "default-session")).to_have_text(TYPE_FIRST)
    expect(form(page, "default-session")).not_to_have_attribute("data-lessons-result", "wrong")


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("3600", RIGHT),
        ("3,600", RIGHT),
        ("3 600", RIGHT),
        ("3600 seconds", RIGHT),
        ("3600 s", RIGHT),
        ("3,600 sec", RIGHT),
        ("3600 minutes", WRONG),
        ("36,00", WRONG),
        ("1 hour", WRONG),
    ],
)
def test_numbers_read_as_people_write_them(page: Page, typed: str, said: str) -> None:
    # `answer: 3600 seconds` with `units: [s, sec]`: the number, with a unit word it allows.
    open_lesson(page)
    form(page, "default-session").locator("input").fill(typed)
    check(page, "default-session")
    expect(verdict(page, "default-session")).to_have_text(said)


def test_an_expected_mistake_gets_its_own_feedback(page: Page) -> None:
    open_lesson(page)
    question = form(page, "default-session")
    mistakes = question.locator(".lessons-question__mistake")
    expect(mistakes).to_have_count(3)
    question.locator("input").fill("43,200")
    check(page, "default-session")
    expect(verdict(page, "default-session")).to_have_text(WRONG)
    expect(mistakes.filter(has_text="longest")).to_be_visible()
    expect(mistakes.filter(has_text="shortest")).to_be_hidden()
    question.locator("input").fill("1")
    check(page, "default-session")
    expect(mistakes.filter(has_text="asks for seconds")).to_be_visible()
    expect(mistakes.filter(has_text="longest")).to_be_hidden()
    question.locator("input").fill("7")  # a mistake nobody foresaw: the verdict alone
    check(page, "default-session")
    expect(mistakes.locator("visible=true")).to_have_count(0)


def test_hints_come_one_at_a_time(page: Page) -> None:
    open_lesson(page)
    hints = form(page, "default-session").locator(".lessons-question__hint")
    expect(hints).to_have_count(2)
    expect(hints.nth(0).locator("summary")).to_have_text("Hint 1 of 2")
    expect(hints.nth(1)).to_be_hidden()
    hints.nth(0).locator("summary").click()
    expect(hints.nth(1)).to_be_visible()
    expect(hints.nth(1).locator("summary")).to_have_text("Hint 2 of 2")


def test_the_answer_opens_after_the_authors_number_of_tries(page: Page) -> None:
    open_lesson(page)  # keys-per-user: reveal_after: 2
    question = form(page, "keys-per-user")
    question.locator("input").fill("3")
    check(page, "keys-per-user")
    expect(question.locator(".lessons-question__explanation")).to_be_hidden()
    question.locator("input").fill("4")
    check(page, "keys-per-user")
    expect(verdict(page, "keys-per-user")).to_have_text(WRONG)
    expect(question.locator(".lessons-question__explanation")).to_be_visible()
    expect(question.locator(".lessons-question__answer")).to_have_attribute("open", "")


def test_inline_markdown_in_a_prompt(page: Page) -> None:
    # Written: Which ARN must a statement name for `s3:ListBucket` on the bucket `example-...`?
    page.goto("/lessons/aws-iam/least-privilege-permission-policies/")
    legend = form(page, "list-bucket-arn").locator("legend")
    expect(legend.locator("code")).to_have_text(["s3:ListBucket", "example-app-assets"])
    expect(legend).not_to_contain_text("`")
    # The fieldset is named by its legend, as a reader hears it.
    expect(
        page.get_by_role(
            "group",
            name="Which ARN must a statement name for s3:ListBucket"
            " on the bucket example-app-assets?",
        )
    ).to_have_count(1)


# Every question of the page with its Check button at the bottom edge of the window: after
# Check, the verdict must be in the window, below Material's header.
_VERDICT_IN_VIEW = """async () => {
    const frames = () => new Promise(done => requestAnimationFrame(() =>
        requestAnimationFrame(done)));
    const header = () => document.querySelector(".md-header").getBoundingClientRect().bottom;
    const problems = [];
    let checked = 0;
    for (const form of document.querySelectorAll("form.lessons-question")) {
        const button = form.querySelector("button[type=submit]");
        scrollTo(0, scrollY + button.getBoundingClientRect().bottom - innerHeight + 2);
        // An answer, right or wrong, of each kind (an ordering always holds one).
        const choice = form.querySelector(".lessons-choice input");
        if (choice) choice.checked = true;
        const field = form.querySelector(".lessons-question__field input");
        if (field) field.value = "7";
        button.click();
        await frames();
        const box = form.querySelector("[role=status]").getBoundingClientRect();
        checked++;
        if (box.bottom > innerHeight + 1 || box.top < header() - 1) {
            problems.push(`${form.id}: the verdict stands at ${Math.round(box.top)}-`
                + `${Math.round(box.bottom)} in a window of ${innerHeight}`);
        }
    }
    return { checked, problems };
}"""


@pytest.mark.parametrize("size", [(1280, 800), (390, 844)], ids=["desktop", "phone"])
def test_the_verdict_is_in_view_beside_check(page: Page, size: tuple[int, int]) -> None:
    page.set_viewport_size({"width": size[0], "height": size[1]})
    page.emulate_media(reduced_motion="reduce")
    open_lesson(page)
    result = page.evaluate(_VERDICT_IN_VIEW)
    assert result["checked"] >= 8, result
    assert not result["problems"], "\n".join(result["problems"])
