"""Helpers for the browser tests: pages of the built site, axe-core, a visit.

Chromium is Debian's headless shell, /usr/bin/chromium-headless-shell (never a
downloaded browser; harness.site says why not the full browser), launched with
the flags that work headless as root on a 2-core machine.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from playwright.sync_api import Page, Request, Response

from tests.harness.site import ROOT, require_tool

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
Scheme = Literal["light", "dark"]
QUIET = 0.1  # seconds without a request in flight that count as "the network is idle"


def goto(page: Page, url: str, timeout: float = 10.0) -> Response | None:
    """``page.goto(url)`` until the load event, then until no request has been in
    flight for QUIET seconds: Playwright's ``networkidle`` (which waits a fixed
    0.5 s after the last request, 4 visits of every page in this suite) with a
    shorter window. Requests are counted from the page's own events, so a fetch
    the page's scripts start after the load event (compare.js) is waited for."""
    pending: set[Request] = set()
    last = [time.monotonic()]

    def started(request: Request) -> None:
        pending.add(request)
        last[0] = time.monotonic()

    def ended(request: Request) -> None:
        pending.discard(request)
        last[0] = time.monotonic()

    page.on("request", started)
    page.on("requestfinished", ended)
    page.on("requestfailed", ended)
    try:
        response = page.goto(url, wait_until="load")
        deadline = time.monotonic() + timeout
        while pending or time.monotonic() - last[0] < QUIET:
            if time.monotonic() > deadline:
                waiting = ", ".join(sorted(r.url for r in pending))
                raise TimeoutError(f"{url}: requests still in flight after {timeout} s: {waiting}")
            page.wait_for_timeout(20)
        return response
    finally:
        page.remove_listener("request", started)
        page.remove_listener("requestfinished", ended)
        page.remove_listener("requestfailed", ended)


@dataclass
class Visit:
    """An open page and what went wrong while it was open."""

    page: Page
    base: str
    console_errors: list[str] = field(default_factory=list)
    off_host: list[str] = field(default_factory=list)

    def goto(self, path: str) -> None:
        goto(self.page, self.base + path)

    def problems(self) -> list[str]:
        """Console errors and off-host requests so far, then forget them."""
        found = [f"console: {e}" for e in self.console_errors]
        found += [f"request off the host: {url}" for url in self.off_host]
        self.console_errors.clear()
        self.off_host.clear()
        return found


def settle(page: Page) -> None:
    """Wait until every running CSS transition and animation has finished.

    A colour measured mid-fade is neither the old nor the new one: Material's
    tooltips fade in (0.25 s), and any future transition on a colour scheme
    switch would do the same. Infinite animations (spinners) are not waited for.
    """
    page.evaluate(
        """() => Promise.all(document.getAnimations()
             .filter(a => a.effect && a.effect.getComputedTiming().iterations !== Infinity)
             .map(a => a.finished.catch(() => null)))"""
    )


SCHEME_NAMES: dict[Scheme, str] = {"light": "default", "dark": "slate"}  # data-md-color-scheme
OTHER_SCHEME: dict[Scheme, Scheme] = {"light": "dark", "dark": "light"}
_TOGGLE_TO = {"dark": "__palette_1", "light": "__palette_0"}  # Material's label switching to it


def switch_scheme(page: Page, to: Scheme) -> None:
    """The reader's own switch in the header, clicked as a reader clicks it; returns
    once the page is in that scheme. Material keeps the choice for the next pages."""
    page.click(f"label[for='{_TOGGLE_TO[to]}']")
    page.wait_for_function(
        "scheme => document.body.dataset.mdColorScheme === scheme", arg=SCHEME_NAMES[to]
    )


def axe_in_both_schemes(page: Page, scheme: Scheme) -> tuple[list[str], Scheme]:
    """axe's every rule in ``scheme`` (the one the page is in), then the reader's switch
    and the colour rules in the other: the DOM and layout stay, only colours change.
    Returns the violations, each named by its scheme, and the scheme the page is in now
    (the one the next page of this context opens in)."""
    found = [f"{scheme}: {v}" for v in axe_violations(page)]
    other = OTHER_SCHEME[scheme]
    switch_scheme(page, other)
    found += [f"{other}: {v}" for v in axe_violations(page, colour_only=True)]
    return found, other


def sideways_scroll(page: Page) -> int:
    """How many CSS pixels the page scrolls sideways (0 when it fits its width)."""
    return int(
        page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    )


def axe_on_every_page(page: Page) -> None:
    """Load axe-core into every page the page's context opens from now on, before the
    page's own scripts (V8 then compiles it once per renderer, not on every visit:
    about 0.18 s of CPU a page). axe_violations adds it to a page that lacks it."""
    page.context.add_init_script(path=require_tool(str(AXE), "REQUIRE_BROWSER"))


def axe_violations(page: Page, *, colour_only: bool = False) -> list[str]:
    """axe-core's violations on the page once its transitions are over, one line each.

    ``colour_only``: only the rules axe files under colour (``cat.color``, those it
    runs by default), for a second colour scheme of a page whose DOM and layout a
    full run has already checked: the other rules would see the same thing again.
    """
    axe = require_tool(str(AXE), "REQUIRE_BROWSER")  # installed by `npm ci`
    settle(page)
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(path=axe)
    found: list[dict[str, Any]] = page.evaluate(
        """async (colourOnly) => {
            const colour = axe.getRules(["cat.color"]).map(r => r.ruleId)
                .filter(id => axe._audit.rules.find(r => r.id === id).enabled !== false);
            const options = {resultTypes: ["violations"]};
            if (colourOnly) options.runOnly = {type: "rule", values: colour};
            return (await axe.run(document, options)).violations
                .map(v => ({id: v.id, impact: v.impact,
                            nodes: v.nodes.map(n => n.target.join(" "))}));
        }""",
        colour_only,
    )
    return [f"{v['id']} ({v['impact']}): {', '.join(v['nodes'][:5])}" for v in found]


def site_pages(site_dir: Path) -> list[str]:
    """Every HTML page of the built site as a URL path ("" is the home page)."""
    paths = []
    for file in sorted(site_dir.rglob("*.html")):
        relative = file.relative_to(site_dir).as_posix()
        paths.append(relative.removesuffix("index.html"))
    return paths
