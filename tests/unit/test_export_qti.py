"""``mkdocs-lessons export qti`` (issue 15, point 4): a QTI 2.1 package of a lesson's, a
course's or the site's System Checks. Every file of the package is validated against the official
IMS QTI 2.1 and CP XSDs (``tests/data/qti``, offline), each item is checked by ``qti_rules`` (a
stricter structural check: references, package files) and graded by its interpreter of QTI
response processing: a right answer scores 1, a wrong one 0 and shows its feedback."""

from __future__ import annotations

import contextlib
import io
import sys
import xml.etree.ElementTree as etree
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from lxml import etree as lxml_etree

from mkdocs_lessons.cli import main
from tests.sources import AUTHORS, lesson, write_tree
from tests.unit.qti_rules import QTI, Invalid, check_item, check_package, outcomes

REPO = Path(__file__).resolve().parents[2]
SCHEMAS = REPO / "tests/data/qti"  # the official IMS XSDs, unmodified: see its README.md
HOSTILE = "Braces {a} ~tilde #hash =eq :colon \\back <script>alert(1)</script> ünï 日本 ->"
BODY = f"""\
/// concept | Basics
///

/// question | Pick the right one {HOSTILE}
    id: single
    explain: Because **roles** expire.

Context with `code {{x}}` and <b>raw</b> HTML.

- [ ] Wrong one {HOSTILE}
    Feedback for the wrong one.
- [x] Right one
///

/// question | Pick all that apply
    id: multiple
- [x] First right
- [x] Second right
- [x] Third right
- [ ] Wrong
    Not this one.
///

/// question | Roles expire.
    id: truth
    answer: false
///

/// question | Which service issues temporary credentials?
    id: text
    answer: [STS, Security Token Service, "a*b"]
    feedback:
      IAM: IAM holds the policies.
///

/// question | Default session length in seconds?
    id: number
    answer: 3600
    tolerance: 60
    units: [seconds]
    feedback:
      "60": That is minutes.
///

/// question | Put the steps in order
    id: steps
1. Create the role
2. Attach a policy
3. Assume it
///

/// question | Match them
    id: pairs
    pairs:
      IAM user: a person
      IAM role: an identity one *assumes*
      Group: a set of users
///

/// question | Order the lines
    id: lines
    type: parsons
```python
x = 1
if x:
    print(x)
```
///

/// question | Order the handler
    id: handler
    type: parsons
    distractors:
      - return None
```python
def f():
    return 1
```
///

/// question | What does it print?
    id: pick-output
    run: python
    wrong_outputs: ["3", "12"]

```python
print(1 + 2 * 3)
```
///

/// question | Type what it prints
    id: typed-output
    run: python

```python
print("a{{b}}#c")
```
///

/// question | Type both lines
    id: two-lines
    run: python

```python
print(1)
print(2)
```
///
"""
SECOND = """\
/// question | A second lesson's question
    id: second
    answer: true
///
"""
CARRIED = {
    "single", "multiple", "truth", "text", "number", "steps", "pairs", "lines", "pick-output",
    "typed-output", "second",
}  # fmt: skip


def write_project(root: Path, body: str = BODY) -> Path:
    """A site of one course, ``basics``, with lessons ``first`` (every kind) and ``second``."""
    write_tree(
        root / "lessons",
        {
            ".authors.yml": AUTHORS,
            "basics/course.yml": "title: Basics\nsummary: The course.\nlessons:\n  - first\n"
            "  - second\n",
            "basics/first/index.md": lesson("First", body=body),
            "basics/second/index.md": lesson("Second", body=SECOND),
        },
    )
    write_tree(root / "docs", {"index.md": "# Home\n"})
    (root / "mkdocs.yml").write_text(
        "site_name: Test\ntheme:\n  name: material\nplugins:\n  - lessons:\n      code_runs:\n"
        f"        python: {sys.executable} {{file}}\n",
        encoding="utf-8",
    )
    return root


@dataclass
class Run:
    code: int
    out: str
    err: str


