#!/usr/bin/env python3
"""What a reader downloads, and Lighthouse's mobile scores, for the built site.

Builds the real site into a temporary folder (or takes --site), serves it with
gzip on 127.0.0.1 at a free port (a small server in this file, run as a child
process and stopped by its PID), then:

- loads the home, feature-table and FAQ pages in Chromium and counts every
  file the page requests until the network is idle (search index and worker
  included) and the bytes sent for them, gzip-compressed as served;
- runs Lighthouse (npm, mobile defaults: emulated phone, simulated slow 4G
  and CPU) on the same pages.

Prints figures beside the goals and exits 0 either way: speed goals are
reported, not tested. A missing tool is reported as not measured.
"""

from __future__ import annotations

import argparse
import gzip
import http.server
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, ClassVar

from support import CHROMIUM, CHROMIUM_ARGS, free_port, stop, wait_for_port

ROOT = Path(__file__).resolve().parent.parent.parent
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
PAGES = {"home": "", "table": "comparison/", "faq": "faq/"}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")

GOAL_HOME_KB = 80  # gzip, every file the home page requests
GOAL_HOME_FILES = 10
GOAL_SCORE = 100
LIGHTHOUSE_TIMEOUT = 180  # seconds per run: a benchmark is bounded in time

COMPRESSIBLE = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".map")


