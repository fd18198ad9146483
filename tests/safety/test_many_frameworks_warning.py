"""More frameworks than mkdocs.yml's max_frameworks: the build says how many pages it makes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.harness.site import FIXTURES, mkdocs_build

pytestmark = pytest.mark.slow  # every test builds a site


def build_three(tmp_path: Path, limit: int) -> tuple[int, str, Path]:
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "three", project)
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "  - comparison\n" in text
    config.write_text(
        text.replace("  - comparison\n", f"  - comparison:\n      max_frameworks: {limit}\n"),
        encoding="utf-8",
    )
    site = project / "site"
    result = mkdocs_build(config, site)
    return result.returncode, result.stderr, site


def test_over_the_limit_the_page_count_is_given_before_building(tmp_path: Path) -> None:
    code, err, site = build_three(tmp_path, limit=2)
    assert code == 0, err  # a warning to read, not a failure (the build stays strict)
    message = "data/frameworks: warning: 3 frameworks make 13 pages (3 of them pair pages)"
    assert message in err
    assert err.index(message) < err.index("Building documentation")
    generated = [p for p in site.rglob("index.html") if "notes" not in p.parts]
    assert len(generated) == 13


def test_within_the_limit_nothing_is_said(tmp_path: Path) -> None:
    code, err, _ = build_three(tmp_path, limit=3)
    assert code == 0, err
    assert "frameworks make" not in err
