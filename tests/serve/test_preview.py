"""`mkdocs serve` survives a broken save: requests keep answering (MkDocs'
default would block them until the build passes), the log names the spot,
and the fixed file is served on the next save."""

from __future__ import annotations

import shutil
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.harness.site import FIXTURES, mkdocs_serve

pytestmark = pytest.mark.slow
REQUEST_TIMEOUT = 10  # a hanging preview fails here instead of blocking the suite


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[tuple[str, Path, Path]]:
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "minimal", project)
    log = tmp_path / "serve.log"
    with mkdocs_serve(project / "mkdocs.yml", log) as url:
        yield url, project, log


def get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=REQUEST_TIMEOUT) as response:
        assert response.status == 200
        return str(response.read().decode())


def wait_until(check: Callable[[], bool], seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.2)
    raise AssertionError("the preview did not update in time")


def test_broken_save_shows_errors_and_the_fix_is_served(preview: tuple[str, Path, Path]) -> None:
    url, project, log = preview
    assert "Alpha gives you a small core." in get(url + "architecture/")
    dimension = project / "data" / "dimensions" / "architecture.yml"
    good = dimension.read_text()

    dimension.write_text(good.replace("order: 10", "order: ten"))
    wait_until(lambda: "The data has 1 problem" in get(url))
    page = get(url)
    assert "data/dimensions/architecture.yml:2:8" in page
    assert "expected a whole number, got text" in page
    for other in ("comparison/", "faq/", "architecture/"):  # topic pages too
        assert "The data has 1 problem" in get(url + other)
    assert "data/dimensions/architecture.yml:2:8: order: expected a whole number" in log.read_text()

    dimension.write_text(good.replace("Alpha gives you a small core.", "Alpha stays small."))
    wait_until(lambda: "Alpha stays small." in get(url + "architecture/"))
    assert "The data has" not in get(url)


def test_yaml_syntax_error_does_not_hang_the_preview(preview: tuple[str, Path, Path]) -> None:
    url, project, _ = preview
    get(url)
    (project / "data" / "site.yml").write_text("title: [unclosed\n")
    wait_until(lambda: "YAML syntax error" in get(url))
    assert "data/site.yml:2:1" in get(url)
