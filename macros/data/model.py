"""The validated data, as plain immutable objects for templates and tools.

Each class builds itself from a file's validated data (:func:`build`): a field
takes the YAML key of the same name (or the one its ``key`` metadata names),
nested classes, lists and mappings are built by type, and ``LINE`` fields
(one-line text) lose surrounding white space. Adding a field to a data file
touches its schema, the class here and the template that shows it.
"""

from __future__ import annotations

import types
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, is_dataclass
from typing import Any, TypeVar, Union, get_args, get_origin, get_type_hints

T = TypeVar("T")


# Field metadata: one-line text (or a mapping of it) loses surrounding white space;
# "key" names a differently named YAML key; "default" fills a key the data leaves out.
LINE: Mapping[str, Any] = {"strip": True}


def build(cls: type[T], raw: Mapping[str, Any], **given: Any) -> T:
    """An instance of dataclass ``cls`` from validated data; ``given`` fields come from outside.

    A field's ``pass`` metadata ({child field: own field}) hands values down to
    the objects it holds (a dimension's rows and questions get its id).
    """
    hints = get_type_hints(cls)
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


# Ids of the feature-table rows built from framework profiles (macros.render.pages):
# reserved, so a dimension's row cannot take the same link anchor.
PROFILE_ROW_IDS = (
    "first-release",
    "latest-release",
    "lts-release",
    "licence",
    "governance",
    "python",
    "links",
)


@dataclass(frozen=True)
class Source:
    id: str
    title: str = field(metadata=LINE)
    url: str
    publisher: str = field(metadata=LINE)
    checked: str
    published: str | None = None


@dataclass(frozen=True)
class Release:
    version: str | None  # None: a release without a number (a first publication)
    date: str
    source: str


@dataclass(frozen=True)
class Framework:
    id: str
    name: str = field(metadata=LINE)
    tagline: str = field(metadata=LINE)
    order: int = field(metadata={"default": 100})
    first_release: Release
    latest_release: Release
    lts_release: Release | None
    licence: str = field(metadata=LINE)
    governance: str = field(metadata=LINE)
    homepage: str
    docs: str
    repository: str
    python: str = field(metadata=LINE)
    profile: str


@dataclass(frozen=True)
class Take:
    """One framework's text and verdict on one dimension."""

    verdict: str = field(metadata=LINE)
    text: str


@dataclass(frozen=True)
class TableRow:
    id: str
    label: str = field(metadata=LINE)
    values: dict[str, str] = field(metadata=LINE)
    dimension: str | None  # None for rows built from framework profiles


@dataclass(frozen=True)
class Question:
    id: str
    q: str = field(metadata=LINE)
    a: str
    dimension: str | None  # None for general questions


@dataclass(frozen=True)
class Dimension:
    id: str
    title: str = field(metadata=LINE)
    order: int
    summary: str
    last_reviewed: str
    takes: dict[str, Take] = field(metadata={"key": "frameworks"})
    unknown: tuple[str, ...]
    table: tuple[TableRow, ...] = field(metadata={"pass": {"dimension": "id"}})
    faq: tuple[Question, ...] = field(metadata={"pass": {"dimension": "id"}})


@dataclass(frozen=True)
class Criterion:
    id: str
    label: str = field(metadata=LINE)
    dimension: str | None
    weights: dict[str, int]
    reasons: dict[str, str] = field(metadata=LINE)


@dataclass(frozen=True)
class Decision:
    intro: str
    criteria: tuple[Criterion, ...]
    choose: dict[str, tuple[str, ...]]


@dataclass(frozen=True)
class CallToAction:
    text: str
    url: str


@dataclass(frozen=True)
class Site:
    title: str = field(metadata=LINE)
    description: str = field(metadata=LINE)
    url: str
    licence: str | None
    featured: tuple[str, str]
    intro: str
    verdict: str
    call_to_action: CallToAction | None


@dataclass(frozen=True)
class Dataset:
    site: Site
    frameworks: tuple[Framework, ...]  # in display order
    dimensions: tuple[Dimension, ...]  # in article order
    general_faq: tuple[Question, ...]
    sources: dict[str, Source]
    decision: Decision | None
    files: tuple[str, ...] = field(default=())  # every data file read, for watchers

    @property
    def featured(self) -> tuple[Framework, ...]:
        by_id = {f.id: f for f in self.frameworks}
        return tuple(by_id[i] for i in self.site.featured)

    @property
    def questions(self) -> tuple[Question, ...]:
        """Every question: the general ones, then each dimension's."""
        return self.general_faq + tuple(q for d in self.dimensions for q in d.faq)

    @property
    def table_rows(self) -> tuple[TableRow, ...]:
        return tuple(row for d in self.dimensions for row in d.table)
