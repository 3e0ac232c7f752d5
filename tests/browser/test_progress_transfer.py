"""Progress that moves with the reader (issue 14, point 6): the lessons index exports all of the
site's progress as a code to copy and a file to download, and imports a code or a file into
another browser profile, where the mastery and the verdicts come back, added to what that
browser had; garbage and another site's code get a message; without JavaScript there is no
control, and where storage fails the control says progress cannot be saved."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Locator, Page, expect

from .conftest import LESSONS_INDEX, SCHEMES, ColorScheme, PageWatch
from .test_checks import (
    BROKEN_STORAGE,
    COURSE_ID,
    KEY,
    LESSON_ID,
    WRONG,
    answer,
    check,
    expect_map,
    fail_on_axe,
    open_lesson,
    our_errors,
    read_concepts,
    read_questions,
    result,
    stored,
)
from .test_progress_restore import snapshot

pytestmark = pytest.mark.browser

NOT_SAVED = (
    "Progress cannot be saved in this browser (its storage for this site is blocked or full), "
    "so there is none to export or import here."
)
BAD_CODE = (
    "This is not a progress code: paste the whole code that Export progress gave, or choose its "
    "file."
)
FOREIGN = "This progress is from another site: none of its lessons are on this one."


def transfer(page: Page) -> Locator:
    return page.get_by_role("region", name="Your progress")


def open_index(page: Page) -> Locator:
    page.goto(LESSONS_INDEX, wait_until="networkidle")
    box = transfer(page)
    expect(box).to_be_visible()
    return box


def code_of(data: Any) -> str:
    return base64.b64encode(json.dumps(data).encode()).decode()


def import_code(page: Page, code: str) -> Locator:
    box = transfer(page)
    box.get_by_role("textbox", name="Progress code").fill(code)
    box.get_by_role("button", name="Import progress").click()
    return box.get_by_role("status")


def course_progress(page: Page) -> Locator:
    card = page.locator(f"[data-lessons-course='{COURSE_ID}'][data-lessons-course-lessons]")
    return card.locator(".lessons-card__progress")


def test_export_then_import_in_a_new_browser_profile(
    page: Page, watch: PageWatch, new_context: Callable[..., BrowserContext], tmp_path: Path
) -> None:
    open_lesson(page)
    questions, concepts = read_questions(page), read_concepts(page)
    for question in concepts[0].questions:
        answer(page, questions[question], True)
        check(page, question)
    wrong = questions[concepts[1].questions[0]]
    answer(page, wrong, False)
    check(page, wrong.id)
    expect(result(page, wrong.id)).to_have_text(WRONG)
    shown = {q: snapshot(page, q) for q in [*concepts[0].questions, wrong.id]}
    here = stored(page)

    box = open_index(page)
    expect(box.get_by_role("status")).to_have_text("")
    expect(box.locator("[download]"), "no download before an export").to_be_hidden()
    box.get_by_role("button", name="Export progress").click()
    expect(box.get_by_role("status")).to_have_text(
        "Lessons exported: 1. Copy the code, or download it as a file."
    )
    code = box.get_by_role("textbox", name="Progress code").input_value()
    data = json.loads(base64.b64decode(code))
    assert data == {"mkdocs-lessons": 1, "lessons": {LESSON_ID: here}}, data
    with page.expect_download() as download_info:
        box.get_by_role("link", name="Download as a file").click()
    saved = tmp_path / download_info.value.suggested_filename
    download_info.value.save_as(saved)
    assert saved.read_text(encoding="utf-8") == code
    fail_on_axe(page, "the lessons index after an export")

    # Another browser profile, with progress of its own: the import adds to it.
    other = new_context().new_page()
    open_lesson(other)
    own = questions[concepts[1].questions[-1]]
    answer(other, own, True)
    check(other, own.id)
    open_index(other)
    expect(course_progress(other)).to_contain_text("0 of ")
    status = import_code(other, f"  {code[:20]}\n{code[20:]}  ")  # as pasted, wrapped
    expect(status).to_have_text("Lessons imported: 1, added to the progress already here.")
    expect(course_progress(other)).to_contain_text("1 of ")  # the cards follow at once
    open_lesson(other)
    expect_map(other, concepts, [*concepts[0].questions, own.id])
    for question, before in shown.items():
        if question != own.id:
            assert snapshot(other, question) == before, question
    expect(result(other, own.id)).to_have_text("Right!")  # its own answer, kept

    # A third profile imports the downloaded file.
    third = new_context().new_page()
    open_index(third).get_by_label("or import a file:").set_input_files(saved)
    expect(transfer(third).get_by_role("status")).to_have_text(
        "Lessons imported: 1, added to the progress already here."
    )
    open_lesson(third)
    expect_map(third, concepts, concepts[0].questions)
    expect(result(third, wrong.id)).to_have_text(WRONG)
    assert not watch.problems, watch.report()


def test_nothing_to_export_says_so(page: Page, watch: PageWatch) -> None:
    box = open_index(page)
    box.get_by_role("button", name="Export progress").click()
    expect(box.get_by_role("status")).to_have_text("There is no progress in this browser yet.")
    expect(box.locator("[download]")).to_be_hidden()
    expect(box.get_by_role("textbox", name="Progress code")).to_have_value("")
    assert not watch.problems, watch.report()


GOOD_RECORD = {"v": 2, "right": ["two-ways"], "answers": {}}


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("", BAD_CODE),
        ("hello, world", BAD_CODE),
        ("%%%%", BAD_CODE),
        (base64.b64encode(b"\xff\xfe not json").decode(), BAD_CODE),
        (code_of(None), BAD_CODE),
        (code_of([1, 2]), BAD_CODE),
        (code_of({"lessons": {LESSON_ID: GOOD_RECORD}}), BAD_CODE),  # not ours
        (code_of({"mkdocs-lessons": 2, "lessons": {LESSON_ID: GOOD_RECORD}}), BAD_CODE),
        (code_of({"mkdocs-lessons": 1, "lessons": None}), BAD_CODE),
        (code_of({"mkdocs-lessons": 1, "lessons": {"other-course/other": GOOD_RECORD}}), FOREIGN),
        # A lesson of this site whose progress does not read.
        (code_of({"mkdocs-lessons": 1, "lessons": {LESSON_ID: {"v": 9, "right": []}}}), BAD_CODE),
        (code_of({"mkdocs-lessons": 1, "lessons": {LESSON_ID: {"v": 2, "right": 5}}}), BAD_CODE),
        pytest.param("A" * 1_000_000, BAD_CODE, id="huge"),
    ],
)
def test_a_code_that_is_not_this_sites_progress_gets_a_message(
    page: Page, watch: PageWatch, code: str, message: str
) -> None:
    box = open_index(page)
    expect(import_code(page, code)).to_have_text(message)
    assert stored(page) is None, "nothing was written"
    # The control still works afterwards.
    import_code(page, code_of({"mkdocs-lessons": 1, "lessons": {LESSON_ID: GOOD_RECORD}}))
    expect(box.get_by_role("status")).to_have_text(
        "Lessons imported: 1, added to the progress already here."
    )
    assert stored(page) == GOOD_RECORD
    assert not watch.problems, watch.report()


def test_a_file_that_is_not_a_code_gets_a_message(
    page: Page, watch: PageWatch, tmp_path: Path
) -> None:
    box = open_index(page)
    picture = tmp_path / "holiday.png"
    picture.write_bytes(bytes(range(256)) * 4)
    box.get_by_label("or import a file:").set_input_files(picture)
    expect(box.get_by_role("status")).to_have_text(BAD_CODE)
    assert page.evaluate("key => localStorage.getItem(key)", KEY) is None
    assert not watch.problems, watch.report()


@pytest.mark.parametrize("broken", ["every-method-throws", "full", "reading-throws", "null"])
def test_where_storage_fails_the_control_says_progress_cannot_be_saved(
    page: Page, watch: PageWatch, broken: str
) -> None:
    script, material_works = BROKEN_STORAGE[broken]
    errors = our_errors(page)
    page.add_init_script(script)
    box = open_index(page)
    expect(box).to_contain_text(NOT_SAVED)
    for name in ("Export progress", "Import progress"):
        expect(box.get_by_role("button", name=name)).to_have_count(0)
    expect(box.get_by_role("textbox")).to_have_count(0)
    fail_on_axe(page, f"the lessons index with storage {broken}")
    assert not errors, "\n".join(errors)
    if material_works:
        assert not watch.problems, watch.report()


def test_without_javascript_there_is_no_control(
    new_context: Callable[..., BrowserContext],
) -> None:
    page = new_context(java_script_enabled=False).new_page()
    page.goto(LESSONS_INDEX)
    expect(page.get_by_role("heading", name="Your progress")).to_have_count(0)
    for name in ("Export progress", "Import progress"):
        expect(page.get_by_role("button", name=name)).to_have_count(0)
    expect(page.locator(".lessons-transfer")).to_be_hidden()


@pytest.mark.parametrize("color_scheme", list(SCHEMES))
def test_no_axe_violations_in_each_state_of_the_control(
    page: Page, new_context: Callable[..., BrowserContext], color_scheme: ColorScheme
) -> None:
    page.emulate_media(color_scheme=color_scheme)
    open_lesson(page)
    first = read_concepts(page)[0].questions[0]
    answer(page, read_questions(page)[first], True)
    check(page, first)
    box = open_index(page)
    assert page.locator("body").get_attribute("data-md-color-scheme") == SCHEMES[color_scheme]
    fail_on_axe(page, f"the progress control ({color_scheme})")
    box.get_by_role("button", name="Export progress").click()
    expect(box.locator("[download]")).to_be_visible()
    fail_on_axe(page, f"the progress control after an export ({color_scheme})")
    expect(import_code(page, "garbage")).to_have_text(BAD_CODE)
    fail_on_axe(page, f"the progress control after a bad code ({color_scheme})")
    blocked = new_context(color_scheme=color_scheme).new_page()
    blocked.add_init_script(BROKEN_STORAGE["every-method-throws"][0])
    expect(open_index(blocked)).to_contain_text(NOT_SAVED)
    fail_on_axe(blocked, f"the progress control without storage ({color_scheme})")
