"""The JSON Schemas for editors: the example site validates, wrong inputs do not, and every
schema has exactly the keys, required keys and value checks of the Python declarations."""

from __future__ import annotations

import copy
import datetime
import json
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft7Validator

from mkdocs_lessons.catalog.schema import (
    AUTHOR_FIELDS,
    CONCEPT_MAP_FIELDS,
    COURSE_FIELDS,
    LESSON_FIELDS,
    SHOWCASE_FIELDS,
    text_or_mapping,
)
from mkdocs_lessons.core.fields import Field
from mkdocs_lessons.core.frontmatter import split_front_matter
from mkdocs_lessons.glossary.loader import LESSON_TERM_FIELDS, TERM_FIELDS
from mkdocs_lessons.schemas import FOLDER, SCHEMAS, schema_path
from mkdocs_lessons.showcase.loader import ENTRY_FIELDS

REPO = Path(__file__).resolve().parents[2]
LESSONS = REPO / "lessons"


def load_schema(kind: str) -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(schema_path(kind).read_text(encoding="utf-8"))
    return schema


def validator(kind: str) -> Draft7Validator:
    return Draft7Validator(load_schema(kind))


def problems(kind: str, instance: Any) -> list[str]:
    return [
        f"{'/'.join(map(str, error.absolute_path)) or '(top)'}: {error.message}"
        for error in validator(kind).iter_errors(instance)
    ]


def as_editor_sees(value: Any) -> Any:
    """PyYAML reads 2026-03-01 as a date; an editor's YAML 1.2 parser sees the text."""
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: as_editor_sees(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_editor_sees(item) for item in value]
    return value


def front_matter(path: Path) -> Any:
    split = split_front_matter(path.read_text(encoding="utf-8"))
    assert split.yaml_text is not None, f"{path} has no front matter"
    return yaml.safe_load(split.yaml_text)


# -- the schema files -------------------------------------------------------------------------


def test_every_schema_file_is_declared_and_is_a_valid_draft_07_schema() -> None:
    assert sorted(path.name for path in FOLDER.glob("*.json")) == sorted(SCHEMAS.values())
    for kind in SCHEMAS:
        schema = load_schema(kind)
        assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
        Draft7Validator.check_schema(schema)
        assert schema["title"] and schema["description"]


def test_schema_path_names_the_file_and_rejects_unknown_kinds() -> None:
    assert schema_path("course") == FOLDER / "course.schema.json"
    assert all(schema_path(kind).is_file() for kind in SCHEMAS)
    with pytest.raises(ValueError, match="no schema for 'front-matter'"):
        schema_path("front-matter")


