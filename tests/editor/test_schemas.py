"""The JSON Schemas as editors' tools see them.

YAML language servers validate with a standard JSON Schema implementation, not
with macros.data.schema. These tests use the `jsonschema` package the same way: the
schemas are valid Draft 2020-12, the shipped data passes them, broken data
fails them, every field has a description (hover text and the scaffold's
comments), and .vscode/settings.json maps every data file to its schema.
"""

from __future__ import annotations

import fnmatch
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from macros.data.layout import FOLDERS, SINGLE_FILES, classify, data_files
from macros.data.schema_refs import SCHEMA_DIR, resolve
from macros.data.yaml_reader import parse_yaml, read_yaml
from macros.editor.schemas import OUTPUT
from tests.harness.site import FIXTURES, ROOT

# The data files' schemas (the loader's layout) and the definitions they share.
SCHEMAS = sorted(
    SCHEMA_DIR / name
    for name in {
        "common.schema.json",
        *FOLDERS.values(),
        *(kind for kind, _ in SINGLE_FILES.values()),
    }
)
DATA_SETS = [ROOT / "data", FIXTURES / "minimal" / "data"]
# Custom keywords: JSON Schema tools ignore them (tests below prove it).
CUSTOM_KEYWORDS = {"x-ref", "x-markdown", "x-not-future"}


def load(path: Path) -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return schema


REGISTRY: Registry[Any] = Registry().with_resources(
    (path.name, Resource.from_contents(load(path), default_specification=DRAFT202012))
    for path in SCHEMAS
)


def validator(schema_name: str) -> Draft202012Validator:
    return Draft202012Validator(
        load(SCHEMA_DIR / schema_name),
        registry=REGISTRY,
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    )


def data_documents() -> Iterator[tuple[str, Path]]:
    for data_dir in DATA_SETS:
        for path in data_files(data_dir):
            kind = classify(path, data_dir, path.name).kind
            if kind:
                yield kind, path


@pytest.mark.parametrize("path", SCHEMAS, ids=lambda p: p.name)
def test_every_schema_is_valid_draft_2020_12(path: Path) -> None:
    schema = load(path)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)
    assert schema["$id"] == path.name  # so $refs between files resolve beside each other


@pytest.mark.parametrize(
    ("kind", "path"),
    list(data_documents()),
    ids=lambda v: v if isinstance(v, str) else v.relative_to(ROOT).as_posix(),
)
def test_shipped_data_passes_with_jsonschema(kind: str, path: Path) -> None:
    # Values as our reader keeps them (dates stay text, as in YAML 1.2 editors).
    doc, problems = read_yaml(path, path.name)
    assert doc is not None, problems
    errors = [
        f"{'.'.join(map(str, e.absolute_path))}: {e.message}"
        for e in validator(kind).iter_errors(doc.value)
    ]
    assert errors == []


@pytest.mark.parametrize(
    ("kind", "text", "expected"),
    [
        (
            "dimension.schema.json",
            "title: X\norder: ten\nsummary: S\nlast_reviewed: 2026-11-24\n"
            "frameworks: {a: {verdict: V, text: T}}\n",
            "'ten' is not of type 'integer'",
        ),
        (
            "dimension.schema.json",
            "title: X\norder: 1\nsummary: S\nlast_reviewed: 2026-11-31\n"
            "frameworks: {a: {verdict: V, text: T}}\n",
            "'2026-11-31' is not a 'date'",
        ),
        (
            "sources.schema.json",
            "a-b:\n  title: T\n  url: https://x.org\n  publisher: P\n"
            "  checked: 2026-11-24\n  titel: typo\n",
            "Additional properties are not allowed ('titel' was unexpected)",
        ),
        (
            "faq.schema.json",
            "questions:\n  - id: Bad_Id\n    q: Q?\n    a: A\n",
            "'Bad_Id' does not match '^[a-z][a-z0-9]*(-[a-z0-9]+)*$'",
        ),
        ("site.schema.json", "title: T\n", "'description' is a required property"),
    ],
)
def test_broken_data_fails_with_jsonschema_too(kind: str, text: str, expected: str) -> None:
    doc, _ = parse_yaml(text.encode(), "x.yml")
    assert doc is not None
    messages = [e.message for e in validator(kind).iter_errors(doc.value)]
    assert expected in messages


