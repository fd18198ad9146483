"""The JSON Schema files in ``macros/schemas``: loading them and following their $refs.

One resolver for the validator (macros.data.schema) and for the tools that ask
the opposite question (scaffold, lint --fix): what does the schema say about
this field?
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from macros.data.document import FieldPath

SCHEMA_DIR = Path(__file__).parent.parent / "schemas"

Schema = dict[str, Any]


@cache
def load_schema(name: str) -> Schema:
    schema: Schema = json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))
    return schema


_RESOLVED: dict[tuple[int, str], tuple[Schema, str]] = {}
_KEEP_ALIVE: list[Schema] = []  # ids stay unique while the memo holds them


def resolve(schema: Schema, base: str) -> tuple[Schema, str]:
    """Follow $ref (across files too); keywords beside a $ref refine the target.

    Memoised by identity: schema files are loaded once and never change.
    """
    if "$ref" not in schema:
        return schema, base
    key = (id(schema), base)
    if key not in _RESOLVED:
        _RESOLVED[key] = _follow(schema, base)
        _KEEP_ALIVE.append(schema)
    return _RESOLVED[key]


def _follow(schema: Schema, base: str) -> tuple[Schema, str]:
    while "$ref" in schema:
        file, _, pointer = schema["$ref"].partition("#")
        base = file or base
        target: Any = load_schema(base)
        for part in filter(None, pointer.split("/")):
            target = target[part]
        schema = {**target, **{k: v for k, v in schema.items() if k != "$ref"}}
    return schema, base


def definition_name(schema: Schema) -> str:
    """The name of the shared definition a field uses ('line', 'date', ...), or ''."""
    ref = schema.get("$ref", "")
    return str(ref.rpartition("/")[2]) if "#/$defs/" in ref else ""


def schema_at(schema_name: str, path: FieldPath) -> Schema | None:
    """The (resolved) schema of the value at ``path`` in a file of that kind."""
    schema, base = resolve(load_schema(schema_name), schema_name)
    for part in path:
        if isinstance(part, int):
            if "items" not in schema:
                return None
            schema, base = resolve(schema["items"], base)
            continue
        properties = schema.get("properties", {})
        if part in properties:
            schema, base = resolve(properties[part], base)
        elif isinstance(schema.get("additionalProperties"), dict):
            schema, base = resolve(schema["additionalProperties"], base)
        else:
            return None
    return schema
