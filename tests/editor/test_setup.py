"""`make` keeps .venv right for this checkout and never re-points a venv it borrows.

Regression (issue 14): a fresh clone that borrowed an existing .venv
reinstalled the package, because its requirements.lock was newer than the
stamp; that re-pointed the venv's editable install at the clone, and once the
clone was deleted every build in the original checkout failed with a
ModuleNotFoundError traceback.

Nothing here installs anything or touches the network: the venvs are fakes
whose `python` only records how it was called, except one test that borrows
this checkout's real .venv and proves make leaves it alone.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.harness.site import ROOT

SITE_PACKAGES = "lib/python3.11/site-packages"
DIRECT_URL = f"{SITE_PACKAGES}/flask_vs_django-0.1.0.dist-info/direct_url.json"


def checkout(path: Path) -> Path:
    """The files `make .venv/.installed` reads, copied fresh (newer than any stamp)."""
    (path / "scripts").mkdir(parents=True)
    for name in ("Makefile", "requirements.lock", "pyproject.toml", "scripts/venv_stamp.py"):
        shutil.copyfile(ROOT / name, path / name)
    return path


def fake_venv(venv: Path, points_at: Path, log: Path) -> None:
    """A venv with an editable install pointing at ``points_at``; its python logs its calls."""
    python = venv / "bin" / "python"
    python.parent.mkdir(parents=True)
    python.write_text(f'#!/bin/sh\necho "$@" >> {log}\n', encoding="utf-8")
    python.chmod(0o755)
    url = venv / DIRECT_URL
    url.parent.mkdir(parents=True)
    url.write_text(json.dumps({"dir_info": {"editable": True}, "url": points_at.as_uri()}))


def stamp(checkout: Path, venv: Path) -> None:
    """Record ``checkout``'s lock in ``venv``'s stamp, as a finished install would."""
    result = subprocess.run(
        [sys.executable, "-c", "import sys; sys.path.insert(0, 'scripts'); import venv_stamp as v;"
         "print(v.content_hash(__import__('pathlib').Path('.')))"],
        cwd=checkout, capture_output=True, text=True, check=True,
    )  # fmt: skip
    digest = result.stdout.strip()
    (venv / ".installed").write_text(f"sha256={digest}\ncheckout={checkout}\n")


def make(path: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "MAKEFLAGS": ""}
    return subprocess.run(
        ["make", "--no-print-directory", "-C", str(path), ".venv/.installed",
         f"PYTHON={sys.executable}"],
        capture_output=True, text=True, env=env, timeout=60, check=False,
    )  # fmt: skip


def calls(log: Path) -> list[str]:
    return log.read_text().splitlines() if log.exists() else []


@pytest.fixture
def owner(tmp_path: Path) -> Path:
    """A checkout with its own, up-to-date venv."""
    path = checkout(tmp_path / "owner")
    fake_venv(path / ".venv", path, tmp_path / "owner-python.log")
    stamp(path, path / ".venv")
    return path


def test_a_clone_that_borrows_a_venv_leaves_it_pointing_where_it_was(
    tmp_path: Path, owner: Path
) -> None:
    clone = checkout(tmp_path / "clone")  # same lock, newer file times
    (clone / ".venv").symlink_to(owner / ".venv")
    before = (owner / ".venv" / DIRECT_URL).read_text()
    result = make(clone)
    assert result.returncode != 0
    assert result.stderr.splitlines()[0] == (
        f"make: .venv is borrowed from {owner} and runs that checkout's code; "
        "give this checkout its own: rm .venv && make"
    )
    assert "Traceback" not in result.stderr + result.stdout
    assert (owner / ".venv" / DIRECT_URL).read_text() == before
    assert calls(tmp_path / "owner-python.log") == []  # pip never ran
    assert make(owner).returncode == 0  # the owner still builds


def test_the_real_venv_borrowed_by_a_clone_is_left_alone(tmp_path: Path) -> None:
    venv = ROOT / ".venv"
    if not (venv / "bin" / "python").exists() or venv.is_symlink():
        pytest.skip("this checkout has no venv of its own")
    urls = sorted(
        venv.glob("lib/python*/site-packages/flask_vs_django-*.dist-info/direct_url.json")
    )
    before = [url.read_text() for url in urls]
    stamp_before = (venv / ".installed").read_text()
    clone = checkout(tmp_path / "clone")
    (clone / ".venv").symlink_to(venv)
    result = make(clone)
    assert result.returncode != 0
    assert result.stderr.startswith("make: .venv is borrowed from ")
    assert [url.read_text() for url in urls] == before
    assert (venv / ".installed").read_text() == stamp_before


def test_newer_files_with_the_same_content_reinstall_nothing(tmp_path: Path, owner: Path) -> None:
    os.utime(owner / "requirements.lock", (2e9, 2e9))  # far newer than the stamp
    result = make(owner)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
    assert calls(tmp_path / "owner-python.log") == []


def test_a_changed_lock_reinstalls(tmp_path: Path, owner: Path) -> None:
    with (owner / "requirements.lock").open("a") as lock:
        lock.write("# changed\n")
    result = make(owner)
    assert result.returncode == 0, result.stderr
    assert calls(tmp_path / "owner-python.log") == [
        "-m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock",
        "-m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .",
    ]
    assert make(owner).stdout == ""  # the stamp now holds the new hash


def test_an_own_venv_pointing_at_a_deleted_checkout_is_repaired(tmp_path: Path) -> None:
    path = checkout(tmp_path / "owner")
    gone = tmp_path / "deleted-clone"
    fake_venv(path / ".venv", gone, tmp_path / "python.log")
    stamp(path, path / ".venv")
    result = make(path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == (f".venv: re-pointed the editable install from {gone} to {path}\n")
    assert calls(tmp_path / "python.log") == [
        "-m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e ."
    ]


def test_a_borrowed_venv_with_other_packages_is_refused(tmp_path: Path, owner: Path) -> None:
    clone = checkout(tmp_path / "clone")
    with (clone / "requirements.lock").open("a") as lock:
        lock.write("# changed\n")
    shared = tmp_path / "shared-venv"
    fake_venv(shared, clone, tmp_path / "shared.log")  # points here, but belongs elsewhere
    stamp(owner, shared)
    (clone / ".venv").symlink_to(shared)
    result = make(clone)
    assert result.returncode != 0
    assert result.stderr.splitlines()[0] == (
        f"make: .venv is borrowed from {clone} and its packages differ from this checkout's "
        "requirements.lock; give this checkout its own: rm .venv && make"
    )
    assert calls(tmp_path / "shared.log") == []


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
    """`python3 scripts/validate` with an older Python (3.11 cannot even parse the package)
    or one without the packages: the wrapper hands over to .venv/bin/python, arguments kept."""
    clone = tmp_path / "clone"
    (clone / "scripts").mkdir(parents=True)
    for name in ("_launch.py", "validate"):
        shutil.copyfile(ROOT / "scripts" / name, clone / "scripts" / name)
    log = tmp_path / "venv-python.log"
    fake_venv(clone / ".venv", clone, log)
    result = subprocess.run(
        [sys.executable, str(clone / "scripts" / "validate"), "--strict"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
    )
    assert (result.returncode, result.stderr) == (0, "")
    assert calls(log) == [f"{clone / 'scripts' / 'validate'} --strict"]
