"""Every page of the built site, in both colour schemes and on a phone: no console
errors, no request off the host, and no axe-core violation (every rule in the light
scheme, the colour rules in the dark one), checked with all hidden content shown
(answers open, helper filled in, table sorted)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.conftest import OpenPage
from tests.browser.support import Scheme, axe_on_every_page, axe_violations, site_pages

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SCHEME_NAMES = {"light": "default", "dark": "slate"}  # Material's data-md-color-scheme

REVEAL = """async () => {
  document.querySelectorAll("details").forEach(d => { d.open = true; });
  document.querySelectorAll("form.decision-helper input[type=checkbox]")
    .forEach(box => box.click());
  document.querySelectorAll(".table-tools input[name=diff], .compare-view input[name=diff]")
    .forEach(box => box.click());
}"""


@pytest.mark.parametrize(
    ("scheme", "width"),
    [("light", 1280), ("dark", 1280), ("light", 360), ("dark", 360)],
    ids=["light", "dark", "light-phone", "dark-phone"],
)
def test_every_page_is_clean(
    open_page: OpenPage, site_dir: Path, scheme: Scheme, width: int
) -> None:
    paths = site_pages(site_dir)
    assert {"", "comparison/", "faq/", "decide/", "404.html"} <= set(paths)
    visit = open_page(paths[0], scheme=scheme, width=width)
    axe_on_every_page(visit.page)
    problems: dict[str, list[str]] = {}
    for path in paths:
        visit.goto(path)
        page = visit.page
        # The scheme really is the one under test (Material follows the system's).
        assert page.evaluate("document.body.dataset.mdColorScheme") == SCHEME_NAMES[scheme]
        if page.locator("table[data-tools]").count():
            page.wait_for_selector(".table-tools")
        if page.locator(".compare-view").count():
            page.wait_for_selector(".compare-view table.comparison")
        page.evaluate(REVEAL)
        # Dark differs from light in colours only (same DOM, same layout): the light run
        # of the same width checks every rule, the dark one the colour rules.
        found = visit.problems() + axe_violations(page, colour_only=scheme == "dark")
        if width < 400:
            overflow = page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            if overflow > 0:
                found.append(f"scrolls sideways by {overflow} px at {width} px wide")
        if found:
            problems[path or "/"] = found
    assert problems == {}
