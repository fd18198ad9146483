"""The ``jsonschema`` library's errors as messages for editors.

The library says where (``absolute_path``) and which keyword failed; this
module words it for someone editing YAML: line and column from the document's
marks, the field's description as the hint, "did you mean" for a misspelt key,
"quote it" where YAML changed what was typed. Descriptions and limits come from
the field's flattened schema (macros.data.schema_refs), as an editor's hover
reads it, so keywords beside a ``$ref`` or in an ``allOf`` count; for
``oneOf``/``anyOf`` the library's ``best_match`` picks the branch to explain.

Messages follow the document: a value's own before those inside it, keys as written. One
message per kind (a ``maxLength`` in a definition and beside its ``$ref`` is one "too long").
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Any

from jsonschema import ValidationError

from macros import messages
from macros.data.dates import date_problem
from macros.data.document import (
    FieldPath,
    YamlDocument,
    describe,
    field_name,
    paths_in_order,
    value_at,
)
from macros.data.field_rules import link_problem
from macros.data.schema_refs import Schema, first_sentence, node_at
from macros.problems import Problem
from macros.safety.characters import describe as describe_char
from macros.safety.grammar import code_point

_EXPECTED = {
    "string": "text",
    "integer": "a whole number",
    "object": "a mapping of keys to values",
    "array": "a list",
    "boolean": "true or false",
}

# Within one value, messages keep the order the checks had: keys and list
# duplicates first (they concern the entry itself), then the value's type,
# its text, number, list and mapping rules.
_ORDER = (
    ("propertyNames", "uniqueItems"),
    ("additionalProperties",),
    ("type",),
    ("minLength",),
    ("maxLength",),
    ("enum",),
    ("format",),
    ("pattern",),
    ("minimum", "maximum"),
    ("minItems", "maxItems"),
    ("minProperties",),
    ("required",),
)
_RANK = {keyword: rank for rank, group in enumerate(_ORDER) for keyword in group}
_OTHER = len(_ORDER)


def _given(error: ValidationError) -> Any:  # the failing keyword's value in the schema
    return error.validator_value


def _in_property_names(error: ValidationError) -> bool:
    """Whether a key failed (the library reports it at the mapping, the key as instance)."""
    return "propertyNames" in error.absolute_schema_path and isinstance(error.instance, str)


class _Messages:
    def __init__(self, doc: YamlDocument, schema_name: str) -> None:
        self.doc = doc
        self.schema_name = schema_name
        self.found: list[tuple[FieldPath, int, Problem]] = []

    def field(self, path: FieldPath, error: ValidationError | None = None) -> Schema:
        found = node_at(self.schema_name, path)
        if found is not None:
            return found.schema
        return dict(error.schema) if error is not None and isinstance(error.schema, dict) else {}

    def add(
        self, path: FieldPath, rank: str, message: str, hint: str = "", key: bool = False
    ) -> None:
        line, column = self.doc.key_mark(path) if key else self.doc.mark(path)
        problem = Problem(self.doc.path, line, column, field_name(path), message, hint)
        self.found.append((path, _RANK.get(rank, _OTHER), problem))

    def ordered(self) -> list[Problem]:
        order = paths_in_order(self.doc.value)
        ranked = sorted(
            enumerate(self.found), key=lambda f: (order.get(f[1][0], -1), f[1][1], f[0])
        )
        return [problem for _, (_, _, problem) in ranked]

    # --- one value's errors -----------------------------------------------------------------

    def value(self, path: FieldPath, errors: list[ValidationError]) -> None:
        value = value_at(self.doc.value, path)
        schema = self.field(path, errors[0])
        by_keyword: dict[str, list[ValidationError]] = {}
        for error in errors:
            by_keyword.setdefault(str(error.validator), []).append(error)
        if "type" in by_keyword:  # nothing else about a value of the wrong kind
            expected = schema.get("type", by_keyword["type"][0].validator_value)
            self.type_problem(path, value, expected, schema)
            return
        if isinstance(value, str) and "minLength" in by_keyword:
            self.add(path, "minLength", messages.text("empty-text"), messages.hint("empty-text"))
            return
        for keyword, found in by_keyword.items():
            before = len(self.found)
            self.keyword(path, value, schema, keyword, found)
            if len(self.found) == before and keyword != "required":  # never drop an error
                for error in found:
                    self.other(path, value, schema, error)

    def keyword(
        self,
        path: FieldPath,
        value: Any,
        schema: Schema,
        keyword: str,
        found: list[ValidationError],
    ) -> None:
        if keyword == "maxLength" and isinstance(value, str):
            limit = min(_given(error) for error in found)
            text = messages.text("too-long", length=len(value.strip()), limit=limit)
            self.add(path, keyword, text, messages.hint("too-long"))
        elif keyword == "enum":
            self.choice_problem(path, str(value), list(_given(found[0])))
        elif keyword == "format":
            self.format_problem(path, value, found)
        elif keyword == "pattern" and isinstance(value, str):
            if "\n" in value:  # a '|' block ends in a line break: one-line patterns refuse it
                self.add(path, keyword, messages.text("one-line"), messages.hint("one-line"))
            elif (foreign := _look_alike(value, found)) is not None:
                text = messages.text("value-look-alike", value=value, char=code_point(foreign))
                self.add(path, keyword, text, messages.hint("value-look-alike"))
            else:
                hint = first_sentence(schema.get("description", ""))
                self.add(path, keyword, messages.text("not-valid-here", value=value), hint)
        elif keyword in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
            low, high = schema.get("minimum"), schema.get("maximum")
            hint = messages.hint("out-of-range", low=low, high=high)
            self.add(path, "minimum", messages.text("out-of-range", value=value), hint)
        elif keyword in ("minItems", "maxItems") and isinstance(value, list):
            self.list_length(path, value, schema)
        elif keyword == "uniqueItems" and isinstance(value, list):
            self.listed_twice(path, value)
        elif keyword == "minProperties":
            hint = first_sentence(schema.get("description", ""))
            self.add(path, keyword, messages.text("empty-mapping"), hint)
        elif keyword == "required" and isinstance(value, dict):
            self.missing(path, value, schema, found)
        elif keyword in ("additionalProperties", "unevaluatedProperties") and isinstance(
            value, dict
        ):
            self.unknown_keys(path, value, schema)

    def type_problem(self, path: FieldPath, value: Any, expected: Any, schema: Schema) -> None:
        raw = self.doc.raw.get(path)
        got = describe(value, raw)
        hint = ""
        if expected == "string" and raw is not None and value is not None:
            hint = f'put it in quotes so YAML keeps it as written: "{raw}"'
        elif expected == "integer" and isinstance(value, str) and raw is not None:
            got = f"{raw}, which YAML reads as octal, hexadecimal or base 60"
            hint = "write the number in plain decimal digits, without a leading zero"
        elif value is None:
            hint = "write the value after the colon, or remove the key"
        elif "description" in schema:
            hint = first_sentence(schema["description"])
        wanted = _EXPECTED.get(expected, str(expected)) if isinstance(expected, str) else expected
        self.add(path, "type", messages.text("wrong-type", expected=wanted, got=got), hint)

    def format_problem(self, path: FieldPath, value: Any, found: list[ValidationError]) -> None:
        fmt = found[0].validator_value
        if fmt == "date":
            self.add(path, "format", *(date_problem(str(value)) or ("", "")))
        else:
            self.add(path, "format", *(link_problem(str(value), fmt == "link") or ("", "")))

    def list_length(self, path: FieldPath, value: list[Any], schema: Schema) -> None:
        low, high = schema.get("minItems"), schema.get("maxItems")
        wanted = (
            f"exactly {low}"
            if low == high
            else (f"at least {low}" if high is None else f"{low} to {high}")
        )
        self.add(
            path,
            "minItems",
            messages.text("list-length", count=len(value), s="s" * (len(value) != 1)),
            messages.hint("list-length", wanted=wanted),
        )

    def listed_twice(self, path: FieldPath, value: list[Any]) -> None:
        seen: dict[str, int] = {}
        for index, item in enumerate(value):
            if not isinstance(item, str):
                continue
            if item in seen:
                self.add(
                    (*path, index),
                    "uniqueItems",
                    messages.text("listed-twice", item=item),
                    messages.hint("listed-twice", first=seen[item] + 1),
                )
            seen.setdefault(item, index)

    def unknown(self, value: dict[str, Any], schema: Schema) -> list[str]:
        if schema.get("additionalProperties", True) is not False:
            return []
        return [key for key in value if key not in schema.get("properties", {})]

    def missing(
        self, path: FieldPath, value: dict[str, Any], schema: Schema, found: list[ValidationError]
    ) -> None:
        unknown = self.unknown(value, schema)
        names = dict.fromkeys(name for error in found for name in _given(error))
        for name in names:
            # A misspelt key is reported once, as unknown with "did you mean".
            if name in value or difflib.get_close_matches(name, unknown, n=1, cutoff=0.6):
                continue
            prop = node_at(self.schema_name, (*path, name))
            hint = messages.hint("missing-key", key=name)
            if prop is not None and "description" in prop.schema:
                hint += f": {first_sentence(prop.schema['description'])}"
            self.add(path, "required", messages.text("missing-key", key=name), hint)

    def unknown_keys(self, path: FieldPath, value: dict[str, Any], schema: Schema) -> None:
        allowed = list(schema.get("properties", {}))
        for key in self.unknown(value, schema):
            close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
            hint = (
                messages.hint("unknown-key", close=close[0])
                if close
                else "allowed keys: " + ", ".join(allowed)
            )
            text = messages.text("unknown-key", key=key)
            self.add((*path, key), "additionalProperties", text, hint, key=True)

    def choice_problem(self, path: FieldPath, value: str, choices: list[str]) -> None:
        close = difflib.get_close_matches(value, choices, n=1, cutoff=0.6)
        hint = (
            messages.hint("unknown-key", close=close[0])
            if close
            else messages.hint("unknown-value", choices=", ".join(choices))
        )
        self.add(path, "enum", messages.text("unknown-value", what="value", value=value), hint)

    def other(self, path: FieldPath, value: Any, schema: Schema, error: ValidationError) -> None:
        """A keyword the data's schemas do not use yet: the value, and the field's purpose."""
        shown = self.doc.raw.get(path) or (value if isinstance(value, str) else describe(value, ""))
        hint = first_sentence(schema.get("description", "")) or error.message
        self.add(path, str(error.validator), messages.text("not-valid-here", value=shown), hint)

    # --- keys -------------------------------------------------------------------------------

    def key(self, path: FieldPath, key: str) -> None:
        """A key that its mapping's ``propertyNames`` rejects."""
        names = node_at(self.schema_name, path)
        schema = (
            names.child("propertyNames").schema if names and "propertyNames" in names.schema else {}
        )
        if "x-ref" in schema:
            return  # the reference check names the unknown id, with "did you mean"
        hint = first_sentence(schema.get("description", ""))
        odd = next((c for c in key if not (c.isascii() and c.isprintable())), None)
        if odd is not None:  # name what cannot be seen, or only looks Latin (issue 21)
            char = code_point(odd) if odd.isprintable() else describe_char(odd)
            shown = key if key.isprintable() else key.encode("unicode_escape").decode("ascii")
            text = messages.text("key-id-character", key=shown, char=char)
            hint = messages.hint("key-id-character")
        else:
            text = messages.text("invalid-key-id", key=key)
        self.add((*path, key), "propertyNames", text, hint, True)


