"""Benchmark the `lessons` plugin against the same Markdown built as plain mkdocs-material pages.

Run by `make bench`. It writes N synthetic lessons in the source format of the spec (an
`.authors.yml`, courses with a `course.yml`, lesson folders with an `index.md`) into a temp
folder and builds four sites with `mkdocs build --strict` (unless --no-strict) in
subprocesses:

    plugin-0, plugin-N   the `lessons` plugin reading 0 and N lessons
    plain-0,  plain-N    the same lessons as ordinary Material pages in docs/, no plugin:
                         the body under a `# Title`, with the front matter Material reads
                         (title, description, tags), and a nav of the plugin's shape

Every fixed cost (interpreter start, imports, theme copy, the home page) is in both builds of a
variant, so (time(N) - time(0)) / N is the cost of one more lesson. Each build is timed twice:
its CPU time (user + system of the build process, what the build costs the machine) and its
wall time (which also counts the time it waits while other processes of a shared machine run).
The budgeted ratio is the CPU time's; the wall time's is printed beside it. Each time is the
best of at least --runs interleaved runs, and more rounds run (up to three times as many)
until a round no longer improves any variant's best by more than 1 %: noise only ever adds
time, and on a busy machine the best of three has not settled yet. The ratio of each round's
own four builds is printed too (lowest, median, highest): how far the machine moves the figure.

It also prints the plugin's import time and the gzipped size of its JS and CSS, each with its
budget from PRODUCT.md, and ends with the line `plugin/plain per-lesson build time: R`, which
other tools parse. It asserts nothing: budgets are read by people, not enforced here.

The synthetic lessons are assembled from BODY_PARTS (one function per part of a lesson body)
and the sources folder from SITE_PARTS (one function per site-level file): a new feature
(walkthroughs, glossary, quizzes) is benchmarked by adding one function to one of those lists.
"""

from __future__ import annotations

import argparse
import gzip
import math
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_CONFIG = ROOT / "mkdocs.yml"
ASSETS_DIR = ROOT / "plugins" / "mkdocs_lessons" / "assets"

# Budgets from PRODUCT.md ("Budgets"); 1 KB = 1024 bytes.
BUDGET_RATIO = 1.15
BUDGET_IMPORT_MS = 150.0
# Issue 13 (the walkthrough redesign: layout, marks, tabs, screen readers, print) raised the
# budgets from 8 KB and 5 KB to the issue's own.
BUDGET_JS_BYTES = 10 * 1024
BUDGET_CSS_BYTES = 6 * 1024
# Issue 7: `mkdocs-lessons check` on 200 lessons, whole command, fresh interpreter.
BUDGET_CHECK_S = 2.0

# A course per this many lessons, so course pages grow with N like they do on a real site.
LESSONS_PER_COURSE = 25
# Import timing is a few tens of ms with a wide spread: more samples than builds, still cheap.
IMPORT_RUNS = 9
# Fixed so that every run and every machine benchmarks the same text.
SEED = 20240601

# --------------------------------------------------------------------------------------------
# The site model


@dataclass
class Author:
    id: str
    name: str
    description: str
    # Only some authors have an avatar: the plugin must also render the initials fallback.
    avatar: str | None


@dataclass
class Lesson:
    slug: str
    course: str
    title: str
    summary: str
    author: str
    level: str
    duration: int
    tags: list[str]
    prerequisites: list[str]
    topic: str
    number: int


@dataclass
class Course:
    slug: str
    title: str
    summary: str
    position: int
    lessons: list[Lesson] = field(default_factory=list)


@dataclass
class Site:
    authors: list[Author]
    courses: list[Course]

    @property
    def lessons(self) -> list[Lesson]:
        return [lesson for course in self.courses for lesson in course.lessons]


@dataclass
class Part:
    """One piece of a lesson body, as produced by a BODY_PARTS function."""

    markdown: str
    # What the plain variant gets instead; None = the same Markdown. A part that uses the
    # plugin's own syntax gives here the nearest plain Markdown (e.g. code blocks in sequence),
    # so the comparison stays "the same content, with and without the plugin".
    plain: str | None = None
    # Files published beside the lesson page (code, images), by name; both variants get them.
    files: dict[str, str] = field(default_factory=dict)
    # Extra front matter keys, for the plugin variant only.
    front_matter: dict[str, Any] = field(default_factory=dict)


@dataclass
class RenderedLesson:
    lesson: Lesson
    front_matter: dict[str, Any]
    body: str
    plain_body: str
    files: dict[str, str]


