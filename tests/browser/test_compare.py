"""Comparing chosen frameworks: the compare view (/compare/, built from the open-data
export), the feature table's tools (columns, differences only, the jump list), their
state in a shareable address, hostile addresses, and rows opened from a link on a phone."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import Page

from tests.browser.conftest import OpenPage
from tests.browser.support import goto, sideways_scroll

pytestmark = [pytest.mark.browser, pytest.mark.slow]

TABLE = "table.comparison[data-tools]"
VIEW = ".compare-view table.comparison"


@pytest.fixture(scope="module")
def export(site_dir: Path) -> dict[str, object]:
    document: dict[str, object] = json.loads((site_dir / "api" / "comparison.json").read_text())
    return document


def headings(page: Page, table: str) -> list[str]:
    names: list[str] = page.eval_on_selector_all(
        f"{table} thead th", "cells => cells.filter(c => !c.hidden).map(c => c.textContent.trim())"
    )
    return names


def shown_rows(page: Page, table: str) -> list[list[str]]:
    """Each shown row's shown cells as a reader sees them (footnote numbers left out)."""
    rows: list[list[str]] = page.eval_on_selector_all(
        f"{table} tbody tr:not(.comparison__group)",
        """rows => rows.filter(r => r.offsetParent !== null).map(r =>
            [...r.cells].filter(c => !c.hidden).map(c => {
                const copy = c.cloneNode(true);
                copy.querySelectorAll('sup').forEach(s => s.remove());
                return copy.textContent.replace(/\\s+/g, ' ').trim();
            }))""",
    )
    return rows


def query(page: Page) -> str:
    search: str = page.evaluate("location.search")
    return search


# The compare view ----------------------------------------------------------------


def test_the_compare_view_shows_the_frameworks_the_reader_picks(
    open_page: OpenPage, export: dict[str, object]
) -> None:
    visit = open_page("compare/")
    page = visit.page
    page.wait_for_selector(VIEW)
    assert headings(page, VIEW) == ["Feature", "Flask", "Django"]  # the featured pair
    page.get_by_label("FastAPI", exact=True).check()
    page.get_by_label("Django", exact=True).uncheck()
    assert headings(page, VIEW) == ["Feature", "Flask", "FastAPI"]
    assert query(page) == "?frameworks=flask,fastapi"
    rows = shown_rows(page, VIEW)
    assert len(rows) == len(export["table"])  # type: ignore[arg-type]
    assert all(len(row) == 3 for row in rows)
    # Every link the view built stays on this site or goes to an https address.
    origin = page.evaluate("location.origin")
    hrefs = page.eval_on_selector_all(f"{VIEW} a", "links => links.map(a => a.href)")
    assert hrefs and all(h.startswith((origin + "/", "https://")) for h in hrefs), hrefs
    assert visit.problems() == []


def test_a_shared_compare_address_reproduces_the_view(open_page: OpenPage) -> None:
    page = open_page("compare/?frameworks=fastapi,flask&diff=1").page
    page.wait_for_selector(VIEW)
    assert headings(page, VIEW) == ["Feature", "Flask", "FastAPI"]  # display order
    assert page.get_by_label("Only the differences").is_checked()
    assert not page.get_by_label("Django", exact=True).is_checked()
    share = page.get_attribute(".compare-view__share", "href")
    assert share == page.evaluate("location.origin") + "/compare/?frameworks=flask,fastapi&diff=1"
    goto(page, share)  # the shared link opens the same view
    page.wait_for_selector(VIEW)
    assert headings(page, VIEW) == ["Feature", "Flask", "FastAPI"]
    assert page.get_by_label("Only the differences").is_checked()


def test_the_compare_view_shows_only_the_differences_on_demand(
    open_page: OpenPage, export: dict[str, object]
) -> None:
    page = open_page("compare/?frameworks=flask,django").page
    page.wait_for_selector(VIEW)
    every = shown_rows(page, VIEW)
    page.get_by_label("Only the differences").check()
    assert query(page) == "?frameworks=flask,django&diff=1"
    differing = shown_rows(page, VIEW)
    assert 0 < len(differing) < len(every)
    assert all(row[1] != row[2] for row in differing)
    assert [r for r in every if r[1] != r[2]] == differing  # the same rows, in order
    status = page.inner_text(".compare-view__status")
    assert status == f"Flask and Django differ on {len(differing)} of {len(every)} rows."


