"""Every case of the hostile corpus is refused at its place, or builds a safe site.

Refusal: a non-zero exit, ``path:line:col: field:`` (or the file) in the
output and no traceback. Every refused case is checked in-process, through the
checks ``comparison validate`` runs (the same load, field audit and lint the
build's plugin runs); a few of them also go through the strict atomic build
(``make build``), to prove that the refusal stops the build and leaves the last
good site/ exactly as it was. Safe output: the build succeeds, the site audit
(layer 3) finds nothing, and the case's payload is nowhere in the pages.

Round two (tests/hostile/round_two.py) runs through the same tests. Its cases stopped
by the site audit are checked in-process too: their files are copied into the fixture's
site, built once (``base_site``), and audited; its safe cases share one build.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from macros.cli import validate_main
from macros.safety.site import run_site_audit
from tests.harness.site import ROOT
from tests.hostile import cases_content
from tests.hostile.cases import CASES as FIRST
from tests.hostile.cases import Case, Refused, Safe, both, make_project
from tests.hostile.round_two import CASES as ROUND_TWO
from tests.hostile.round_two import Audited, audit_output

# Every corpus module's cases: the first round's, round two's and the one for content/.
ALL = [*FIRST, *ROUND_TWO, *cases_content.CASES]

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
    assert len(FIRST) >= 60
    assert {case.kind for case in FIRST} == KINDS
    assert len({case.name for case in ALL}) == len(ALL)


# Refused cases that also run the whole atomic build: a schema check (URL), a check of
# the rendered field (raw HTML) and a check of the files (a link out of content/).
# Round two: files the theme copies as they are, stopped by the site audit; content/'s
# corpus: raw HTML in a page, refused before MkDocs runs.
BUILT = (
    "homepage-javascript",
    "faq-img-slash-onerror",
    "content-link-to-data",
    "r2-svg-script",
    "r2-noscript-title",
    "page-comment-ends-early",
)


def test_the_content_corpus_covers_its_classes() -> None:
    assert len(cases_content.CASES) >= 15
    assert {case.kind for case in cases_content.CASES} == cases_content.KINDS


def test_the_built_cases_are_refusals() -> None:
    refused = {case.name for case in ALL if isinstance(case.expect, Refused)}
    assert set(BUILT) <= refused


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def build(project: Path, site: Path) -> subprocess.CompletedProcess[str]:
    """The atomic build as ``make build`` runs it, in a process of its own."""
    return subprocess.run(
        [sys.executable, "-c", BUILD, str(project / "mkdocs.yml"), str(site)],
        cwd=ROOT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        check=False,
    )


def params(expect: type[Refused | Safe]) -> list[object]:
    return [
        pytest.param(
            case,
            id=case.name,
            marks=[
                *([pytest.mark.xfail(strict=True, reason=case.phase2)] if case.phase2 else []),
                *([pytest.mark.slow] if isinstance(case.expect, Audited) else []),  # base_site
            ],
        )
        for case in ALL
        if isinstance(case.expect, expect)
    ]


@pytest.fixture(scope="module")
def base_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture project built once: the site the audited cases add their files to."""
    base = Case("base", "", lambda _: None, Safe())
    project = make_project(base, tmp_path_factory.mktemp("base") / "project")
    result = build(project, project / "site")
    assert result.returncode == 0, result.stderr[-3000:]
    return project / "site"


@pytest.fixture(scope="module")
def round_two_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Round two's safe cases, all in one project built once (as the no-CSP browser test
    serves them): each case's own checks then read this site."""
    safe = [case for case in ROUND_TWO if isinstance(case.expect, Safe)]
    every = Case("round-two", "", both(*(case.mutate for case in safe)), Safe())
    project = make_project(every, tmp_path_factory.mktemp("round-two") / "project")
    result = build(project, project / "site")
    output = result.stdout + result.stderr
    assert "Traceback" not in output, output[-3000:]
    assert result.returncode == 0, output[-3000:]
    return project / "site"


@pytest.mark.parametrize("case", params(Refused))
def test_hostile_case_is_refused(
    case: Case, tmp_path: Path, capsys: pytest.CaptureFixture[str], request: pytest.FixtureRequest
) -> None:
    assert isinstance(case.expect, Refused)
    project = make_project(case, tmp_path / "project")
    if isinstance(case.expect, Audited):  # the site audit's findings, as the build prints them
        site = request.getfixturevalue("base_site")
        code, out = audit_output(project, site, tmp_path)
    else:
        code = validate_main(["--data", str(project / "data")])
        output = capsys.readouterr()
        out = output.out + output.err
    assert code != 0, "the hostile data was accepted"
    assert "Traceback" not in out, out[-3000:]
    assert case.expect.pattern().search(out), out[-3000:]


@pytest.mark.slow
@pytest.mark.parametrize("case", [c for c in ALL if c.name in BUILT], ids=lambda c: c.name)
def test_refused_build_keeps_the_last_good_site(case: Case, tmp_path: Path) -> None:
    assert isinstance(case.expect, Refused)
    project = make_project(case, tmp_path / "project")
    site = project / "site"
    (site / "assets").mkdir(parents=True)
    (site / "index.html").write_text("<p>last good build</p>")
    before = tree_digest(site)

    result = build(project, site)

    output = result.stdout + result.stderr
    assert "Traceback" not in output, output[-3000:]
    assert result.returncode != 0, "the hostile data was published"
    assert case.expect.pattern().search(output), output[-3000:]
    assert tree_digest(site) == before
    assert "is unchanged" in output


@pytest.mark.slow
@pytest.mark.parametrize("case", params(Safe))
def test_hostile_case_builds_a_safe_site(
    case: Case, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    assert isinstance(case.expect, Safe)
    if case in ROUND_TWO:
        site = request.getfixturevalue("round_two_site")
    else:
        project = make_project(case, tmp_path / "project")
        site = project / "site"
        result = build(project, site)
        output = result.stdout + result.stderr
        assert "Traceback" not in output, output[-3000:]
        assert result.returncode == 0, output[-3000:]
    assert [str(f) for f in run_site_audit(site).findings] == []
    pages = [*site.rglob("*.html"), site / "search" / "search_index.json"]
    texts = [page.read_text(encoding="utf-8") for page in pages]
    for page, html in zip(pages, texts, strict=True):
        for text in case.expect.absent:
            assert text not in html, (page, text)
    for text in case.expect.present:
        assert any(text in html for html in texts), text