class Context:
    """What a body-part function may use: the lesson, the whole site, a seeded text source."""

    def __init__(self, lesson: Lesson, site: Site) -> None:
        self.lesson = lesson
        self.site = site
        # Seeded per lesson so that a lesson's text does not change when N or parts change.
        self.rng = random.Random(f"{SEED}-{lesson.slug}")

    def sentence(self, words: int) -> str:
        picked = [self.rng.choice(WORDS) for _ in range(words)]
        # A few inline code spans and bold terms, as in real prose about code.
        if words > 8:
            picked[self.rng.randrange(2, words)] = f"`{self.rng.choice(CODE_WORDS)}`"
        if words > 12:
            picked[self.rng.randrange(2, words)] = f"**{self.lesson.topic}**"
        text = " ".join(picked)
        return text[0].upper() + text[1:] + "."

    def paragraph(self, words: int) -> str:
        """About `words` words in sentences of 8-18 words."""
        sentences: list[str] = []
        left = words
        while left > 0:
            n = min(left, self.rng.randint(8, 18))
            n = max(n, 4)
            sentences.append(self.sentence(n))
            left -= n
        return " ".join(sentences)


# --------------------------------------------------------------------------------------------
# Vocabulary

# One string split at import: a 150-word list literal would be 150 lines after formatting.
_WORD_TEXT = (
    "the a an of to and in for with on that this it is are be can will when each which your "
    "service request response policy role account user group key token session credential "
    "resource bucket queue function instance container image cluster node network subnet "
    "route gateway endpoint region zone log metric alarm trace event handler pipeline build "
    "deploy release version branch commit test stage config file value default setting option "
    "access permission identity trust secret rotation expiry audit rule condition action "
    "principal scope boundary limit quota cost budget team owner reader writer client server "
    "cache database table index query schema record field backup restore snapshot replica "
    "first then next before after always never only often usually quickly safely clearly "
    "check create delete update read write attach detach assume grant deny allow list describe "
    "rotate store load send receive retry fail recover scale monitor measure compare choose"
)
WORDS = _WORD_TEXT.split()

CODE_WORDS = (
    "sts:AssumeRole",
    "s3:GetObject",
    "boto3.client",
    "--profile",
    "AWS_REGION",
    "Effect",
    "Principal",
    "kubectl apply",
    "terraform plan",
    "max_retries",
    "timeout=30",
    "None",
)

TOPICS = (
    "access keys",
    "trust policies",
    "permission boundaries",
    "instance profiles",
    "execution roles",
    "bucket policies",
    "container images",
    "load balancers",
    "message queues",
    "log retention",
    "metric alarms",
    "secret rotation",
    "network ACLs",
    "private subnets",
    "deployment pipelines",
    "blue-green releases",
    "database backups",
    "read replicas",
    "cost budgets",
    "service quotas",
)

TITLE_PATTERNS = (
    "Understanding {t}",
    "{T} in Practice",
    "Getting Started with {t}",
    "Securing {t}",
    "Troubleshooting {t}",
    "{T}: Common Patterns",
)

COURSE_NAMES = (
    "Cloud Foundations",
    "Identity and Access",
    "Containers",
    "Networking",
    "Observability",
    "Data Protection",
    "Serverless",
    "Delivery Pipelines",
)

TAGS = (
    "AWS",
    "IAM",
    "Security",
    "Networking",
    "Containers",
    "Serverless",
    "Monitoring",
    "Storage",
    "Databases",
    "CI/CD",
    "Cost",
    "Python",
    "Terraform",
    "Kubernetes",
)

LEVELS = ("beginner", "intermediate", "advanced")

AUTHORS = (
    ("mara-quintero", "Mara Quintero", "Cloud Instructor", True),
    ("tobias-lind", "Tobias Lind", "Security Engineer", False),
    ("aiko-tanaka", "Aiko Tanaka", "Platform Engineer", True),
    ("samuel-okafor", "Samuel Okafor", "Site Reliability Engineer", False),
    ("lena-petrova", "Lena Petrova", "Data Engineer", True),
)


def slugify(text: str) -> str:
    out = "".join(c if c.isalnum() else "-" for c in text.lower())
    return "-".join(filter(None, out.split("-")))


