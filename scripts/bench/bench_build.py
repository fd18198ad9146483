#!/usr/bin/env python3
"""Benchmark: our build against a plain Material build of the same pages.

"Ours" is `mkdocs build` of the real site (the comparison plugin loads,
checks and renders data/). "Plain" is a plugin-free MkDocs build of the tree
`comparison stage` writes: the same theme, extensions, nav and Markdown the
plugin renders, as ordinary files (macros.publish.stage, the second engine's
input). The ratio is the plugin's whole cost. Runs alternate to share any
noise; CPU seconds (user + system of the build process) are the steadier
figure on a shared machine. Goal: CPU ratio at most 1.05.
"""

from __future__ import annotations

import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

from harness.site import mkdocs_build
from macros.publish.stage import stage

ROOT = Path(__file__).resolve().parent.parent.parent
RUNS = 7
GOAL = 1.05


# Builds keep their compiled .pyc files, as a developer's or CI's Python does: with
# PYTHONDONTWRITEBYTECODE set (as on some shared machines) every build would compile
# the project's modules again (about 0.09 s CPU), which the plain build never imports.
WITH_PYC = {"PYTHONDONTWRITEBYTECODE": ""}


def timed_build(config: Path, dest: Path) -> tuple[float, float]:
    """Wall and CPU seconds of one strict build of ``config`` into ``dest``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = mkdocs_build(config, dest, env=WITH_PYC)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode:
        raise SystemExit(f"build of {config} failed:\n{result.stderr}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        plain = stage(ROOT / "mkdocs.yml", work / "stage").config
        ours_runs, plain_runs = [], []
        timed_build(ROOT / "mkdocs.yml", work / "warm")  # warm caches and .pyc files
        for _ in range(RUNS):
            ours_runs.append(timed_build(ROOT / "mkdocs.yml", work / "ours"))
            plain_runs.append(timed_build(plain, work / "plain"))
        pages = sum(1 for _ in (work / "ours").rglob("index.html"))
    ours_wall, base_wall = (
        statistics.median(r[0] for r in runs) for runs in (ours_runs, plain_runs)
    )
    ours_cpu, base_cpu = (statistics.median(r[1] for r in runs) for runs in (ours_runs, plain_runs))
    ratio = ours_cpu / base_cpu
    print(f"build ({pages} pages, median of {RUNS} runs, process start included)")
    print(f"  ours (data -> site):             {ours_wall:.3f} s wall, {ours_cpu:.3f} s CPU")
    print(f"  plain Material, the staged tree: {base_wall:.3f} s wall, {base_cpu:.3f} s CPU")
    print(f"  wall ratio: {ours_wall / base_wall:.3f}")
    print(f"  CPU ratio: {ratio:.3f} (goal <= {GOAL}) {'OK' if ratio <= GOAL else 'OVER GOAL'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
