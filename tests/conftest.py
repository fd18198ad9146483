from __future__ import annotations

from pathlib import Path

import pytest

from tests.harness.site import FIXTURES, ROOT, mkdocs_build


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site (mkdocs.yml + data/), built once per test session."""
    dest = tmp_path_factory.mktemp("site") / "site"
    result = mkdocs_build(ROOT / "mkdocs.yml", dest)
    assert result.returncode == 0, result.stderr
    return dest


@pytest.fixture(scope="session")
def minimal_site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small fixture project in tests/fixtures/minimal, built once."""
    dest = tmp_path_factory.mktemp("minimal") / "site"
    result = mkdocs_build(FIXTURES / "minimal" / "mkdocs.yml", dest)
    assert result.returncode == 0, result.stderr
    return dest