def make_site(n_lessons: int) -> Site:
    """The site model: authors always (a fixed cost), courses and lessons only when N > 0."""
    rng = random.Random(SEED)
    authors = [
        Author(aid, name, role, f"assets/authors/{aid}.svg" if has_avatar else None)
        for aid, name, role, has_avatar in AUTHORS
    ]
    courses: list[Course] = []
    for number in range(n_lessons):
        if number % LESSONS_PER_COURSE == 0:
            index = len(courses)
            name = COURSE_NAMES[index % len(COURSE_NAMES)]
            if index >= len(COURSE_NAMES):
                name = f"{name} {index // len(COURSE_NAMES) + 1}"
            summary = f"A synthetic course about {name.lower()} for the benchmark."
            courses.append(Course(slugify(name), name, summary, index + 1))
        course = courses[-1]
        topic = rng.choice(TOPICS)
        pattern = rng.choice(TITLE_PATTERNS)
        title = pattern.format(t=topic, T=topic[0].upper() + topic[1:])
        # Slugs are unique site-wide: prerequisites name lessons by slug alone.
        slug = f"{slugify(title)}-{number + 1:04d}"
        prerequisites: list[str] = []
        if course.lessons:
            prerequisites.append(course.lessons[-1].slug)
        # Now and then a prerequisite in another course, as sites with several courses have.
        if len(courses) > 1 and rng.random() < 0.2:
            prerequisites.append(rng.choice(courses[-2].lessons).slug)
        lesson = Lesson(
            slug=slug,
            course=course.slug,
            title=title,
            summary=f"Learn how {topic} work, when to use them and the mistakes to avoid.",
            author=rng.choice(authors).id,
            level=LEVELS[number % len(LEVELS)],
            duration=rng.randint(5, 45),
            tags=rng.sample(TAGS, rng.randint(2, 3)),
            prerequisites=prerequisites,
            topic=topic,
            number=number,
        )
        course.lessons.append(lesson)
    return Site(authors, courses)


# --------------------------------------------------------------------------------------------
# Lesson body parts, in page order. Each takes a Context and returns a Part. Add a feature to
# the synthetic lessons by appending (or inserting) one function here.


def intro(ctx: Context) -> Part:
    # No `# Title`: the spec says the page header comes from the front matter.
    return Part(ctx.paragraph(60))


def why_it_matters(ctx: Context) -> Part:
    lesson = ctx.lesson
    links = (
        f"See the [provider documentation](https://docs.example.com/{slugify(lesson.topic)}/) "
        "and the [background article](https://en.wikipedia.org/wiki/Cloud_computing)."
    )
    text = f"## Why {lesson.topic} matter\n\n{ctx.paragraph(50)}\n\n{ctx.paragraph(40)} {links}"
    if lesson.prerequisites:
        # A link to another lesson's source, as authors write it: relative, to its index.md.
        prereq = next(x for x in ctx.site.lessons if x.slug == lesson.prerequisites[0])
        if prereq.course == lesson.course:
            target = f"../{prereq.slug}/index.md"
        else:
            target = f"../../{prereq.course}/{prereq.slug}/index.md"
        text += f" This builds on [{prereq.title}]({target})."
    return Part(text)


def how_it_works(ctx: Context) -> Part:
    steps = "\n".join(f"{i}. {ctx.sentence(10)}" for i in range(1, 5))
    return Part(f"## How it works\n\n{ctx.paragraph(50)}\n\n{steps}")


def comparison_table(ctx: Context) -> Part:
    rows = "\n".join(
        f"| {ctx.rng.choice(TOPICS)} | {ctx.sentence(4)} | {ctx.sentence(4)} |" for _ in range(4)
    )
    table = f"| Option | When to use it | Watch out for |\n| --- | --- | --- |\n{rows}"
    return Part(f"## Options compared\n\n{ctx.paragraph(30)}\n\n{table}")


def worked_example(ctx: Context) -> Part:
    lesson = ctx.lesson
    name = slugify(lesson.topic).replace("-", "_")
    code = (
        "import boto3\n"
        "\n"
        "\n"
        f"def check_{name}(region: str = 'eu-west-1') -> list[str]:\n"
        f'    """List the {lesson.topic} that need attention."""\n'
        "    client = boto3.client('iam', region_name=region)\n"
        "    found: list[str] = []\n"
        "    for page in client.get_paginator('list_roles').paginate():\n"
        "        for role in page['Roles']:\n"
        "            if not role.get('Description'):\n"
        "                found.append(role['RoleName'])\n"
        "    return found\n"
    )
    policy = (
        "{\n"
        '  "Version": "2012-10-17",\n'
        '  "Statement": [\n'
        f'    {{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::{name}/*"}}'
        "\n  ]\n}"
    )
    filename = f"check_{name}.py"
    text = (
        f"## A worked example\n\n{ctx.paragraph(40)}\n\n"
        f"```python\n{code}```\n\n"
        f"{ctx.paragraph(30)} The full script is in [{filename}]({filename}).\n\n"
        f"```json\n{policy}\n```"
    )
    return Part(text, files={filename: code})


