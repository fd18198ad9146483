#!/usr/bin/env python3
"""Benchmark: the second engine. Zensical building the staged site against our MkDocs build.

"MkDocs" is `mkdocs build --strict` of the project (the comparison plugin
renders data/ on the fly). "Zensical" is `comparison stage` (timed apart)
followed by `zensical build --clean` of the staged tree: --clean empties
Zensical's cache, so each run is a full build, as ours is; the "cached" figure
rebuilds with the cache kept. Runs alternate to share any noise. A report, not
a goal: MkDocs stays the default engine (README, "Second engine").

Usage: scripts/bench/bench_engines.py [--frameworks N]   (N: also a synthetic site, one run)
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import synthetic

from harness.site import mkdocs_build
from macros.publish.stage import stage

ROOT = Path(__file__).resolve().parent.parent.parent
ZENSICAL = Path(sys.executable).with_name("zensical")
RUNS = 3


def timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def timed_cpu(action: Callable[[], object]) -> tuple[float, float]:
    """Wall and CPU seconds (user + system) of the child processes ``action`` runs.

    CPU time is the steadier figure on a shared machine; wall time includes
    Zensical's use of several cores.
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall = timed(action)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def build_mkdocs(config: Path, dest: Path) -> None:
    result = mkdocs_build(config, dest)
    if result.returncode:
        raise SystemExit(f"mkdocs build of {config} failed:\n{result.stderr}")


def build_zensical(config: Path, *, clean: bool = True) -> None:
    command = [str(ZENSICAL), "build", "--strict", "-f", str(config)]
    result = subprocess.run(
        command + (["--clean"] if clean else []), capture_output=True, text=True, check=False
    )
    if result.returncode:
        raise SystemExit(f"zensical build of {config} failed:\n{result.stdout}{result.stderr}")


def compare(name: str, config: Path, work: Path, runs: int) -> None:
    staging = timed(lambda: stage(config, work / "stage"))
    staged = work / "stage" / "mkdocs.yml"
    pages = sum(1 for _ in (work / "stage" / "docs").rglob("*.md"))
    build_mkdocs(config, work / "warm")  # warm caches and .pyc files
    mkdocs_runs, zensical_runs = [], []
    for _ in range(runs):
        mkdocs_runs.append(timed_cpu(lambda: build_mkdocs(config, work / "site")))
        zensical_runs.append(timed_cpu(lambda: build_zensical(staged)))
    cached = timed(lambda: build_zensical(staged, clean=False))
    ours = [statistics.median(run[i] for run in mkdocs_runs) for i in (0, 1)]
    theirs = [statistics.median(run[i] for run in zensical_runs) for i in (0, 1)]
    print(f"{name}: {pages} pages, median of {runs}; wall s, CPU s")
    print(f"  MkDocs (ours)          {ours[0]:7.2f} {ours[1]:7.2f}")
    print(f"  stage                  {staging:7.2f}")
    print(
        f"  Zensical (--clean)     {theirs[0]:7.2f} {theirs[1]:7.2f}   "
        f"{theirs[0] / ours[0]:.2f}x ours (wall), {theirs[1] / ours[1]:.2f}x (CPU)"
    )
    print(f"  Zensical (cached)      {cached:7.2f}")
    print(f"  stage + Zensical       {staging + theirs[0]:7.2f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frameworks", type=int, default=0, help="also a synthetic site")
    args = parser.parse_args()
    if not ZENSICAL.exists():
        print(f"{ZENSICAL} is missing: install the docs-engine group (make .venv/.installed)")
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        compare("real site", ROOT / "mkdocs.yml", work / "real", RUNS)
        if args.frameworks:
            config = synthetic.generate(work / "project", args.frameworks, 12)
            compare(f"synthetic, {args.frameworks} frameworks", config, work / "synthetic", 1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
