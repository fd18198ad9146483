"""The bad-data corpus: each file in tests/data/bad_data is one editor mistake.

A case file starts with comment lines: ``# target: <path>`` says where it goes
in a copy of tests/fixtures/minimal, ``# expect: <message>`` lines give the
exact messages, in order. The rest of the file (bytes as they are) is the data.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from tests.harness.site import FIXTURES

CASES_DIR = Path(__file__).resolve().parent / "bad_data"


@dataclass(frozen=True)
class Case:
    name: str
    target: str
    expected: list[str]
    data: bytes


def read_case(path: Path) -> Case:
    raw = path.read_bytes()
    target, expected, body = "", [], []
    header = True
    for line in raw.splitlines(keepends=True):
        text = line.decode("utf-8", errors="replace").rstrip("\n")
        if header and text.startswith("# target: "):
            target = text.removeprefix("# target: ")
        elif header and text.startswith("# expect: "):
            expected.append(text.removeprefix("# expect: "))
        else:
            header = False
            body.append(line)
    assert target, f"{path.name}: no '# target:' line"
    return Case(path.stem, target, expected, b"".join(body))


def all_cases() -> list[Case]:
    return [read_case(p) for p in sorted(CASES_DIR.glob("*.yml"))]


def make_project(case: Case, dest: Path) -> Path:
    """A copy of the minimal fixture project with the case's file in place."""
    shutil.copytree(FIXTURES / "minimal", dest)
    (dest / case.target).write_bytes(case.data)
    return dest