def walkthrough(ctx: Context) -> Part:
    """A 10-step walkthrough over 3 code states; plain: the narrations and the 3 code blocks."""
    name = slugify(ctx.lesson.topic).replace("-", "_")
    base = [
        "import boto3",
        "",
        "",
        f"def audit_{name}(region: str) -> list[str]:",
        "    client = boto3.client('iam', region_name=region)",
        "    return []",
    ]
    grown = [*base[:5], "    names: list[str] = []", "    return names"]
    done = [
        *grown[:6],
        "    for page in client.get_paginator('list_roles').paginate():",
        "        names += [role['RoleName'] for role in page['Roles']]",
        "    return names",
    ]
    states = {1: base, 4: grown, 7: done}
    focus = ["1", "4", '"client"', "6-7", '"names"', "/return/", "7-9", '"paginate"', "8", "9"]
    steps: list[str] = []
    plain: list[str] = [f"## Walking through the code\n\n{ctx.paragraph(20)}"]
    for number in range(1, 11):
        narration = ctx.paragraph(30)
        code = states.get(number)
        fence = "```python\n" + "\n".join(code) + "\n```\n\n" if code else ""
        steps.append(f"/// step | {focus[number - 1]}\n{fence}{narration}\n///")
        plain.append(f"{fence}**Step {number}.** {narration}")
    block = f"//// walkthrough | audit_{name}.py\n\n" + "\n\n".join(steps) + "\n////"
    intro_text = f"## Walking through the code\n\n{ctx.paragraph(20)}"
    return Part(f"{intro_text}\n\n{block}", plain="\n\n".join(plain))


def term_uses(ctx: Context) -> Part:
    """Eight glossary terms in prose: linked with the plugin, plain words without it."""
    terms = ctx.rng.sample(GLOSSARY_TERMS, 8)
    sentences = " ".join(f"{ctx.sentence(8)} The {term} matters here." for term in terms)
    return Part(f"## Vocabulary\n\n{sentences}")


def concept_checks(ctx: Context) -> Part:
    """Two concepts with three questions (single choice, fill-in, ordering); plain: the same
    headings, prompts, choices and explanations as ordinary Markdown."""
    topic = ctx.lesson.topic
    choices = [(ctx.sentence(6), False), (ctx.sentence(6), True), (ctx.sentence(6), False)]
    feedback = [ctx.sentence(10) for _ in choices]
    items = [ctx.sentence(5) for _ in range(4)]
    explain = [ctx.paragraph(20) for _ in range(3)]
    first, second = f"{topic.capitalize()} in practice", f"Checking {topic}"
    text_one, text_two = ctx.paragraph(40), ctx.paragraph(40)
    task_list = "\n".join(
        f"- [{'x' if right else ' '}] {text}\n    {note}"
        for (text, right), note in zip(choices, feedback, strict=True)
    )
    numbered = "\n".join(f"{number}. {item}" for number, item in enumerate(items, 1))
    markdown = (
        f"/// concept | {first}\n///\n\n{text_one}\n\n"
        f"/// question | Which statement about {topic} is right?\n"
        f"    explain: {explain[0]}\n\n{task_list}\n///\n\n"
        f"/// question | Which service answers this?\n    answer: [STS, Security Token Service]\n"
        f"    explain: {explain[1]}\n///\n\n"
        f"/// concept | {second}\n///\n\n{text_two}\n\n"
        f"/// question | Put these steps in order\n    explain: {explain[2]}\n\n{numbered}\n///"
    )
    plain_choices = "\n".join(
        f"- {text}: {note}" for (text, _), note in zip(choices, feedback, strict=True)
    )
    plain = (
        f"## {first}\n\n{text_one}\n\n**Which statement about {topic} is right?**\n\n"
        f"{plain_choices}\n\n{explain[0]}\n\n**Which service answers this?** STS.\n\n"
        f"{explain[1]}\n\n## {second}\n\n{text_two}\n\n**Put these steps in order**\n\n"
        f"{numbered}\n\n{explain[2]}"
    )
    return Part(markdown, plain=plain)


def pitfalls(ctx: Context) -> Part:
    bullets = "\n".join(f"- {ctx.sentence(14)}" for _ in range(3))
    admonition = f'!!! warning "Before you deploy"\n\n    {ctx.paragraph(40)}'
    return Part(f"## Common pitfalls\n\n{admonition}\n\n{bullets}")


