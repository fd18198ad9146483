"""Run one `comparison` command for the wrappers in this folder (scripts/validate, ...).

The wrappers work on this checkout (COMPARISON_ROOT) from any working folder,
with this checkout's code and the project's .venv: typed by an editor, they
are run by whatever `python3` is first on the PATH (maybe older than the
project needs, maybe without its packages), so they run again with the venv's
Python (.venv/bin/python, or .venv\\Scripts\\python.exe on Windows), which
`make` keeps in step with uv.lock. The package is imported from this checkout
first, even when that venv has the project installed from another checkout (a
borrowed .venv).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
VENV = PROJECT / ".venv"
VENV_PYTHON = VENV / "Scripts" / "python.exe" if os.name == "nt" else VENV / "bin" / "python"


def run(command: str) -> None:
    os.environ.setdefault("COMPARISON_ROOT", str(PROJECT))
    in_venv = Path(sys.prefix).resolve() == VENV.resolve()
    if VENV_PYTHON.exists() and not in_venv:
        if os.name == "nt":  # Windows has no exec: the venv's Python runs as a child
            sys.exit(subprocess.call([str(VENV_PYTHON), *sys.argv]))
        os.execv(VENV_PYTHON, [str(VENV_PYTHON), *sys.argv])
    sys.path.insert(0, str(PROJECT))  # this checkout's macros/, whatever the venv points at
    try:
        from macros.cli import main
    except (ImportError, SyntaxError):  # no .venv, and this Python cannot run the project
        sys.exit("The project is not installed: run `make .venv/.installed` first.")
    sys.exit(main([command, *sys.argv[1:]]))
