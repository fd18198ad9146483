"""Hostile addresses for the site's own scripts, served without a CSP (issue 21, part 3).

GitHub Pages sends no Content-Security-Policy, so the scripts themselves must
hold: every address they write (the decide page's "link to this result", the
compare view's share link, replaceState) is this site's origin plus the page's
own path, and a fragment that is no valid percent-encoding is ignored. Each
address below is opened in Chromium on 127.0.0.1 through Python's http.server
(no headers at all): no dialog, no request off 127.0.0.1, no uncaught error,
and every link the scripts wrote stays on the site's origin.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from playwright.sync_api import Browser, Dialog, Page, Route

from macros.data.loader import load_or_raise
from tests.browser.support import goto
from tests.harness.site import ROOT

pytestmark = [pytest.mark.browser, pytest.mark.slow]

WRITTEN_LINKS = ".decision-share, .compare-view__share"


@pytest.fixture(scope="module")
def criterion() -> str:
    decision = load_or_raise(ROOT / "data", ROOT).decision
    assert decision is not None
    return decision.criteria[0].id


def hostile_addresses(criterion: str) -> list[str]:
    """Paths after the origin; what each one tries is in its own words."""
    return [
        # The link to this result was built from location.pathname: a link to other.host.
        f"//other.host/..%2F/decide/?needs={criterion}",
        "//other.host/..%2F/compare/?frameworks=flask,django",
        # A fragment that is no valid percent-encoding threw "URI malformed".
        "/faq/#%E0%A4%A",
        "/comparison/#%E0%A4%A",
        "/%E0%A4%A/",  # the 404 page reads its own address
        # Markup and schemes in the values the scripts read from the address.
        f"/decide/?needs={criterion},%3Cimg%20src=x%20onerror=alert(1)%3E,javascript:alert(2)",
        "/faq/#%3Cimg%20src=x%20onerror=alert(3)%3E",
        "/compare/?frameworks=%3Csvg%20onload=alert(4)%3E,//other.host,flask&diff=1",
        "/comparison/?frameworks=flask,%22%3E%3Cscript%3Ealert(5)%3C/script%3E#x%22%3E",
    ]


@pytest.fixture
def page(browser: Browser, base_url: str, site_dir: Path) -> Iterator[tuple[Page, list[str]]]:
    """A page whose problems are listed: dialogs, requests off the host, page errors.

    Unknown addresses get the built 404 page, as nginx and GitHub Pages serve it.
    """
    problems: list[str] = []
    context = browser.new_context()
    context.set_default_timeout(10_000)
    origin = base_url.rstrip("/")

    def route(route: Route) -> None:
        url = route.request.url
        if not url.startswith(origin + "/"):
            problems.append(f"request off the host: {url}")
            route.abort()
            return
        path = unquote(urlsplit(url).path, errors="replace").lstrip("/")
        target = (site_dir / path).resolve()
        if target.is_dir():
            target = target / "index.html"
        if site_dir.resolve() in target.parents and target.is_file():
            route.continue_()
        else:
            route.fulfill(status=404, path=str(site_dir / "404.html"), content_type="text/html")

    def on_dialog(dialog: Dialog) -> None:
        problems.append(f"dialog: {dialog.type}: {dialog.message}")
        dialog.dismiss()

    context.route("**/*", route)
    opened = context.new_page()
    opened.on("dialog", on_dialog)
    opened.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    yield opened, problems
    context.close()


def test_every_hostile_address(page: tuple[Page, list[str]], base_url: str, criterion: str) -> None:
    opened, problems = page
    origin = base_url.rstrip("/")
    seen: dict[str, list[str]] = {}
    for address in hostile_addresses(criterion):
        goto(opened, origin + address)
        found = list(problems)
        problems.clear()
        if not opened.url.startswith(origin + "/"):
            found.append(f"address bar left the site: {opened.url}")
        for href in opened.eval_on_selector_all(
            WRITTEN_LINKS, "links => links.filter(a => !a.hidden).map(a => a.href)"
        ):
            if not href.startswith(origin + "/"):
                found.append(f"a link the script wrote leaves the site: {href}")
        if found:
            seen[address] = found
    assert seen == {}


def test_the_link_to_a_result_stays_on_the_site(
    page: tuple[Page, list[str]], base_url: str, criterion: str
) -> None:
    """The case the issue found, step by step: the link is there, and on this host."""
    opened, problems = page
    origin = base_url.rstrip("/")
    goto(opened, f"{origin}//other.host/..%2F/decide/?needs={criterion}")
    share = opened.locator(".decision-share")
    assert share.is_visible()
    href = share.get_attribute("href") or ""
    assert urlsplit(href).netloc == urlsplit(origin).netloc, href
    assert href.endswith(f"?needs={criterion}#helper"), href
    assert problems == []
