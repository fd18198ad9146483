"""The failure-path cases of the hostile corpus each point at a test that exists."""

from __future__ import annotations

import subprocess
import sys

from tests.harness.site import ROOT
from tests.hostile.cases_failures import FAILURE_CASES


def test_there_are_enough_cases_each_named_once() -> None:
    names = [case.name for case in FAILURE_CASES]
    assert len(names) >= 8
    assert len(set(names)) == len(names)
    assert len({case.test for case in FAILURE_CASES}) == len(names)


def test_each_case_is_a_collected_test() -> None:
    files = sorted({case.test.split("::")[0] for case in FAILURE_CASES})
    collected = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:xdist", *files],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert collected.returncode == 0, collected.stdout + collected.stderr
    ids = set(collected.stdout.split())
    assert [case.test for case in FAILURE_CASES if case.test not in ids] == []
