"""Issue 11 in a real build: a course of lessons, one hostile or broken input each, built at
once and checked by `mkdocs-lessons check`: no traceback, no guard message, exactly one
message per lesson at the line of its mistake, and the same messages from both.
"""

from __future__ import annotations

from tests.build.conftest import BuildSite
from tests.build.test_broken_lessons import (
    Broken,
    assert_one_message_each,
    page,
    run_check,
    walkthrough,
)

ENTRY = "---\ntitle: Mine\nname: Me\ngithub: me\ndate: {date}\n---\n\nText.\n"
STEP = "/// step | 1\n```python\nx = 1\n```\nSet x.\n///\n"

CASES = [
    Broken("impossible-date", page("2026-02-30: x\n"), 5, "invalid YAML: '2026-02-30' is not a real date"),
    Broken("huge-duration", page("duration: " + "9" * 5000 + "\n"), 5, "invalid YAML: the number"),
    Broken("big-duration", page("duration: " + "9" * 400 + "\n"), 5, "invalid YAML: the number"),
    Broken("unquoted-colon", page("level: Roles: Who May Assume Them\n"), 5, "invalid YAML: mapping values are not allowed in this context (a value that holds ': ' must be quoted"),
    Broken("unclosed-bracket", page("tags: [a, b\nlevel: beginner\n"), 5, "invalid YAML: did not find expected ',' or ']'"),
    Broken("self-alias", page("tags: &t [*t]\n"), 5, "invalid YAML: this anchor contains an alias of itself"),
    Broken("duplicate-key", page("level: beginner\nlevel: advanced\n"), 6, "'level' is written twice here (first at line 5)"),
    Broken("author-list", page(author="[ada]"), 4, "'author' in the front matter must be a non-empty text, not a list"),
    Broken("never-closed-front-matter", "---\ntitle: A\nsummary: B\nauthor: ada\n\nText.\n", 1, "the front matter is never closed"),
    Broken("bom", "\ufeff" + page("levle: x\n"), 5, "unknown key 'levle'"),
    Broken("misspelt-block", page(body="/// qeustion | Why?\n    answer: x\n///\n"), 7, "unknown block 'qeustion' (did you mean 'question'?)"),
    Broken("tolerance-inf", page(body="/// question | Q\n    answer: 3\n    tolerance: .inf\n///\n"), 9, "'tolerance: inf' is not a number a browser can compare with"),
    Broken("tab-options", page(body="/// question | Q\n\tanswer: x\n///\n"), 8, "the question options are indented by four spaces, not a tab"),
    Broken("question-never-closed", page(body="/// question | Q\n    answer: x\n\n## Next\n\nText.\n"), 7, "this question is never closed"),
    Broken("code-outside", page(body=walkthrough("/// step | 1\n    code: ../../../mkdocs.yml\nThe code.\n///\n")), 9, "code file '../../../mkdocs.yml' leaves the lesson folder"),
    Broken("code-absolute", page(body=walkthrough("/// step | 1\n    code: /etc/passwd\nThe code.\n///\n")), 9, "code file '/etc/passwd' is an absolute path"),
    Broken("walkthrough-outside", page(body=walkthrough(STEP, files="../../../mkdocs.yml")), 7, "code file '../../../mkdocs.yml' leaves the lesson folder"),
    Broken("showcase-impossible-date", page("showcase: Share yours.\n"), 5, "invalid YAML: '2026-02-30' is not a real date", file="showcase/mine.md", extra_files=(("showcase/mine.md", ENTRY.format(date="2026-02-30")),)),
    Broken("showcase-fake-png", page("showcase: Share yours.\n"), 1, "this image is not published: the file is not a PNG image", file="showcase/mine/pic.png", extra_files=(("showcase/mine.md", ENTRY.format(date="2026-02-28") + "\n![pic](mine/pic.png)\n"), ("showcase/mine/pic.png", "<html><script>alert(1)</script></html>"))),
]  # fmt: skip


def tree() -> dict[str, str]:
    from tests.sources import AUTHORS

    files = {".authors.yml": AUTHORS}
    slugs = [case.slug for case in CASES]
    files["hostile/course.yml"] = "title: Hostile\nlessons:\n" + "".join(
        f"  - {slug}\n" for slug in slugs
    )
    for case in CASES:
        files[f"hostile/{case.slug}/index.md"] = case.text
        files[f"hostile/{case.slug}/app.py"] = "x = 1\n"
        for name, text in case.extra_files:
            files[f"hostile/{case.slug}/{name}"] = text
    return files


def test_hostile_lessons_give_one_message_each_in_the_build_and_in_check(
    build_site: BuildSite,
) -> None:
    built = build_site(tree(), strict=False)
    assert built.returncode == 0, built.log
    assert_one_message_each(built.log, CASES, "hostile")
    assert not (built.site / "lessons/hostile/showcase-fake-png/showcase/mine/pic.png").exists()
    code, output = run_check(built.root)
    assert code == 1
    assert_one_message_each(output, CASES, "hostile")


# Raw HTML left open swallows what follows as HTML: the build alone sees it (Python-Markdown
# decides what raw HTML takes), so `mkdocs-lessons check` cannot say it.
UNCLOSED = [
    Broken("unclosed-in-question", page(body="/// question | Which?\n\n<div class=\"x\">\n\n- [x] A\n- [ ] B\n///\n\nAfter.\n"), 7, "the raw HTML <div> before or inside question 'which'"),
    Broken("unclosed-before-concept", page(body="<details>\n\nOpen.\n\n/// concept | First idea\n///\n\nText.\n\n/// question | Why?\n    answer: x\n///\n"), 11, "the raw HTML <details> before or inside concept 'first-idea'"),
    Broken("unclosed-in-step", page(body=walkthrough("/// step | 1\n```python\nx = 1\n```\n\n<section>\n\nSet x.\n///\n\n/// step | 1\nAgain.\n///\n")), 7, "the raw HTML <section> before or inside walkthrough"),
]  # fmt: skip


def test_raw_html_left_open_gives_one_message_and_never_shows_marker_text(
    build_site: BuildSite,
) -> None:
    from tests.sources import AUTHORS

    files = {".authors.yml": AUTHORS}
    files["open/course.yml"] = "title: Open\nlessons:\n" + "".join(
        f"  - {case.slug}\n" for case in UNCLOSED
    )
    for case in UNCLOSED:
        files[f"open/{case.slug}/index.md"] = case.text
        files[f"open/{case.slug}/app.py"] = "x = 1\n"
    built = build_site(files, strict=False)
    assert built.returncode == 0, built.log
    assert_one_message_each(built.log, UNCLOSED, "open")
    for case in UNCLOSED:
        html = (built.site / f"lessons/open/{case.slug}/index.html").read_text(encoding="utf-8")
        assert "§§" not in html, f"{case.slug}: marker text is published"
    assert build_site(files, strict=True).returncode != 0
