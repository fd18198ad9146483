"""Command-line entry points shared by scripts/ (validate, build)."""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from macros.loader import load_dataset
from macros.problems import errors, format_report
from macros.publish import commit_epoch, finish_site

ROOT = Path(__file__).resolve().parent.parent


def add_data_arguments(parser: argparse.ArgumentParser) -> None:
    """--data and --root, shared by the tools that read the data folder."""
    parser.add_argument("--data", type=Path, default=ROOT / "data", help="the data folder")
    parser.add_argument(
        "--root",
        type=Path,
        default=None,
        help="show paths relative to this folder (default: data's parent)",
    )


def data_paths(args: argparse.Namespace) -> tuple[Path, Path]:
    """The data folder and the folder messages show paths from, both absolute."""
    data_dir: Path = args.data.resolve()
    return data_dir, (args.root or data_dir.parent).resolve()


def validate_main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="scripts/validate", description="Check the data files without building the site."
    )
    add_data_arguments(parser)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    data_dir, root = data_paths(args)
    dataset, problems = load_dataset(data_dir, root)
    if problems:
        print(format_report(problems))
    elapsed = time.perf_counter() - started
    if errors(problems):
        print("The site cannot be built until these are fixed.")
        return 1
    assert dataset is not None
    print(
        f"OK: {len(dataset.files)} files, {len(dataset.frameworks)} frameworks, "
        f"{len(dataset.dimensions)} dimensions, {len(dataset.questions)} questions, "
        f"{len(dataset.sources)} sources ({elapsed * 1000:.0f} ms)."
    )
    return 0


def build_site(config: Path, site_dir: Path, extra_args: list[str] | None = None) -> int:
    """Build strictly into a temporary folder; replace site_dir only on success.

    A failed build leaves the last good site exactly as it was. The same
    commit builds to the same bytes: SOURCE_DATE_EPOCH defaults to the last
    commit's time, and :func:`macros.publish.finish_site` adds ``_headers``
    and deterministic ``.gz`` files.
    """
    work = site_dir.parent / ".build"
    work.mkdir(parents=True, exist_ok=True)
    fresh = work / f"site-{os.getpid()}"
    old = work / f"old-{os.getpid()}"
    shutil.rmtree(fresh, ignore_errors=True)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if "SOURCE_DATE_EPOCH" not in env and (epoch := commit_epoch(config.parent)):
        env["SOURCE_DATE_EPOCH"] = epoch
    command = [
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        "--strict",
        "--clean",
        "--config-file",
        str(config),
        "--site-dir",
        str(fresh),
        *(extra_args or []),
    ]
    result = subprocess.run(command, env=env, check=False)
    if result.returncode != 0:
        shutil.rmtree(fresh, ignore_errors=True)
        print(f"Build failed: {site_dir.name}/ is unchanged.", file=sys.stderr)
        return result.returncode
    try:
        finish_site(fresh)
    except (OSError, ValueError) as exc:
        shutil.rmtree(fresh, ignore_errors=True)
        print(f"Build failed after MkDocs: {exc}\n{site_dir.name}/ is unchanged.", file=sys.stderr)
        return 1
    if site_dir.exists():
        site_dir.rename(old)
    fresh.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)
    return 0


def build_main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="scripts/build", description="Strict, atomic build of the site."
    )
    parser.add_argument("--config", type=Path, default=ROOT / "mkdocs.yml")
    parser.add_argument(
        "--site-dir",
        type=Path,
        default=None,
        help="output folder (default: site/ beside mkdocs.yml)",
    )
    args = parser.parse_args(argv)
    config = args.config.resolve()
    site_dir = (args.site_dir or config.parent / "site").resolve()
    return build_site(config, site_dir)
