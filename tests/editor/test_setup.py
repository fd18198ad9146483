"""`make` sets up .venv with uv, picks the Python asked for, never re-points a venv it
borrows, and says in one line what the code samples need when this machine lacks it.

Regression (issue 14): a fresh clone that borrowed an existing .venv re-pointed the
venv's editable install at the clone, and once the clone was deleted every build in
the original checkout failed with a ModuleNotFoundError traceback. Issue 23: uv
(uv.lock) replaced the hand-made installer; the samples have their own environment.

Nothing here installs anything or touches the network: uv is a fake that records
how it was called, except one test that borrows this checkout's real .venv and
proves make leaves it alone.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.harness.site import ROOT

FILES = ("Makefile", "pyproject.toml", "uv.lock", "samples/pyproject.toml", "samples/uv.lock")
SAMPLES_LINE = (
    "make: the code samples need Python 3.12 or newer (Django 6.1): install one "
    "(e.g. pyenv install 3.13) or run make SAMPLES_PYTHON=/path/to/python3.12"
)


def checkout(path: Path) -> Path:
    """The files `make` reads to set up the environments, copied fresh."""
    (path / "samples").mkdir(parents=True)
    for name in FILES:
        shutil.copyfile(ROOT / name, path / name)
    return path


def fake_uv(tmp: Path) -> Path:
    """A uv that logs its arguments and makes the venv folder `uv sync` would."""
    uv = tmp / "fake-bin" / "uv"
    uv.parent.mkdir(parents=True, exist_ok=True)
    uv.write_text(
        f'#!/bin/sh\necho "$@" >> {tmp / "uv.log"}\n'
        'case " $* " in *" --project samples "*) ;; *) mkdir -p .venv ;; esac\n',
        encoding="utf-8",
    )
    uv.chmod(0o755)
    return uv


def make(path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    # As on a desk: not CI's REQUIRE_SAMPLES, nor what an outer `make test PYTEST_ARGS=...`
    # exports to its recipes.
    outer = {"REQUIRE_SAMPLES", "PYTEST_ARGS", "MAKELEVEL", "MFLAGS"}
    environ = {k: v for k, v in os.environ.items() if k not in outer}
    environ.update(MAKEFLAGS="", **env)
    return subprocess.run(
        ["make", "--no-print-directory", "-C", str(path), *args],
        capture_output=True, text=True, env=environ, timeout=60, check=False,
    )  # fmt: skip


def uv_calls(tmp: Path) -> list[str]:
    log = tmp / "uv.log"
    return log.read_text().splitlines() if log.exists() else []


def test_the_venv_is_synced_from_the_lock_with_the_python_asked_for(tmp_path: Path) -> None:
    """`make build PYTHON=/path/to/python3.11` still picks that interpreter."""
    path = checkout(tmp_path / "clone")
    uv = fake_uv(tmp_path)
    result = make(path, ".venv/.installed", f"PYTHON={sys.executable}", f"UV={uv}")
    assert (result.returncode, result.stderr) == (0, "")
    assert uv_calls(tmp_path) == [f"sync --locked --quiet --python {sys.executable}"]
    assert (path / ".venv" / ".installed").is_file()


def test_a_python_older_than_3_11_is_refused_in_one_line(tmp_path: Path) -> None:
    path = checkout(tmp_path / "clone")
    old = tmp_path / "python-old"
    old.write_text("#!/bin/sh\nexit 1\n")  # fails the version check, as 3.10 would
    old.chmod(0o755)
    result = make(path, ".venv/.installed", f"PYTHON={old}", f"UV={fake_uv(tmp_path)}")
    assert result.returncode != 0
    assert result.stderr.splitlines()[0].startswith("make: needs Python 3.11 or newer: install one")
    assert f"(not {old})" in result.stderr
    assert uv_calls(tmp_path) == []


def test_a_clone_that_borrows_a_venv_leaves_it_alone(tmp_path: Path) -> None:
    owner = checkout(tmp_path / "owner")
    (owner / ".venv").mkdir()
    clone = checkout(tmp_path / "clone")
    (clone / ".venv").symlink_to(owner / ".venv")
    result = make(clone, ".venv/.installed", f"PYTHON={sys.executable}", f"UV={fake_uv(tmp_path)}")
    assert result.returncode != 0
    assert result.stderr.splitlines()[0] == (
        f"make: .venv is borrowed from {(owner / '.venv').resolve()}; syncing it would re-point "
        "it at this checkout: give this checkout its own: rm .venv && make"
    )
    assert "Traceback" not in result.stderr + result.stdout
    assert uv_calls(tmp_path) == []  # uv never ran
    assert not (owner / ".venv" / ".installed").exists()


def test_the_real_venv_borrowed_by_a_clone_is_left_alone(tmp_path: Path) -> None:
    venv = ROOT / ".venv"
    if not (venv / "bin" / "python").exists() or venv.is_symlink():
        pytest.skip("this checkout has no venv of its own")
    urls = sorted(
        venv.glob("lib/python*/site-packages/flask_vs_django-*.dist-info/direct_url.json")
    )
    before = [url.read_text() for url in urls]
    clone = checkout(tmp_path / "clone")
    (clone / ".venv").symlink_to(venv)
    result = make(clone, ".venv/.installed", f"PYTHON={sys.executable}")
    assert result.returncode != 0
    assert result.stderr.startswith("make: .venv is borrowed from ")
    assert [url.read_text() for url in urls] == before


def test_without_a_python_for_the_samples_make_says_so_in_one_line(tmp_path: Path) -> None:
    path = checkout(tmp_path / "clone")
    result = make(path, "samples", "SAMPLES_PYTHON=", f"UV={fake_uv(tmp_path)}")
    assert (result.returncode, result.stdout) == (0, "")
    assert result.stderr == f"{SAMPLES_LINE}; not run here (CI runs them)\n"
    assert uv_calls(tmp_path) == []


def test_in_ci_a_missing_python_for_the_samples_fails(tmp_path: Path) -> None:
    path = checkout(tmp_path / "clone")
    uv = fake_uv(tmp_path)
    result = make(path, "samples", "SAMPLES_PYTHON=", f"UV={uv}", REQUIRE_SAMPLES="1")
    assert result.returncode != 0
    assert result.stderr.splitlines()[0] == SAMPLES_LINE
    assert uv_calls(tmp_path) == []


def test_the_samples_run_in_their_own_environment(tmp_path: Path) -> None:
    path = checkout(tmp_path / "clone")
    python = path / "samples" / ".venv" / "bin" / "python"
    python.parent.mkdir(parents=True)
    python.write_text(f'#!/bin/sh\necho "$@" >> {tmp_path / "samples-python.log"}\n')
    python.chmod(0o755)
    result = make(path, "samples", "SAMPLES_PYTHON=/opt/python3.12", f"UV={fake_uv(tmp_path)}")
    assert result.returncode == 0, result.stderr
    assert uv_calls(tmp_path) == [
        "sync --locked --quiet --project samples --python /opt/python3.12"
    ]
    assert (tmp_path / "samples-python.log").read_text() == (
        f"-m pytest -q -n {os.sysconf('SC_NPROCESSORS_ONLN')} tests/content/test_samples.py\n"
    )
    assert not (path / ".venv").exists()  # the site tool's environment is not touched


def test_the_samples_python_is_found_under_pyenv(tmp_path: Path) -> None:
    """Only a 3.11 on the PATH (as on Debian 12), a 3.12 installed by pyenv: make finds it."""
    if any(Path(d, f"python3.{m}").exists() for d in ("/usr/bin", "/bin") for m in range(12, 16)):
        pytest.skip("this machine has a Python 3.12+ on the system PATH")
    path = checkout(tmp_path / "clone")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "python3").write_text("#!/bin/sh\nexit 1\n")  # fails the check, as 3.11 would
    (bin_dir / "python3").chmod(0o755)
    pyenv_python = tmp_path / "pyenv/versions/3.12.9/bin/python3"
    pyenv_python.parent.mkdir(parents=True)
    pyenv_python.write_text("#!/bin/sh\nexit 0\n")  # passes the version check
    pyenv_python.chmod(0o755)
    older = tmp_path / "pyenv/versions/3.11.7/bin/python3"
    older.parent.mkdir(parents=True)
    older.write_text("#!/bin/sh\nexit 1\n")  # too old: fails it
    older.chmod(0o755)
    result = make(
        path,
        "samples",
        f"UV={fake_uv(tmp_path)}",
        PATH=f"{bin_dir}:/usr/bin:/bin",
        PYENV_ROOT=str(tmp_path / "pyenv"),
        HOME=str(tmp_path),
    )
    assert (
        uv_calls(tmp_path)[0] == f"sync --locked --quiet --project samples --python {pyenv_python}"
    )
    assert "Python 3.12 or newer" not in result.stderr


def test_a_wrapper_runs_its_own_checkouts_code_with_a_borrowed_venv(tmp_path: Path) -> None:
    """scripts/validate in a clone, run by a venv whose editable install is another checkout:
    the clone's code runs, not the venv's (which would check the clone's data with other code)."""
    clone = tmp_path / "clone"
    (clone / "scripts").mkdir(parents=True)
    shutil.copyfile(ROOT / "scripts" / "_launch.py", clone / "scripts" / "_launch.py")
    shutil.copyfile(ROOT / "scripts" / "validate", clone / "scripts" / "validate")
    (clone / "macros").mkdir()
    (clone / "macros" / "__init__.py").write_text("")
    (clone / "macros" / "cli.py").write_text(
        "def main(argv):\n    print('clone', argv)\n    return 0\n", encoding="utf-8"
    )
    result = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "python"), str(clone / "scripts" / "validate"), "--x"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
    )
    expected = (0, "clone ['validate', '--x']\n", "")
    assert (result.returncode, result.stdout, result.stderr) == expected