@pytest.mark.parametrize(
    "hostile",
    [
        "frameworks=%3Cimg%20src%3Dx%20onerror%3D%22window.pwned%3D1%22%3E&diff=%3Cb%3E",
        "frameworks=flask,%3Cscript%3Ewindow.pwned%3D1%3C/script%3E",
        "frameworks=..%2F..%2Fetc,javascript:window.pwned%3D1",
    ],
)
def test_hostile_addresses_do_nothing(open_page: OpenPage, hostile: str) -> None:
    for path in ("compare/", "comparison/"):
        visit = open_page(f"{path}?{hostile}")
        page = visit.page
        page.wait_for_selector(".compare-view table, .table-tools")
        assert page.evaluate("window.pwned") is None
        assert page.locator("article img, article script:not([src])").count() == 0
        assert "pwned" not in page.inner_text("article")  # not even shown as text
        assert visit.problems() == []
        if path == "compare/":
            # Fewer than two known ids: the default view, the featured pair.
            assert headings(page, VIEW) == ["Feature", "Flask", "Django"]
        else:  # only the known ids count
            names = headings(page, TABLE)
            assert names[0] == "Feature" and set(names[1:]) <= {"Flask", "Django", "FastAPI"}


def test_without_javascript_compare_lists_the_pair_pages(open_page: OpenPage) -> None:
    page = open_page("compare/", javascript=False).page
    assert not page.locator(".compare-view").is_visible()
    pairs = page.eval_on_selector_all(
        "#pairs + ul a", "links => links.map(a => new URL(a.href).pathname)"
    )
    assert pairs == [
        "/compare/flask-vs-django/",
        "/compare/flask-vs-fastapi/",
        "/compare/django-vs-fastapi/",
    ]
    table = open_page("comparison/", javascript=False).page
    assert table.locator(".table-tools").count() == 0
    assert headings(table, TABLE) == ["Feature", "Flask", "Django", "FastAPI"]


# The feature table's tools -----------------------------------------------------------


def test_the_table_shows_the_chosen_frameworks(open_page: OpenPage) -> None:
    page = open_page("comparison/").page
    page.wait_for_selector(".table-tools")
    rows = page.locator(f"{TABLE} tbody tr[data-entry]").count()
    page.locator(".table-tools").get_by_label("Django", exact=True).uncheck()
    assert headings(page, TABLE) == ["Feature", "Flask", "FastAPI"]
    assert query(page) == "?frameworks=flask,fastapi"
    assert page.locator(f'{TABLE} td[data-label="Django"]:not([hidden])').count() == 0
    assert len(shown_rows(page, TABLE)) == rows  # every row, two columns
    colspans = page.eval_on_selector_all(
        f"{TABLE} tr.comparison__group th", "cells => [...new Set(cells.map(c => c.colSpan))]"
    )
    assert colspans == [3]
    # The last framework cannot be taken away: an empty table helps nobody.
    page.locator(".table-tools").get_by_label("Flask", exact=True).uncheck()
    last = page.locator(".table-tools").get_by_label("FastAPI", exact=True)
    last.click()
    assert last.is_checked()
    assert headings(page, TABLE) == ["Feature", "FastAPI"]
    assert "at least one" in page.inner_text(".table-tools__status")


def test_the_table_shows_only_the_differences_and_keeps_them_in_the_address(
    open_page: OpenPage,
) -> None:
    page = open_page("comparison/").page
    page.wait_for_selector(".table-tools")
    page.locator(".table-tools").get_by_label("Django", exact=True).uncheck()
    every = shown_rows(page, TABLE)
    page.locator(".table-tools").get_by_label("Only the differences").check()
    assert query(page) == "?frameworks=flask,fastapi&diff=1"
    differing = shown_rows(page, TABLE)
    assert 0 < len(differing) < len(every)
    assert differing == [r for r in every if r[1] != r[2]]
    # A topic whose rows are all alike disappears with its heading.
    hidden = page.eval_on_selector_all(f"{TABLE} tbody", "bodies => bodies.map(b => b.hidden)")
    groups = page.eval_on_selector_all(
        f"{TABLE} tbody",
        "bodies => bodies.map(b => b.querySelectorAll('tr[data-entry]:not([hidden])').length)",
    )
    assert all(h == (n == 0) for h, n in zip(hidden, groups, strict=True))
    # The shared address opens the same table.
    again = open_page("comparison/?frameworks=flask,fastapi&diff=1").page
    again.wait_for_selector(".table-tools")
    assert shown_rows(again, TABLE) == differing
    # A row opened from a link is shown even where it is alike in both.
    alike = page.eval_on_selector(f"{TABLE} tbody tr[data-entry][hidden]", "row => row.id")
    again.evaluate("(id) => { location.hash = id; }", alike)
    again.wait_for_function("(id) => !document.getElementById(id).hidden", arg=alike)
    assert not again.get_by_label("Only the differences").is_checked()


