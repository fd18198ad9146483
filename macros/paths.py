"""Which project the tools work on, and the --data/--root arguments they share.

Nothing in the package assumes it lives in a checkout: the command line finds
the project from ``COMPARISON_ROOT`` (set by the wrappers in ``scripts/``) or
from the working folder and its parents (the first one with ``mkdocs.yml``).
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

ROOT_VARIABLE = "COMPARISON_ROOT"


def project_root() -> Path:
    """The project folder: $COMPARISON_ROOT, else the nearest folder up with mkdocs.yml."""
    if named := os.environ.get(ROOT_VARIABLE):
        return Path(named).resolve()
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        if (folder / "mkdocs.yml").is_file():
            return folder
    return here


def add_data_arguments(parser: argparse.ArgumentParser) -> None:
    """--data and --root, shared by the tools that read the data folder."""
    parser.add_argument("--data", type=Path, default=None, help="the data folder")
    parser.add_argument(
        "--root",
        type=Path,
        default=None,
        help="show paths relative to this folder (default: data's parent)",
    )


def data_paths(args: argparse.Namespace) -> tuple[Path, Path]:
    """The data folder and the folder messages show paths from, both absolute."""
    data_dir: Path = (args.data or project_root() / "data").resolve()
    return data_dir, (args.root or data_dir.parent).resolve()
