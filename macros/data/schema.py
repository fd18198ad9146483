"""Validate parsed data against the JSON Schema files in ``macros/schemas``.

The schema files are the one source of truth: this module reads them for
validation, editors' YAML language servers read them for completion and inline
checks, and EDITING.md points at their descriptions. This is a deliberately
small validator for the subset of JSON Schema the files use, written so that
every message suits an editor rather than a programmer.

Besides problems, a walk collects what later checks need: every cross-file
reference (``x-ref``) and every Markdown field (``x-markdown``).
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from typing import Any

from macros import messages
from macros.data.document import FieldPath, YamlDocument
from macros.data.field_rules import SITE_LINK_HINT, character_problems, is_safe_link, link_problem
from macros.data.schema_refs import Schema, load_schema, resolve
from macros.problems import Problem
from macros.safety.grammar import date_issues

__all__ = ["SITE_LINK_HINT", "is_safe_link", "link_problem"]  # re-exported for older imports


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


def field_name(path: FieldPath) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def first_sentence(text: str) -> str:
    return text.split(". ")[0].rstrip(".")


def _describe(value: Any, raw: str | None) -> str:
    if value is None:
        return "an empty value"
    if isinstance(value, bool):
        return f"the yes/no value {raw}"
    if isinstance(value, int | float):
        return f"the number {raw}"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    return "a mapping of keys to values"


_EXPECTED = {
    "string": "text",
    "integer": "a whole number",
    "object": "a mapping of keys to values",
    "array": "a list",
    "boolean": "true or false",
}


def _is_type(value: Any, expected: str) -> bool:
    if expected == "string":
        return isinstance(value, str)
    if expected == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if expected == "object":
        return isinstance(value, dict)
    if expected == "array":
        return isinstance(value, list)
    if expected == "boolean":
        return isinstance(value, bool)
    raise ValueError(f"schema type {expected!r} is not supported")


class _Walker:
    def __init__(self, doc: YamlDocument, result: WalkResult) -> None:
        self.doc = doc
        self.result = result

    def problem(self, path: FieldPath, message: str, hint: str = "", key: bool = False) -> None:
        line, column = self.doc.key_mark(path) if key else self.doc.mark(path)
        self.result.problems.append(
            Problem(self.doc.path, line, column, field_name(path), message, hint)
        )

    def walk(self, value: Any, schema: Schema, base: str, path: FieldPath) -> None:
        schema, base = resolve(schema, base)
        expected = schema.get("type")
        if expected and not _is_type(value, expected):
            self.type_problem(value, expected, schema, path)
            return
        if "x-ref" in schema and isinstance(value, str):
            self.result.references.append(Reference(schema["x-ref"], value, path, False))
        if "x-markdown" in schema:
            self.result.markdown.append((path, schema["x-markdown"]))
        if isinstance(value, str):
            self.string(value, schema, path)
        elif isinstance(value, int) and not isinstance(value, bool):
            self.integer(value, schema, path)
        elif isinstance(value, list):
            self.array(value, schema, base, path)
        elif isinstance(value, dict):
            self.mapping(value, schema, base, path)

    def type_problem(self, value: Any, expected: str, schema: Schema, path: FieldPath) -> None:
        raw = self.doc.raw.get(path)
        got = _describe(value, raw)
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
        self.problem(path, messages.text("wrong-type", expected=_EXPECTED[expected], got=got), hint)

    def string(self, value: str, schema: Schema, path: FieldPath) -> None:
        length = len(value.strip())
        if length < schema.get("minLength", 0) or (schema.get("minLength") and not value.strip()):
            self.problem(path, messages.text("empty-text"), messages.hint("empty-text"))
            return
        if "maxLength" in schema and length > schema["maxLength"]:
            self.problem(
                path,
                messages.text("too-long", length=length, limit=schema["maxLength"]),
                messages.hint("too-long"),
            )
        if "enum" in schema and value not in schema["enum"]:
            self.choice_problem(path, value, schema["enum"], "value")
        self.characters(value, schema, path)
        fmt = schema.get("format")
        if fmt == "date":
            self.date(value, path, not_future=bool(schema.get("x-not-future")))
        elif fmt in ("https-url", "link") and (found := link_problem(value, fmt == "link")):
            self.problem(path, *found)
        pattern = schema.get("pattern")
        if pattern and not re.search(pattern, value):
            if "\n" in value.strip() and "x-markdown" in schema:
                self.problem(path, messages.text("one-line"), messages.hint("one-line"))
            elif "\n" not in value.strip():
                self.problem(
                    path,
                    messages.text("not-valid-here", value=value),
                    first_sentence(schema.get("description", "")),
                )

    def characters(self, value: str, schema: Schema, path: FieldPath) -> None:
        """Invisible and control characters, each at its own line and column."""
        if not (value.isascii() and value.isprintable()):
            block = schema.get("x-markdown") == "block"
            self.result.problems += character_problems(
                self.doc, path, field_name(path), value, block
            )

    def date(self, value: str, path: FieldPath, not_future: bool = False) -> None:
        try:
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                raise ValueError
            day = dt.date.fromisoformat(value)
        except ValueError:
            self.problem(path, messages.text("date", value=value), messages.hint("date"))
            return
        for issue in date_issues(day) if not_future else []:
            self.problem(path, messages.text(issue.code, **issue.values), messages.hint(issue.code))

    def integer(self, value: int, schema: Schema, path: FieldPath) -> None:
        low, high = schema.get("minimum"), schema.get("maximum")
        if (low is not None and value < low) or (high is not None and value > high):
            self.problem(
                path,
                messages.text("out-of-range", value=value),
                messages.hint("out-of-range", low=low, high=high),
            )

    def array(self, value: list[Any], schema: Schema, base: str, path: FieldPath) -> None:
        low, high = schema.get("minItems"), schema.get("maxItems")
        if (low is not None and len(value) < low) or (high is not None and len(value) > high):
            wanted = (
                f"exactly {low}"
                if low == high
                else (f"at least {low}" if high is None else f"{low} to {high}")
            )
            self.problem(
                path,
                messages.text("list-length", count=len(value), s="s" * (len(value) != 1)),
                messages.hint("list-length", wanted=wanted),
            )
        seen: dict[str, int] = {}
        for index, item in enumerate(value):
            if schema.get("uniqueItems") and isinstance(item, str):
                if item in seen:
                    self.problem(
                        (*path, index),
                        messages.text("listed-twice", item=item),
                        messages.hint("listed-twice", first=seen[item] + 1),
                    )
                seen.setdefault(item, index)
            if "items" in schema:
                self.walk(item, schema["items"], base, (*path, index))

    def mapping(self, value: dict[str, Any], schema: Schema, base: str, path: FieldPath) -> None:
        properties: dict[str, Schema] = schema.get("properties", {})
        if schema.get("minProperties") and len(value) < schema["minProperties"]:
            self.problem(
                path, messages.text("empty-mapping"), first_sentence(schema.get("description", ""))
            )
        extra = schema.get("additionalProperties", True)
        unknown = [k for k in value if k not in properties] if extra is False else []
        for name in schema.get("required", []):
            # A misspelt key is reported once, as unknown with "did you mean".
            if name in value:
                continue
            if not (unknown and difflib.get_close_matches(name, unknown, n=1, cutoff=0.6)):
                prop, _ = resolve(properties.get(name, {}), base)
                hint = messages.hint("missing-key", key=name)
                if "description" in prop:
                    hint += f": {first_sentence(prop['description'])}"
                self.problem(path, messages.text("missing-key", key=name), hint)
        names = schema.get("propertyNames")
        for key, item in value.items():
            item_path = (*path, key)
            if names is not None:
                self.key(key, names, base, item_path)
            if key in properties:
                self.walk(item, properties[key], base, item_path)
            elif extra is False:
                self.unknown_key(key, list(properties), item_path)
            elif isinstance(extra, dict):
                self.walk(item, extra, base, item_path)

    def key(self, key: str, names: Schema, base: str, path: FieldPath) -> None:
        names, _ = resolve(names, base)
        if "x-ref" in names:
            self.result.references.append(Reference(names["x-ref"], key, path, True))
        elif "pattern" in names and not re.search(names["pattern"], key):
            self.problem(
                path,
                messages.text("invalid-key-id", key=key),
                first_sentence(names["description"]),
                key=True,
            )

    def unknown_key(self, key: str, allowed: list[str], path: FieldPath) -> None:
        close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
        hint = (
            messages.hint("unknown-key", close=close[0])
            if close
            else "allowed keys: " + ", ".join(allowed)
        )
        self.problem(path, messages.text("unknown-key", key=key), hint, key=True)

    def choice_problem(self, path: FieldPath, value: str, choices: list[str], what: str) -> None:
        close = difflib.get_close_matches(value, choices, n=1, cutoff=0.6)
        hint = (
            messages.hint("unknown-key", close=close[0])
            if close
            else messages.hint("unknown-value", choices=", ".join(choices))
        )
        self.problem(path, messages.text("unknown-value", what=what, value=value), hint)


def validate(doc: YamlDocument, schema_name: str) -> WalkResult:
    result = WalkResult()
    if not isinstance(doc.value, dict):
        kind = _describe(doc.value, doc.raw.get(()))
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
    _Walker(doc, result).walk(doc.value, load_schema(schema_name), schema_name, ())
    return result