# The gzip-capable server -------------------------------------------------------


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, gzip-encoded (level 6, as nginx's gzip_comp_level 6) when asked."""

    cache: ClassVar[dict[Path, bytes]] = {}  # shared by every request's handler

    def send_head(self) -> Any:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (wants_gzip and path.is_file() and path.suffix in COMPRESSIBLE):
            return super().send_head()
        if path not in self.cache:
            self.cache[path] = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        body = self.cache[path]
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        return _Body(body)

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        pass


class _Body:
    """The file-like object send_head returns; copyfile() reads it."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self, size: int = -1) -> bytes:
        data, self.data = (self.data, b"") if size < 0 else (self.data[:size], self.data[size:])
        return data

    def close(self) -> None:
        pass


def serve(directory: str, port: int) -> None:
    handler = partial(GzipHandler, directory=directory)
    with http.server.ThreadingHTTPServer(("127.0.0.1", port), handler) as server:
        server.serve_forever()


def start_server(site: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    process = subprocess.Popen([sys.executable, __file__, "--serve", str(site), str(port)])
    try:
        wait_for_port(port, process)
    except BaseException:
        stop(process)
        raise
    return process, f"http://127.0.0.1:{port}/"


# Page weight --------------------------------------------------------------------


@dataclass
class Weight:
    files: list[tuple[str, int, int]]  # (path, bytes sent, bytes uncompressed)

    @property
    def sent(self) -> int:
        return sum(sent for _, sent, _ in self.files)

    @property
    def raw(self) -> int:
        return sum(raw for _, _, raw in self.files)


def sizes(site: Path, local: str) -> tuple[int, int]:
    """(bytes sent, bytes on disk) for one site path, gzip as the server sends it.

    Computed from the file rather than read from the browser, which reports
    no size for files a worker fetches (the search worker and its index).
    """
    file = site / local
    if local == "" or local.endswith("/"):
        file = file / "index.html"
    if not file.is_file():
        return 0, 0
    data = file.read_bytes()
    if file.suffix in COMPRESSIBLE:
        return len(gzip.compress(data, compresslevel=6, mtime=0)), len(data)
    return len(data), len(data)


def page_weights(base: str, site: Path) -> dict[str, Weight]:
    from playwright.sync_api import Request, sync_playwright

    weights: dict[str, Weight] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for name, path in PAGES.items():
            context = browser.new_context()  # empty cache: a first visit
            urls: list[str] = []

            def record(request: Request, urls: list[str] = urls) -> None:
                urls.append(request.url)

            context.on("requestfinished", record)
            context.new_page().goto(base + path, wait_until="networkidle")
            files = []
            for url in urls:
                local = url.removeprefix(base).split("#")[0].split("?")[0]
                files.append((local or "/", *sizes(site, local)))
            weights[name] = Weight(files)
            context.close()
        browser.close()
    return weights


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


# Report ------------------------------------------------------------------------


def build(dest: Path) -> bool:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",  # no --quiet: with it MkDocs stops counting warnings
            "-f",
            str(ROOT / "mkdocs.yml"),
            "-d",
            str(dest),
        ],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if run.returncode != 0:
        print(f"NOT MEASURED: the site does not build:\n{run.stderr.strip()[-2000:]}")
    return run.returncode == 0


def kb(n: int) -> str:
    return f"{n / 1024:.1f} KB"


def report_weights(weights: dict[str, Weight]) -> None:
    print("Page weight (first visit, empty cache, gzip as served):")
    for name, weight in weights.items():
        print(
            f"  {name:6} {kb(weight.sent):>9} gzip ({kb(weight.raw)} raw) "
            f"in {len(weight.files)} files"
        )
    home = weights["home"]
    verdict = (
        "met"
        if home.sent <= GOAL_HOME_KB * 1024 and len(home.files) <= GOAL_HOME_FILES
        else "NOT met"
    )
    print(
        f"  goal: home at most {GOAL_HOME_KB} KB gzip in at most {GOAL_HOME_FILES} files: {verdict}"
    )
    print("  home page, largest first:")
    for path, sent, raw in sorted(home.files, key=lambda f: -f[1]):
        print(f"    {kb(sent):>9} gzip {kb(raw):>9} raw  {path}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build one)")
    parser.add_argument("--no-lighthouse", action="store_true", help="page weight only")
    parser.add_argument(
        "--runs",
        type=int,
        default=1,
        choices=range(1, 6),
        help="Lighthouse runs per page; the median is reported (default 1)",
    )
    parser.add_argument("--serve", nargs=2, metavar=("DIR", "PORT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.serve[0], int(args.serve[1]))
        return 0

    with tempfile.TemporaryDirectory(prefix="bench-reader-") as tmp:
        site: Path = args.site or Path(tmp) / "site"
        if args.site is None and not build(site):
            return 0
        if not Path(CHROMIUM).exists():
            print(f"NOT MEASURED: {CHROMIUM} is missing (apt-get install chromium)")
            return 0
        server, base = start_server(site)
        try:
            report_weights(page_weights(base, site))
            print()
            if args.no_lighthouse:
                return 0
            if not LIGHTHOUSE.exists() or not shutil.which("node"):
                print("Lighthouse: NOT MEASURED (run `npm ci` for node_modules/.bin/lighthouse)")
                return 0
            print(
                f"Lighthouse {lighthouse_version()} mobile (goal: {GOAL_SCORE} in each "
                f"of {', '.join(CATEGORIES)}); scores move by a few points with the "
                "machine's load, so compare medians of --runs 3:"
            )
            for name, path in PAGES.items():
                runs: list[dict[str, int]] = []
                for run in range(args.runs):
                    out = Path(tmp) / f"lighthouse-{name}-{run}.json"
                    scores = lighthouse(base + path, out)
                    if isinstance(scores, str):
                        print(f"  {name:6} NOT MEASURED: {scores}")
                        break
                    runs.append(scores)
                    print(f"  {name:6} run {run + 1}: {metrics(out)}")
                    for line in failed_audits(out):
                        print(f"           - {line}")
                if runs:
                    median = {c: int(statistics.median(r[c] for r in runs)) for c in CATEGORIES}
                    figures = "  ".join(f"{c} {s:3d}" for c, s in median.items())
                    met = "met" if min(median.values()) >= GOAL_SCORE else "NOT met"
                    label = "median" if len(runs) > 1 else "scores"
                    print(f"  {name:6} {label}: {figures}  goal {met}")
        finally:
            stop(server)
    return 0


def lighthouse_version() -> str:
    package = ROOT / "node_modules" / "lighthouse" / "package.json"
    return str(json.loads(package.read_text()).get("version", "?"))


if __name__ == "__main__":
    sys.exit(main())
