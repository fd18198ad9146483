"""End anchors: Python's ``$`` also matches before a final line break (issue 21).

``^[a-z]+$`` with ``re.search`` took ``"orm-question\\n"``: a published id with a
line break that the site's own published schema refuses in any ECMA-262
validator. Code anchors the end with ``\\Z`` (or uses ``fullmatch``), and the
schemas' patterns are matched through macros.safety.ecma, which reads ``$`` as
ECMA-262 does.
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

from macros.data.schema_refs import SCHEMA_DIR
from macros.safety.ecma import ecma_validator, matches, python_pattern

MACROS = Path(__file__).resolve().parents[2] / "macros"
_RE_CALLS = {"compile", "match", "search", "fullmatch", "finditer", "findall", "sub", "split"}


def _has_end_dollar(pattern: str) -> bool:
    """An unescaped ``$`` outside ``[...]``: an end anchor."""
    return python_pattern(pattern) != pattern


def _literal(node: ast.expr) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(
            part.value if isinstance(part, ast.Constant) else "x" for part in node.values
        )
    return None


def _multiline(call: ast.Call, pattern: str) -> bool:
    flags = ast.unparse(call)
    return bool(re.match(r"\(\?[a-z]*m", pattern)) or "re.M" in flags or "MULTILINE" in flags


def dollar_anchored_calls() -> list[str]:
    found = []
    for path in sorted(MACROS.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "re"
                and node.func.attr in _RE_CALLS
                and node.args
            ):
                continue
            pattern = _literal(node.args[0])
            if pattern is not None and _has_end_dollar(pattern) and not _multiline(node, pattern):
                found.append(f"{path.relative_to(MACROS.parent)}:{node.lineno}: {pattern!r}")
    return found


def schema_patterns() -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []

    def walk(value: object, name: str) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                if key == "pattern" and isinstance(item, str):
                    found.append((name, item))
                else:
                    walk(item, name)
        elif isinstance(value, list):
            for item in value:
                walk(item, name)

    for path in sorted(SCHEMA_DIR.glob("*.json")):
        walk(json.loads(path.read_text(encoding="utf-8")), path.name)
    return found


def test_no_dollar_anchored_pattern_in_the_code() -> None:
    assert dollar_anchored_calls() == []


def test_the_scan_sees_a_dollar_anchor(tmp_path: Path) -> None:
    tree = ast.parse('import re\nre.search(r"^[a-z]+$", "x")\nre.compile(r"[$]")\n')
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call)]
    anchored = [_literal(c.args[0]) for c in calls if _has_end_dollar(_literal(c.args[0]) or "")]
    assert anchored == ["^[a-z]+$"]


def test_the_schemas_have_patterns() -> None:
    names = {name for name, _ in schema_patterns()}
    assert {"common.schema.json", "export.schema.json"} <= names


@pytest.mark.parametrize("pattern", sorted({p for _, p in schema_patterns()}))
def test_schema_patterns_read_the_same_in_python_and_ecma(pattern: str) -> None:
    # \d, \w and \b take Unicode digits and letters in Python, ASCII ones in ECMA-262.
    assert not re.search(r"\\[dwbDWB]", pattern), pattern
    # $ only at the very end: the end anchor, which python_pattern rewrites.
    if "$" in pattern:
        assert pattern.endswith("$") and python_pattern(pattern).count(r"\Z") == 1


@pytest.mark.parametrize(
    ("pattern", "text"),
    [
        ("^[a-z][a-z0-9]*(-[a-z0-9]+)*$", "orm-question\n"),
        ("^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "2026-11-24\n"),
        ("^[^\\n]*\\S[^\\n]*$", "one line\n"),
    ],
)
def test_a_final_line_break_fails_the_pattern(pattern: str, text: str) -> None:
    assert re.search(pattern, text)  # what Python's own $ does
    assert not matches(pattern, text)
    assert matches(pattern, text.rstrip("\n"))


def test_a_dollar_in_a_class_stays() -> None:
    assert python_pattern(r"^[$a]\$x$") == r"^[$a]\$x\Z"


def test_the_export_validator_refuses_an_id_with_a_line_break() -> None:
    schema = json.loads((SCHEMA_DIR / "export.schema.json").read_text(encoding="utf-8"))
    validator = ecma_validator({"$defs": schema["$defs"], "$ref": "#/$defs/id"})
    assert not validator.is_valid("orm-question\n")
    assert validator.is_valid("orm-question")


def test_the_id_pattern_refuses_a_line_break_however_it_is_used() -> None:
    from macros.data.layout import ID_PATTERN

    for use in (ID_PATTERN.search, ID_PATTERN.match, ID_PATTERN.fullmatch):
        assert use("orm-question") and not use("orm-question\n")
