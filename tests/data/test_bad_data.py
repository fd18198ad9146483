"""Every editor mistake in tests/data/bad_data gets its exact message, a non-zero
exit, and leaves the last good site/ exactly as it was.

The messages of every case are checked in-process (the loader the build's
plugin runs); a whole MkDocs build costs seconds, so only a few cases, one per
kind of mistake (YAML syntax, schema, cross-file check), go through the strict
atomic build to prove that a refusal reaches the build's output and that
site/ stays as it was."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from macros.data.loader import load_dataset
from macros.publish.build import build_site
from tests.data.bad_data_cases import Case, all_cases, make_project
from tests.harness.site import run_script

CASES = all_cases()
# One case per stage that refuses: the YAML reader, the schema, the cross-file checks.
BUILT = ("05-tab-indentation", "01-unknown-key-typo", "14-unknown-framework")


def test_the_corpus_is_large_enough() -> None:
    assert len(CASES) >= 25


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_exact_messages(case: Case, tmp_path: Path) -> None:
    project = make_project(case, tmp_path / "project")
    dataset, problems = load_dataset(project / "data", project)
    assert dataset is None
    assert [str(p) for p in problems] == case.expected


def test_the_built_cases_exist() -> None:
    assert set(BUILT) <= {c.name for c in CASES}


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.mark.slow
@pytest.mark.parametrize("case", [c for c in CASES if c.name in BUILT], ids=lambda c: c.name)
def test_build_fails_and_keeps_the_last_good_site(
    case: Case, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    project = make_project(case, tmp_path / "project")
    site = project / "site"
    (site / "assets").mkdir(parents=True)
    (site / "index.html").write_text("<p>last good build</p>")
    (site / "assets" / "app.css").write_text("body{}")
    before = tree_digest(site)

    assert build_site(project / "mkdocs.yml", site) != 0

    assert tree_digest(site) == before
    output = capfd.readouterr()
    for message in case.expected:
        assert message in output.err
    assert "site/ is unchanged" in output.err
    assert not list((project / ".build").glob("site-*")), "temporary build left behind"


def test_validate_command_groups_problems_and_exits_non_zero(tmp_path: Path) -> None:
    by_name = {c.name: c for c in CASES}
    project = make_project(by_name["16-unsafe-url"], tmp_path / "project")
    result = run_script("validate", "--data", str(project / "data"))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "data/sources.yml (2 errors)",
        f"  {by_name['16-unsafe-url'].expected[0]}",
        f"  {by_name['16-unsafe-url'].expected[1]}",
        "Found 2 errors in 1 file.",
        "The site cannot be built until these are fixed.",
    ]


def test_all_errors_of_all_files_are_reported_together(tmp_path: Path) -> None:
    """Editors fix everything in one round: no stop at the first bad file."""
    by_name = {c.name: c for c in CASES}
    project = make_project(by_name["16-unsafe-url"], tmp_path / "project")
    for name in ("02-boolean-instead-of-text", "03-version-as-float"):
        (project / by_name[name].target).write_bytes(by_name[name].data)
    _, problems = load_dataset(project / "data", project)
    expected = sorted(
        by_name["16-unsafe-url"].expected
        + by_name["02-boolean-instead-of-text"].expected
        + by_name["03-version-as-float"].expected
    )
    assert sorted(str(p) for p in problems) == expected


def test_a_missing_folder_file_or_too_few_files_are_named_with_what_to_do(tmp_path: Path) -> None:
    """Problems with a whole file or folder (no line): exact text, hint and severity."""
    from macros.data.loader import load

    project = tmp_path / "project"
    assert [str(p) for p in load(project / "data", project).problems] == [
        "data: the data folder does not exist",
    ]
    (project / "data" / "frameworks").mkdir(parents=True)
    (project / "data" / "frameworks" / "alpha.yml").write_text("name: Alpha\n", encoding="utf-8")
    problems = load(project / "data", project).problems
    assert [str(p) for p in problems if p.line == 0] == [
        "data/site.yml: the file is missing (create it: see macros/schemas/site.schema.json)",
        "data/sources.yml: the file is missing (create it: see macros/schemas/sources.schema.json)",
        "data/frameworks: needs at least 2 files (add one with scripts/new-framework)",
        "data/dimensions: needs at least 1 file (add one with scripts/new-dimension)",
    ]
