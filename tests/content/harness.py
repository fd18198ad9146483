"""Tools the sample harnesses share: run a sample as a module, run shell lines.

Python samples are compiled with their YAML file name and padded to their
line, so a traceback points at ``data/dimensions/x.yml, line 75``.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from tests.content.samples import Sample

BIN = Path(sys.executable).parent


def padded(sample: Sample) -> str:
    """The code with blank lines in front, so line numbers match the YAML file."""
    return "\n" * (sample.line - 1) + sample.code


def compile_sample(sample: Sample) -> Any:
    return compile(padded(sample), sample.file, "exec", dont_inherit=True)


def run_module(sample: Sample, name: str, given: Mapping[str, Any] | None = None) -> ModuleType:
    """Execute a sample as module ``name``; ``given`` supplies the names its
    text says come from elsewhere (``app``, ``enqueue_event``...)."""
    module = ModuleType(name)
    module.__file__ = sample.file
    module.__dict__.update(given or {})
    sys.modules[name] = module
    try:
        exec(compile_sample(sample), module.__dict__)
    except BaseException:
        del sys.modules[name]
        raise
    return module


def write_module(sample: Sample, path: Path, before: str = "", after: str = "") -> None:
    """Write a sample into a package on disk, with harness code around it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    init = path.parent / "__init__.py"
    if not init.exists():
        init.write_text("")
    path.write_text(before + padded(sample) + after, encoding="utf-8")


@dataclass(frozen=True)
class Ran:
    command: str
    returncode: int
    output: str


def shell_env(cwd: Path) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "FLASK_", "PYTHON"))
    }
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    env["PYTHONPATH"] = str(cwd)
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def run_shell(
    sample: Sample,
    cwd: Path,
    instead: Mapping[str, str | None] | None = None,
) -> list[Ran]:
    """Run a shell sample line by line in ``cwd``; stop at the first failure.

    ``instead`` maps a line that cannot run offline (it starts a server or
    downloads) to a command that checks the same thing without doing so, or to
    None to leave it out. Every other line runs exactly as printed.
    """
    instead = dict(instead or {})
    ran = []
    for line in sample.code.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        command = instead.pop(line) if line in instead else line
        if command is None:
            continue
        argv = shlex.split(command)
        if argv[0] == "python":
            argv[0] = sys.executable
        elif (BIN / argv[0]).exists():
            argv[0] = str(BIN / argv[0])
        result = subprocess.run(
            argv,
            cwd=cwd,
            env=shell_env(cwd),
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        ran.append(Ran(command, result.returncode, result.stdout + result.stderr))
        assert result.returncode == 0, f"{sample.where}: `{command}` failed:\n{ran[-1].output}"
    assert not instead, (
        f"{sample.where}: the harness replaces lines the sample no longer has: {sorted(instead)}"
    )
    return ran
