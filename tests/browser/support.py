"""Helpers for the browser tests: pages of the built site, axe-core, a visit.

Chromium is Debian's /usr/bin/chromium (never a downloaded browser), launched
with the flags that work headless as root on a 2-core machine.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from playwright.sync_api import Page

from tests.harness.site import ROOT, require_tool

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
Scheme = Literal["light", "dark"]


@dataclass
class Visit:
    """An open page and what went wrong while it was open."""

    page: Page
    base: str
    console_errors: list[str] = field(default_factory=list)
    off_host: list[str] = field(default_factory=list)

    def goto(self, path: str) -> None:
        self.page.goto(self.base + path, wait_until="networkidle")

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


def axe_violations(page: Page) -> list[str]:
    """axe-core's violations on the page once its transitions are over, one line each."""
    axe = require_tool(str(AXE), "REQUIRE_BROWSER")  # installed by `npm ci`
    settle(page)
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(path=axe)
    found: list[dict[str, Any]] = page.evaluate(
        """async () => (await axe.run(document, {resultTypes: ["violations"]})).violations
            .map(v => ({id: v.id, impact: v.impact,
                        nodes: v.nodes.map(n => n.target.join(" "))}))"""
    )
    return [f"{v['id']} ({v['impact']}): {', '.join(v['nodes'][:5])}" for v in found]


def site_pages(site_dir: Path) -> list[str]:
    """Every HTML page of the built site as a URL path ("" is the home page)."""
    paths = []
    for file in sorted(site_dir.rglob("*.html")):
        relative = file.relative_to(site_dir).as_posix()
        paths.append(relative.removesuffix("index.html"))
    return paths
