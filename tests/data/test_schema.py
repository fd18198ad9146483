"""The jsonschema-based validator (macros.data.schema): the library's errors as editor messages."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from macros.data import schema, schema_refs
from macros.data.loader import load_dataset
from macros.data.schema import validate
from macros.data.schema_messages import problems
from macros.data.yaml_reader import parse_yaml
from tests.data.bad_data_cases import all_cases, make_project


def _clear_caches() -> None:
    for cached in (schema_refs.load_schema, schema_refs.registry, schema_refs.node):
        cached.cache_clear()
    schema.validator.cache_clear()


def _as_all_of(value: Any) -> Any:
    """Every '$ref' with keywords beside it rewritten as an 'allOf' of the $ref."""
    if isinstance(value, list):
        return [_as_all_of(item) for item in value]
    if not isinstance(value, dict):
        return value
    value = {key: _as_all_of(item) for key, item in value.items()}
    if "$ref" in value and len(value) > 1:
        siblings = {key: item for key, item in value.items() if key != "$ref"}
        return {"allOf": [{"$ref": value["$ref"]}], **siblings}
    return value


@pytest.fixture
def all_of_schemas(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The project's schemas with descriptions beside an allOf, as editors' hover wants."""
    folder = tmp_path / "schemas"
    folder.mkdir()
    rewritten = 0
    for path in schema_refs.SCHEMA_DIR.glob("*.schema.json"):
        original = json.loads(path.read_text(encoding="utf-8"))
        changed = _as_all_of(original)
        rewritten += changed != original
        (folder / path.name).write_text(json.dumps(changed), encoding="utf-8")
    assert rewritten >= 5
    monkeypatch.setattr(schema_refs, "SCHEMA_DIR", folder)
    _clear_caches()
    yield folder
    monkeypatch.undo()
    _clear_caches()


def test_schemas_written_with_all_of_give_the_same_messages(
    all_of_schemas: Path, tmp_path: Path
) -> None:
    for case in all_cases():
        project = make_project(case, tmp_path / case.name)
        _, problems = load_dataset(project / "data", project)
        assert [str(p) for p in problems] == case.expected, case.name
    # The scaffold and the lint read the same flattened field.
    title = schema_refs.load_schema("dimension.schema.json")["properties"]["title"]
    assert "allOf" in title
    assert schema_refs.definition_name(title) == "line"
    flat, _ = schema_refs.resolve(title, "dimension.schema.json")
    assert (flat["maxLength"], flat["x-markdown"]) == (80, "inline")
    assert flat["description"].startswith("The section heading")


def _messages(text: str, schema_name: str) -> list[str]:
    doc, problems = parse_yaml(text.encode(), "data/x.yml")
    assert doc is not None, problems
    return [str(p) for p in validate(doc, schema_name).problems]


def test_a_limit_beside_a_ref_is_one_message_with_the_stricter_limit() -> None:
    title = "x" * 301  # over the shared 'line' limit (300) and the title's own (80)
    found = _messages(f"title: {title}\n", "dimension.schema.json")
    assert [m for m in found if "too long" in m] == [
        "data/x.yml:1:8: title: the text is too long (301 characters; the limit is 80) (shorten it)"
    ]


def test_a_number_written_with_a_decimal_point_is_not_a_whole_number() -> None:
    found = _messages("order: 1.0\n", "dimension.schema.json")
    assert "data/x.yml:1:8: order: expected a whole number, got the number 1.0" in [
        m.split(" (")[0] for m in found
    ]


def test_a_block_in_a_one_line_field_that_is_not_markdown_is_reported() -> None:
    """The hand-written walker let a multi-line id or version through silently."""
    text = "first_release:\n  version: |\n    3.1\n    4\n  date: 2020-01-01\n  source: s\n"
    found = _messages(text, "framework.schema.json")
    assert (
        "data/x.yml:2:12: first_release.version: must be one line "
        "(write it on one line, without a '|' block)"
    ) in found


def test_references_and_markdown_fields_are_collected_in_document_order() -> None:
    text = (
        "title: T\norder: 1\nsummary: S\nlast_reviewed: 2026-01-01\n"
        "frameworks:\n  flask: {verdict: V, text: X}\n"
        "unknown: [django]\n"
    )
    doc, _ = parse_yaml(text.encode(), "data/x.yml")
    assert doc is not None
    result = validate(doc, "dimension.schema.json")
    assert result.problems == []
    assert [(r.kind, r.value, r.path, r.is_key) for r in result.references] == [
        ("framework", "flask", ("frameworks", "flask"), True),
        ("framework", "django", ("unknown", 0), False),
    ]
    assert result.markdown == [
        (("title",), "inline"),
        (("summary",), "block"),
        (("frameworks", "flask", "verdict"), "inline"),
        (("frameworks", "flask", "text"), "block"),
    ]


def test_one_of_is_explained_by_the_branch_that_fits_best() -> None:
    """The schemas have no oneOf/anyOf yet; when they do, the library's best_match speaks."""
    checker = schema.DataValidator(
        {"oneOf": [{"type": "string", "maxLength": 3}, {"type": "integer"}]},
        format_checker=schema.FORMATS,
    )
    [error] = schema.explained(checker.iter_errors("abcdef"))
    assert (error.validator, error.validator_value) == ("maxLength", 3)


def test_a_keyword_without_its_own_wording_is_still_reported() -> None:
    """No error of the library is dropped: unknown keywords say where, and what was expected."""
    doc, _ = parse_yaml(b"a: 2\n", "data/x.yml")
    assert doc is not None
    checker = schema.DataValidator({"properties": {"a": {"const": 1}}})
    found = problems(doc, "dimension.schema.json", schema.explained(checker.iter_errors(doc.value)))
    assert [str(p) for p in found] == ["data/x.yml:1:4: a: '2' is not valid here (1 was expected)"]