def test_a_wrapper_typed_with_any_python_runs_again_with_the_projects_venv(
    tmp_path: Path,
) -> None:
    """`python3 scripts/validate` with a Python without the packages: the wrapper hands
    over to .venv/bin/python, arguments kept."""
    clone = tmp_path / "clone"
    (clone / "scripts").mkdir(parents=True)
    for name in ("_launch.py", "validate"):
        shutil.copyfile(ROOT / "scripts" / name, clone / "scripts" / name)
    log = tmp_path / "venv-python.log"
    python = clone / ".venv" / "bin" / "python"
    python.parent.mkdir(parents=True)
    python.write_text(f'#!/bin/sh\necho "$@" >> {log}\n', encoding="utf-8")
    python.chmod(0o755)
    result = subprocess.run(
        [sys.executable, str(clone / "scripts" / "validate"), "--strict"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
    )
    assert (result.returncode, result.stderr) == (0, "")
    assert log.read_text().splitlines() == [f"{clone / 'scripts' / 'validate'} --strict"]


def test_a_python_without_pip_to_install_uv_is_named_in_one_line(tmp_path: Path) -> None:
    """Debian packages pip apart from Python: say what to install, never a traceback."""
    path = checkout(tmp_path / "clone")
    python = tmp_path / "python3"
    python.write_text('#!/bin/sh\ncase "$*" in *pip*) exit 1 ;; esac\nexit 0\n')  # 3.11+, no pip
    python.chmod(0o755)
    result = make(path, ".venv/.installed", f"PYTHON={python}")
    assert result.returncode != 0
    assert result.stderr.splitlines()[0] == (
        f"make: {python} has no pip to install uv with: install it (Debian: apt-get install "
        "python3-pip), or install uv and run make UV=uv"
    )
    assert not (path / ".tools").exists() and not (path / ".venv").exists()
