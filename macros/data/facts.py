"""Facts written once: references such as ``{pkg:flask.version}`` in data text.

A version or a date that ``data/packages.yml`` or a framework file holds is
written in prose as a reference, never copied, so updating the one value
updates every page that states it (issue 20). A reference is exactly
``{pkg:<package id>.<field>}`` or ``{fw:<framework id>.<field>}``:

- ``pkg`` fields: ``version``, ``released`` (2023-10-30) and ``released_month``
  (October 2023), from data/packages.yml;
- ``fw`` fields: ``latest``, ``latest_released``, ``lts``, ``lts_released``,
  ``first_version``, ``first_released`` (from data/frameworks/<id>.yml).

Curly braces are otherwise refused in data text outside code (they would set
HTML attributes), so the syntax cannot mean anything else in prose; code spans
and fenced blocks are never resolved, so a sample such as ``{pkg:x}`` in
backticks stays verbatim. The loader resolves references in Python when it
builds the dataset, before any Markdown or template sees the text: pages, the
export and the search index all carry the resolved value.
"""

from __future__ import annotations

import copy
import datetime as dt
import difflib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from macros.data.dates import MONTHS
from macros.data.document import FieldPath
from macros.data.text_rules import REFERENCE, blank_code

PACKAGE_FIELDS: dict[str, tuple[str, ...]] = {
    "version": ("version",),
    "released": ("released",),
    "released_month": ("released",),  # shown as "October 2023"
}
FRAMEWORK_FIELDS: dict[str, tuple[str, ...]] = {
    "latest": ("latest_release", "version"),
    "latest_released": ("latest_release", "date"),
    "lts": ("lts_release", "version"),
    "lts_released": ("lts_release", "date"),
    "first_version": ("first_release", "version"),
    "first_released": ("first_release", "date"),
}
_FIELDS: dict[str, dict[str, tuple[str, ...]]] = {"pkg": PACKAGE_FIELDS, "fw": FRAMEWORK_FIELDS}
KINDS = {"pkg": "package", "fw": "framework"}


@dataclass(frozen=True)
class Fact:
    reference: str  # e.g. "{pkg:flask.version}"
    value: str  # e.g. "3.1.3"
    subject: str  # the package or framework's id
    names: tuple[str, ...]  # how prose names the subject: name, aliases


@dataclass(frozen=True)
class FoundReference:
    offset: int  # in the field's text
    text: str  # as written, braces included
    kind: str  # "pkg" or "fw"
    name: str  # "<id>.<field>"


def _shown(value: Any, field: str = "") -> str | None:
    if field.endswith("_month"):
        try:
            day = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
        except ValueError:
            return None
        return f"{MONTHS[day.month - 1]} {day.year}"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def _dig(entry: Any, keys: tuple[str, ...]) -> Any:
    for key in keys:
        if not isinstance(entry, Mapping):
            return None
        entry = entry.get(key)
    return entry


def build_facts(
    packages: Mapping[str, Any] | None, frameworks: Iterable[tuple[str, Mapping[str, Any]]]
) -> dict[str, Fact]:
    """Every fact a reference can name, keyed by its reference (``{pkg:flask.version}``)."""
    facts: dict[str, Fact] = {}

    def add(kind: str, subject: str, entry: Any, names: tuple[str, ...]) -> None:
        for field, keys in _FIELDS[kind].items():
            value = _shown(_dig(entry, keys), field)
            if value is not None:
                reference = f"{{{kind}:{subject}.{field}}}"
                facts[reference] = Fact(reference, value, subject, names)

    for package_id, entry in (packages or {}).items():
        if isinstance(entry, Mapping):
            aliases = entry.get("aliases") or []
            names = tuple(str(n) for n in [entry.get("name") or package_id, *aliases])
            add("pkg", str(package_id), entry, names)
    for framework_id, entry in frameworks:
        add("fw", framework_id, entry, (str(entry.get("name") or framework_id),))
    return facts


def references(text: str) -> list[FoundReference]:
    """Every reference outside code, in order."""
    if "{" not in text:
        return []
    prose = blank_code(text)
    return [
        FoundReference(m.start(), m.group(0), m.group(1), m.group(2))
        for m in REFERENCE.finditer(prose)
    ]


def resolve(text: str, value: Callable[[str], str | None]) -> str:
    """``text`` with each reference outside code replaced by ``value(reference)``.

    A reference ``value`` does not know is left as written (the loader has
    reported it already, so no dataset is built from such text).
    """
    for found in reversed(references(text)):
        shown = value(found.text)
        if shown is not None:
            text = text[: found.offset] + shown + text[found.offset + len(found.text) :]
    return text


def resolve_fields(
    value: dict[str, Any], fields: Iterable[FieldPath], facts: Mapping[str, Fact]
) -> dict[str, Any]:
    """A copy of a file's values with the references in its Markdown fields resolved."""
    fields = [path for path in fields if path and "{" in str(_at(value, path))]
    if not fields:
        return value  # no references: nothing to copy
    resolved = copy.deepcopy(value)
    for path in fields:
        holder: Any = resolved
        for part in path[:-1]:
            holder = holder[part]
        text = holder[path[-1]]
        if isinstance(text, str) and "{" in text:
            holder[path[-1]] = resolve(text, lambda ref: _value_of(facts, ref))
    return resolved


def _at(value: Any, path: FieldPath) -> Any:
    for part in path:
        value = value[part]
    return value


def _value_of(facts: Mapping[str, Fact], reference: str) -> str | None:
    fact = facts.get(reference)
    return fact.value if fact else None


def unknown_reason(found: FoundReference, facts: Mapping[str, Fact]) -> tuple[str, str] | None:
    """(what is wrong, did-you-mean) for a reference that names no fact, else None."""
    if found.text in facts:
        return None
    known = sorted(ref[len(found.kind) + 2 : -1] for ref in facts if ref[1:].startswith(found.kind))
    close = difflib.get_close_matches(found.name, known, n=1, cutoff=0.5)
    subject, _, field = found.name.partition(".")
    if close:
        suggestion = f"{{{found.kind}:{close[0]}}}"
    elif field not in _FIELDS[found.kind]:
        suggestion = f"a field of {', '.join(_FIELDS[found.kind])}"
    else:
        suggestion = f"a {KINDS[found.kind]} id from data/" + (
            "packages.yml" if found.kind == "pkg" else "frameworks/"
        )
    return subject, suggestion
