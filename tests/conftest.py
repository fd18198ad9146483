"""The sites the tests share, each built once per run (and shared by pytest-xdist's
workers), the markers every test gets from where it is and what it uses, and how
``make test`` spreads the tests over the cores:

- ``browser``: the tests in tests/browser/ (Chromium against a built site);
- ``slow``: the end-to-end tiers (tests/serve/, tests/browser/, tests/deploy/),
  every test that uses a whole built site, and the tests marked so because they
  build one in their body (``-m "not slow"`` is the quick loop);
- with ``-n auto --dist loadfile`` (3 workers on 2 cores) each test file runs on
  one worker (its module fixtures are made once), and tests/deploy/ as a whole
  runs on one worker (one build of the published site, one nginx); the tests of a
  SPLIT file (long, and with no module fixture) are spread one by one. The end-to-end files start
  first, so that no long file is left to run alone at the end.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.harness.once import made_once
from tests.harness.site import FIXTURES, ROOT, mkdocs_build

TESTS = Path(__file__).resolve().parent
END_TO_END = {"browser", "deploy", "serve"}  # tiers whose every test builds or serves a whole site
BUILT_SITES = {
    "site_dir",
    "minimal_site_dir",
    "three_site_dir",
    "published_site",
    "nginx_url",
    "base_url",
    "three_site_url",
}
ONE_WORKER = ("tests/deploy/",)  # tiers that share a session fixture made per worker
# Files whose tests are each long and share no module fixture: spread over the workers.
SPLIT = {"tests/browser/test_every_page.py"}


def _start_rank(item: pytest.Item) -> int:
    """0 for the tests to start first (split files), 1 for the end-to-end tiers, else 2."""
    relative = item.path.relative_to(TESTS)
    if f"tests/{relative.as_posix()}" in SPLIT:
        return 0
    return 1 if relative.parts[0] in END_TO_END else 2


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    items.sort(key=_start_rank)  # stable: each file keeps its order
    for item in items:
        tier = item.path.relative_to(TESTS).parts[0]
        if tier == "browser":
            item.add_marker(pytest.mark.browser)
        if tier in END_TO_END or set(getattr(item, "fixturenames", ())) & BUILT_SITES:
            item.add_marker(pytest.mark.slow)


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """``-n auto``: three workers for two cores (one and a half per core).

    A worker does not compute all the time: it waits for Chromium's pages, for
    servers to start and for builds in a subprocess (``make test`` on 2 cores:
    370 s wall with 2 workers, 740 worker-seconds, for 500-620 s of CPU). A third
    worker computes while another waits. PYTEST_XDIST_AUTO_NUM_WORKERS=2 (or any
    number) still chooses for itself.
    """
    chosen = os.environ.get("PYTEST_XDIST_AUTO_NUM_WORKERS", "")
    if chosen.isdigit():
        return int(chosen)
    cores = len(os.sched_getaffinity(0))
    return cores + (cores + 1) // 2


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    """--dist loadfile, but each tier of ONE_WORKER is one unit of work, each test of
    a SPLIT file is one, and units go out in collection order.

    (xdist's own --dist loadgroup cannot be used: with pytest 9 it no longer
    changes the test ids it groups by, so its groups are ignored.)
    """
    if config.getvalue("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadFileScheduling

    config.option.loadscopereorder = False  # the order of pytest_collection_modifyitems

    class TierScheduling(LoadFileScheduling):
        def _split_scope(self, nodeid: str) -> str:
            path = nodeid.split("::")[0]
            if path in SPLIT:
                return nodeid
            return next((t for t in ONE_WORKER if nodeid.startswith(t)), path)

    return TierScheduling(config, log)


def _build(config: Path, dest: Path) -> None:
    result = mkdocs_build(config, dest)
    assert result.returncode == 0, result.stderr


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site (mkdocs.yml + data/), built once per test run."""
    return (
        made_once(
            tmp_path_factory, "site", lambda folder: _build(ROOT / "mkdocs.yml", folder / "site")
        )
        / "site"
    )


@pytest.fixture(scope="session")
def minimal_site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small fixture project in tests/fixtures/minimal, built once."""
    config = FIXTURES / "minimal" / "mkdocs.yml"
    return made_once(tmp_path_factory, "minimal", lambda f: _build(config, f / "site")) / "site"


def _three_site(root: Path) -> None:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config["docs_dir"] = str(ROOT / "content")
    config["theme"]["custom_dir"] = str(ROOT / "overrides")
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "comparison" in plugin:
            plugin["comparison"]["data_dir"] = str(FIXTURES / "three" / "data")
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    _build(root / "mkdocs.yml", root / "site")


@pytest.fixture(scope="session")
def three_site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site's own configuration (theme, styles, scripts) over the data of
    tests/fixtures/three: pair pages, /compare/ and framework pages, built once."""
    return made_once(tmp_path_factory, "three-site", _three_site) / "site"