def subschemas(node: Any, where: str) -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(node, dict):
        yield where, node
        for key, value in node.items():
            yield from subschemas(value, f"{where}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from subschemas(value, f"{where}/{index}")


@pytest.mark.parametrize("path", SCHEMAS, ids=lambda p: p.name)
def test_every_field_has_a_description(path: Path) -> None:
    schema = load(path)
    assert schema.get("title") or path.name == "common.schema.json"
    missing = []
    for where, node in subschemas(schema, path.name):
        for name, field in node.get("properties", {}).items():
            if "description" not in resolve(field, path.name)[0]:
                missing.append(f"{where}/properties/{name}")
        for name, definition in node.get("$defs", {}).items():
            if "description" not in definition and "properties" not in definition:
                missing.append(f"{where}/$defs/{name}")
        extra = node.get("additionalProperties")
        if isinstance(extra, dict) and not ("description" in node or "title" in node):
            missing.append(f"{where} (a mapping of ids)")
    assert missing == []


def test_custom_keywords_are_the_known_ones() -> None:
    found = {
        key
        for path in SCHEMAS
        for _, node in subschemas(load(path), path.name)
        for key in node
        if key.startswith("x-")
    }
    assert found == CUSTOM_KEYWORDS


def settings() -> dict[str, Any]:
    value: dict[str, Any] = json.loads((ROOT / ".vscode/settings.json").read_text())
    return value


def test_vscode_maps_every_data_file_to_its_schema() -> None:
    mapping = settings()["yaml.schemas"]
    assert {Path(schema).name for schema in mapping} == {
        p.name for p in SCHEMAS if p.name != "common.schema.json"
    }  # each data file's schema
    for schema in mapping:  # the editor schemas derived from them (scripts/editor-schemas)
        assert schema.startswith(f"./{OUTPUT.as_posix()}/"), schema
        assert (SCHEMA_DIR / Path(schema).name).is_file(), schema
    for data_dir in DATA_SETS:
        for path in data_files(data_dir):
            kind = classify(path, data_dir, path.name).kind
            rel = f"data/{path.relative_to(data_dir).as_posix()}"
            matched = [Path(s).name for s, glob in mapping.items() if fnmatch.fnmatch(rel, glob)]
            assert matched == ([kind] if kind else []), rel


def test_vscode_recommends_the_yaml_extension() -> None:
    extensions = json.loads((ROOT / ".vscode/extensions.json").read_text())
    assert extensions["recommendations"] == ["redhat.vscode-yaml"]


def test_the_schemas_are_written_again_only_when_the_ids_or_packages_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The preview calls write_editor_schemas on every save: the same ids and packages
    write nothing (nor work the schemas out), a new id or a removed file writes again."""
    import shutil

    from macros.data.loader import load
    from macros.editor import schemas

    shutil.copytree(ROOT / "data", tmp_path / "data")
    files = load(tmp_path / "data", tmp_path).files
    first = schemas.write_editor_schemas(tmp_path, files)
    assert first and all(path.is_file() for path in first)
    made: list[int] = []
    editor_schemas = schemas.editor_schemas
    monkeypatch.setattr(
        schemas, "editor_schemas", lambda *a, **k: made.append(1) or editor_schemas(*a, **k)
    )
    assert schemas.write_editor_schemas(tmp_path, files) == [] and made == []
    first[0].unlink()
    assert schemas.write_editor_schemas(tmp_path, files) == [first[0]] and made == [1]
    site = tmp_path / "data/sources.yml"
    text = site.read_text(encoding="utf-8")
    site.write_text(text + "\nnew-source-id:\n  title: A new source\n", encoding="utf-8")
    changed = schemas.write_editor_schemas(tmp_path, load(tmp_path / "data", tmp_path).files)
    assert made == [1, 1] and changed
