"""Every lint check, in the order the report lists them."""

from __future__ import annotations

from macros.lint.base import Check
from macros.lint.checks import (
    citations,
    copies,
    count_words,
    coverage,
    decision,
    duplicates,
    figures,
    length,
    links,
    ordering,
    pair_wording,
    placeholders,
    quoting,
    releases,
    schema,
    sources,
    stale,
    supports,
    whitespace,
)

CHECKS: tuple[Check, ...] = (
    schema.CHECK,
    quoting.CHECK,
    coverage.CHECK,
    count_words.CHECK,
    links.CHECK,
    sources.CHECK,
    supports.CHECK,
    releases.CHECK,
    citations.CHECK,
    figures.CHECK,
    length.CHECK,
    pair_wording.CHECK,
    decision.CHECK,
    duplicates.CHECK,
    ordering.CHECK,
    placeholders.CHECK,
    stale.CHECK,
    copies.CHECK,
    whitespace.CHECK,
)


def by_name(names: list[str]) -> tuple[Check, ...]:
    known = {check.name: check for check in CHECKS}
    unknown = [name for name in names if name not in known]
    if unknown:
        raise KeyError(f"unknown check {', '.join(unknown)}: the checks are {', '.join(known)}")
    return tuple(known[name] for name in names)
