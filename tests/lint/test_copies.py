"""The 'copies' check: a literal copy of a version or date the data holds once (issue 20)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from macros.data.loader import load_or_raise
from macros.lint.checks.copies import CHECK
from macros.lint.context import build_context
from macros.lint.fix import apply_fixes
from macros.lint.runner import run_checks
from tests.harness.site import FIXTURES, ROOT

PACKAGES = """\
gizmo:
  name: Gizmo
  version: "2.4.1"
  released: 2026-05-13
  status: recommended
  checked: 2026-11-30
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURES / "minimal", tmp_path / "project")
    (tmp_path / "project/data/packages.yml").write_text(PACKAGES, encoding="utf-8")
    return tmp_path / "project"


def add_to_profile(project: Path, sentence: str) -> Path:
    alpha = project / "data/frameworks/alpha.yml"
    text = alpha.read_text(encoding="utf-8")
    old = "  Alpha is a framework used by the tests.\n"
    assert old in text
    alpha.write_text(text.replace(old, old + "  " + sentence + "\n"), encoding="utf-8")
    return alpha


def copies(project: Path) -> list[str]:
    ctx = build_context(
        project / "data", project, today=dt.date(2026, 12, 7), max_age_days=365, docs_dir=None
    )
    [result] = run_checks(ctx, (CHECK,))
    assert result.crash is None, result.crash
    return [str(problem) for problem in result.problems]


def test_a_copied_version_and_date_are_named_with_the_reference_to_write(project: Path) -> None:
    add_to_profile(project, "Alpha 3.10 came out on 2026-08-05 and pairs with Gizmo 2.4.1.")
    assert copies(project) == [
        "data/frameworks/alpha.yml:14:9: warning: profile: '3.10' copies {fw:alpha.latest}, "
        "which changes when the data does "
        "(write {fw:alpha.latest} instead (scripts/lint --fix does this))",
        "data/frameworks/alpha.yml:14:26: warning: profile: '2026-08-05' copies "
        "{fw:alpha.latest_released}, which changes when the data does "
        "(write {fw:alpha.latest_released} instead (scripts/lint --fix does this))",
        "data/frameworks/alpha.yml:14:58: warning: profile: '2.4.1' copies {pkg:gizmo.version}, "
        "which changes when the data does "
        "(write {pkg:gizmo.version} instead (scripts/lint --fix does this))",
    ]


def test_numbers_that_are_not_the_fact_are_left_alone(project: Path) -> None:
    add_to_profile(
        project,
        "Beta 2.4.1 is unrelated, `Gizmo 2.4.1` is code, [^alpha-log] and version 12.4.1 "
        "is longer.",
    )
    assert copies(project) == []


def test_the_fix_writes_the_reference_and_the_page_reads_the_same(project: Path) -> None:
    alpha = add_to_profile(project, "Alpha 3.10 came out on 2026-08-05 with Gizmo 2.4.1.")
    before = load_or_raise(project / "data", project).frameworks[0].profile
    ctx = build_context(
        project / "data", project, today=dt.date(2026, 12, 7), max_age_days=365, docs_dir=None
    )
    [done] = apply_fixes(ctx.files, (CHECK,), project)
    assert done.fixed_by == ["copies"] and done.refused == []
    assert (
        "  Alpha {fw:alpha.latest} came out on {fw:alpha.latest_released} with Gizmo "
        "{pkg:gizmo.version}.\n"
    ) in alpha.read_text(encoding="utf-8")
    assert load_or_raise(project / "data", project).frameworks[0].profile == before
    assert copies(project) == []


def test_the_shipped_prose_copies_no_version_or_date() -> None:
    root = ROOT
    ctx = build_context(
        root / "data", root, today=dt.date(2026, 12, 7), max_age_days=365, docs_dir=None
    )
    [result] = run_checks(ctx, (CHECK,))
    assert [str(problem) for problem in result.problems] == []


def test_a_release_month_broken_over_two_lines_is_fixed_into_one_reference(
    project: Path,
) -> None:
    alpha = add_to_profile(project, "Gizmo's latest release came out in May\n  2026, as of now.")
    assert [p.split(": ", 3)[-1][:44] for p in copies(project)] == [
        "'May 2026' copies {pkg:gizmo.released_month}"
    ]
    before = load_or_raise(project / "data", project).frameworks[0].profile
    ctx = build_context(
        project / "data", project, today=dt.date(2026, 12, 7), max_age_days=365, docs_dir=None
    )
    [done] = apply_fixes(ctx.files, (CHECK,), project)
    assert done.fixed_by == ["copies"]
    assert "came out in {pkg:gizmo.released_month}, as of now." in alpha.read_text()
    after = load_or_raise(project / "data", project).frameworks[0].profile
    assert " ".join(after.split()) == " ".join(before.split())


def test_a_month_far_from_the_name_is_not_the_packages(project: Path) -> None:
    add_to_profile(
        project,
        "Gizmo is compared here on architecture, scaling, security and more, as of May 2026.",
    )
    assert copies(project) == []


def test_the_changelog_keeps_past_values_as_written(project: Path) -> None:
    """A changelog entry records what the data said that day: no reference is asked for."""
    (project / "data/changelog.yml").write_text(
        "entries:\n"
        "  - date: 2026-12-01\n"
        '    what: "Gizmo moved on"\n'
        "    why: |\n"
        "      The pages said Gizmo 2.4.1 until today.\n",
        encoding="utf-8",
    )
    add_to_profile(project, "It pairs with Gizmo 2.4.1.")
    assert [line.split(":")[0] for line in copies(project)] == ["data/frameworks/alpha.yml"]
