"""Run one `comparison` command for the wrappers in this folder (scripts/validate, ...).

The wrappers work on this checkout (COMPARISON_ROOT) from any working folder,
with this checkout's code: the package is imported from here first, even when
the Python that runs them has the project installed from another checkout (a
borrowed .venv). When that Python lacks the project's dependencies (editors
typing ``scripts/validate``), they run again with the project's .venv.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent


def run(command: str) -> None:
    os.environ.setdefault("COMPARISON_ROOT", str(PROJECT))
    sys.path.insert(0, str(PROJECT))  # this checkout's macros/, whatever the venv points at
    try:
        from macros.cli import main
    except ModuleNotFoundError:
        python = PROJECT / ".venv" / "bin" / "python"
        if not python.exists() or Path(sys.prefix).resolve() == python.parent.parent.resolve():
            sys.exit("The project is not installed: run `make .venv/.installed` first.")
        os.execv(python, [str(python), *sys.argv])
    sys.exit(main([command, *sys.argv[1:]]))