def test_schemas_module_imports_neither_mkdocs_nor_jsonschema() -> None:
    code = (
        "import sys, mkdocs_lessons.schemas as s; s.schema_path('lesson'); "
        "print(sorted(m for m in ('mkdocs', 'jsonschema') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


# -- the example site validates ---------------------------------------------------------------


def read_source(path: Path) -> Any:
    if path.suffix == ".md":
        return as_editor_sees(front_matter(path))
    return as_editor_sees(yaml.safe_load(path.read_text(encoding="utf-8")))


SOURCES: list[tuple[str, Path]] = [
    ("authors", LESSONS / ".authors.yml"),
    ("glossary", LESSONS / "glossary.yml"),
    *(("course", path) for path in sorted(LESSONS.glob("*/course.yml"))),
    *(("lesson", path) for path in sorted(LESSONS.glob("*/*/index.md"))),
    # Not showcase/_template.md: the text Share yours starts an entry with, placeholders and all.
    *(("showcase-entry", path) for path in sorted(LESSONS.glob("*/*/showcase/[!_]*.md"))),
]


def test_the_example_site_has_sources_of_every_kind() -> None:
    kinds = {kind for kind, path in SOURCES if path.is_file()}
    assert kinds == set(SCHEMAS), kinds


@pytest.mark.parametrize(
    ("kind", "path"), SOURCES, ids=[str(path.relative_to(LESSONS)) for _, path in SOURCES]
)
def test_example_source_validates(kind: str, path: Path) -> None:
    assert problems(kind, read_source(path)) == []


# -- wrong inputs are rejected ----------------------------------------------------------------

VALID: dict[str, dict[str, Any]] = {
    "lesson": {
        "title": "Trust Policies",
        "summary": "Who may assume a role.",
        "author": "pascual-vila",
        "level": "intermediate",
        "duration": 20,
        "tags": ["AWS", "IAM"],
        "prerequisites": "iam-roles-vs-user-credentials",
        "glossary": {
            "Role Chaining": {"definition": "Assuming a role with a role's credentials."},
            "IAM Role": {"definition": "Here, an instance's role.", "override": True},
            "STS": "The Security Token Service.",
        },
        "glossary_title": "Trust Glossary",
        "concept_map": {"title": "Trust", "summary": "Master each concept."},
        "showcase": {"prompt": "Share your trust policy.", "title": "Your policies"},
    },
    "course": {
        "title": "AWS IAM",
        "summary": "Identities and roles.",
        "position": -1,
        "lessons": ["trust-policies", "iam-roles-vs-user-credentials"],
    },
    "glossary": {
        "terms": {
            "IAM Role": {
                "definition": "An identity with **no** long-term keys.",
                "aliases": ["role"],
                "forms": "IAM Roles",
                "see": ["Trust Policy"],
            },
            "AWS STS": {"definition": "The token service.", "case_sensitive": True},
            "Principal": "Who makes a request.",
        }
    },
    "authors": {
        "authors": {
            "pascual-vila": {
                "name": "Pascual Vila",
                "description": "Cloud Instructor",
                "avatar": "assets/authors/pascual-vila.svg",
                "url": "https://example.com/pv",
                "slug": "pv",
            },
            "noor": {"name": "Noor Haddad"},
        }
    },
    "showcase-entry": {
        "title": "A role for EC2",
        "name": "Mara Lindqvist",
        "github": "@mara-dev",
        "date": "2026-09-18",
        "tags": "EC2",
    },
}


def setting(path: Sequence[str], value: Any) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        for key in path[:-1]:
            data = data[key]
        data[path[-1]] = value

    return change


def removing(path: Sequence[str]) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        for key in path[:-1]:
            data = data[key]
        del data[path[-1]]

    return change


WRONG: dict[str, list[tuple[str, Callable[[dict[str, Any]], None]]]] = {
    "lesson": [
        ("unknown key", setting(["autor"], "pascual-vila")),
        ("missing title", removing(["title"])),
        ("missing author and authors", removing(["author"])),
        ("both author and authors", setting(["authors"], ["noor"])),
        ("empty summary", setting(["summary"], "   ")),
        ("level not in the list", setting(["level"], "expert")),
        ("level a number", setting(["level"], 1)),
        ("duration zero", setting(["duration"], 0)),
        ("duration a text", setting(["duration"], "ten")),
        ("duration true", setting(["duration"], True)),
        ("tags with a number", setting(["tags"], ["AWS", 3])),
        ("tags a mapping", setting(["tags"], {"AWS": 1})),
        ("glossary a list", setting(["glossary"], ["IAM Role"])),
        ("glossary term without definition", setting(["glossary", "STS"], {"aliases": ["x"]})),
        ("glossary term misspelling override", setting(["glossary", "IAM Role", "overide"], True)),
        ("glossary term empty", setting(["glossary", "STS"], None)),
        ("override not a boolean", setting(["glossary", "IAM Role", "override"], "yes")),
        ("concept_map unknown key", setting(["concept_map", "subtitle"], "x")),
        ("concept_map a text", setting(["concept_map"], "IAM")),
        ("showcase without prompt", removing(["showcase", "prompt"])),
        ("showcase unknown key", setting(["showcase", "cap"], 3)),
        ("showcase empty text", setting(["showcase"], "")),
    ],
    "course": [
        ("unknown key", setting(["lesson"], ["a"])),
        ("missing title", removing(["title"])),
        ("missing lessons", removing(["lessons"])),
        ("position a text", setting(["position"], "first")),
        ("position a fraction", setting(["position"], 1.5)),
        ("lessons with an empty slug", setting(["lessons"], ["a", ""])),
        ("lessons a number", setting(["lessons"], 3)),
        ("title a list", setting(["title"], ["AWS"])),
    ],
    "glossary": [
        ("unknown top-level key", setting(["glossary"], {})),
        ("missing terms", removing(["terms"])),
        ("terms a list", setting(["terms"], ["IAM Role"])),
        ("term without definition", setting(["terms", "Principal"], {"see": ["IAM Role"]})),
        ("term with an unknown key", setting(["terms", "IAM Role", "alias"], ["role"])),
        ("lesson-only override", setting(["terms", "IAM Role", "override"], True)),
        ("case_sensitive a text", setting(["terms", "AWS STS", "case_sensitive"], "true")),
        ("empty definition", setting(["terms", "Principal"], "")),
        ("see with a number", setting(["terms", "IAM Role", "see"], [1])),
    ],
    "authors": [
        ("unknown top-level key", setting(["people"], {})),
        ("missing authors", removing(["authors"])),
        ("authors a list", setting(["authors"], ["pascual-vila"])),
        ("author without name", removing(["authors", "noor", "name"])),
        ("author with an unknown key", setting(["authors", "noor", "twitter"], "@noor")),
        ("author a text", setting(["authors", "noor"], "Noor Haddad")),
        ("avatar a number", setting(["authors", "noor", "avatar"], 3)),
        ("empty name", setting(["authors", "noor", "name"], "")),
    ],
    "showcase-entry": [
        ("unknown key", setting(["twitter"], "mara")),
        ("missing name", removing(["name"])),
        ("missing date", removing(["date"])),
        ("github a profile URL", setting(["github"], "https://github.com/mara-dev")),
        ("github ending in a hyphen", setting(["github"], "mara-")),
        ("github with two hyphens", setting(["github"], "mara--dev")),
        ("github of 40 characters", setting(["github"], "m" * 40)),
        ("date in words", setting(["date"], "18 September 2026")),
        ("date without leading zeros", setting(["date"], "2026-9-18")),
        ("date with a time", setting(["date"], "2026-09-18T10:00:00")),
        ("date in month 13", setting(["date"], "2026-13-01")),
        ("date on 31 April", setting(["date"], "2026-04-31")),
        ("tags a number", setting(["tags"], 5)),
    ],
}


def test_every_kind_has_a_valid_sample_and_at_least_five_wrong_ones() -> None:
    assert set(VALID) == set(WRONG) == set(SCHEMAS)
    for kind, sample in VALID.items():
        assert problems(kind, sample) == [], kind
        assert len(WRONG[kind]) >= 5, kind


@pytest.mark.parametrize(
    ("kind", "change"),
    [(kind, change) for kind, changes in WRONG.items() for _, change in changes],
    ids=[f"{kind}: {name}" for kind, changes in WRONG.items() for name, _ in changes],
)
def test_schema_rejects(kind: str, change: Callable[[dict[str, Any]], None]) -> None:
    data = copy.deepcopy(VALID[kind])
    change(data)
    assert problems(kind, data) != []


# -- the schemas and the Python declarations cannot drift -------------------------------------


def node(kind: str, *path: str) -> dict[str, Any]:
    """The schema of an object inside ``kind``'s schema, following properties, mapping values,
    references and (for a text-or-mapping) the object alternative."""
    root = load_schema(kind)
    current = root

    def resolve(schema: dict[str, Any]) -> dict[str, Any]:
        while "$ref" in schema:
            name = schema["$ref"].removeprefix("#/definitions/")
            schema = root["definitions"][name]
        if "properties" not in schema and "anyOf" in schema:
            (schema,) = [
                option for option in map(resolve, schema["anyOf"]) if option.get("type") == "object"
            ]
        return schema

    for key in path:
        current = resolve(current)
        current = current["properties"][key] if key != "*" else current["additionalProperties"]
    return resolve(current)


DECLARATIONS: list[tuple[str, tuple[str, ...], Sequence[Field]]] = [
    ("lesson", (), LESSON_FIELDS),
    ("lesson", ("concept_map",), CONCEPT_MAP_FIELDS),
    ("lesson", ("showcase",), SHOWCASE_FIELDS),
    ("lesson", ("glossary", "*"), LESSON_TERM_FIELDS),
    ("course", (), COURSE_FIELDS),
    ("glossary", ("terms", "*"), TERM_FIELDS),
    ("authors", ("authors", "*"), AUTHOR_FIELDS),
    ("showcase-entry", (), ENTRY_FIELDS),
]


@pytest.mark.parametrize(
    ("kind", "path", "fields"),
    DECLARATIONS,
    ids=[" ".join((kind, *path)) for kind, path, _ in DECLARATIONS],
)
def test_schema_keys_match_the_python_declaration(
    kind: str, path: tuple[str, ...], fields: Sequence[Field]
) -> None:
    schema = node(kind, *path)
    assert list(schema["properties"]) == [field.name for field in fields]
    assert schema.get("required", []) == [field.name for field in fields if field.required]
    assert schema["additionalProperties"] is False
    for field in fields:
        description = schema["properties"][field.name]["description"]
        assert description.startswith(field.doc), (field.name, description)


def test_file_level_keys_match_the_loaders() -> None:
    # The glossary loader accepts only 'terms:'; the authors loader reads only 'authors:'.
    for kind, key in (("glossary", "terms"), ("authors", "authors")):
        schema = load_schema(kind)
        assert list(schema["properties"]) == [key]
        assert schema["required"] == [key]
        assert schema["additionalProperties"] is False


def field(fields: Sequence[Field], name: str) -> Field:
    (found,) = [f for f in fields if f.name == name]
    return found


AWKWARD: list[Any] = [None, True, False, 0, 1, -2, 2.5, "", " ", "\t", "x", " x ", [], ["a"]]
AWKWARD += [["a", ""], [" a "], ["a", 1], [["a"]], {}, {"a": 1}, {"prompt": "x"}]

CHECKS: list[tuple[str, str, Sequence[Field], list[Any]]] = [
    ("lesson", name, LESSON_FIELDS, [])
    for name in (
        "title",
        "summary",
        "author",
        "authors",
        "duration",
        "tags",
        "prerequisites",
        "glossary_title",
    )
]
CHECKS += [
    ("lesson", "level", LESSON_FIELDS, ["beginner", "Advanced", " INTERMEDIATE ", "expert"]),
    ("lesson", "level", LESSON_FIELDS, ["beginners", "intermediate\n", "ad vanced"]),
    ("lesson", "duration", LESSON_FIELDS, [15, 10**6, "10", -1]),
    ("course", "position", COURSE_FIELDS, [-5, 10**9, "1"]),
    ("course", "lessons", COURSE_FIELDS, ["trust-policies", ["a", "b"]]),
    ("authors", "name", AUTHOR_FIELDS, ["Pascual Vila"]),
    ("glossary", "case_sensitive", TERM_FIELDS, ["true", "yes"]),
]
HANDLES = ["octo-cat", "@octo-cat", " octo ", "a", "A1-b2-C3", "m" * 39, "m" * 40, "-octo"]
HANDLES += ["octo-", "oc--to", "octo cat", "octo_cat", "@@octo", "@ octo", "github.com/octo"]
CHECKS += [("showcase-entry", "github", ENTRY_FIELDS, HANDLES)]


def sample_document(kind: str, name: str, value: Any) -> dict[str, Any]:
    """A valid document of ``kind`` whose ``name`` key (of a term, of an author) is ``value``."""
    data = copy.deepcopy(VALID[kind])
    if kind == "glossary":
        data["terms"]["AWS STS"][name] = value
    elif kind == "authors":
        data["authors"]["noor"][name] = value
    else:
        data.pop("author" if name == "authors" else "", None)  # one of the two, not both
        data[name] = value
    return data


@pytest.mark.parametrize(
    ("kind", "name", "fields", "extra"),
    CHECKS,
    ids=[f"{kind} {name}" for kind, name, _, _ in CHECKS],
)
def test_schema_accepts_exactly_what_the_python_check_accepts(
    kind: str, name: str, fields: Sequence[Field], extra: list[Any]
) -> None:
    check = field(fields, name).check
    disagreements = []
    for value in AWKWARD + extra:
        python_accepts = check(value)[1] is None
        schema_accepts = problems(kind, sample_document(kind, name, value)) == []
        if python_accepts != schema_accepts:
            disagreements.append((value, python_accepts, schema_accepts))
    assert disagreements == []


@pytest.mark.parametrize(
    "value", [*AWKWARD, "IAM", {"prompt": "Share yours", "title": "Yours"}, {"title": "x"}]
)
def test_showcase_key_agrees_with_text_or_mapping_and_the_showcase_fields(value: Any) -> None:
    python_accepts = text_or_mapping(value)[1] is None and (
        not isinstance(value, dict)
        or (
            set(value) <= {f.name for f in SHOWCASE_FIELDS}
            and all(field(SHOWCASE_FIELDS, k).check(v)[1] is None for k, v in value.items())
            and all(f.name in value for f in SHOWCASE_FIELDS if f.required)
        )
    )
    data = copy.deepcopy(VALID["lesson"])
    data["showcase"] = value
    assert (problems("lesson", data) == []) == python_accepts


@pytest.mark.parametrize(
    "scalar",
    [
        "2026-03-01",
        "2024-02-29",
        "2026-12-31",
        "2026-3-1",
        "2026-03-01T10:00:00",
        "2026-03-01 10:00:00",
        "1 March 2026",
        "20260301",
        "03/01/2026",
    ],
)
def test_date_agrees_with_the_entry_check_on_what_pyyaml_reads(scalar: str) -> None:
    """The plugin sees what PyYAML makes of the text; the editor sees the text itself."""
    value = yaml.safe_load(f"date: {scalar}")["date"]
    python_accepts = field(ENTRY_FIELDS, "date").check(value)[1] is None
    data = copy.deepcopy(VALID["showcase-entry"])
    data["date"] = scalar
    assert (problems("showcase-entry", data) == []) == python_accepts


# -- the editor settings of this repository ---------------------------------------------------


def test_vscode_settings_map_each_yaml_schema_to_the_example_files() -> None:
    settings = json.loads((REPO / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    mapped = settings["yaml.schemas"]
    expected = {
        "authors": ["lessons/.authors.yml"],
        "course": ["lessons/*/course.yml"],
        "glossary": ["lessons/glossary.yml"],
    }
    for kind, globs in expected.items():
        key = "./" + schema_path(kind).relative_to(REPO).as_posix()
        assert mapped[key] == globs, kind
        assert all(list(REPO.glob(pattern)) for pattern in globs), globs
    assert len(mapped) == len(expected)