def export(args: list[str], capsys: pytest.CaptureFixture[str]) -> Run:
    code = main(["export", *args])
    out, err = capsys.readouterr()
    return Run(code, out, err)


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> tuple[bytes, str]:
    """The site's package as written, and what the command said on stderr."""
    root = write_project(tmp_path_factory.mktemp("site"))
    target = root / "out.qti.zip"
    err = io.StringIO()  # capsys is per test; this fixture is the module's
    with contextlib.redirect_stderr(err):
        code = main(["export", "qti", str(root), "-o", str(target)])
    assert code == 0, err.getvalue()
    return target.read_bytes(), err.getvalue()


@pytest.fixture(scope="module")
def package(exported: tuple[bytes, str]) -> tuple[dict[str, etree.Element], str]:
    """The site's package, its items by question id, and what the command said on stderr."""
    data, err = exported
    items = check_package(data)
    by_id = {href.rsplit(".", 2)[-2]: item for href, item in items.items()}
    return by_id, err


def text_of(element: etree.Element | None) -> str:
    assert element is not None
    return "".join(element.itertext())


def find(item: etree.Element, path: str) -> etree.Element:
    found = item.find(path.replace("q:", f"{{{QTI}}}"))
    assert found is not None, path
    return found


def findall(item: etree.Element, path: str) -> list[etree.Element]:
    return item.findall(path.replace("q:", f"{{{QTI}}}"))


def feedback_text(item: etree.Element, identifier: str) -> str:
    for feedback in findall(item, "q:modalFeedback"):
        if feedback.get("identifier") == identifier:
            return text_of(feedback).strip()
    raise AssertionError(f"no feedback {identifier}")


def test_every_kind_qti_carries_is_an_item_of_a_valid_package(
    package: tuple[dict[str, etree.Element], str],
) -> None:
    items, err = package
    assert set(items) == CARRIED
    assert {item.get("{http://www.w3.org/XML/1998/namespace}lang") for item in items.values()} == {
        "en"
    }
    assert "skipped basics/first#handler (parsons)" in err
    assert "skipped basics/first#two-lines (output)" in err
    assert err.count(": skipped ") == 2
    assert "11 question(s) of 2 lesson(s) as QTI 2.1, 2 skipped" in err


def test_single_choice_scores_the_right_one_and_shows_each_feedback(
    package: tuple[dict[str, etree.Element], str],
) -> None:
    item = package[0]["single"]
    interaction = find(item, "q:itemBody/q:choiceInteraction")
    assert interaction.get("maxChoices") == "1"
    right = outcomes(item, "C2")
    assert right["SCORE"] == 1
    assert right["FEEDBACK"] == {"EXPLANATION", "C2"}
    wrong = outcomes(item, "C1")
    assert wrong["SCORE"] == 0
    assert wrong["FEEDBACK"] == {"EXPLANATION", "C1"}
    assert feedback_text(item, "C1") == "Feedback for the wrong one."
    assert feedback_text(item, "EXPLANATION") == "Because roles expire."
    assert find(item, "q:modalFeedback/q:p/q:strong").text == "roles"
    assert outcomes(item, None)["SCORE"] == 0


def test_hostile_text_survives_exactly_and_raw_html_stays_text(
    package: tuple[dict[str, etree.Element], str],
) -> None:
    item = package[0]["single"]
    assert item.get("title") == f"Pick the right one {HOSTILE}"
    assert text_of(find(item, "q:itemBody/q:choiceInteraction/q:prompt")) == (
        f"Pick the right one {HOSTILE}"
    )
    choices = findall(item, "q:itemBody/q:choiceInteraction/q:simpleChoice")
    assert text_of(choices[0]) == f"Wrong one {HOSTILE}"
    context = find(item, "q:itemBody/q:div")
    assert text_of(context) == "Context with code {x} and <b>raw</b> HTML."
    for element in item.iter():
        assert str(element.tag).rpartition("}")[2] not in ("script", "b")


