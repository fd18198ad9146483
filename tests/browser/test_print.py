"""Printing (print media emulated): the article and the table print without
the site's controls, and printed sources show where they point."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.browser.conftest import OpenPage

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def display(page: Page, selector: str) -> list[str]:
    shown: list[str] = page.eval_on_selector_all(
        selector, "items => items.map(e => getComputedStyle(e).display)"
    )
    return shown


def test_table_prints_without_controls(open_page: OpenPage) -> None:
    page = open_page("comparison/").page
    page.wait_for_selector(".table-tools")
    page.emulate_media(media="print")
    assert display(page, ".md-header, .md-sidebar, .md-footer") == ["none"] * 4
    assert set(display(page, "table.comparison tbody tr")) == {"table-row"}
    assert display(page, "table.comparison thead") == ["table-header-group"]
    assert display(page, ".table-tools") == ["none"]
    assert set(display(page, ".headerlink")) == {"none"}


def test_article_prints_sources_with_their_addresses(open_page: OpenPage) -> None:
    page = open_page("").page
    page.emulate_media(media="print")
    after = page.eval_on_selector(
        ".footnote li a[href^='http']", "a => getComputedStyle(a, '::after').content"
    )
    href = page.get_attribute(".footnote li a[href^='http']", "href")
    assert after == f'" <{href}>"'
    assert set(display(page, ".footnote-backref")) == {"none"}


def test_decision_form_is_left_out_of_print(open_page: OpenPage) -> None:
    page = open_page("decide/").page
    page.emulate_media(media="print")
    assert display(page, "form.decision-helper") == ["none"]
    guidance = display(page, "article > ul")
    assert guidance and "none" not in guidance  # the written guidance stays