def summary(ctx: Context) -> Part:
    back = "Go back to [how it works](#how-it-works) if a step was unclear."
    return Part(f"## Summary\n\n{ctx.paragraph(50)} {back}")


BODY_PARTS: list[Callable[[Context], Part]] = [
    intro,
    why_it_matters,
    how_it_works,
    comparison_table,
    worked_example,
    walkthrough,
    term_uses,
    concept_checks,
    pitfalls,
    summary,
]


# --------------------------------------------------------------------------------------------
# Site-level source files of the plugin variant (relative to the sources folder). Add a
# site-wide feature file (a glossary, say) by appending one function here.


def authors_file(site: Site) -> dict[str, str]:
    entries: dict[str, dict[str, str]] = {}
    files: dict[str, str] = {}
    for author in site.authors:
        entry = {"name": author.name, "description": author.description}
        if author.avatar:
            entry["avatar"] = author.avatar
            initials = "".join(word[0] for word in author.name.split())
            files[author.avatar] = (
                '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">'
                '<circle cx="32" cy="32" r="32" fill="#3f51b5"/>'
                '<text x="32" y="40" font-size="24" text-anchor="middle" fill="#fff">'
                f"{initials}</text></svg>\n"
            )
        entries[author.id] = entry
    files[".authors.yml"] = dump_yaml({"authors": entries})
    return files


def course_files(site: Site) -> dict[str, str]:
    return {
        f"{course.slug}/course.yml": dump_yaml(
            {
                "title": course.title,
                "summary": course.summary,
                "position": course.position,
                "lessons": [lesson.slug for lesson in course.lessons],
            }
        )
        for course in site.courses
    }


# A 300-term glossary (20 x 15 two-word terms, some with an alias) that the lessons use.
GLOSSARY_FIRST = (
    "access",
    "audit",
    "backup",
    "billing",
    "bucket",
    "cache",
    "cluster",
    "compute",
    "config",
    "cost",
    "data",
    "event",
    "firewall",
    "gateway",
    "identity",
    "key",
    "log",
    "metric",
    "network",
    "queue",
)
GLOSSARY_SECOND = (
    "anchor",
    "boundary",
    "broker",
    "catalog",
    "ledger",
    "mirror",
    "outpost",
    "pivot",
    "quorum",
    "relay",
    "shard",
    "sentinel",
    "vault",
    "warden",
    "zone",
)
GLOSSARY_TERMS = [f"{a} {b}" for a in GLOSSARY_FIRST for b in GLOSSARY_SECOND]


def glossary_file(site: Site) -> dict[str, str]:
    terms: dict[str, dict[str, Any]] = {}
    for number, name in enumerate(GLOSSARY_TERMS):
        entry: dict[str, Any] = {
            "definition": f"The {name} of a workload, as lesson {number} uses it."
        }
        if number % 5 == 0:
            entry["aliases"] = [f"{name.split()[0]}-{name.split()[1]}"]
        terms[name.title()] = entry
    return {"glossary.yml": dump_yaml({"terms": terms})}


SITE_PARTS: list[Callable[[Site], dict[str, str]]] = [authors_file, course_files, glossary_file]


# --------------------------------------------------------------------------------------------
# Writing the four sites


def dump_yaml(data: Any) -> str:
    # Block style throughout, as the example sources are written; width keeps lines short.
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def render_lesson(lesson: Lesson, site: Site) -> RenderedLesson:
    ctx = Context(lesson, site)
    parts = [part(ctx) for part in BODY_PARTS]
    front_matter: dict[str, Any] = {
        "title": lesson.title,
        "summary": lesson.summary,
        "author": lesson.author,
        "level": lesson.level,
        "duration": lesson.duration,
        "tags": lesson.tags,
    }
    if lesson.prerequisites:
        front_matter["prerequisites"] = lesson.prerequisites
    files: dict[str, str] = {}
    for part in parts:
        front_matter.update(part.front_matter)
        files.update(part.files)
    body = "\n\n".join(part.markdown for part in parts) + "\n"
    plain = "\n\n".join(p.markdown if p.plain is None else p.plain for p in parts) + "\n"
    return RenderedLesson(lesson, front_matter, body, plain, files)


class _LenientLoader(yaml.SafeLoader):
    """Reads the example mkdocs.yml without importing what its `!!python/name:` tags name."""


_LenientLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def example_theme() -> dict[str, Any]:
    """The example site's theme, minus its overrides (those belong to the example site only)."""
    config = yaml.load(EXAMPLE_CONFIG.read_text(encoding="utf-8"), Loader=_LenientLoader)
    theme = dict(config.get("theme") or {"name": "material"})
    theme.pop("custom_dir", None)
    # No web fonts: nothing in the build or the pages depends on the network.
    theme["font"] = False
    return theme


def example_markdown_extensions() -> str:
    """The example's `markdown_extensions:` block, verbatim, so its YAML tags survive."""
    lines = EXAMPLE_CONFIG.read_text(encoding="utf-8").splitlines()
    block: list[str] = []
    for line in lines:
        if block and line and not line[0].isspace() and not line.startswith("#"):
            break
        if block or line.startswith("markdown_extensions:"):
            block.append(line)
    return "\n".join(block) + "\n"


def write_files(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def write_config(root: Path, name: str, plugins: list[Any], nav: list[Any] | None = None) -> None:
    root.mkdir(parents=True, exist_ok=True)
    config: dict[str, Any] = {"site_name": name, "theme": example_theme(), "plugins": plugins}
    if nav is not None:
        config["nav"] = nav
    head = dump_yaml(config)
    (root / "mkdocs.yml").write_text(head + example_markdown_extensions(), encoding="utf-8")


HOME = "# Benchmark site\n\nSynthetic lessons written by tools/bench.py.\n"


def write_plugin_site(root: Path, site: Site, lessons: list[RenderedLesson]) -> None:
    write_config(root, "Bench (plugin)", ["search", {"lessons": {"sources": "lessons"}}])
    write_files(root / "docs", {"index.md": HOME})
    sources = root / "lessons"
    for site_part in SITE_PARTS:
        write_files(sources, site_part(site))
    for item in lessons:
        folder = f"{item.lesson.course}/{item.lesson.slug}"
        page = f"---\n{dump_yaml(item.front_matter)}---\n\n{item.body}"
        write_files(sources, {f"{folder}/index.md": page})
        write_files(sources / folder, item.files)


def write_plain_site(root: Path, site: Site, lessons: list[RenderedLesson]) -> None:
    # Every page renders the whole nav, so its shape sets much of the cost per page. MkDocs'
    # automatic nav would make each lesson folder a section of its own (about three times the
    # nav markup of the plugin's); an explicit nav gives the plugin's shape instead:
    # Lessons > course > lesson pages, titles from the pages' headings.
    courses = [
        {course.title: [f"lessons/{course.slug}/{x.slug}/index.md" for x in course.lessons]}
        for course in site.courses
    ]
    nav: list[Any] = ["index.md"] + ([{"Lessons": courses}] if courses else [])
    write_config(root, "Bench (plain)", ["search"], nav)
    write_files(root / "docs", {"index.md": HOME})
    for item in lessons:
        # Same URLs as the plugin's pages, so relative links between lessons resolve alike.
        folder = root / "docs" / "lessons" / item.lesson.course / item.lesson.slug
        # The front matter a Material page of the same lesson would carry (its title, its
        # summary as the meta description, its tags): page metadata has a cost of its own in
        # every page's nav, and a plain page without it would not be the same page.
        meta = {
            "title": item.lesson.title,
            "description": item.front_matter["summary"],
            "tags": item.front_matter["tags"],
        }
        page = f"---\n{dump_yaml(meta)}---\n\n# {item.lesson.title}\n\n{item.plain_body}"
        write_files(folder, {"index.md": page})
        write_files(folder, item.files)


# --------------------------------------------------------------------------------------------
# Measuring


class BuildFailed(Exception):
    pass


def child_env() -> dict[str, str]:
    # Silences Material 9.8's end-of-life notice, which is noise in every build's output.
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


@dataclass(frozen=True)
class Timing:
    """One build's seconds: its CPU time (user + system) and its wall time."""

    cpu: float
    wall: float


def build(root: Path, strict: bool) -> Timing:
    """One `mkdocs build` of the site in `root`, from process start to exit."""
    site_dir = root / "site"
    shutil.rmtree(site_dir, ignore_errors=True)
    cmd = [sys.executable, "-m", "mkdocs", "build", "-f", str(root / "mkdocs.yml")]
    cmd += ["-d", str(site_dir)] + (["--strict"] if strict else [])
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(cmd, cwd=root, env=child_env(), capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    done = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise BuildFailed(f"`{' '.join(cmd)}` exited {result.returncode}:\n{result.stderr}")
    cpu = (done.ru_utime - used.ru_utime) + (done.ru_stime - used.ru_stime)
    return Timing(cpu, elapsed)


# What `mkdocs build` has imported when it loads the site's plugins: its build command imports
# mkdocs.commands.build (and with it the config schema, structure and theme modules) before
# load_config imports the plugins. What MkDocs loads anyway is not the plugin's cost.
IMPORT_PROBE = """
import time
import mkdocs.commands.build
import mkdocs.config.defaults
import mkdocs.plugins
start = time.perf_counter()
import mkdocs_lessons.plugin
print(time.perf_counter() - start)
"""


def import_time_ms(cwd: Path) -> float:
    """Best-of import time of the adapter module in fresh interpreters, MkDocs already loaded."""
    best = math.inf
    for _ in range(IMPORT_RUNS):
        # cwd outside the repo: the installed package is imported, not a folder by accident.
        cmd = [sys.executable, "-c", IMPORT_PROBE]
        result = subprocess.run(cmd, cwd=cwd, env=child_env(), capture_output=True, text=True)
        if result.returncode != 0:
            raise BuildFailed(f"importing mkdocs_lessons.plugin failed:\n{result.stderr}")
        best = min(best, float(result.stdout.strip().splitlines()[-1]))
    return best * 1000


def gzipped_size(kind: str) -> tuple[int, int, str]:
    """(gzipped bytes of the bundle of ``kind`` a reader downloads, number of modules in it,
    how it is served)."""
    # The package as this checkout has it (the bench runs from the repository, not an install).
    sys.path.insert(0, str(ROOT / "plugins"))
    from mkdocs_lessons.core.assets import build_bundles, minified_script, script_source

    bundles = build_bundles()
    shipped = bundles.script if kind == "js" else bundles.stylesheet
    count = len(sorted(ASSETS_DIR.glob(f"{kind}/*.{kind}"))) if ASSETS_DIR.is_dir() else 0
    if kind == "css":
        served = "as served"
    elif minified_script(script_source()) is not None:
        served = "minified, as served"
    else:
        served = "NOT minified: run make assets"
    # mtime=0: the size must not depend on when the bench ran.
    return len(gzip.compress(shipped.content.encode(), compresslevel=9, mtime=0)), count, served


def size_line(label: str, kind: str, budget: int) -> str:
    size, count, served = gzipped_size(kind)
    return (
        f"{label:<28}{size:>7,} B = {size / 1024:.1f} KB   (budget <= {budget // 1024} KB;"
        f" the bundle of {count} module{'s' if count != 1 else ''}, {served})"
    )


# --------------------------------------------------------------------------------------------


def positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def check_time_s(root: Path, runs: int) -> float:
    """Best-of wall time of `mkdocs-lessons check` on a site, interpreter start included."""
    best = math.inf
    for _ in range(runs):
        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "mkdocs_lessons.cli", "check"],
            cwd=root,
            capture_output=True,
            text=True,
        )
        elapsed = time.perf_counter() - started
        if done.returncode != 0:
            raise BuildFailed(f"mkdocs-lessons check failed in {root}:\n{done.stdout}{done.stderr}")
        best = min(best, elapsed)
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Build cost per lesson of the lessons plugin vs plain mkdocs-material pages."
    )
    parser.add_argument("--lessons", type=positive, default=200, help="N lessons (default 200)")
    parser.add_argument("--runs", type=positive, default=3, help="best of K runs (default 3)")
    parser.add_argument("--keep", action="store_true", help="leave the temp folder for inspection")
    parser.add_argument(
        "--no-strict",
        dest="strict",
        action="store_false",
        help="build without --strict (to get numbers while the plugin still warns)",
    )
    args = parser.parse_args(argv)

    n: int = args.lessons
    tmp = Path(tempfile.mkdtemp(prefix="mkdocs-lessons-bench-"))
    try:
        return run(tmp, n, args.runs, args.strict)
    except BuildFailed as error:
        print(error, file=sys.stderr)
        if not args.keep:
            print("(run with --keep to inspect the generated sites)", file=sys.stderr)
        return 1
    finally:
        if args.keep:
            print(f"kept: {tmp}", file=sys.stderr)
        else:
            shutil.rmtree(tmp, ignore_errors=True)


