#!/usr/bin/env python3
"""How much styling and layout loading a page costs, counted rather than timed.

Lighthouse's simulated mobile scores read the main thread's observed task
times, so on a shared, loaded machine they move by tens of points between two
runs of the same page. This counts the work instead, from a Chromium trace of
one load (phone viewport, as Lighthouse's mobile run): elements styled
(``UpdateLayoutTree``'s elementCount, summed over every style pass) and layout
objects laid out (``Layout``'s dirtyObjects), in total and before the last
largest-contentful-paint candidate. The counts depend on the page and the
browser, not on the machine's load, so a change to a page can be compared
before and after in one run:

    .venv/bin/python scripts/bench/bench_work.py --site site comparison/ architecture/
    .venv/bin/python scripts/bench/bench_work.py --site old-site --site site comparison/

The site is served by nginx as bench_reader serves it (deploy/nginx.conf).
Prints the figures and exits 0; a missing browser or nginx is reported.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench_reader import missing_tools, nginx

from harness.site import CHROMIUM, CHROMIUM_ARGS

CATEGORIES = ["devtools.timeline", "disabled-by-default-devtools.timeline", "loading"]


@dataclass(frozen=True)
class Work:
    elements: int  # in the document once its scripts have run
    styled: int
    styled_before_lcp: int
    laid_out: int
    laid_out_before_lcp: int
    style_passes: int


def count(events: list[dict[str, Any]], elements: int) -> Work:
    lcp = max(
        (e["ts"] for e in events if e.get("name") == "largestContentfulPaint::Candidate"),
        default=None,
    )

    def before(event: dict[str, Any]) -> bool:
        return lcp is not None and event["ts"] < lcp

    styles = [e for e in events if e.get("name") == "UpdateLayoutTree" and e.get("ph") == "X"]
    layouts = [e for e in events if e.get("name") == "Layout" and e.get("ph") in ("X", "B")]

    def styled(event: dict[str, Any]) -> int:
        return int(event.get("args", {}).get("elementCount", 0))

    def laid(event: dict[str, Any]) -> int:
        return int(event.get("args", {}).get("beginData", {}).get("dirtyObjects", 0))

    return Work(
        elements=elements,
        styled=sum(map(styled, styles)),
        styled_before_lcp=sum(styled(e) for e in styles if before(e)),
        laid_out=sum(map(laid, layouts)),
        laid_out_before_lcp=sum(laid(e) for e in layouts if before(e)),
        style_passes=sum(1 for e in styles if styled(e) > 0),
    )


def measure(sites: list[Path], paths: list[str]) -> None:
    from playwright.sync_api import sync_playwright

    with ExitStack() as stack, sync_playwright() as playwright:
        bases = []
        for site in sites:
            prefix = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-work-")))
            prefix.chmod(0o755)  # root's nginx reads the site as an unprivileged worker
            bases.append(stack.enter_context(nginx(site.resolve(), prefix / "nginx")))
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        trace = Path(stack.enter_context(tempfile.TemporaryDirectory())) / "trace.json"
        print(
            "Work while loading (phone viewport; counts, not times: elements styled and "
            "layout objects laid out, in total and before the LCP):"
        )
        for path in paths:
            for site, base in zip(sites, bases, strict=True):
                context = browser.new_context(  # Lighthouse's mobile viewport
                    viewport={"width": 412, "height": 823},
                    device_scale_factor=1.75,
                    is_mobile=True,
                    has_touch=True,
                )
                page = context.new_page()
                browser.start_tracing(page=page, path=str(trace), categories=CATEGORIES)
                page.goto(base + path, wait_until="networkidle")
                page.wait_for_timeout(300)  # the scripts' last passes after the network idles
                elements = int(page.evaluate("document.getElementsByTagName('*').length"))
                browser.stop_tracing()
                context.close()
                loaded = json.loads(trace.read_text())
                events = loaded["traceEvents"] if isinstance(loaded, dict) else loaded
                work = count(events, elements)
                print(
                    f"  /{path:<16} {site.name:<14} {work.elements:5d} elements  styled "
                    f"{work.styled:6d} in {work.style_passes:2d} passes "
                    f"({work.styled_before_lcp} before LCP)  laid out {work.laid_out:6d} "
                    f"({work.laid_out_before_lcp} before LCP)"
                )
        browser.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--site",
        type=Path,
        action="append",
        required=True,
        help="a site built by `make build`; give it twice to compare two builds",
    )
    parser.add_argument("paths", nargs="+", help="page paths, e.g. comparison/ ('' for home)")
    args = parser.parse_args()
    if missing := missing_tools():
        print(f"NOT MEASURED: {missing}")
        return 0
    measure(args.site, args.paths)
    return 0


if __name__ == "__main__":
    sys.exit(main())
