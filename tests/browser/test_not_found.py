"""The 404 page (overrides/404.html, content/assets/javascripts/not-found.js), as a
reader meets it: served for an unknown address, it guesses the page meant, offers
search with the address's words and lists every page, with no console errors."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Route

from tests.browser.support import goto

pytestmark = pytest.mark.browser


@pytest.fixture
def missing(browser: Browser, base_url: str, site_dir: Path) -> Iterator[Page]:
    """A page whose unknown addresses get the built 404 page with status 404, as nginx does."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    errors: list[str] = []

    def route(route: Route) -> None:
        url = route.request.url
        if not url.startswith(base_url):
            errors.append(f"request off the host: {url}")
            route.abort()
        elif url.rstrip("/").endswith(("/securty", "/nothing-like-it-at-all")):
            route.fulfill(status=404, path=str(site_dir / "404.html"), content_type="text/html")
        else:
            route.continue_()

    context.route("**/*", route)
    page = context.new_page()
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert [e for e in errors if "404" not in e] == []  # the 404 status itself is logged


def test_a_misspelt_address_offers_the_page_it_meant(missing: Page, base_url: str) -> None:
    response = goto(missing, base_url + "securty/")
    assert response is not None and response.status == 404
    guess = missing.locator(".not-found__guess")
    guess.wait_for(state="visible")
    assert guess.inner_text() == "Did you mean Security?"
    assert guess.locator("a").get_attribute("href") == base_url + "security/"
    assert missing.input_value("#not-found-query") == "securty"
    # Every page in the menu is listed, the topics among them.
    links = missing.eval_on_selector_all(".not-found__pages a", "as => as.map(a => a.textContent)")
    assert {"Overview", "Security", "Feature table", "FAQ", "Changelog"} <= set(links)


def test_search_from_the_404_page_opens_the_site_search(missing: Page, base_url: str) -> None:
    goto(missing, base_url + "securty/")
    missing.fill("#not-found-query", "csrf")
    missing.click(".not-found__search button")
    missing.wait_for_url("**/?q=csrf")
    missing.wait_for_function("document.querySelector('input.md-search__input')?.value === 'csrf'")


def test_no_guess_when_nothing_is_close(missing: Page, base_url: str) -> None:
    goto(missing, base_url + "nothing-like-it-at-all/")
    assert missing.locator(".not-found__guess").is_hidden()
    assert missing.input_value("#not-found-query") == "nothing like it at all"