def test_multiple_choice_takes_every_right_choice_and_nothing_else(
    package: tuple[dict[str, etree.Element], str],
) -> None:
    item = package[0]["multiple"]
    assert find(item, "q:itemBody/q:choiceInteraction").get("maxChoices") == "0"
    assert outcomes(item, {"C1", "C2", "C3"})["SCORE"] == 1
    assert outcomes(item, {"C1", "C2"})["SCORE"] == 0
    wrong = outcomes(item, {"C1", "C2", "C3", "C4"})
    assert wrong["SCORE"] == 0
    assert wrong["FEEDBACK"] == {"C1", "C2", "C3", "C4"}  # only C4 has a modalFeedback
    assert feedback_text(item, "C4") == "Not this one."


def test_true_false_is_a_choice_of_the_sites_words(
    package: tuple[dict[str, etree.Element], str],
) -> None:
    item = package[0]["truth"]
    choices = findall(item, "q:itemBody/q:choiceInteraction/q:simpleChoice")
    assert [text_of(choice) for choice in choices] == ["True", "False"]
    assert outcomes(item, "C2")["SCORE"] == 1
    assert outcomes(item, "C1")["SCORE"] == 0


def test_a_fill_in_accepts_each_alternative_in_any_case_and_answers_a_mistake(
    package: tuple[dict[str, etree.Element], str],
) -> None:
    item = package[0]["text"]
    body = find(item, "q:itemBody")
    assert find(body, "q:p/q:textEntryInteraction") is not None
    assert text_of(find(body, "q:p")) == "Which service issues temporary credentials?"
    for answer in ("STS", "sts", "Security token service", "a*b"):
        assert outcomes(item, answer)["SCORE"] == 1, answer
    assert outcomes(item, "aXb")["SCORE"] == 0  # '*' is a character, not a wildcard
    wrong = outcomes(item, "iam")
    assert wrong["SCORE"] == 0
    assert wrong["FEEDBACK"] == {"MISTAKE_1"}
    assert feedback_text(item, "MISTAKE_1") == "IAM holds the policies."


def test_a_numeric_fill_in_is_a_float_within_its_tolerance(
    package: tuple[dict[str, etree.Element], str],
) -> None:
    item = package[0]["number"]
    assert find(item, "q:responseDeclaration").get("baseType") == "float"
    for answer, score in ((3600.0, 1), (3660.0, 1), (3540.0, 1), (3661.0, 0), (60.0, 0)):
        assert outcomes(item, answer)["SCORE"] == score, answer
    assert outcomes(item, 60.0)["FEEDBACK"] == {"MISTAKE_1"}
    assert outcomes(item, 3600.0)["FEEDBACK"] in (None, set())


def test_true_false_speaks_the_sites_language(tmp_path: Path) -> None:
    root = write_project(tmp_path)
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "  name: material\n", "  name: material\n  language: es\n"
        ),
        encoding="utf-8",
    )
    assert main(["export", "qti", str(root), "--lesson", "second", "-o", str(root / "x.zip")]) == 0
    item = check_package((root / "x.zip").read_bytes())["items/basics.second.second.xml"]
    choices = findall(item, "q:itemBody/q:choiceInteraction/q:simpleChoice")
    assert [text_of(choice) for choice in choices] == ["Verdadero", "Falso"]
    # The item says which language it is in (the package is valid against the schema with it).
    assert item.get("{http://www.w3.org/XML/1998/namespace}lang") == "es"


def test_an_ordering_is_an_order_interaction(
    package: tuple[dict[str, etree.Element], str],
) -> None:
    item = package[0]["steps"]
    interaction = find(item, "q:itemBody/q:orderInteraction")
    assert interaction.get("shuffle") == "true"
    choices = {c.get("identifier"): text_of(c) for c in findall(interaction, "q:simpleChoice")}
    right = [choices[f"I{n}"] for n in (1, 2, 3)]
    assert right == ["Create the role", "Attach a policy", "Assume it"]
    assert outcomes(item, ["I1", "I2", "I3"])["SCORE"] == 1
    assert outcomes(item, ["I2", "I1", "I3"])["SCORE"] == 0


