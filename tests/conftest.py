from __future__ import annotations

from pathlib import Path

import pytest
import yaml

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


@pytest.fixture(scope="session")
def three_site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site's own configuration (theme, styles, scripts) over the data of
    tests/fixtures/three: pair pages, /compare/ and framework pages, built once."""
    root = tmp_path_factory.mktemp("three-site")
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config["docs_dir"] = str(ROOT / "content")
    config["theme"]["custom_dir"] = str(ROOT / "overrides")
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "comparison" in plugin:
            plugin["comparison"]["data_dir"] = str(FIXTURES / "three" / "data")
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    dest = root / "site"
    result = mkdocs_build(root / "mkdocs.yml", dest)
    assert result.returncode == 0, result.stderr
    return dest
