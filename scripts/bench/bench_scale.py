#!/usr/bin/env python3
"""Benchmark: build time as frameworks are added (synthetic data, 12 dimensions).

Prints, for 10, 20 and 40 frameworks: pages, build time (median of RUNS,
process start included), CPU time, time per page, and the growth ratio (time
per page at 40 / at 10). Goals (issue 22): the 40-framework build in at most
6 s and a growth ratio of at most 1.3. Wall time is only meaningful on a
quiet machine, so CPU time is printed beside it and the 40-framework line
judges both.
"""

from __future__ import annotations

import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

import synthetic

from harness.site import mkdocs_build
from macros.safety.site import run_site_audit

SIZES = (10, 20, 40)
DIMENSIONS = 12
RUNS = 3
GOAL_SECONDS, GOAL_GROWTH = 6.0, 1.3


# .pyc files kept between builds, as a developer's or CI's Python does (the warm-up
# build writes them even where PYTHONDONTWRITEBYTECODE is set).
WITH_PYC = {"PYTHONDONTWRITEBYTECODE": ""}


def build(config: Path, dest: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds: user + system) of one strict build in a fresh process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = mkdocs_build(config, dest, env=WITH_PYC)
    wall = time.perf_counter() - started
    if result.returncode:
        raise SystemExit(f"build of {config} failed:\n{result.stderr}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> int:
    results = {}
    audit = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        for size in SIZES:
            project = Path(tmp) / f"n{size}"
            config = synthetic.generate(project, size, DIMENSIONS)
            build(config, project / "warm")  # warm the template cache and .pyc files
            runs = [build(config, project / "site") for _ in range(RUNS)]
            pages = sum(1 for _ in (project / "site").rglob("index.html"))
            if size == SIZES[-1]:
                started = time.process_time()
                run_site_audit(project / "site")
                audit = time.process_time() - started
            wall = statistics.median(r[0] for r in runs)
            cpu = statistics.median(r[1] for r in runs)
            results[size] = (pages, wall, cpu)
    print(f"scaling: synthetic data, {DIMENSIONS} dimensions, median of {RUNS} builds")
    print(f"  {'frameworks':>10} {'pages':>6} {'wall s':>7} {'CPU s':>6} {'ms/page':>8}")
    for size, (pages, wall, cpu) in results.items():
        print(f"  {size:>10} {pages:>6} {wall:>7.2f} {cpu:>6.2f} {wall / pages * 1000:>8.1f}")
    (p10, w10, _), (p40, w40, c40) = results[10], results[40]
    growth = (w40 / p40) / (w10 / p10)
    print(
        f"  40-framework build: {w40:.2f} s wall, {c40:.2f} s CPU (goal <= {GOAL_SECONDS:.0f} s) "
        f"{'OK' if w40 <= GOAL_SECONDS else 'OVER GOAL'}"
        f"{'' if w40 <= GOAL_SECONDS or c40 > GOAL_SECONDS else ' (CPU within it: a busy machine)'}"
    )
    print(f"  the site audit `comparison build` adds after MkDocs: {audit:.2f} s CPU")
    print(f"  load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(
        f"  growth ratio (ms/page at 40 / at 10): {growth:.2f} (goal <= {GOAL_GROWTH}) "
        f"{'OK' if growth <= GOAL_GROWTH else 'OVER GOAL'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
