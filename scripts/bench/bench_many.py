#!/usr/bin/env python3
"""Benchmark: pages, size and build time at 50, 100 and 200 frameworks (synthetic data).

Pair pages are made only for the pairs the data names (the featured pair and
each framework against each featured one: macros/render/pair_selection.py),
so pages and build time should grow linearly: before, 200 frameworks built
20,117 pages (763 MB) in 190 s. Goal: 200 frameworks in under 60 s.

One build per size (they are long). At 200 frameworks each synthetic dimension
file holds about 300 KB of text, over the reader's 256 KB limit on one file
(a guard for hand-edited files), so the build runs with that limit lifted.
Wall time is only meaningful on a quiet machine; CPU time is printed beside it.

Usage: scripts/bench/bench_many.py [SIZE ...]
"""

from __future__ import annotations

import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import synthetic

from harness.site import BUILD_ENV, ROOT

SIZES = (50, 100, 200)
DIMENSIONS = 12
GOAL_SECONDS = 60.0
# A strict MkDocs build with the reader's per-file limit raised (see above).
BUILD = """
import sys
import macros.data.yaml_reader as reader
reader.MAX_BYTES = 4 << 20
from mkdocs.__main__ import cli
sys.argv = ["mkdocs", "build", "--strict", "-q", "-f", sys.argv[1], "-d", sys.argv[2]]
cli()
"""


def build(config: Path, dest: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one build in a fresh process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", BUILD, str(config), str(dest)],
        capture_output=True,
        text=True,
        env=BUILD_ENV,
        cwd=ROOT,
        check=False,
    )
    wall = time.perf_counter() - started
    if result.returncode:
        raise SystemExit(f"build of {config} failed:\n{result.stderr[-3000:]}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def size_mb(site: Path) -> float:
    return sum(f.stat().st_size for f in site.rglob("*") if f.is_file()) / 1e6


def main(argv: list[str]) -> int:
    sizes = [int(a) for a in argv] or list(SIZES)
    print(f"many frameworks: synthetic data, {DIMENSIONS} dimensions, one build each")
    print(f"  {'frameworks':>10} {'pages':>6} {'pairs':>6} {'MB':>7} {'wall s':>7} {'CPU s':>6}")
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for count in sizes:
            project = Path(tmp) / f"n{count}"
            config = synthetic.generate(project, count, DIMENSIONS)
            site = project / "site"
            wall, cpu = build(config, site)
            pages = sum(1 for _ in site.rglob("index.html"))
            pairs = sum(1 for _ in (site / "compare").glob("*-vs-*"))
            results[count] = (pages, wall, cpu)
            print(
                f"  {count:>10} {pages:>6} {pairs:>6} {size_mb(site):>7.1f} "
                f"{wall:>7.1f} {cpu:>6.1f}"
            )
    largest = max(results)
    _, wall, cpu = results[largest]
    print(
        f"  {largest}-framework build: {wall:.1f} s wall, {cpu:.1f} s CPU "
        f"(goal < {GOAL_SECONDS:.0f} s) {'OK' if wall < GOAL_SECONDS else 'OVER GOAL'}"
    )
    if len(results) > 1:
        small = min(results)
        per_page = {n: cpu / pages for n, (pages, _, cpu) in results.items()}
        ratio = per_page[largest] / per_page[small]
        print(f"  CPU per page at {largest} / at {small}: {ratio:.2f} (linear: about 1)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
