"""scripts/lint --fix: sorts sources.yml, trims whitespace, quotes YAML 1.1 surprises.

It must keep every comment and the text of every value, and running it again
must change nothing.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.lint.cli import main
from macros.lint.registry import CHECKS
from tests.editor.lint.conftest import edit

SOURCES = """\
# Every source the site cites.

# Beta's own notes.
beta-notes:
  title: Beta release notes{TRAILING}
  url: https://example.org/beta/notes
  publisher: Beta Foundation  # the publisher's legal name
  published: 2026-08-05
  checked: 2026-11-24
  supports: Beta 2.0 ships an admin

alpha-log:
  title: Alpha changelog
  # checked by hand
  url: https://example.org/alpha/changes
  publisher: Alpha project
  checked: 2026-11-24
  supports: Alpha 1.0 was released""".replace(
    "{TRAILING}", "   "
)  # trailing spaces, kept out of this file

SORTED = """\
# Every source the site cites.

alpha-log:
  title: Alpha changelog
  # checked by hand
  url: https://example.org/alpha/changes
  publisher: Alpha project
  checked: 2026-11-24
  supports: Alpha 1.0 was released

# Beta's own notes.
beta-notes:
  title: Beta release notes
  url: https://example.org/beta/notes
  publisher: Beta Foundation  # the publisher's legal name
  published: 2026-08-05
  checked: 2026-11-24
  supports: Beta 2.0 ships an admin
"""


def lint(project: Path, *args: str) -> int:
    return main(["--data", str(project / "data"), "--today", "2026-11-24", *args])


def comment_lines(text: str) -> list[str]:
    return sorted(line.strip() for line in text.splitlines() if "#" in line)


def test_fix_sorts_trims_and_keeps_comments(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sources = project / "data/sources.yml"
    sources.write_text(SOURCES)
    assert lint(project, "--fix") == 0
    assert sources.read_text() == SORTED
    assert comment_lines(sources.read_text()) == comment_lines(SOURCES)
    assert capsys.readouterr().out == (
        "Fixed data/sources.yml: ordering, whitespace\n"
        f"No problems found by {len(CHECKS)} checks.\n"
    )


def test_fix_quotes_values_yaml_would_change(project: Path) -> None:
    beta = project / "data/frameworks/beta.yml"
    edit(beta, 'latest_release: {version: "3.10"', "latest_release: {version: 3.10")
    edit(beta, "licence: BSD-3-Clause", "licence: no  # really")
    assert lint(project) == 1  # the loader rejects both as non-text
    assert lint(project, "--fix") == 0
    text = beta.read_text()
    assert 'latest_release: {version: "3.10", date: 2026-08-05' in text
    assert 'licence: "no"  # really\n' in text


def test_fix_leaves_trailing_spaces_that_are_text(project: Path) -> None:
    dim = project / "data/dimensions/architecture.yml"
    edit(dim, "  How each project is organised.\n", "  How each project  \n  is organised.\n")
    assert lint(project, "--fix") == 0
    assert "  How each project  \n" in dim.read_text()


def test_fix_is_idempotent(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "data/sources.yml").write_text(SOURCES)
    edit(project / "data/frameworks/beta.yml", "licence: BSD-3-Clause", "licence: yes")
    lint(project, "--fix")
    first = {p: p.read_bytes() for p in (project / "data").rglob("*.yml")}
    capsys.readouterr()
    assert lint(project, "--fix") == 0
    assert {p: p.read_bytes() for p in (project / "data").rglob("*.yml")} == first
    assert capsys.readouterr().out == f"No problems found by {len(CHECKS)} checks.\n"


def test_fix_leaves_broken_yaml_alone(project: Path) -> None:
    site = project / "data/site.yml"
    site.write_text(site.read_text().replace("title: Alpha vs Beta", "title: [Alpha  "))
    before = site.read_bytes()
    assert lint(project, "--fix") == 1
    assert site.read_bytes() == before
