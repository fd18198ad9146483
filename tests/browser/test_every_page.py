"""Every page of the built site, in both colour schemes, on a desktop and on a phone:
no console errors, no request off the host, and no axe-core violation, checked with
all hidden content shown (answers open, helper filled in, table sorted).

Each page is loaded once per width. axe runs every rule in the scheme the page opens
in; then the reader's own switch turns the other scheme on, and axe runs the colour
rules again (the DOM and layout are the same, only the colours change). Material
remembers the reader's choice, so the next page opens in that other scheme: which
scheme gets every rule alternates from page to page, and every page's colours are
checked in both.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.conftest import OpenPage
from tests.browser.support import (
    SCHEME_NAMES,
    Scheme,
    axe_in_both_schemes,
    axe_on_every_page,
    sideways_scroll,
    site_pages,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]


REVEAL = """async () => {
  document.querySelectorAll("details").forEach(d => { d.open = true; });
  document.querySelectorAll("form.decision-helper input[type=checkbox]")
    .forEach(box => box.click());
  document.querySelectorAll(".table-tools input[name=diff], .compare-view input[name=diff]")
    .forEach(box => box.click());
}"""


@pytest.mark.parametrize("width", [1280, 360], ids=["desktop", "phone"])
def test_every_page_is_clean(open_page: OpenPage, site_dir: Path, width: int) -> None:
    paths = site_pages(site_dir)
    assert {"", "comparison/", "faq/", "decide/", "404.html"} <= set(paths)
    visit = open_page(paths[0], scheme="light", width=width)
    axe_on_every_page(visit.page)
    problems: dict[str, list[str]] = {}
    scheme: Scheme = "light"  # the system's, until the reader switches
    for path in paths:
        visit.goto(path)
        page = visit.page
        # The scheme really is the expected one: the system's on the first page, then
        # the reader's last choice, which Material keeps from page to page.
        assert page.evaluate("document.body.dataset.mdColorScheme") == SCHEME_NAMES[scheme]
        if page.locator("table[data-tools]").count():
            page.wait_for_selector(".table-tools")
        if page.locator(".compare-view").count():
            page.wait_for_selector(".compare-view table.comparison")
        page.evaluate(REVEAL)
        found = visit.problems()
        if width < 400:
            overflow = sideways_scroll(page)
            if overflow > 0:
                found.append(f"scrolls sideways by {overflow} px at {width} px wide")
        violations, scheme = axe_in_both_schemes(page, scheme)
        found += violations + visit.problems()
        if found:
            problems[path or "/"] = found
    assert problems == {}
