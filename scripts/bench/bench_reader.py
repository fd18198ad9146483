#!/usr/bin/env python3
"""What a reader downloads and meets, per page type, as nginx serves the site.

Builds the site as `make build` does (precompressed .gz files and the header
snippets), serves it with the shipped deploy/nginx.conf on 127.0.0.1 at a free
port (stopped by its PID), and measures every page type: home, a topic page,
the feature table, the FAQ, the decision helper, About, and a pair page when
the data has three or more frameworks.

- Page weight: every file the page requests until the network is idle, each
  fetched again from nginx with `Accept-Encoding: gzip`, so the bytes are the
  ones nginx sends. The search index and worker load only when a reader
  starts a search (content/assets/javascripts/search-on-demand.js): their
  cost is measured apart, as the files a first search on the home page adds.
- DOM elements: for every page of the site, after its scripts have run.
- Lighthouse (npm, mobile defaults: emulated phone, simulated slow 4G and CPU).

Prints the figures beside the goals and exits 0 either way: goals are
reported, not tested. A missing tool is reported as not measured.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from harness.nginx import command as nginx_command
from harness.nginx import write_config as nginx_config
from harness.site import CHROMIUM, CHROMIUM_ARGS, free_port, running
from macros.publish.build import build_site

ROOT = Path(__file__).resolve().parent.parent.parent
BENCH_NODE = ROOT / ".tools" / "bench-node" / "node_modules"  # make bench installs it
LIGHTHOUSE = BENCH_NODE / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")

GOAL_HOME_KB = 80  # gzip, with everything the home page loads
GOAL_SCORE = 100
GOAL_HOME_ELEMENTS = 800
GOAL_MAX_ELEMENTS = 1500
LIGHTHOUSE_TIMEOUT = 180  # seconds per run: a benchmark is bounded in time


# Serving as nginx does -------------------------------------------------------------


@contextmanager
def nginx(site: Path, prefix: Path) -> Iterator[str]:
    """deploy/nginx.conf serving ``site`` from its own ``prefix``; yields the base URL."""
    binary = shutil.which("nginx")
    if binary is None:
        raise FileNotFoundError("nginx is not installed (apt-get install nginx)")
    port = free_port()
    main = nginx_config(prefix, site, port, access_log=False)
    with running(nginx_command(binary, prefix, main), port) as url:
        yield url


def missing_tools() -> str | None:
    """What the reader benches need and this machine lacks, said in a line (else None)."""
    if not Path(CHROMIUM).exists():
        return f"{CHROMIUM} is missing (apt-get install chromium)"
    if shutil.which("nginx") is None:
        return "nginx is missing (apt-get install nginx)"
    return None


def sent_bytes(url: str) -> tuple[int, int]:
    """(bytes nginx sends with gzip accepted, bytes after decoding)."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request, timeout=10) as response:  # loopback only
        body = response.read()
        if response.headers.get("Content-Encoding") == "gzip":
            return len(body), len(gzip.decompress(body))
        return len(body), len(body)


def quiet_build(site: Path, log: Path, config: Path = ROOT / "mkdocs.yml") -> bool:
    """build_site with MkDocs' output in ``log`` (shown only if the build fails)."""
    saved = os.dup(1), os.dup(2)
    with log.open("wb") as out:
        sys.stdout.flush()
        sys.stderr.flush()
        os.dup2(out.fileno(), 1)
        os.dup2(out.fileno(), 2)
        try:
            ok = build_site(config, site) == 0
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os.dup2(saved[0], 1)
            os.dup2(saved[1], 2)
            os.close(saved[0])
            os.close(saved[1])
    if not ok:
        print(log.read_text(errors="replace")[-2000:])
    return ok


# Page types ---------------------------------------------------------------------


