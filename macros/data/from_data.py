"""Build a dataclass of the model from a file's validated data, by field name and type.

A field takes the YAML key of the same name; nested dataclasses, tuples,
mappings and optional values are built from their type hints. Field metadata
(see :mod:`macros.data.model`): ``strip`` for one-line text, ``key`` for a
differently named YAML key, ``default`` for a key the data may leave out, and
``pass`` ({child field: own field}) to hand values down to the objects a field
holds (a dimension's id to its rows and questions).
"""

from __future__ import annotations

import functools
import types
from collections.abc import Mapping
from dataclasses import fields, is_dataclass
from typing import Any, TypeVar, Union, get_args, get_origin, get_type_hints

T = TypeVar("T")


@functools.cache
def _type_hints(cls: type) -> dict[str, Any]:
    """A model class's resolved annotations: the same on every build, and resolving them
    was a sixth of a preview rebuild's data work."""
    return get_type_hints(cls)


def build(cls: type[T], raw: Mapping[str, Any], **given: Any) -> T:
    """An instance of dataclass ``cls`` from validated data; ``given`` fields come from outside.

    A field's ``pass`` metadata ({child field: own field}) hands values down to
    the objects it holds (a dimension's rows and questions get its id).
    """
    hints = _type_hints(cls)  # type: ignore[arg-type]  # classes are hashable
    values: dict[str, Any] = {}
    for item in fields(cls):  # type: ignore[arg-type]
        if item.name in given:
            values[item.name] = given[item.name]
            continue
        key = item.metadata.get("key", item.name)
        if key in raw:
            passed = {child: values[own] for child, own in item.metadata.get("pass", {}).items()}
            values[item.name] = _convert(hints[item.name], raw[key], item.metadata, passed)
        elif "default" in item.metadata:
            values[item.name] = item.metadata["default"]
        else:
            values[item.name] = _empty(hints[item.name])
    return cls(**values)


def _convert(kind: Any, value: Any, metadata: Mapping[str, Any], passed: dict[str, Any]) -> Any:
    origin, args = get_origin(kind), get_args(kind)
    if origin in (Union, types.UnionType):  # X | None
        if value is None:
            return None
        kind = next(arg for arg in args if arg is not type(None))
        origin, args = get_origin(kind), get_args(kind)
    if is_dataclass(kind):
        return build(kind, value, **passed)  # type: ignore[arg-type]
    if origin is tuple:
        item_kind = args[0]
        return tuple(_convert(item_kind, v, metadata, passed) for v in value)
    if origin is dict:
        return {k: _convert(args[1], v, metadata, passed) for k, v in value.items()}
    if kind is str and metadata.get("strip"):
        return value.strip()
    return value


def _empty(kind: Any) -> Any:
    """The value of an optional field the data leaves out."""
    origin = get_origin(kind)
    if origin is tuple:
        return ()
    if origin is dict:
        return {}
    return None
