"""The site built by the second engine (`comparison stage` + Zensical) works in a browser.

reader.js sets itself up through Material's document$: Zensical's bundle must
provide it, or FAQ links would not open
their question. The browser fixtures block and record any request off the host.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from macros.publish.stage import stage
from tests.browser.conftest import OpenPage
from tests.harness.site import ROOT, static_server
from tests.harness.zensical import zensical_build

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Serves Zensical's build of the staged real site (instead of the MkDocs build)."""
    dest: Path = tmp_path_factory.mktemp("zensical") / "stage"
    staged = stage(ROOT / "mkdocs.yml", dest)
    result, _ = zensical_build(staged.config)
    assert result.returncode == 0, result.stdout + result.stderr
    with static_server(dest / "site") as url:
        yield url


def test_the_feature_table_shows_only_the_differences(open_page: OpenPage) -> None:
    """compare.js adds the table's tools on Zensical's build too (sorting was removed)."""
    visit = open_page("comparison/")
    page = visit.page
    page.wait_for_selector(".table-tools")
    rows = "table.comparison tbody tr[data-entry]"
    every = page.locator(f"{rows}:not([hidden])").count()
    page.locator(".table-tools").get_by_label("Only the differences").check()
    assert 0 < page.locator(f"{rows}:not([hidden])").count() < every
    assert visit.problems() == []


def test_a_faq_link_opens_its_question(open_page: OpenPage) -> None:
    visit = open_page("comparison/")
    visit.page.evaluate("location.href = new URL('../faq/#can-flask-scale', location).href")
    visit.page.wait_for_function("document.getElementById('can-flask-scale')?.open === true")
    assert visit.problems() == []