def test_a_parsons_problem_without_extras_orders_its_lines_with_their_indentation(
    package: tuple[dict[str, etree.Element], str],
) -> None:
    item = package[0]["lines"]
    lines = findall(item, "q:itemBody/q:orderInteraction/q:simpleChoice/q:pre")
    assert [text_of(line) for line in lines] == ["x = 1", "if x:", "    print(x)"]
    assert outcomes(item, ["I1", "I2", "I3"])["SCORE"] == 1
    assert outcomes(item, ["I2", "I1", "I3"])["SCORE"] == 0


def test_a_matching_pairs_each_left_item_with_its_right_one(
    package: tuple[dict[str, etree.Element], str],
) -> None:
    item = package[0]["pairs"]
    sets = findall(item, "q:itemBody/q:matchInteraction/q:simpleMatchSet")
    left = {c.get("identifier"): text_of(c) for c in sets[0]}
    right = {c.get("identifier"): text_of(c) for c in sets[1]}
    answer = {f"S{n} T{n}" for n in (1, 2, 3)}
    assert [(left[p.split()[0]], right[p.split()[1]]) for p in sorted(answer)] == [
        ("IAM user", "a person"),
        ("IAM role", "an identity one assumes"),
        ("Group", "a set of users"),
    ]
    assert find(sets[1][1], "q:em").text == "assumes"
    assert outcomes(item, answer)["SCORE"] == 1
    assert outcomes(item, {"S1 T2", "S2 T1", "S3 T3"})["SCORE"] == 0


def test_predict_the_output_is_a_choice_of_outputs_or_a_typed_line(
    package: tuple[dict[str, etree.Element], str],
) -> None:
    picked = package[0]["pick-output"]
    outputs = findall(picked, "q:itemBody/q:choiceInteraction/q:simpleChoice/q:pre")
    assert [text_of(output) for output in outputs] == ["7", "3", "12"]
    assert outcomes(picked, "C1")["SCORE"] == 1
    assert outcomes(picked, "C2")["SCORE"] == 0
    program = text_of(find(picked, "q:itemBody/q:div"))
    assert program.strip() == "print(1 + 2 * 3)"
    typed = package[0]["typed-output"]
    assert outcomes(typed, "a{b}#c")["SCORE"] == 1
    assert outcomes(typed, "A{B}#C")["SCORE"] == 0  # a program's output is exact


def test_the_test_holds_one_section_per_lesson(tmp_path: Path) -> None:
    root = write_project(tmp_path)
    assert main(["export", "qti", str(root), "-o", str(tmp_path / "site.zip")]) == 0
    with zipfile.ZipFile(tmp_path / "site.zip") as archive:
        test = etree.fromstring(archive.read("assessment.xml"))
    sections = test.findall(f".//{{{QTI}}}assessmentSection")
    assert test.get("title") == "Test"  # the site_name
    assert [section.get("title") for section in sections] == ["First", "Second"]
    assert [len(section) for section in sections] == [len(CARRIED) - 1, 1]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda x: x.replace("<itemBody>", "<itemBody>stray text"), "not mixed content"),
        (lambda x: x.replace("<prompt>", "<prompt><div>x</div>"), "may not hold <div>"),
        (lambda x: x.replace('maxChoices="1"', 'maxChoices="one"'), "not a whole number"),
        (lambda x: x.replace('identifier="FEEDBACK" />', 'identifier="FB" />'), "undeclared"),
        (lambda x: x.replace("<value>C2</value>", "<value>C9</value>"), "not all choices"),
        (lambda x: x.replace('shuffle="false"', 'shuffle="no"'), "not a boolean"),
        (lambda x: x.replace('<simpleChoice identifier="C1">', '<simpleChoice id="C1">'), "lacks"),
    ],
)
def test_the_structural_check_refuses_what_qti_does_not_allow(
    package: tuple[dict[str, etree.Element], str], change: Callable[[str], str], expected: str
) -> None:
    """The rules can fail: each breach of one is found (else a passing package says nothing)."""
    item = package[0]["single"]
    text = etree.tostring(item, encoding="unicode").replace("ns0:", "").replace(":ns0", "")
    check_item(text.encode())
    with pytest.raises(Invalid, match=expected):
        check_item(change(text).encode())