def write_sites(tmp: Path, n: int) -> tuple[dict[tuple[str, int], Path], int]:
    """The four sites of a measurement under ``tmp``, by (variant, lessons): plugin and plain,
    0 and ``n`` lessons; and the number of courses at ``n``."""
    sites: dict[tuple[str, int], Path] = {}
    courses = 0
    for count in (0, n):
        site = make_site(count)
        courses = len(site.courses)
        lessons = [render_lesson(lesson, site) for lesson in site.lessons]
        sites["plugin", count] = tmp / f"plugin-{count}"
        sites["plain", count] = tmp / f"plain-{count}"
        write_plugin_site(sites["plugin", count], site, lessons)
        write_plain_site(sites["plain", count], site, lessons)
    return sites, courses


def run(tmp: Path, n: int, runs: int, strict: bool) -> int:
    sites, courses = write_sites(tmp, n)

    best = {key: Timing(math.inf, math.inf) for key in sites}
    round_ratios: list[float] = []
    rounds = 0
    while True:
        rounds += 1
        improved = False
        this_round: dict[tuple[str, int], Timing] = {}
        # Interleaved, so a slow spell on the shared machine hits every variant alike.
        for key, root in sites.items():
            print(f"run {rounds} (at least {runs}): {key[0]}, {key[1]} lessons", file=sys.stderr)
            timing = this_round[key] = build(root, strict)
            improved |= timing.cpu < best[key].cpu * 0.99 or timing.wall < best[key].wall * 0.99
            best[key] = Timing(min(best[key].cpu, timing.cpu), min(best[key].wall, timing.wall))
        plugin_cost = this_round["plugin", n].cpu - this_round["plugin", 0].cpu
        plain_cost = this_round["plain", n].cpu - this_round["plain", 0].cpu
        if plain_cost > 0:
            round_ratios.append(plugin_cost / plain_cost)
        if rounds >= 3 * runs or (rounds >= runs and not improved):
            break

    def per_lesson(variant: str, clock: str) -> float:
        full, zero = best[variant, n], best[variant, 0]
        if clock == "cpu":
            return (full.cpu - zero.cpu) / n * 1000
        return (full.wall - zero.wall) / n * 1000

    import_ms = import_time_ms(tmp)
    check_s = check_time_s(sites["plugin", n], runs)

    print(f"mkdocs-lessons bench: {n} lessons in {courses} courses, best of {rounds} runs")
    print(f"{'build time (s), CPU / wall':<28}{'0 lessons':>14}{f'{n} lessons':>16}")
    for variant in ("plugin", "plain"):
        # The page count says what the time bought: the plugin adds course, index and author
        # pages, and those are part of its cost per lesson.
        pages = sum(1 for _ in (sites[variant, n] / "site").rglob("index.html"))
        zero, full = best[variant, 0], best[variant, n]
        times = f"{zero.cpu:>7.2f} /{zero.wall:>5.2f}{full.cpu:>9.2f} /{full.wall:>5.2f}"
        print(f"  {variant:<26}{times}   ({pages} pages at {n} lessons)")
    for variant in ("plugin", "plain"):
        label = f"ms per lesson, {variant}"
        cpu, wall = per_lesson(variant, "cpu"), per_lesson(variant, "wall")
        print(f"{label:<28}{cpu:>7.1f} ms CPU, {wall:.1f} ms wall")
    print(f"{'plugin import time':<28}{import_ms:>7.1f} ms   (budget < {BUDGET_IMPORT_MS:.0f} ms)")
    print(
        f"{f'check, {n} lessons':<28}{check_s:>7.2f} s    (budget < {BUDGET_CHECK_S:.0f} s for "
        "200; the whole mkdocs-lessons check command)"
    )
    print(size_line("lesson JS, gzipped", "js", BUDGET_JS_BYTES))
    print(size_line("lesson CSS, gzipped", "css", BUDGET_CSS_BYTES))
    if per_lesson("plain", "cpu") <= 0 or per_lesson("plain", "wall") <= 0:
        # Noise larger than the work: no meaningful ratio to report.
        print("plain per-lesson time is not positive; raise --lessons or --runs", file=sys.stderr)
        return 1
    wall_ratio = per_lesson("plugin", "wall") / per_lesson("plain", "wall")
    ratio = per_lesson("plugin", "cpu") / per_lesson("plain", "cpu")
    print(f"{'per-lesson ratio budget':<28}<= {BUDGET_RATIO:.2f}")
    print(f"{'wall-time ratio':<28}{wall_ratio:>7.2f}")
    if round_ratios:
        # The four builds of one round ran minutes apart at most: their ratio shows how far the
        # machine's moods move the figure below (it is the ratio of each variant's best).
        spread = sorted(round_ratios)
        print(
            f"{'ratio of each round':<28}{spread[0]:>7.2f} lowest, "
            f"{statistics.median(spread):.2f} median, {spread[-1]:.2f} highest"
        )
    print(f"plugin/plain per-lesson build time: {ratio:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
