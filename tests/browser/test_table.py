"""The feature table (/comparison/): sorts by mouse and keyboard, every row has
a working anchor, and it fits a 360 px phone. (Grouping, statuses and what a
column sorts by: tests/browser/test_pages.py.)"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.browser.conftest import OpenPage

pytestmark = [pytest.mark.browser, pytest.mark.slow]

TABLE = "table.comparison[data-sortable]"


def row_ids(page: Page) -> list[str]:
    ids: list[str] = page.eval_on_selector_all(
        f"{TABLE} tbody tr[id]", "rows => rows.map(r => r.id)"
    )
    return ids


def sort_state(page: Page) -> list[str | None]:
    states: list[str | None] = page.eval_on_selector_all(
        f"{TABLE} thead th", "cells => cells.map(c => c.getAttribute('aria-sort'))"
    )
    return states


def test_clicking_a_heading_sorts_the_rows(open_page: OpenPage) -> None:
    page = open_page("comparison/").page
    page.wait_for_selector(f"{TABLE} .sort-button")
    before = row_ids(page)
    assert len(before) > 3 and all(before)
    # The feature column, then one per framework (Flask, Django, FastAPI).
    assert sort_state(page) == [None, None, None, None]

    page.click(f"{TABLE} thead th:nth-child(2) .sort-button")
    assert sort_state(page) == [None, "ascending", None, None]
    assert sorted(row_ids(page)) == sorted(before)  # same rows, new order
    assert row_ids(page) != before

    page.click(f"{TABLE} thead th:nth-child(2) .sort-button")
    assert sort_state(page) == [None, "descending", None, None]


def test_sorting_by_keyboard(open_page: OpenPage) -> None:
    """Each framework's heading is a real button in the tab order; Enter and
    Space sort. The feature names are prose: that column does not sort."""
    page = open_page("comparison/").page
    page.wait_for_selector(f"{TABLE} .sort-button")
    assert page.locator(f"{TABLE} thead th:nth-child(1) .sort-button").count() == 0
    page.focus(f"{TABLE} thead th:nth-child(2) .sort-button")
    page.keyboard.press("Enter")
    assert sort_state(page) == [None, "ascending", None, None]
    page.keyboard.press("Tab")  # to the next heading's button
    assert page.evaluate("document.activeElement.closest('th').cellIndex") == 2
    page.keyboard.press(" ")
    assert sort_state(page) == [None, None, "ascending", None]


def test_every_row_has_a_working_anchor(open_page: OpenPage) -> None:
    page = open_page("comparison/").page
    page.wait_for_selector(TABLE)
    ids = row_ids(page)
    hashes = page.eval_on_selector_all(
        f"{TABLE} tbody tr[id] th a", "links => links.map(a => new URL(a.href).hash)"
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
        f"{TABLE} tbody tr[id]:nth-child(2) td",
        "cells => cells.map(c => c.getBoundingClientRect().width)",
    )
    assert len(widths) >= 2
    assert min(widths) >= 120, f"framework columns too narrow to read: {widths}"
    label = page.locator(f"{TABLE} tbody tr[id] th").first.bounding_box()
    first_cell = page.locator(f"{TABLE} tbody tr[id] td").first.bounding_box()
    assert label and first_cell
    assert label["y"] + label["height"] <= first_cell["y"] + 1, "feature name not above values"
    named = page.eval_on_selector(
        f"{TABLE} tbody tr[id] td:last-child",
        "td => getComputedStyle(td, '::before').content",
    )
    assert named == '"FastAPI"'


def test_small_article_tables_are_not_sortable(open_page: OpenPage) -> None:
    page = open_page("").page
    assert page.locator("table.comparison").count() > 0
    assert page.locator("table[data-sortable], .sort-button").count() == 0