def problems(
    doc: YamlDocument, schema_name: str, errors: Iterable[ValidationError]
) -> list[Problem]:
    """Editor messages for the library's errors, in the order of the document.

    ``errors`` are those to explain: for oneOf/anyOf, the branch the library's
    ``best_match`` picks (macros.data.schema.explained).
    """
    found = _Messages(doc, schema_name)
    by_path: dict[FieldPath, list[ValidationError]] = {}
    bad_keys: dict[tuple[FieldPath, str], None] = {}
    for error in errors:
        path: FieldPath = tuple(error.absolute_path)
        if _in_property_names(error):
            bad_keys[(path, str(error.instance))] = None
        else:
            by_path.setdefault(path, []).append(error)
    for path, key in bad_keys:
        found.key(path, key)
    for path, errors_here in by_path.items():
        found.value(path, errors_here)
    return found.ordered()


def _look_alike(value: str, found: list[ValidationError]) -> str | None:
    """The first letter or digit of another script in ``value``, when the pattern it fails
    allows plain ASCII only: a Cyrillic 'a' (U+0430) in an id looks Latin and is named."""
    pattern = str(found[0].validator_value)
    if not pattern.isascii() or "\\u" in pattern or "\\p" in pattern:
        return None
    return next((c for c in value if not c.isascii() and c.isalnum()), None)
