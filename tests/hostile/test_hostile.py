"""Every case of the hostile corpus is refused at its place, or builds a safe site.

Refusal: a non-zero exit, ``path:line:col: field:`` (or the file) in the
output, no traceback, and the last good site/ exactly as it was. Safe output:
the build succeeds, the site audit (layer 3) finds nothing, and the case's
payload is nowhere in the pages.

The builds are independent processes (the atomic build as ``make build`` runs
it), so the selected cases are built two at a time, once per session.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from macros.safety.site import run_site_audit
from tests.harness.site import ROOT
from tests.hostile.cases import CASES, Case, Refused, Safe, make_project

KINDS = {
    "url",
    "head",
    "raw-html",
    "brace",
    "ref-def",
    "links",
    "characters",
    "date",
    "files",
    "ids",
}
BUILD = (
    "import sys; from pathlib import Path; from macros.publish.build import build_site; "
    "sys.exit(build_site(Path(sys.argv[1]), Path(sys.argv[2])))"
)


def test_the_corpus_covers_every_class_with_sixty_cases() -> None:
    assert len(CASES) >= 60
    assert {case.kind for case in CASES} == KINDS
    assert len({case.name for case in CASES}) == len(CASES)


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@dataclass(frozen=True)
class Outcome:
    code: int
    output: str
    site: Path
    before: dict[str, str]  # the last good site/ before a build that must fail


def build(case: Case, folder: Path) -> Outcome:
    project = make_project(case, folder / "project")
    site = project / "site"
    before: dict[str, str] = {}
    if isinstance(case.expect, Refused):
        (site / "assets").mkdir(parents=True)
        (site / "index.html").write_text("<p>last good build</p>")
        before = tree_digest(site)
    result = subprocess.run(
        [sys.executable, "-c", BUILD, str(project / "mkdocs.yml"), str(site)],
        cwd=ROOT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        check=False,
    )
    return Outcome(result.returncode, result.stdout + result.stderr, site, before)


@pytest.fixture(scope="session")
def outcomes(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Outcome]:
    """Every selected case built, two at a time (the machine has two cores)."""
    selected = [
        item.callspec.params["case"]
        for item in request.session.items
        if isinstance(item, pytest.Function) and item.originalname == "test_hostile_case"
    ]
    root = tmp_path_factory.mktemp("hostile")
    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = {case.name: pool.submit(build, case, root / case.name) for case in selected}
        return {name: future.result() for name, future in futures.items()}


def params() -> list[object]:
    return [
        pytest.param(
            case,
            id=case.name,
            marks=[pytest.mark.xfail(strict=True, reason=case.phase2)] if case.phase2 else [],
        )
        for case in CASES
    ]


@pytest.mark.parametrize("case", params())
def test_hostile_case(case: Case, outcomes: dict[str, Outcome]) -> None:
    outcome = outcomes[case.name]
    assert "Traceback" not in outcome.output, outcome.output[-3000:]
    if isinstance(case.expect, Refused):
        assert outcome.code != 0, "the hostile data was published"
        assert case.expect.pattern().search(outcome.output), outcome.output[-3000:]
        assert tree_digest(outcome.site) == outcome.before
        assert "is unchanged" in outcome.output
    else:
        assert isinstance(case.expect, Safe)
        assert outcome.code == 0, outcome.output[-3000:]
        assert [str(f) for f in run_site_audit(outcome.site).findings] == []
        for page in outcome.site.rglob("*.html"):
            html = page.read_text(encoding="utf-8")
            for text in case.expect.absent:
                assert text not in html, (page, text)