def test_the_tools_work_from_the_keyboard(open_page: OpenPage) -> None:
    page = open_page("comparison/").page
    page.wait_for_selector(".table-tools")
    page.focus(".table-tools input[name=diff]")
    page.keyboard.press("Space")
    assert query(page) == "?diff=1"
    page.keyboard.press("Shift+Tab")  # back to the last framework's box
    assert page.evaluate("document.activeElement.value") == "fastapi"
    page.keyboard.press("Space")
    assert query(page) == "?frameworks=flask,django&diff=1"


def test_the_sidebar_jumps_to_each_group(open_page: OpenPage) -> None:
    page = open_page("comparison/").page
    links = page.eval_on_selector_all(
        ".md-sidebar--secondary [data-md-component=toc] a",
        "links => links.map(a => [a.textContent.trim(), new URL(a.href).hash])",
    )
    groups = page.eval_on_selector_all(
        f"{TABLE} tr.comparison__group",
        "rows => rows.map(r => [r.textContent.trim(), '#' + r.id])",
    )
    assert links == groups and len(groups) > 5
    title, anchor = links[len(links) // 2]
    page.click(f".md-sidebar--secondary a[href='{anchor}']")
    page.wait_for_function("(h) => location.hash === h", arg=anchor)
    box = page.locator(anchor).bounding_box()
    header = page.evaluate("document.querySelector('.md-header').getBoundingClientRect().bottom")
    head = page.evaluate(f"document.querySelector('{TABLE} thead').getBoundingClientRect().bottom")
    assert box is not None and max(header, head) <= box["y"] < 800, (title, box, head)


# Phones and widths -------------------------------------------------------------------


def name_is_visible(page: Page, row_id: str) -> bool:
    """The row's name is inside the viewport and the topmost thing where it is drawn."""
    visible: bool = page.evaluate(
        """(id) => {
            const name = document.getElementById(id).querySelector('th');
            const box = name.getBoundingClientRect();
            if (box.top < 0 || box.bottom > innerHeight) return false;
            const hit = document.elementFromPoint(box.left + 8, box.top + box.height / 2);
            return name.contains(hit);
        }""",
        row_id,
    )
    return visible


def scrolled(page: Page) -> None:
    """Wait until the page stops scrolling (a smooth scroll moves over several frames)."""
    page.wait_for_function(
        """() => new Promise(done => {
            const y = scrollY;
            requestAnimationFrame(() => requestAnimationFrame(() => done(scrollY === y)));
        })"""
    )


def test_a_row_opened_from_a_link_shows_its_name_on_a_phone(open_page: OpenPage) -> None:
    visit = open_page("comparison/", width=390)
    page = visit.page
    page.set_viewport_size({"width": 390, "height": 844})
    ids = page.eval_on_selector_all(f"{TABLE} tr[data-entry]", "rows => rows.map(r => r.id)")
    assert len(ids) > 30
    hidden = []
    for row_id in ids:
        page.evaluate("() => window.scrollTo(0, 0)")
        page.evaluate("(id) => { location.hash = id; }", row_id)
        page.wait_for_function("(id) => location.hash === '#' + id", arg=row_id)
        scrolled(page)
        if not name_is_visible(page, row_id):
            hidden.append(row_id)
    assert hidden == []
    # Arriving from another page (search, a shared link, the home page) is the same.
    for row_id in (ids[0], ids[len(ids) // 2], ids[-1]):
        visit.goto(f"comparison/#{row_id}")
        scrolled(page)
        assert name_is_visible(page, row_id), row_id


@pytest.mark.parametrize("width", [1280, 390])
def test_nothing_scrolls_sideways(open_page: OpenPage, width: int) -> None:
    for path in ("comparison/?diff=1", "compare/?frameworks=flask,django,fastapi"):
        page = open_page(path, width=width).page
        page.wait_for_selector(".table-tools, .compare-view table")
        overflow = sideways_scroll(page)
        assert overflow <= 0, (path, width, overflow)
