#!/usr/bin/env python3
"""Benchmark: our build against a plain Material build of the same Markdown.

"Ours" is `mkdocs build` of the real site (the comparison plugin loads,
validates and renders data/). "Plain" is the same theme, extensions and nav
building the Markdown our plugin rendered, written out as ordinary files, so
the ratio is the plugin's whole cost. Runs alternate to share any noise; the
ratio is of CPU time (user + system), which other work on a shared machine
changes far less than wall time.
Goal: ratio at most 1.05.
"""

from __future__ import annotations

import os
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import yaml
from support import mkdocs_build

from macros.data.loader import load_or_raise
from macros.render import export
from macros.render.nav import GENERATED_NAV
from macros.render.pages import Renderer, topic_uri
from macros.render.tables import restore_fragments
from macros.safety.site import run_site_audit

ROOT = Path(__file__).resolve().parent.parent.parent
RUNS = 7
GOAL = 1.05


# Builds keep their compiled .pyc files, as a developer's or CI's Python does: with
# PYTHONDONTWRITEBYTECODE set (as on some shared machines) every build would compile
# the project's 74 modules again (about 0.09 s CPU), which the plain build never imports.
WITH_PYC = {"PYTHONDONTWRITEBYTECODE": ""}


def timed_build(config: Path, dest: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds: user + system) of one strict build in a fresh process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = mkdocs_build(config, dest, env=WITH_PYC)
    wall = time.perf_counter() - started
    if result.returncode:
        raise SystemExit(f"build of {config} failed:\n{result.stderr}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def plain_project(work: Path) -> Path:
    """The rendered Markdown as a plain Material project (no comparison plugin)."""
    data = load_or_raise(ROOT / "data")
    docs = work / "docs"
    shutil.copytree(ROOT / "content", docs)
    pages = Renderer(data).pages()
    for page in pages:
        # The complete Markdown, tables included (our build keeps them out of
        # Python-Markdown; a plain build has to convert them).
        markdown = restore_fragments(page.markdown, page.fragments)
        target = docs / page.src_uri  # compare/, frameworks/: folders of their own
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(markdown, encoding="utf-8")
    for name, text in {
        export.EXPORT_PATH: export.export_json(data),
        export.SCHEMA_PATH: export.schema_text(),
    }.items():  # the open-data export the pages link to
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text(text, encoding="utf-8")
    config = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=yaml.CSafeLoader)
    config["plugins"] = [
        p
        for p in config["plugins"]
        if not (isinstance(p, dict) and "comparison" in p) and p != "comparison"
    ]
    config["docs_dir"] = str(docs)
    config["theme"]["custom_dir"] = str(ROOT / "overrides")
    config["site_name"], config["site_url"] = data.site.title, data.site.url
    config["site_description"] = data.site.description
    written = sorted(
        p.relative_to(ROOT / "content").as_posix() for p in (ROOT / "content").rglob("*.md")
    )
    generated = {page.src_uri for page in pages}  # the same nav the plugin builds
    nav: list[object] = []
    topics = [{d.title: topic_uri(d.id)} for d in data.dimensions if topic_uri(d.id) in generated]
    for title, uri in GENERATED_NAV:
        if uri in generated:
            nav.append({title: uri})
        if uri == "index.md" and topics:
            nav.append({"Topics": topics})
    config["nav"] = nav + written
    # Framework and pair pages stay out of the nav, as the plugin generates them.
    config["not_in_nav"] = "\n".join(f"/{page.src_uri}" for page in pages if not page.in_nav)
    path = work / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config), encoding="utf-8")
    return path


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        plain = plain_project(work)
        ours_times, plain_times = [], []
        timed_build(ROOT / "mkdocs.yml", work / "warm")  # warm caches and .pyc files
        for _ in range(RUNS):
            ours_times.append(timed_build(ROOT / "mkdocs.yml", work / "ours"))
            plain_times.append(timed_build(plain, work / "plain"))
        pages = sum(1 for _ in (work / "ours").rglob("index.html"))
        started = time.process_time()
        run_site_audit(work / "ours")
        audit = time.process_time() - started
    ours = [statistics.median(t[i] for t in ours_times) for i in (0, 1)]
    base = [statistics.median(t[i] for t in plain_times) for i in (0, 1)]
    ratio = ours[1] / base[1]
    print(f"build ({pages} pages, median of {RUNS} runs, process start included)")
    print(f"  {'':31} {'wall s':>7} {'CPU s':>6}")
    print(f"  ours (data -> site):            {ours[0]:>7.3f} {ours[1]:>6.3f}")
    print(f"  plain Material, same Markdown:  {base[0]:>7.3f} {base[1]:>6.3f}")
    print(f"  CPU ratio: {ratio:.3f} (goal <= {GOAL}) {'OK' if ratio <= GOAL else 'OVER GOAL'}")
    print(
        f"  the site audit `comparison build` adds after MkDocs: {audit:.3f} s CPU "
        f"({audit / ours[1]:.0%} of our build; not in the ratio)"
    )
    print(f"  load average: {os.getloadavg()[0]:.1f} (CPU time counts, not wall time)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