# -- The official IMS schemas ---------------------------------------------------------------


@dataclass(frozen=True)
class Schemas:
    qti: lxml_etree.XMLSchema  # items and the test
    cp: lxml_etree.XMLSchema  # the manifest


@pytest.fixture(scope="module")
def schemas() -> Schemas:
    """The IMS QTI 2.1 and Content Packaging 1.1 XSDs, loaded once (QTI's takes about 0.35 s).
    Their imports are relative paths inside tests/data/qti, and lxml fetches nothing from the
    network, so a missing file fails here instead of being downloaded."""
    return Schemas(
        qti=lxml_etree.XMLSchema(lxml_etree.parse(SCHEMAS / "qtiv2p1/imsqti_v2p1.xsd")),
        cp=lxml_etree.XMLSchema(lxml_etree.parse(SCHEMAS / "imscp_v1p1.xsd")),
    )


def schema_errors(schema: lxml_etree.XMLSchema, xml: bytes) -> list[str]:
    """The schema's error log for one document, a line for each error (each names its line in
    the document); empty when it is valid."""
    if schema.validate(lxml_etree.fromstring(xml)):
        return []
    return str(schema.error_log).splitlines()


def schema_report(data: bytes, schemas: Schemas) -> dict[str, list[str]]:
    """Every file of a package, each checked by its official schema, with that schema's errors."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    return {
        name: schema_errors(schemas.cp if name == "imsmanifest.xml" else schemas.qti, xml)
        for name, xml in files.items()
    }


def test_every_file_of_the_package_is_valid_against_the_official_xsd(
    exported: tuple[bytes, str], schemas: Schemas
) -> None:
    report = schema_report(exported[0], schemas)
    items = [name for name in report if name.startswith("items/")]
    assert len(items) == len(CARRIED)  # every kind was validated, not an empty package
    assert {"assessment.xml", "imsmanifest.xml"} <= set(report)
    assert {name: errors for name, errors in report.items() if errors} == {}


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda x: x.replace(' responseIdentifier="RESPONSE"', ""),
            "The attribute 'responseIdentifier' is required but missing",
        ),
        (lambda x: x.replace("<prompt>", "<prompt><blink>x</blink>"), "blink': This element"),
        (lambda x: x.replace('maxChoices="1"', 'maxChoices="one"'), "'one' is not a valid value"),
        (lambda x: x.replace("<itemBody>", "<itemBody>stray text"), "Character content"),
        (
            lambda x: x.replace("imsqti_v2p1", "imsqti_v2p9", 1),
            "No matching global declaration available for the validation root",
        ),
    ],
)
def test_the_official_xsd_refuses_an_invalid_item(
    exported: tuple[bytes, str], schemas: Schemas, change: Callable[[str], str], expected: str
) -> None:
    """The schema can fail: each breach is in its error log (else a valid report says nothing)."""
    with zipfile.ZipFile(io.BytesIO(exported[0])) as archive:
        text = archive.read("items/basics.first.single.xml").decode()
    assert schema_errors(schemas.qti, text.encode()) == []
    broken = change(text)
    assert broken != text
    errors = schema_errors(schemas.qti, broken.encode())
    assert any(expected in error for error in errors), errors


RICH = """\
/// question | Which row?
    id: rich
    explain: |
      ## A heading

      > A quote with a [link](https://example.com/a?b=1#c) and [a bad one](javascript:x).

      1. one
      2. two

![a diagram](diagram.png) and a line<two spaces>
break.

| Service | Issues |
| :------ | -----: |
| STS     | `keys` |

- [x] The first
    Feedback with a list:

    - a
    - b
- [ ] The second
///
""".replace("<two spaces>", "  ")  # a hard line break


def test_rich_markdown_becomes_qti_xhtml_and_what_qti_lacks_is_left_out(
    tmp_path: Path, schemas: Schemas
) -> None:
    root = write_project(tmp_path, RICH)
    (root / "lessons/basics/first/diagram.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    assert main(["export", "qti", str(root), "-o", str(tmp_path / "x.zip")]) == 0
    report = schema_report((tmp_path / "x.zip").read_bytes(), schemas)
    assert report["items/basics.first.rich.xml"] == []
    item = check_package((tmp_path / "x.zip").read_bytes())["items/basics.first.rich.xml"]
    context = find(item, "q:itemBody/q:div")
    cells = [text_of(cell) for cell in context.iter(f"{{{QTI}}}td")]
    assert cells == ["STS", "keys"]
    assert all("style" not in cell.attrib for cell in context.iter(f"{{{QTI}}}td"))
    assert "a diagram" in text_of(context)  # no image travels: its alt text stays
    assert not list(context.iter(f"{{{QTI}}}img"))
    assert find(context, "q:p/q:br") is not None
    explanation = next(
        f for f in findall(item, "q:modalFeedback") if f.get("identifier") == "EXPLANATION"
    )
    links = list(explanation.iter(f"{{{QTI}}}a"))
    assert [link.get("href") for link in links] == ["https://example.com/a?b=1#c"]
    assert "a bad one" in text_of(explanation)
    assert [text_of(li) for li in explanation.iter(f"{{{QTI}}}li")] == ["one", "two"]


# -- The command ----------------------------------------------------------------------------


def test_one_lesson_by_course_and_slug_or_slug_alone_with_a_default_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = write_project(tmp_path / "site")
    monkeypatch.chdir(tmp_path)
    run = export(["qti", str(root), "--lesson", "basics/second"], capsys)
    assert run.code == 0, run.err
    items = check_package((tmp_path / "second.qti.zip").read_bytes())
    assert list(items) == ["items/basics.second.second.xml"]
    assert "wrote second.qti.zip: 1 question(s) of 1 lesson(s)" in run.err
    assert export(["qti", str(root), "--lesson", "second", "-o", "a.zip"], capsys).code == 0
    assert (tmp_path / "a.zip").read_bytes() == (tmp_path / "second.qti.zip").read_bytes()
    assert export(["qti", str(root), "--course", "basics"], capsys).code == 0
    assert len(check_package((tmp_path / "basics.qti.zip").read_bytes())) == len(CARRIED)
    assert export(["qti", str(root)], capsys).code == 0
    assert (tmp_path / "lessons.qti.zip").is_file()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--lesson", "nope"], "no lesson 'nope' in the site; its lessons: basics/first, "),
        (["--lesson", "other/first"], "no lesson 'other/first' in the site"),
        (["--course", "nope"], "no course 'nope' in the site; its courses: basics"),
    ],
)
def test_an_unknown_lesson_or_course_is_one_clear_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    root = write_project(tmp_path)
    run = export(["qti", str(root), *args, "-o", str(tmp_path / "x.zip")], capsys)
    assert run.code == 2
    assert run.err.count("\n") == 1
    assert message in run.err
    assert not (tmp_path / "x.zip").exists()


def test_an_author_mistake_is_a_path_line_message_and_nothing_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = write_project(tmp_path, BODY.replace("    answer: false\n", ""))
    run = export(["qti", str(root), "-o", str(tmp_path / "x.zip")], capsys)
    assert run.code == 1
    assert "lessons/basics/first/index.md:" in run.err
    assert ": error: the question has no answers" in run.err
    assert "Traceback" not in run.err
    assert not (tmp_path / "x.zip").exists()


def test_a_missing_project_is_a_message(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run = export(["qti", str(tmp_path / "nowhere")], capsys)
    assert run.code == 2
    assert "no such folder or file" in run.err


def test_the_example_site_exports_without_errors_and_is_valid_against_the_official_xsd(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], schemas: Schemas
) -> None:
    run = export(["qti", str(REPO), "-o", str(tmp_path / "site.zip")], capsys)
    assert run.code == 0, run.err
    items = check_package((tmp_path / "site.zip").read_bytes())
    assert len(items) >= 20
    assert "error" not in run.err
    report = schema_report((tmp_path / "site.zip").read_bytes(), schemas)
    assert set(items) < set(report)  # each item, plus the test and the manifest
    assert {name: errors for name, errors in report.items() if errors} == {}
