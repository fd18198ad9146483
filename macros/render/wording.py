"""Words that depend on how many frameworks a page shows (issue 19).

Templates never write "both" or "the two": a third framework would make
them wrong on every page at once. They ask these filters instead, which
count what they are given. Data text cannot be counted this way; the lint
check ``count-words`` (macros/lint/checks/count_words.py) flags it instead.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

NUMBER_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def number_word(count: int) -> str:
    """3 -> 'three'; 12 -> '12' (words up to nine, as in running text)."""
    return NUMBER_WORDS[count] if 0 <= count < len(NUMBER_WORDS) else str(count)


def names(frameworks: Iterable[Any], conjunction: str = "and") -> str:
    """'Flask', 'Flask and Django', 'Flask, Django and FastAPI' (items with .name)."""
    found = [str(framework.name) for framework in frameworks]
    if len(found) <= 2:
        return f" {conjunction} ".join(found)
    return f"{', '.join(found[:-1])} {conjunction} {found[-1]}"


def all_of(count: int) -> str:
    """'both' for two, 'all three' for three, 'all 12' for twelve."""
    return "both" if count == 2 else f"all {number_word(count)}"


FILTERS = {"names": names, "all_of": all_of, "number_word": number_word}
