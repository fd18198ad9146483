"""The site works in Chromium under the shipped CSP, served by the shipped nginx config.

A CSP violation is a console error in Chromium, so "zero console errors" on
every page also means the policy allows everything the site needs.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.deploy.test_nginx import page_urls
from tests.helpers import require_tool

pytestmark = pytest.mark.browser

LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# Runs before the page's own scripts; CDP-injected, so the CSP does not block it.
RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation",
    (e) => window.__violations.push(e.violatedDirective + " " + e.blockedURI));
"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    executable = require_tool("/usr/bin/chromium", "REQUIRE_BROWSER")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=LAUNCH_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


class Recorder:
    """Console errors, uncaught exceptions and failed requests of one page."""

    def __init__(self, page: Any) -> None:
        self.errors: list[str] = []
        page.on(
            "console",
            lambda m: (
                m.type == "error"
                and self.errors.append(f"console: {m.text} ({m.location.get('url')})")
            ),
        )
        page.on("pageerror", lambda e: self.errors.append(f"exception: {e}"))
        page.on(
            "requestfailed", lambda r: self.errors.append(f"request failed: {r.url} {r.failure}")
        )


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context()
    page = context.new_page()
    page.add_init_script(RECORD_VIOLATIONS)
    try:
        yield page
    finally:
        context.close()


def test_every_page_loads_with_zero_console_errors(
    page: Any, nginx_url: str, published_site: Path
) -> None:
    recorder = Recorder(page)
    for url in page_urls(published_site):
        response = page.goto(nginx_url + url, wait_until="networkidle")
        assert response.status == 200, url
        assert "script-src 'self' 'sha256-" in response.headers["content-security-policy"]
        # Material's first inline script defines these; the bundle needs them.
        assert page.evaluate("typeof __md_get === 'function' && typeof __md_scope === 'object'")
        assert page.evaluate("window.__violations") == [], url
    assert recorder.errors == []


def test_search_and_palette_work_under_the_csp(page: Any, nginx_url: str) -> None:
    recorder = Recorder(page)
    page.goto(nginx_url + "/", wait_until="networkidle")
    # The search worker (a separate script file) must load and answer.
    page.click("input.md-search__input")
    page.keyboard.type("django")
    page.wait_for_selector(".md-search-result__item", timeout=15_000)
    page.keyboard.press("Escape")
    # The palette toggle stores the choice; the hashed inline script applies it on reload.
    scheme = page.get_attribute("body", "data-md-color-scheme")
    page.click("form[data-md-component=palette] label:visible")
    switched = page.get_attribute("body", "data-md-color-scheme")
    assert switched != scheme
    page.reload(wait_until="networkidle")
    assert page.get_attribute("body", "data-md-color-scheme") == switched
    assert page.evaluate("window.__violations") == []
    assert recorder.errors == []


def test_the_404_page_renders_styled_and_clean(page: Any, nginx_url: str) -> None:
    recorder = Recorder(page)
    response = page.goto(nginx_url + "/no/such/page/", wait_until="networkidle")
    assert response.status == 404
    assert (
        page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
    )  # Material's CSS loaded from absolute /assets/ paths
    assert page.evaluate("window.__violations") == []
    # The only error is the document's own status, which is the point of the page.
    assert [e for e in recorder.errors if "status of 404" not in e] == []


def test_the_csp_really_blocks_an_injected_inline_script(page: Any, nginx_url: str) -> None:
    """Guards against a policy that passes because it is not enforced at all."""
    page.goto(nginx_url + "/", wait_until="networkidle")
    page.evaluate("""() => {
        const s = document.createElement("script");
        s.textContent = "window.__injected = true";
        document.head.append(s);
    }""")
    page.wait_for_function("window.__violations.length > 0")
    assert page.evaluate("window.__injected === undefined")
    assert page.evaluate("window.__violations")[0].startswith("script-src")
