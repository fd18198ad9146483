"""Validate parsed data against the JSON Schema files in ``macros/schemas``.

The schema files are the one source of truth: editors' YAML language servers
read them for completion and inline checks, EDITING.md points at their
descriptions, and the build validates with the same standard implementation
those tools use, the ``jsonschema`` library (Draft 2020-12, the schemas found
through one registry, macros.data.schema_refs). A thin layer
(macros.data.schema_messages) turns the library's errors into messages for
editors, with the line and column of the YAML value.

Where the build is deliberately stricter or kinder than a plain validator:

- ``minLength``/``maxLength`` count a text without the whitespace around it (a
  ``|`` block's final newline is not a character the reader sees, and a text
  of spaces is empty);
- an ``integer`` is a whole number written as one (``1.0`` is not);
- the formats ``date``, ``https-url`` and ``link`` are checked.

Besides problems, a small walk collects what later checks need: every
cross-file reference (``x-ref``) and every Markdown field (``x-markdown``),
annotations that validators ignore.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker, ValidationError, validators
from jsonschema.exceptions import best_match
from jsonschema.protocols import Validator

from macros import messages
from macros.data.dates import folded_block
from macros.data.document import FieldPath, YamlDocument, describe, field_name, value_at
from macros.data.field_rules import SITE_LINK_HINT, character_problems, is_safe_link
from macros.data.schema_messages import problems
from macros.data.schema_refs import Node, inlined, node, registry
from macros.problems import Problem
from macros.safety.ecma import pattern_keyword
from macros.safety.grammar import date_issues

__all__ = ["SITE_LINK_HINT", "Reference", "WalkResult", "field_name", "is_safe_link", "validate"]


@dataclass(frozen=True)
class Reference:
    kind: str  # "framework", "source", "dimension"
    value: str
    path: FieldPath
    is_key: bool


@dataclass
class WalkResult:
    problems: list[Problem] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    markdown: list[tuple[FieldPath, str]] = field(default_factory=list)  # path, "inline"/"block"
    texts: list[tuple[FieldPath, str]] = field(default_factory=list)  # every text value, schema'd
    not_future: list[FieldPath] = field(default_factory=list)  # dates that must not be ahead


def is_date(value: str) -> bool:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


# --- the validator ---------------------------------------------------------------------------

FORMATS = FormatChecker(formats=())
FORMATS.checks("date")(lambda value: not isinstance(value, str) or is_date(value))
FORMATS.checks("https-url")(lambda value: not isinstance(value, str) or is_safe_link(value, False))
FORMATS.checks("link")(lambda value: not isinstance(value, str) or is_safe_link(value, True))


def _whole_number(checker: Any, instance: Any) -> bool:
    return isinstance(instance, int) and not isinstance(instance, bool)


def _min_length(
    validator: Validator, limit: int, instance: Any, schema: dict[str, Any]
) -> Iterator[ValidationError]:
    if isinstance(instance, str) and len(instance.strip()) < limit:
        yield ValidationError(f"{instance!r} is too short")


def _max_length(
    validator: Validator, limit: int, instance: Any, schema: dict[str, Any]
) -> Iterator[ValidationError]:
    if isinstance(instance, str) and len(instance.strip()) > limit:
        yield ValidationError(f"{instance!r} is too long")


DataValidator: Any = validators.extend(  # type: ignore[no-untyped-call]
    Draft202012Validator,
    validators={"minLength": _min_length, "maxLength": _max_length, "pattern": pattern_keyword},
    type_checker=Draft202012Validator.TYPE_CHECKER.redefine("integer", _whole_number),
)


@cache
def validator(schema_name: str) -> Validator:
    """The validator for one kind of data file (built once per process)."""
    built: Validator = DataValidator(
        inlined(f"{schema_name}#"), registry=registry(), format_checker=FORMATS
    )
    return built


def explained(errors: Iterable[ValidationError]) -> Iterator[ValidationError]:
    """Errors to explain: for oneOf/anyOf, the branch ``best_match`` picks.

    ``best_match`` descends into the failed branches and prefers one whose
    type fits the value; when none stands out it returns the oneOf itself.
    """
    for error in errors:
        if error.validator in ("oneOf", "anyOf") and error.context:
            yield best_match([error]) or error
        else:
            yield error


def validate(doc: YamlDocument, schema_name: str) -> WalkResult:
    result = WalkResult()
    if not isinstance(doc.value, dict):
        kind = describe(doc.value, doc.raw.get(()))
        result.problems.append(
            Problem(
                doc.path,
                *doc.mark(()),
                "",
                messages.text("not-a-mapping", got=kind),
                messages.hint("not-a-mapping"),
            )
        )
        return result
    _annotate(doc.value, node(f"{schema_name}#"), (), result)
    # Plain text over several lines: YAML joined its lines (lists and paragraphs
    # included), so that is the one thing to say about the value, at its key.
    folded = {
        path
        for path, kind in result.markdown
        if isinstance(path[-1], str) and folded_block(doc.spans.get(path), {"x-markdown": kind})
    }
    errors = explained(validator(schema_name).iter_errors(doc.value))
    kept = [error for error in errors if tuple(error.absolute_path) not in folded]
    result.problems = problems(doc, schema_name, kept)
    for path in folded:
        hint = messages.hint("multiline-text", key=path[-1])
        line, column = doc.key_mark(path)
        problem = Problem(
            doc.path, line, column, field_name(path), messages.text("multiline-text"), hint
        )
        result.problems.append(problem)
    result.problems += _value_rules(doc, result)
    result.problems.sort(key=lambda problem: (problem.line, problem.column))
    return result


def _value_rules(doc: YamlDocument, result: WalkResult) -> list[Problem]:
    """Checks on every text value, error or not: invisible characters, future dates."""
    found: list[Problem] = []
    for path, markdown in result.texts:
        value = value_at(doc.value, path)
        if not (value.isascii() and value.isprintable()):  # block Markdown keeps tabs, breaks
            found += character_problems(doc, path, field_name(path), value, markdown == "block")
    for path in result.not_future:
        value = value_at(doc.value, path)
        for issue in date_issues(dt.date.fromisoformat(value)) if is_date(value) else []:
            text, hint = messages.text(issue.code, **issue.values), messages.hint(issue.code)
            found.append(Problem(doc.path, *doc.mark(path), field_name(path), text, hint))
    return found


# --- annotations: references and Markdown fields ----------------------------------------------

_TYPES = {"string": str, "object": dict, "array": list, "boolean": bool}


def is_type(value: Any, expected: Any) -> bool:
    if expected == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    wanted = _TYPES.get(expected) if isinstance(expected, str) else None
    return wanted is None or isinstance(value, wanted)


def _annotate(value: Any, at: Node, path: FieldPath, result: WalkResult) -> None:
    """Collect x-ref and x-markdown along the data, as far as its types match."""
    schema = at.schema
    if not is_type(value, schema.get("type")):
        return
    if "x-ref" in schema and isinstance(value, str):
        result.references.append(Reference(schema["x-ref"], value, path, False))
    if "x-markdown" in schema:
        result.markdown.append((path, schema["x-markdown"]))
    if isinstance(value, str):
        result.texts.append((path, schema.get("x-markdown", "")))
        if schema.get("x-not-future"):
            result.not_future.append(path)
    if isinstance(value, list) and "items" in schema:
        items = at.child("items")
        for index, item in enumerate(value):
            _annotate(item, items, (*path, index), result)
    elif isinstance(value, dict):
        properties = schema.get("properties", {})
        extra = schema.get("additionalProperties")
        names = at.child("propertyNames").schema if "propertyNames" in schema else {}
        for key, item in value.items():
            if "x-ref" in names:
                result.references.append(Reference(names["x-ref"], key, (*path, key), True))
            if key in properties:
                _annotate(item, at.child("properties", key), (*path, key), result)
            elif isinstance(extra, dict):
                _annotate(item, at.child("additionalProperties"), (*path, key), result)