def page_types(site: Path) -> dict[str, str]:
    """Page type -> URL path, for the types this build has."""
    found = {"home": ""}
    topics = sorted(
        p.stem for p in (ROOT / "data" / "dimensions").glob("*.yml") if not p.stem.startswith("_")
    )
    topic = next((t for t in topics if (site / t / "index.html").is_file()), None)
    if topic:
        found["topic"] = f"{topic}/"
    for name, path in (
        ("table", "comparison/"),
        ("faq", "faq/"),
        ("decide", "decide/"),
        ("about", "about/"),
    ):
        if (site / path / "index.html").is_file():
            found[name] = path
    pair = sorted(p.parent.name for p in (site / "compare").glob("*-vs-*/index.html"))
    if pair:
        found["pair"] = f"compare/{pair[0]}/"
    return found


def every_page(site: Path) -> list[str]:
    pages = sorted(p.parent.relative_to(site).as_posix() for p in site.rglob("index.html"))
    return ["" if p == "." else f"{p}/" for p in pages]


# Weight and DOM size -----------------------------------------------------------------


@dataclass
class Weight:
    files: list[tuple[str, int, int]]  # (path, bytes sent, bytes decoded)
    seconds: float | None = None  # for a search: from the click to the first results

    @property
    def sent(self) -> int:
        return sum(sent for _, sent, _ in self.files)

    @property
    def raw(self) -> int:
        return sum(raw for _, _, raw in self.files)


SEARCH_QUERY = "django"  # a word every build of the real data has


def weigh(base: str, urls: list[str]) -> Weight:
    return Weight(
        [(url.removeprefix(base) or "/", *sent_bytes(url)) for url in dict.fromkeys(urls)]
    )


def measure(
    base: str, types: dict[str, str], pages: list[str]
) -> tuple[dict[str, Weight], dict[str, int]]:
    """Weights per page type (at load), plus "search": what a first search on
    the home page adds (focus the field, type a word, wait for results)."""
    from playwright.sync_api import Request, sync_playwright

    weights: dict[str, Weight] = {}
    elements: dict[str, int] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for name, path in types.items():
            context = browser.new_context()  # empty cache: a first visit
            urls: list[str] = []

            def record(request: Request, urls: list[str] = urls) -> None:
                urls.append(request.url.split("#")[0])

            context.on("requestfinished", record)
            page = context.new_page()
            page.goto(base + path, wait_until="networkidle")
            weights[name] = weigh(base, urls)
            if name == "home":
                loaded = len(urls)
                start = time.perf_counter()
                page.click("input.md-search__input")
                page.keyboard.type(SEARCH_QUERY)
                page.wait_for_selector(".md-search-result__link", state="attached")
                seconds = time.perf_counter() - start
                page.wait_for_timeout(500)  # the last requestfinished events arrive
                added = [url for url in urls[loaded:] if url not in urls[:loaded]]
                weights["search"] = weigh(base, added)
                weights["search"].seconds = seconds
            context.close()
        context = browser.new_context()
        page = context.new_page()
        for path in pages:
            page.goto(base + path, wait_until="networkidle")
            elements[path] = int(page.evaluate("document.getElementsByTagName('*').length"))
        context.close()
        browser.close()
    return weights, elements


# Lighthouse ---------------------------------------------------------------------


METRICS = {
    "first-contentful-paint": "FCP",
    "largest-contentful-paint": "LCP",
    "total-blocking-time": "TBT",
    "cumulative-layout-shift": "CLS",
    "speed-index": "SI",
}


