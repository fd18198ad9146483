"""Fixtures for the browser tests: one Chromium per session, the built site served
on loopback, and fresh browser contexts that record console errors and every
request that would leave the local server (and the browser's proxy refuses it).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, ProxySettings, Request, sync_playwright

from tests.browser.support import Scheme, Visit
from tests.harness.site import CHROMIUM_ARGS, HEADLESS_SHELL, require_tool, static_server

OpenPage = Callable[..., Visit]
# Every request that is not to 127.0.0.1 goes to a proxy that is not there, and fails
# at once: no test can reach the network, without routing every request through
# Playwright (routing turns Chromium's cache off and costs about 0.1 s of CPU a page).
NO_NETWORK: ProxySettings = {"server": "http://127.0.0.1:9", "bypass": "127.0.0.1"}


@pytest.fixture(scope="session")
def base_url(site_dir: Path) -> Iterator[str]:
    with static_server(site_dir) as url:
        yield url


@pytest.fixture(scope="session")
def three_site_url(three_site_dir: Path) -> Iterator[str]:
    """The three-framework fixture site, served like the real one."""
    with static_server(three_site_dir) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    executable = require_tool(HEADLESS_SHELL, "REQUIRE_BROWSER")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=executable, args=CHROMIUM_ARGS, proxy=NO_NETWORK
        )
        yield chromium
        chromium.close()


@pytest.fixture
def open_page(browser: Browser, base_url: str) -> Iterator[OpenPage]:
    """open_page(path, scheme=, width=, javascript=) -> Visit, loaded and idle."""
    contexts: list[BrowserContext] = []

    def open_(
        path: str = "", *, scheme: Scheme = "light", width: int = 1280, javascript: bool = True
    ) -> Visit:
        context = browser.new_context(
            color_scheme=scheme,
            java_script_enabled=javascript,
            viewport={"width": width, "height": 800},
        )
        contexts.append(context)
        context.set_default_timeout(10_000)  # fail fast; a local page needs far less
        visit = Visit(context.new_page(), base_url)

        def watch(request: Request) -> None:  # the context's: a worker's requests too
            if not request.url.startswith((base_url, "data:", f"blob:{base_url}")):
                visit.off_host.append(request.url)  # and NO_NETWORK makes it fail

        context.on("request", watch)
        visit.page.on(
            "console",
            lambda message: (
                visit.console_errors.append(message.text) if message.type == "error" else None
            ),
        )
        visit.page.on("pageerror", lambda error: visit.console_errors.append(str(error)))
        visit.goto(path)
        return visit

    yield open_
    for context in contexts:
        context.close()
