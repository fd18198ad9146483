"""The site tool runs on Python 3.11, the oldest supported release (issue 23).

Nothing in the tool, its tests or its scripts may use syntax or a standard
library call newer than 3.11: `ast.parse(feature_version=(3, 11))` catches type
parameter lists and `type` statements on any Python, a real 3.11 compiling every
file catches the rest of the grammar (nested f-string quotes), and mypy checks
the standard library calls (`python_version = "3.11"`). On Python 3.11 (CI's
full run) the minimal fixture is built end to end. In CI (REQUIRE_PYTHON311=1)
a missing 3.11 fails instead of skipping.
"""

from __future__ import annotations

import ast
import glob
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.harness.site import ROOT

OLDEST = (3, 11)
FOLDERS = ("macros", "harness", "scripts", "tests")


def python_files() -> list[Path]:
    """Every Python source of the project: modules, and the scripts without a suffix."""
    files = [p for folder in FOLDERS for p in sorted((ROOT / folder).rglob("*.py"))]
    files += [
        p
        for p in sorted((ROOT / "scripts").rglob("*"))
        if p.is_file() and not p.suffix and p.read_bytes().startswith(b"#!/usr/bin/env python")
    ]
    return files


def oldest_python() -> str | None:
    """A Python 3.11 of this machine: the one running, one on the PATH, or pyenv's."""
    if sys.version_info[:2] == OLDEST:
        return sys.executable
    pyenv = os.environ.get("PYENV_ROOT") or str(Path.home() / ".pyenv")
    candidates = [
        shutil.which("python3.11"),
        *sorted(glob.glob(f"{pyenv}/versions/3.11*/bin/python3")),
    ]
    for candidate in filter(None, candidates):
        check = [candidate, "-c", "import sys; assert sys.version_info[:2] == (3, 11)"]
        if subprocess.run(check, capture_output=True, check=False).returncode == 0:
            return candidate
    return None


def require_oldest() -> str:
    found = oldest_python()
    if found:
        return found
    message = "no Python 3.11 on this machine (pyenv install 3.11, or CI's image has one)"
    if os.environ.get("REQUIRE_PYTHON311"):
        pytest.fail(message)
    pytest.skip(message)


def test_no_source_uses_syntax_newer_than_3_11() -> None:
    too_new = []
    for path in python_files():
        try:
            ast.parse(path.read_text(encoding="utf-8"), str(path), feature_version=OLDEST)
        except SyntaxError as error:
            too_new.append(f"{path.relative_to(ROOT)}:{error.lineno}: {error.msg}")
    assert too_new == []
    assert len(python_files()) > 300  # the walk found the project


def test_a_type_parameter_list_is_caught() -> None:
    with pytest.raises(SyntaxError):
        ast.parse("def first[T](items: list[T]) -> T: ...", feature_version=OLDEST)


def test_python_3_11_compiles_every_source() -> None:
    python = require_oldest()
    script = (
        "import sys\n"
        "bad = []\n"
        "for name in sys.stdin.read().splitlines():\n"
        "    try:\n"
        "        compile(open(name, encoding='utf-8').read(), name, 'exec', dont_inherit=True)\n"
        "    except SyntaxError as e:\n"
        "        bad.append(f'{name}:{e.lineno}: {e.msg}')\n"
        "print('\\n'.join(bad))\n"
    )
    names = "\n".join(str(p) for p in python_files())
    result = subprocess.run(
        [python, "-c", script], input=names, capture_output=True, text=True, check=False
    )
    assert (result.returncode, result.stdout.strip(), result.stderr) == (0, "", "")


def test_the_minimal_fixture_builds_on_python_3_11(minimal_site_dir: Path) -> None:
    """CI's full run is on 3.11: the fixture built by this interpreter, pages and all."""
    if sys.version_info[:2] != OLDEST:
        if os.environ.get("REQUIRE_PYTHON311"):
            pytest.fail(f"CI's full run must be on Python 3.11, not {sys.version.split()[0]}")
        pytest.skip(f"the tests run on Python {sys.version.split()[0]}, not 3.11")
    assert (minimal_site_dir / "index.html").is_file()
    assert len(list(minimal_site_dir.rglob("*.html"))) > 3
