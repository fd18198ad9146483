"""Fixtures for the editor-experience tests: a live preview and a browser."""

from __future__ import annotations

import html
import re
import shutil
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar, cast

import pytest

from tests.harness.site import CHROMIUM_ARGS, FIXTURES, HEADLESS_SHELL, mkdocs_serve, require_tool

REQUEST_TIMEOUT = 10  # seconds: a preview that hangs fails the request instead of the suite


@dataclass
class Preview:
    """`mkdocs serve --livereload` on a copy of a fixture project."""

    url: str
    project: Path
    log: Path

    def text(self, path: str = "") -> str:
        """The page's text without tags, entities decoded."""
        return html.unescape(re.sub(r"<[^>]+>", "", self.get(path)))

    def get(self, path: str = "") -> str:
        with urllib.request.urlopen(self.url + path, timeout=REQUEST_TIMEOUT) as response:
            assert response.status == 200
            return str(response.read().decode("utf-8"))

    def wait_for(
        self, check: Callable[[str], bool], path: str = "", seconds: float = 60, html: bool = False
    ) -> str:
        """Poll a page's text (or ``html``) until ``check`` accepts it.

        Each request is itself bounded by REQUEST_TIMEOUT.
        """
        deadline = time.monotonic() + seconds
        while True:
            page = self.get(path) if html else self.text(path)
            if check(page):
                return page
            if time.monotonic() > deadline:
                raise AssertionError(f"the preview did not update; last page:\n{page[:2000]}")
            time.sleep(0.2)


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[Preview]:
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "minimal", project)
    log = tmp_path / "serve.log"
    with mkdocs_serve(project / "mkdocs.yml", log) as url:
        yield Preview(url, project, log)


T = TypeVar("T")


def in_own_browser(test: Callable[[Any], T]) -> T:
    """Run ``test(browser)`` with a Chromium of its own, in a thread of its own.

    Playwright's sync API refuses to start while another sync Playwright is
    open in the same thread, and other test folders keep a session-wide one
    open; a fresh thread has no event loop, so this works in any test order.
    """
    executable = require_tool(HEADLESS_SHELL, "REQUIRE_BROWSER")
    outcome: dict[str, Any] = {}

    def run() -> None:
        from playwright.sync_api import sync_playwright

        try:
            with sync_playwright() as playwright:
                chromium = playwright.chromium.launch(
                    executable_path=executable, args=CHROMIUM_ARGS
                )
                try:
                    outcome["value"] = test(chromium)
                finally:
                    chromium.close()
        except BaseException as exc:  # handed to the test's own thread below
            outcome["error"] = exc

    thread = threading.Thread(target=run, name="editor-browser")
    thread.start()
    thread.join()
    if "error" in outcome:
        raise outcome["error"]
    return cast(T, outcome["value"])
