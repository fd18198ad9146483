"""Run scripts with the project's .venv and make `macros` importable.

Editors can call scripts/validate directly: if .venv exists and this is not
its Python, re-run the script with it.
"""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_VENV = ROOT / ".venv"
_PYTHON = _VENV / "bin" / "python"
if Path(sys.prefix).resolve() != _VENV.resolve() and _PYTHON.exists():
    os.execv(_PYTHON, [str(_PYTHON), *sys.argv])
sys.path.insert(0, str(ROOT))
