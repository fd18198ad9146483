"""Every case of the hostile corpus is refused at its place, or builds a safe site.

Refusal: a non-zero exit, ``path:line:col: field:`` (or the file) in the
output, no traceback, and the last good site/ exactly as it was. Safe output:
the build succeeds, the site audit (layer 3) finds nothing, and the case's
payload is nowhere in the pages.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from macros.cli import build_site
from macros.safety.site import audit_site
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
def test_hostile_case(case: Case, tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    project = make_project(case, tmp_path / "project")
    site = project / "site"
    if isinstance(case.expect, Refused):
        (site / "assets").mkdir(parents=True)
        (site / "index.html").write_text("<p>last good build</p>")
        before = tree_digest(site)
        code = build_site(project / "mkdocs.yml", site)
        output = capfd.readouterr()
        text = output.out + output.err
        assert code != 0, "the hostile data was published"
        assert "Traceback" not in text
        assert case.expect.pattern().search(text), text[-3000:]
        assert tree_digest(site) == before
    else:
        assert isinstance(case.expect, Safe)
        code = build_site(project / "mkdocs.yml", site)
        output = capfd.readouterr()
        assert code == 0, output.err[-3000:]
        assert "Traceback" not in output.out + output.err
        assert [str(f) for f in audit_site(site)] == []
        for page in site.rglob("*.html"):
            html = page.read_text(encoding="utf-8")
            for text in case.expect.absent:
                assert text not in html, (page, text)
