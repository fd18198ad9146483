"""The site works in Chromium under the shipped CSP, served by the shipped nginx config.

A CSP violation is a console error in Chromium, so "zero console errors" on
every page also means the policy allows everything the site needs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from tests.deploy.test_nginx import page_urls
from tests.harness.site import CHROMIUM_ARGS, HEADLESS_SHELL, require_tool

pytestmark = pytest.mark.browser
STEP_TIMEOUT = 180  # seconds for one test's browser work: a hang fails, never blocks


# Runs before the page's own scripts; CDP-injected, so the CSP does not block it.
RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation",
    (e) => window.__violations.push(e.violatedDirective + " " + e.blockedURI));
"""


class BrowserThread:
    """One Chromium, driven from a thread of its own.

    Playwright's sync API allows one instance per thread, and tests/browser
    keeps its own open for the whole session, so ours cannot share the main
    thread. Tests hand this thread a function taking a fresh page.
    """

    def __init__(self, executable: str) -> None:
        self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="chromium")
        self.pool.submit(self._start, executable).result(timeout=STEP_TIMEOUT)

    def _start(self, executable: str) -> None:
        from playwright.sync_api import sync_playwright

        self.playwright = sync_playwright().start()
        self.browser = self.playwright.chromium.launch(
            executable_path=executable, args=CHROMIUM_ARGS
        )

    def run(self, check: Callable[[Any], None]) -> None:
        """Run check(page) on the browser's thread in a new context; re-raise its failure."""

        def in_thread() -> None:
            context = self.browser.new_context()
            try:
                page = context.new_page()
                page.add_init_script(RECORD_VIOLATIONS)
                check(page)
            finally:
                context.close()

        self.pool.submit(in_thread).result(timeout=STEP_TIMEOUT)

    def close(self) -> None:
        def in_thread() -> None:
            self.browser.close()
            self.playwright.stop()

        try:
            self.pool.submit(in_thread).result(timeout=STEP_TIMEOUT)
        finally:
            self.pool.shutdown()


@pytest.fixture(scope="module")
def chromium() -> Iterator[BrowserThread]:
    thread = BrowserThread(require_tool(HEADLESS_SHELL, "REQUIRE_BROWSER"))
    try:
        yield thread
    finally:
        thread.close()


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


def test_every_page_loads_with_zero_console_errors(
    chromium: BrowserThread, nginx_url: str, published_site: Path
) -> None:
    def check(page: Any) -> None:
        recorder = Recorder(page)
        for url in page_urls(published_site):
            response = page.goto(nginx_url + url, wait_until="networkidle")
            assert response.status == 200, url
            assert "script-src 'self' 'sha256-" in response.headers["content-security-policy"]
            # Material's first inline script defines these; the bundle needs them.
            assert page.evaluate("typeof __md_get === 'function' && typeof __md_scope === 'object'")
            assert page.evaluate("window.__violations") == [], url
        assert recorder.errors == []

    chromium.run(check)


def test_search_and_palette_work_under_the_csp(chromium: BrowserThread, nginx_url: str) -> None:
    def check(page: Any) -> None:
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

    chromium.run(check)


def test_the_404_page_renders_styled_and_clean(chromium: BrowserThread, nginx_url: str) -> None:
    def check(page: Any) -> None:
        recorder = Recorder(page)
        response = page.goto(nginx_url + "/no/such/page/", wait_until="networkidle")
        assert response.status == 404
        # Material's CSS loaded from the page's absolute /assets/ paths.
        header = "getComputedStyle(document.querySelector('.md-header')).position"
        assert page.evaluate(header) == "sticky"
        assert page.evaluate("window.__violations") == []
        # The only error is the document's own status, which is the point of the page.
        assert [e for e in recorder.errors if "status of 404" not in e] == []

    chromium.run(check)


def test_the_csp_really_blocks_an_injected_inline_script(
    chromium: BrowserThread, nginx_url: str
) -> None:
    """Guards against a policy that passes because it is not enforced at all."""

    def check(page: Any) -> None:
        page.goto(nginx_url + "/", wait_until="networkidle")
        page.evaluate("""() => {
            const s = document.createElement("script");
            s.textContent = "window.__injected = true";
            document.head.append(s);
        }""")
        page.wait_for_function("window.__violations.length > 0")
        assert page.evaluate("window.__injected === undefined")
        assert page.evaluate("window.__violations")[0].startswith("script-src")

    chromium.run(check)
