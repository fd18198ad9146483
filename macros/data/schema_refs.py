"""The JSON Schema files in ``macros/schemas``: loading them, and what they say about a field.

The ``jsonschema`` library validates (macros.data.schema) with :func:`registry`;
the same registry resolves ``$ref`` here for the questions the library does
not answer: what is the description of this field, its limits, is it Markdown,
does it name another file's id (scaffold, lint, the messages' hints).

A field's schema is *flattened*: its ``allOf`` members and its ``$ref`` target
first, then the keywords written beside them, which win. So
``{"$ref": "#/$defs/line", "maxLength": 80, "description": "..."}`` reads as a
line of at most 80 characters with that description, which is also what an
editor's hover shows.

Flattened schemas are cached by their location in the files ("file#/json/
pointer"): strings, never object identities.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin

from macros.data.document import FieldPath

if TYPE_CHECKING:  # imported when first needed: a cached build reads no schema (macros.check_cache)
    from referencing import Registry

SCHEMA_DIR = Path(__file__).parent.parent / "schemas"

Schema = dict[str, Any]

_COMBINED = ("$ref", "allOf")


@cache
def load_schema(name: str) -> Schema:
    schema: Schema = json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))
    return schema


@cache
def registry() -> Registry[Any]:
    """Every schema file, by file name (its ``$id``), for ``$ref`` across files."""
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012

    return Registry().with_resources(
        (path.name, Resource.from_contents(load_schema(path.name), DRAFT202012))
        for path in sorted(SCHEMA_DIR.glob("*.schema.json"))
    )


def _target(ref: str, base: str) -> tuple[Schema, str]:
    """What ``ref`` (written in file ``base``) points at, and that file's name."""
    file = urljoin(base, ref.partition("#")[0])
    target: Schema = registry().resolver(base).lookup(ref).contents
    return target, file


def resolve(schema: Schema, base: str) -> tuple[Schema, str]:
    """The flattened schema: ``allOf`` and ``$ref`` merged, keywords beside them win.

    ``base`` is the file the schema is written in; the returned file is the
    one its ``$ref`` pointed to (where the target's own ``$ref``\\ s resolve).
    """
    if not any(key in schema for key in _COMBINED):
        return schema, base
    merged: Schema = {}
    for member in schema.get("allOf", []):
        merged.update(resolve(member, base)[0])
    if "$ref" in schema:
        target, base = _target(schema["$ref"], base)
        target, base = resolve(target, base)
        merged.update(target)
    merged.update({key: value for key, value in schema.items() if key not in _COMBINED})
    return merged, base


@dataclass(frozen=True)
class Node:
    """A flattened schema, and where each of its keywords is written."""

    schema: Schema
    where: dict[str, str]  # keyword -> "file#/pointer" of its value

    def child(self, keyword: str, name: str = "") -> Node:
        """The schema under ``keyword`` (a property's schema when ``name`` is given)."""
        location = self.where[keyword]
        return node(f"{location}/{_escape(name)}" if name else location)


def _escape(part: str) -> str:
    return part.replace("~", "~0").replace("/", "~1")


@cache
def node(location: str) -> Node:
    """The flattened schema written at ``location`` ("file#/json/pointer")."""
    file, _, pointer = location.partition("#")
    raw: Any = registry().resolver(file).lookup(location).contents
    schema: Schema = {}
    where: dict[str, str] = {}
    if isinstance(raw, dict):
        for index in range(len(raw.get("allOf", []))):
            member = node(f"{location}/allOf/{index}")
            schema.update(member.schema)
            where.update(member.where)
        if "$ref" in raw:
            ref, _, fragment = raw["$ref"].partition("#")
            target = node(f"{urljoin(file, ref)}#{fragment}")
            schema.update(target.schema)
            where.update(target.where)
        for key, value in raw.items():
            if key not in _COMBINED:
                schema[key] = value
                where[key] = f"{file}#{pointer}/{_escape(key)}"
    return Node(schema, where)


def first_sentence(text: str) -> str:
    """A description's first sentence (a hint, a hover line)."""
    return text.split(". ")[0].rstrip(".")


_DATA_KEYWORDS = frozenset({"const", "default", "enum", "examples", "required"})


@cache
def inlined(location: str) -> Any:
    """The schema at ``location`` with every ``$ref`` resolved once, for fast validation.

    ``{"$ref": X, ...}`` becomes ``{"allOf": [X], ...}``, which Draft 2020-12
    defines to mean the same (a ``$ref`` applies its target in place, beside
    the other keywords), or X's keywords merged with the others when the two
    share only annotations (a description). The validator then follows no reference per value:
    that lookup was most of its time. A reference back to a schema being
    inlined (recursion) stays a ``$ref``, for the registry to follow.
    """
    return _inline(registry().resolver(location).lookup(location).contents, location, ())


def _inline(value: Any, location: str, stack: tuple[str, ...]) -> Any:
    if isinstance(value, list):
        return [_inline(item, location, stack) for item in value]
    if not isinstance(value, dict):
        return value
    file = location.partition("#")[0]
    out = {
        key: item if key in _DATA_KEYWORDS else _inline(item, location, stack)
        for key, item in value.items()
        if key != "$ref"
    }
    if "$ref" in value:
        ref, _, fragment = value["$ref"].partition("#")
        target = f"{urljoin(file, ref)}#{fragment}"
        if target in (location, *stack):
            out["$ref"] = target  # absolute: the registry names files
        else:
            contents = registry().resolver(file).lookup(value["$ref"]).contents
            resolved = _inline(contents, target, (*stack, location))
            shared = set(resolved) & set(out) if isinstance(resolved, dict) else {"*"}
            if all(_annotation(key) for key in shared):  # one level less to descend
                return {**resolved, **out}
            out["allOf"] = [resolved, *out.get("allOf", [])]
    return out


def _annotation(keyword: str) -> bool:
    """Keywords that assert nothing: beside a $ref, the field's own wins."""
    return keyword in ("description", "title", "$comment") or keyword.startswith("x-")


def definition_name(schema: Schema) -> str:
    """The name of the shared definition a field uses ('line', 'date', ...), or ''."""
    refs = [schema.get("$ref", "")] + [m.get("$ref", "") for m in schema.get("allOf", [])]
    for ref in refs:
        if "#/$defs/" in ref:
            return str(ref.rpartition("/")[2])
    return ""


def node_at(schema_name: str, path: FieldPath) -> Node | None:
    """The flattened schema of the value at ``path`` in a file of that kind."""
    found = node(f"{schema_name}#")
    for part in path:
        schema = found.schema
        if isinstance(part, int):
            if "items" not in schema:
                return None
            found = found.child("items")
        elif part in schema.get("properties", {}):
            found = found.child("properties", part)
        elif isinstance(schema.get("additionalProperties"), dict):
            found = found.child("additionalProperties")
        else:
            return None
    return found


def schema_at(schema_name: str, path: FieldPath) -> Schema | None:
    """The (flattened) schema of the value at ``path`` in a file of that kind."""
    found = node_at(schema_name, path)
    return None if found is None else found.schema
