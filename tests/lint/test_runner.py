"""The runner reports a crashing check and goes on; the CLI groups by check."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import ClassVar

import pytest

from macros.lint.base import Check, LintContext, Message
from macros.lint.context import build_context
from macros.lint.registry import CHECKS
from macros.lint.report import format_lint_report
from macros.lint.runner import run_checks
from macros.problems import Problem
from tests.harness.site import ROOT
from tests.lint.conftest import TODAY, edit


class Broken(Check):
    name = "broken"
    description = "always crashes"
    messages: ClassVar[dict[str, Message]] = {}

    def check(self, ctx: LintContext) -> list[Problem]:
        return [{}["missing"]]


def test_a_crashing_check_is_reported_and_the_others_still_run(project: Path) -> None:
    edit(project / "data/dimensions/templates.yml", "order: 20", "order: 10")
    ctx = build_context(project / "data", project, today=TODAY, max_age_days=365, docs_dir=None)
    results = run_checks(ctx, [Broken(), *CHECKS])
    assert results[0].crash == "KeyError: 'missing' (at test_runner.py:28)"
    assert format_lint_report(results).splitlines() == [
        "broken: always crashes: CRASHED",
        "  the check itself failed, not your data: KeyError: 'missing' (at test_runner.py:28)",
        "  (the other checks still ran; please report this)",
        "ordering: sources.yml keys are in alphabetical order and no two dimensions share an "
        "order: 1 error",
        "  data/dimensions/templates.yml:2:8: order: order 10 is also used by "
        "data/dimensions/architecture.yml (give each dimension its own order, leaving gaps "
        "(10, 20, 30) for new ones)",
        f"Found 1 error in 1 of {len(CHECKS) + 1} checks.",
        "1 check crashed: broken.",
    ]


class Unreadable(Check):
    name = "unreadable"
    description = "meets a file it may not read"
    messages: ClassVar[dict[str, Message]] = {}

    def __init__(self, path: Path) -> None:
        self.path = path

    def check(self, ctx: LintContext) -> list[Problem]:
        raise PermissionError(13, "Permission denied", str(self.path))


def test_a_file_the_check_may_not_read_is_named_not_called_a_bug(project: Path) -> None:
    """Regression (issue 21): a content page without read permission was reported as "a bug
    in the checks, not in the data: please report it"."""
    ctx = build_context(project / "data", project, today=TODAY, max_age_days=365, docs_dir=None)
    [result] = run_checks(ctx, [Unreadable(project / "content" / "notes.md")])
    assert result.crash is None
    assert [str(p) for p in result.problems] == [
        "content/notes.md: cannot read the file: Permission denied (give your user read access "
        "to it (or ask its owner), then run the command again)"
    ]


def run_lint(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts/lint"),
            "--data",
            str(project / "data"),
            "--today",
            "2026-11-24",
            *args,
        ],
        capture_output=True,
        text=True,
        check=False,
    )


def test_cli_groups_by_check_with_counts_and_a_tip(project: Path) -> None:
    edit(project / "data/dimensions/templates.yml", "order: 20", "order: 10")
    edit(project / "data/frameworks/beta.yml", "licence: BSD-3-Clause", "licence: no")
    faq = project / "data/faq.yml"
    faq.write_text(faq.read_text().replace("first?\n", "first?  \n"))
    result = run_lint(project)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "quoting: text that YAML would read as a yes/no value or a number is quoted: 1 error "
        "(1 fixable)",
        "  data/frameworks/beta.yml:6:10: licence: expected text, got the yes/no value no "
        '(put it in quotes so YAML keeps it as written: "no")',
        "ordering: sources.yml keys are in alphabetical order and no two dimensions share an "
        "order: 1 error",
        "  data/dimensions/templates.yml:2:8: order: order 10 is also used by "
        "data/dimensions/architecture.yml (give each dimension its own order, leaving gaps "
        "(10, 20, 30) for new ones)",
        "whitespace: no trailing whitespace, a line break at the end of every file, no byte "
        "order mark: "
        "1 warning (1 fixable)",
        "  data/faq.yml:3:35: warning: trailing whitespace (scripts/lint --fix removes it)",
        f"Found 2 errors and 1 warning in 3 of {len(CHECKS)} checks.",
        "Tip: scripts/lint --fix repairs 2 of them (quoting, whitespace) without touching "
        "comments or text.",
    ]


def test_warnings_alone_exit_zero(project: Path) -> None:
    faq = project / "data/faq.yml"
    faq.write_text(faq.read_text().rstrip("\n"))
    result = run_lint(project, "--check", "whitespace")
    assert result.returncode == 0
    assert result.stdout.splitlines()[-2:] == [
        "Found 1 warning in 1 of 1 checks.",
        "Tip: scripts/lint --fix repairs 1 of them (whitespace) without touching comments or text.",
    ]


def test_an_unknown_check_name(project: Path) -> None:
    result = run_lint(project, "--check", "spelling")
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1] == (
        "scripts/lint: error: unknown check spelling: the checks are "
        + ", ".join(check.name for check in CHECKS)
    )


@pytest.mark.slow
def test_the_real_data_has_no_lint_errors() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts/lint")], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout
