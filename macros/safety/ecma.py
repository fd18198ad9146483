"""JSON Schema ``pattern`` values, matched in Python as ECMA-262 matches them.

JSON Schema patterns are ECMA-262 regular expressions, and the schemas are
published (the export's, editors' tooling), so browsers and JavaScript
validators read them too. Python's ``re`` differs where it matters for ids:
its ``$`` also matches before a final line break, so ``^[a-z]+$`` took
``"orm-question\\n"`` (issue 21), while ECMA-262's ``$`` (no ``m`` flag) is the
end of the text only. :func:`compile_pattern` rewrites each ``$`` outside a
character class as ``\\Z`` so both read the pattern the same way; the schemas
keep ``\\d``, ``\\w`` and ``\\b`` out (Unicode digits and letters in Python,
ASCII in ECMA-262), which tests/safety/test_grammar_anchors.py checks.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # imported by the first validation: reading a cached result needs none
    from jsonschema import ValidationError


def python_pattern(pattern: str) -> str:
    """``pattern`` with every end anchor ``$`` outside ``[...]`` written ``\\Z``."""
    out: list[str] = []
    in_class = False
    escaped = False
    for char in pattern:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "$":
            out.append(r"\Z")
            continue
        out.append(char)
    return "".join(out)


@cache
def compile_pattern(pattern: str) -> re.Pattern[str]:
    """A JSON Schema pattern compiled for ``re.search`` with ECMA-262's anchors."""
    return re.compile(python_pattern(pattern))


def matches(pattern: str, text: str) -> bool:
    """What a JSON Schema validator answers for ``pattern`` (unanchored search)."""
    return compile_pattern(pattern).search(text) is not None


def pattern_keyword(
    validator: Any, pattern: str, instance: Any, schema: dict[str, Any]
) -> Iterator[ValidationError]:
    """The ``pattern`` keyword for ``jsonschema`` validators, with ECMA-262's anchors."""
    from jsonschema import ValidationError

    if isinstance(instance, str) and not matches(pattern, instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


@cache
def _ecma_validator_class() -> Any:
    from jsonschema import Draft202012Validator, validators

    return validators.extend(  # type: ignore[no-untyped-call]
        Draft202012Validator, validators={"pattern": pattern_keyword}
    )


def ecma_validator(schema: dict[str, Any]) -> Any:
    """A Draft 2020-12 validator of ``schema`` with ECMA-262's anchors: what the
    published schemas say to other tools."""
    return _ecma_validator_class()(schema)
