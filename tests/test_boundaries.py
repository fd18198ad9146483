"""Who may import the shared harness and the tests (CONTRIBUTING, "Commands"):
macros/ imports neither, harness/ imports no tests and no pytest (benchmarks
use it), and the benchmarks import nothing from tests/."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.harness.site import ROOT


def offenders(folder: Path, forbidden: set[str]) -> list[str]:
    """``path:line: name`` for every import of a forbidden top-level package under folder."""
    found = []
    for path in sorted(folder.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level:
                names = [node.module or ""]
            else:
                continue
            found += [
                f"{path.relative_to(folder.parent)}:{node.lineno}: {name}"
                for name in names
                if name.split(".")[0] in forbidden
            ]
    return found


@pytest.mark.parametrize(
    ("folder", "forbidden"),
    [
        ("macros", {"harness", "tests"}),
        ("harness", {"tests", "pytest"}),
        ("scripts/bench", {"tests"}),
    ],
)
def test_imports_stay_on_their_side(folder: str, forbidden: set[str]) -> None:
    assert offenders(ROOT / folder, forbidden) == []


def test_an_import_across_is_found(tmp_path: Path) -> None:
    (tmp_path / "bench").mkdir()
    (tmp_path / "bench" / "b.py").write_text("import os\nfrom tests.harness import site\n")
    assert offenders(tmp_path / "bench", {"tests"}) == ["bench/b.py:2: tests.harness"]
