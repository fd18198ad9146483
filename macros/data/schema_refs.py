"""Read-only helpers over the JSON Schema files for tools (scaffold, lint --fix).

The validator (macros.data.schema) walks a document against a schema; the tools
here ask the opposite question: what does the schema say about this field?
"""

from __future__ import annotations

from typing import Any

from macros.data.schema import Schema, load_schema
from macros.data.yaml_reader import FieldPath


def resolve(schema: Schema, base: str) -> tuple[Schema, str]:
    """Follow $ref (across files); keywords beside a $ref refine the target."""
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
