"""The feature table (/comparison/): every row has a working anchor, and it fits
a 360 px phone. (Grouping and statuses: tests/browser/test_pages.py; choosing
columns, differences only and the jump list: tests/browser/test_compare.py.)"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.browser.conftest import OpenPage

pytestmark = [pytest.mark.browser, pytest.mark.slow]

TABLE = "table.comparison[data-tools]"


def row_ids(page: Page) -> list[str]:
    ids: list[str] = page.eval_on_selector_all(
        f"{TABLE} tbody tr[data-entry]", "rows => rows.map(r => r.id)"
    )
    return ids


def test_every_row_has_a_working_anchor(open_page: OpenPage) -> None:
    page = open_page("comparison/").page
    page.wait_for_selector(TABLE)
    ids = row_ids(page)
    hashes = page.eval_on_selector_all(
        f"{TABLE} tbody tr[data-entry] th a", "links => links.map(a => new URL(a.href).hash)"
    )
    assert hashes == [f"#{row_id}" for row_id in ids]  # every row label links to its row

    target = ids[len(ids) // 2]
    page = open_page(f"comparison/#{target}").page  # arriving from elsewhere
    assert page.evaluate("document.querySelector('tr:target').id") == target
    box = page.locator(f"tr#{target}").bounding_box()
    assert box is not None
    header = page.evaluate("document.querySelector('.md-header').getBoundingClientRect().bottom")
    assert header <= box["y"] < 800, "the linked row is hidden under the header or off screen"


def test_table_reads_on_a_phone(open_page: OpenPage) -> None:
    """At 360 px nothing scrolls sideways and the framework columns stay readable:
    with three frameworks the third wraps below the first two, named by its cell."""
    page = open_page("comparison/", width=360).page
    page.wait_for_selector(TABLE)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    widths = page.eval_on_selector_all(
        f"{TABLE} tbody tr[data-entry]:nth-child(2) td",
        "cells => cells.map(c => c.getBoundingClientRect().width)",
    )
    assert len(widths) >= 2
    assert min(widths) >= 120, f"framework columns too narrow to read: {widths}"
    label = page.locator(f"{TABLE} tbody tr[data-entry] th").first.bounding_box()
    first_cell = page.locator(f"{TABLE} tbody tr[data-entry] td").first.bounding_box()
    assert label and first_cell
    assert label["y"] + label["height"] <= first_cell["y"] + 1, "feature name not above values"
    named = page.eval_on_selector(
        f"{TABLE} tbody tr[data-entry] td:last-child",
        "td => getComputedStyle(td, '::before').content",
    )
    assert named == '"FastAPI"'


def test_small_article_tables_have_no_tools(open_page: OpenPage) -> None:
    page = open_page("").page
    assert page.locator("table.comparison").count() > 0
    assert page.locator("table[data-tools], .table-tools").count() == 0
