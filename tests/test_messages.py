"""Every message code the package uses is in the one catalogue (macros.messages.CORE).

A code is used where a message is worded from the catalogue (messages.text, hint,
problem, file_problem) or where a check hands one to be worded later (the
grammar's GrammarIssue, the file scan's FileIssue). Read from the source, so a code
typed in a new place is checked too.
"""

from __future__ import annotations

import ast
from pathlib import Path

from macros.messages import CORE
from tests.harness.site import ROOT

# Call name -> the position of its code argument.
CODE_ARGUMENT = {"text": 0, "hint": 0, "problem": 0, "file_problem": 1}
ISSUE_CODE_ARGUMENT = {"GrammarIssue": 1, "FileIssue": 1}


def used_codes(package: Path) -> dict[str, str]:
    """Code -> the first place (file:line) that uses it as a literal."""
    found: dict[str, str] = {}
    for path in sorted(package.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            if (
                isinstance(func, ast.Attribute)
                and isinstance(func.value, ast.Name)
                and func.value.id == "messages"
            ):
                position = CODE_ARGUMENT.get(func.attr)
            elif isinstance(func, ast.Name):
                position = ISSUE_CODE_ARGUMENT.get(func.id)
            else:
                position = None
            if position is None or len(node.args) <= position:
                continue
            argument = node.args[position]
            if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                where = f"{path.relative_to(package.parent)}:{node.lineno}"
                found.setdefault(argument.value, where)
    return found


def test_every_code_used_is_in_the_catalogue() -> None:
    used = used_codes(ROOT / "macros")
    missing = {code: where for code, where in used.items() if code not in CORE}
    assert missing == {}


def test_the_scan_sees_codes_in_each_kind_of_place() -> None:
    used = used_codes(ROOT / "macros")
    # The grammar's (two were missing once), the file scan's and the site audit's.
    assert {"url-scheme", "invisible-character-block", "symlink", "site-missing"} <= set(used)
    assert {"missing-file", "build-failed"} <= set(used)
