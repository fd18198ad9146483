"""Every repository path and ``macros.*`` name that a comment or docstring in macros/,
scripts/ or tests/ gives exists, so a reader following one never lands on nothing.

Paths are read from comments (tokenize) and docstrings (ast). Placeholders
(``scripts/NAME``, ``content/.../x.js``, ``scripts/new-*``) are not paths;
EXAMPLES lists the few paths named as examples of something that must not or
need not exist.
"""

from __future__ import annotations

import ast
import importlib
import io
import re
import tokenize
from collections.abc import Iterator
from pathlib import Path

from tests.harness.site import ROOT

FOLDERS = ("macros", "scripts", "tests")
_PATH = re.compile(
    r"(?<![\w./-])((?:macros|scripts|tests|overrides|deploy|docs|content|\.ci|\.github)"
    r"/[A-Za-z0-9_./-]*[A-Za-z0-9_/])"
)
_DOTTED = re.compile(r"(?<![\w./])(macros(?:\.[a-z_][a-z0-9_]*)+)")
EXAMPLES = {
    "content/env.txt",  # the symlink an attacker would add (macros/safety/files.py)
    "overrides/404.html",  # optional: page_source checks whether the project has one
}


def comments_and_docstrings(path: Path) -> Iterator[tuple[int, str]]:
    source = path.read_text(encoding="utf-8")
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.COMMENT:
            yield token.start[0], token.string
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Module | ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            docstring = ast.get_docstring(node, clean=False)
            if docstring and node.body:
                yield node.body[0].lineno, docstring


def is_placeholder(path: str, after: str) -> bool:
    segments = path.split("/")
    return (
        "..." in path
        or after.startswith(("*", "-*", "<", "{"))
        or any(s.isupper() for s in segments)
    )


def resolves(name: str) -> bool:
    """A module or package of the repository, or an attribute of one."""
    parts = name.split(".")
    for cut in range(len(parts), 0, -1):
        module = "/".join(parts[:cut])
        if (ROOT / f"{module}.py").is_file() or (ROOT / module).is_dir():
            try:
                found: object = importlib.import_module(".".join(parts[:cut]))
                for attribute in parts[cut:]:
                    found = getattr(found, attribute)
            except (ImportError, AttributeError):
                return False
            return True
    return False


def stale_references(root: Path) -> list[str]:
    stale = []
    for folder in FOLDERS:
        for path in sorted((root / folder).rglob("*.py")):
            where = path.relative_to(root).as_posix()
            for line, text in comments_and_docstrings(path):
                for match in _PATH.finditer(text):
                    named = match.group(1).rstrip(".")
                    after = text[match.end() :]
                    if named in EXAMPLES or is_placeholder(named, after):
                        continue
                    if not (root / named).exists():
                        stale.append(f"{where}:{line}: {named}")
                for match in _DOTTED.finditer(text):
                    if not resolves(match.group(1).rstrip(".")):
                        stale.append(f"{where}:{line}: {match.group(1)}")
    return stale


def test_every_path_named_in_comments_and_docstrings_exists() -> None:
    assert stale_references(ROOT) == []


def test_a_stale_path_and_a_stale_module_name_are_found(tmp_path: Path) -> None:
    (tmp_path / "macros").mkdir()
    (tmp_path / "macros" / "x.py").write_text(
        '"""See scripts/gone.py and scripts/NAME."""\n# and macros.textcheck, scripts/new-*\n',
        encoding="utf-8",
    )
    assert stale_references(tmp_path) == [
        "macros/x.py:2: macros.textcheck",
        "macros/x.py:1: scripts/gone.py",
    ]
