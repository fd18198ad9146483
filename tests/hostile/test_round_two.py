"""The round-two corpus covers every class of issue 21 it owns, each with two cases or more.

The cases themselves run in tests/hostile/test_hostile.py, with the first corpus's.
"""

from __future__ import annotations

from collections import Counter

from tests.hostile.cases import CASES as FIRST
from tests.hostile.cases import Refused, Safe
from tests.hostile.round_two import CASES, CLASSES, Audited


def test_every_class_has_at_least_two_cases() -> None:
    counts = Counter(case.kind for case in CASES)
    assert set(counts) == set(CLASSES)
    assert {kind: n for kind, n in counts.items() if n < 2} == {}
    assert len(CASES) >= 40


def test_the_cases_are_named_once_across_both_corpora() -> None:
    names = [case.name for case in [*FIRST, *CASES]]
    assert [name for name, n in Counter(names).items() if n > 1] == []


def test_both_outcomes_are_tried_where_a_class_has_a_safe_form() -> None:
    """A class is not only refusals: markup as text, an encoded address, a byte order mark
    and a harmless SVG build; and the audit-level cases are the files the build copies."""
    safe = {case.kind for case in CASES if isinstance(case.expect, Safe)}
    assert {"parser-differential", "audit-files", "encoding", "bom"} <= safe
    audited = [case.expect for case in CASES if isinstance(case.expect, Audited)]
    assert all(expect.path.startswith("site/") and expect.line for expect in audited)
    refused = [case for case in CASES if isinstance(case.expect, Refused)]
    assert all(not case.phase2 for case in refused)