def lighthouse(url: str, out: Path) -> dict[str, int] | str:
    """Category scores (0-100) for one mobile run, or why there are none."""
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    command = [
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={out}",
        f"--only-categories={','.join(CATEGORIES)}",
        "--chrome-flags=--headless --no-sandbox --disable-gpu",
    ]
    out.unlink(missing_ok=True)
    try:
        run = subprocess.run(
            command,
            env=env,
            capture_output=True,
            text=True,
            timeout=LIGHTHOUSE_TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return f"timed out after {LIGHTHOUSE_TIMEOUT} s"
    if run.returncode != 0 or not out.exists():
        return f"lighthouse exited {run.returncode}: {run.stderr.strip()[-300:]}"
    report = json.loads(out.read_text())
    return {c: round((report["categories"][c]["score"] or 0) * 100) for c in CATEGORIES}


def metrics(report_file: Path) -> str:
    audits = json.loads(report_file.read_text())["audits"]
    return "  ".join(
        f"{short} {audits[key].get('displayValue', '?')}"
        for key, short in METRICS.items()
        if key in audits
    )


def failed_audits(report_file: Path) -> list[str]:
    """Audits that cost points, for the reader of the figures."""
    report = json.loads(report_file.read_text())
    lines = []
    for category in CATEGORIES:
        for ref in report["categories"][category]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            score = audit.get("score")
            if ref["weight"] > 0 and score is not None and score < 1:
                shown = audit.get("displayValue", "")
                lines.append(f"{category}: {ref['id']} (score {score:.2f}) {shown}".rstrip())
    return lines


def lighthouse_version() -> str:
    package = BENCH_NODE / "lighthouse" / "package.json"
    return str(json.loads(package.read_text()).get("version", "?"))


# Report ------------------------------------------------------------------------


def kb(n: int) -> str:
    return f"{n / 1024:.1f} KB"


def met(ok: bool) -> str:
    return "met" if ok else "NOT met"


def report_weights(weights: dict[str, Weight]) -> None:
    print(
        "Page weight (first visit, empty cache, everything the page loads until the "
        "network is idle, gzip as nginx sends it):"
    )
    pages = {name: weight for name, weight in weights.items() if name != "search"}
    for name, weight in pages.items():
        print(
            f"  {name:6} {kb(weight.sent):>9} gzip ({kb(weight.raw)} decoded) "
            f"in {len(weight.files)} files"
        )
    home = weights["home"]
    print(f"  goal: home at most {GOAL_HOME_KB} KB gzip: {met(home.sent <= GOAL_HOME_KB * 1024)}")
    print("  home page, largest first:")
    for path, sent, raw in sorted(home.files, key=lambda f: -f[1]):
        print(f"    {kb(sent):>9} gzip {kb(raw):>9} decoded  {path}")
    search = weights.get("search")
    if search is not None:
        print(
            f"  search, loaded on a reader's first search ({SEARCH_QUERY!r} typed on the home "
            f"page): +{kb(search.sent)} gzip ({kb(search.raw)} decoded) in "
            f"{len(search.files)} files; home with search {kb(home.sent + search.sent)} gzip"
        )
        if search.seconds is not None:
            print(
                f"    first results {search.seconds:.2f} s after the click (typing included, "
                "loopback, no throttling)"
            )
        for path, sent, raw in sorted(search.files, key=lambda f: -f[1]):
            print(f"    {kb(sent):>9} gzip {kb(raw):>9} decoded  {path}")


def report_elements(types: dict[str, str], elements: dict[str, int]) -> None:
    print(f"DOM elements (after scripts ran), {len(elements)} pages:")
    for name, path in types.items():
        print(f"  {name:6} {elements[path]:6d}  /{path}")
    largest = max(elements, key=lambda p: elements[p])
    home = elements[""]
    print(f"  largest: {elements[largest]} on /{largest}")
    over = [f"/{p} ({n})" for p, n in sorted(elements.items()) if n > GOAL_MAX_ELEMENTS]
    if over:
        print(f"  over {GOAL_MAX_ELEMENTS}: {', '.join(over)}")
    print(
        f"  goal: home at most {GOAL_HOME_ELEMENTS}: {met(home <= GOAL_HOME_ELEMENTS)}; "
        f"no page over {GOAL_MAX_ELEMENTS}: {met(elements[largest] <= GOAL_MAX_ELEMENTS)}"
    )


def report_lighthouse(base: str, types: dict[str, str], runs: int, scratch: Path) -> None:
    if not LIGHTHOUSE.exists() or not shutil.which("node"):
        print("Lighthouse: NOT MEASURED (`make bench` installs it into .tools/bench-node/)")
        return
    print(
        f"Lighthouse {lighthouse_version()} mobile (goal: {GOAL_SCORE} in each of "
        f"{', '.join(CATEGORIES)}); scores move by a few points with the machine's "
        "load, so compare medians of --runs 3:"
    )
    for name, path in types.items():
        results: list[dict[str, int]] = []
        for run in range(runs):
            out = scratch / f"lighthouse-{name}-{run}.json"
            scores = lighthouse(base + path, out)
            if isinstance(scores, str):
                print(f"  {name:6} NOT MEASURED: {scores}")
                break
            results.append(scores)
            print(f"  {name:6} run {run + 1}: {metrics(out)}")
            for line in failed_audits(out):
                print(f"           - {line}")
        if results:
            median = {c: int(statistics.median(r[c] for r in results)) for c in CATEGORIES}
            figures = "  ".join(f"{c} {s:3d}" for c, s in median.items())
            label = "median" if len(results) > 1 else "scores"
            print(f"  {name:6} {label}: {figures}  goal {met(min(median.values()) >= GOAL_SCORE)}")


def synthetic_pair(scratch: Path, no_lighthouse: bool, runs: int) -> None:
    """A pair page exists only with three or more frameworks: measure one on
    synthetic data (scripts/bench/synthetic.py, 3 frameworks, 11 topics)."""
    import synthetic

    config = synthetic.generate(scratch / "three", 3, 11)
    site = scratch / "three-site"
    if not quiet_build(site, scratch / "three-build.log", config):
        print("Pair page: NOT MEASURED (the synthetic 3-framework site did not build)")
        return
    site = site.resolve()
    pair = {k: v for k, v in page_types(site).items() if k == "pair"}
    if not pair:
        print("Pair page: NOT MEASURED (the synthetic site has no compare/*-vs-*/ page)")
        return
    print("Pair page, synthetic data with 3 frameworks (the real data has 2):")
    with nginx(site, scratch / "nginx-three") as base:
        weights, elements = measure(base, pair, list(pair.values()))
        weight = weights["pair"]
        print(
            f"  pair   {kb(weight.sent):>9} gzip ({kb(weight.raw)} decoded) in "
            f"{len(weight.files)} files; {elements[pair['pair']]} DOM elements  /{pair['pair']}"
        )
        if not no_lighthouse:
            print(
                "  (best-practices: deploy/nginx/ carries the real site's CSP hashes; the "
                "synthetic build's inline scripts differ, so Chromium blocks one and logs it)"
            )
            report_lighthouse(base, pair, runs, scratch)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--site", type=Path, help="a site built by `make build` (default: build one)"
    )
    parser.add_argument("--no-lighthouse", action="store_true", help="weight and DOM size only")
    parser.add_argument(
        "--runs",
        type=int,
        default=1,
        choices=range(1, 6),
        help="Lighthouse runs per page; the median is reported (default 1)",
    )
    parser.add_argument(
        "--pages",
        help="comma-separated page types to run Lighthouse on (home, topic, table, faq, "
        "decide, about, pair; default: all)",
    )
    args = parser.parse_args()
    if missing := missing_tools():
        print(f"NOT MEASURED: {missing}")
        return 0
    with tempfile.TemporaryDirectory(prefix="bench-reader-") as name:
        scratch = Path(name)
        scratch.chmod(0o755)  # root's nginx reads the site as an unprivileged worker
        site: Path = args.site or scratch / "site"
        if args.site is None and not quiet_build(site, scratch / "build.log"):
            print("NOT MEASURED: the site does not build")
            return 0
        site = site.resolve()
        types = page_types(site)
        with nginx(site, scratch / "nginx") as base:
            weights, elements = measure(base, types, every_page(site))
            report_weights(weights)
            print()
            report_elements(types, elements)
            print()
            if not args.no_lighthouse:
                chosen = set(args.pages.split(",")) if args.pages else set(types)
                shown = {name: path for name, path in types.items() if name in chosen}
                report_lighthouse(base, shown, args.runs, scratch)
        if "pair" not in types and (args.pages is None or "pair" in args.pages.split(",")):
            print()
            synthetic_pair(scratch, args.no_lighthouse, args.runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
