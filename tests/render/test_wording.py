"""Words that count frameworks come from the count (macros/render/wording.py), never
from a template's fixed text (issue 19)."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest

from macros.render.pages import TEMPLATE_DIR
from macros.render.wording import all_of, names, number_word

# Pages about exactly two frameworks, where "both" is always right.
PAIR_TEMPLATES = {"pair.md.j2", "compare_index.md.j2"}
COUNTING = re.compile(r"\b(both|neither|either|the two|two frameworks)\b", re.IGNORECASE)
COMMENT = re.compile(r"\{#.*?#\}", re.DOTALL)


def fw(name: str) -> SimpleNamespace:
    return SimpleNamespace(name=name)


@pytest.mark.parametrize(
    ("count", "joined", "word"),
    [
        (1, "Flask", "all one"),
        (2, "Flask and Django", "both"),
        (3, "Flask, Django and FastAPI", "all three"),
    ],
)
def test_names_and_all_of_follow_the_count(count: int, joined: str, word: str) -> None:
    frameworks = [fw(n) for n in ("Flask", "Django", "FastAPI")[:count]]
    assert names(frameworks) == joined
    assert all_of(count) == word


def test_large_counts_are_digits() -> None:
    assert (number_word(9), number_word(12), all_of(12)) == ("nine", "12", "all 12")
    assert names([fw("A"), fw("B"), fw("C")], "or") == "A, B or C"


def test_no_template_counts_frameworks_in_fixed_words() -> None:
    found = []
    for path in sorted(TEMPLATE_DIR.glob("*.j2")):
        if path.name in PAIR_TEMPLATES:
            continue
        text = COMMENT.sub("", path.read_text(encoding="utf-8"))
        found += [f"{path.name}: {m.group(0)}" for m in COUNTING.finditer(text)]
    assert found == []
