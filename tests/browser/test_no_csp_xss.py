"""Payloads every check accepts stay text in a real browser, with no CSP to help.

GitHub Pages sends no Content-Security-Policy, so escaping alone must hold.
tests/browser/xss_project.py builds a site whose titles, descriptions,
table cells, FAQ, sources, front matter and file names are full of markup
that would run if any escaping step were missing. Each page is served on
127.0.0.1 without a CSP and opened in Chromium; every element gets the
events inline handlers listen for, every <details> opens, and the search is
typed into: no dialog may appear, no request may leave 127.0.0.1, and no
element may carry an on* attribute. The round-two hostile cases that build
(tests/hostile/round_two.py) are part of the site, their SVG opened on its own.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Dialog, Route

from macros.safety.site import run_site_audit
from tests.browser.support import site_pages
from tests.browser.xss_project import ROUND_TWO_SAFE, make_xss_project
from tests.harness.site import mkdocs_build, static_server
from tests.hostile.cases import Safe

pytestmark = pytest.mark.browser

# Fire what inline handlers wait for, open what can open, list what has on*.
PROVOKE = """() => {
    const events = ["mouseover", "mouseenter", "focus", "click", "load", "error", "toggle"];
    for (const el of document.querySelectorAll("body *")) {
        if (el.closest("a[href], label, button, input, summary")) continue;  // no navigation
        for (const name of events) el.dispatchEvent(new Event(name));
    }
    for (const d of document.querySelectorAll("details")) d.open = true;
    return [...document.querySelectorAll("*")].flatMap(el =>
        [...el.attributes].filter(a => a.name.startsWith("on"))
            .map(a => `<${el.localName} ${a.name}="${a.value}">`));
}"""


SCAN = """() => [...document.querySelectorAll("*")].flatMap(el =>
    [...el.attributes].filter(a => a.name.startsWith("on"))
        .map(a => `<${el.localName} ${a.name}="${a.value}">`))"""


@pytest.fixture(scope="module")
def xss_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_xss_project(tmp_path_factory.mktemp("xss") / "project")
    site = project / "site"
    result = mkdocs_build(project / "mkdocs.yml", site)
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="module")
def xss_url(xss_site: Path) -> Iterator[str]:
    with static_server(xss_site) as url:  # Python's http.server: no CSP, no headers at all
        yield url


def test_the_payloads_pass_every_check_and_the_site_audit(xss_site: Path) -> None:
    """They are meant to get this far: the browser is the last word."""
    assert run_site_audit(xss_site).findings == []
    assert len(site_pages(xss_site)) >= 7


def test_the_round_two_payloads_are_in_the_served_site(xss_site: Path) -> None:
    """Each safe case of the hostile corpus's round two got into the pages, as text."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(xss_site.rglob("*.html"))]
    texts.append((xss_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert len(ROUND_TWO_SAFE) >= 5
    missing = [
        (case.name, text)
        for case in ROUND_TWO_SAFE
        if isinstance(case.expect, Safe)
        for text in case.expect.present
        if not any(text in page for page in texts)
    ]
    assert missing == []
    assert "assets/images/diagram.svg" in svg_files(xss_site)  # round two's SVG, opened too


def svg_files(site: Path) -> list[str]:
    """The SVG images of the project's own (content/assets/images), opened as documents."""
    return [
        p.relative_to(site).as_posix() for p in sorted((site / "assets" / "images").glob("*.svg"))
    ]


def test_no_payload_runs_in_chromium_without_a_csp(
    browser: Browser, xss_site: Path, xss_url: str
) -> None:
    dialogs: list[str] = []
    off_host: list[str] = []
    handlers: dict[str, list[str]] = {}
    results: dict[str, int] = {}
    context = browser.new_context()
    context.set_default_timeout(10_000)

    def guard(route: Route) -> None:
        if route.request.url.startswith(xss_url):
            route.continue_()
        else:
            off_host.append(route.request.url)
            route.abort()

    def on_dialog(dialog: Dialog) -> None:
        dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    context.route("**/*", guard)
    try:
        page = context.new_page()
        page.on("dialog", on_dialog)
        for path in [*site_pages(xss_site), *svg_files(xss_site)]:
            url = xss_url + path.replace("<", "%3C").replace(">", "%3E")
            page.goto(url, wait_until="networkidle")
            found = page.evaluate(PROVOKE)
            if found:
                handlers[path] = found
            page.wait_for_timeout(50)
        # Material renders search results as HTML from the index: search for the payloads.
        page.goto(xss_url, wait_until="networkidle")
        for query in ("onerror", "onload"):
            page.click("input.md-search__input")
            page.keyboard.press("Control+A")
            page.keyboard.type(query)
            page.wait_for_selector(".md-search-result__link", state="attached")
            results[query] = page.locator(".md-search-result__link").count()
            found = page.evaluate(SCAN)  # results are HTML: an <img onerror> fires on its own
            if found:
                handlers[f"search: {query}"] = found
    finally:
        context.close()
    assert dialogs == []
    assert off_host == []
    assert handlers == {}
    assert all(results.values()), results  # the search did render the payloads' entries
