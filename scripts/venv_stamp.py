#!/usr/bin/env python3
"""Keep .venv installed for this checkout, and never re-point a venv another checkout owns.

`make` runs this (with the system Python, standard library only) before every
target that needs .venv. It reinstalls only when the content of
requirements.lock or pyproject.toml changed, not when their file times did (a
fresh clone has newer files than any venv). The stamp .venv/.installed records
that content's hash and the checkout the venv was installed for.

A venv whose editable install of this project points at another checkout is
repaired when it is this checkout's own .venv (the editable install is redone
here), and refused with a one-line message when .venv is borrowed (a link to
another checkout's venv): re-pointing it would break the checkout it belongs
to. No message is ever a traceback.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlparse

HASHED = ("requirements.lock", "pyproject.toml")
DIST = "flask_vs_django"
PIP = ("-m", "pip", "install", "--quiet", "--disable-pip-version-check")


class Refused(Exception):
    """Setup cannot go on; the message is one line saying what to do."""


def content_hash(root: Path) -> str:
    digest = hashlib.sha256()
    for name in HASHED:
        digest.update(name.encode() + b"\0" + (root / name).read_bytes() + b"\0")
    return digest.hexdigest()


def read_stamp(stamp: Path) -> dict[str, str]:
    try:
        lines = stamp.read_text(encoding="utf-8").splitlines()
    except OSError:
        return {}
    return {key: value for key, _, value in (line.partition("=") for line in lines)}


def write_stamp(stamp: Path, digest: str, root: Path) -> None:
    stamp.write_text(f"sha256={digest}\ncheckout={root}\n", encoding="utf-8")


def editable_root(venv: Path) -> Path | None:
    """The checkout the venv's editable install of this project points at, if any."""
    for info in sorted(venv.glob(f"lib/python*/site-packages/{DIST}-*.dist-info/direct_url.json")):
        try:
            data = json.loads(info.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if data.get("dir_info", {}).get("editable") and isinstance(data.get("url"), str):
            return Path(unquote(urlparse(data["url"]).path))
    return None


def same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


def run(python: Path, *args: str, cwd: Path) -> None:
    result = subprocess.run([str(python), *args], cwd=cwd, check=False)
    if result.returncode != 0:
        raise Refused(f"'{python} {' '.join(args)}' failed (exit {result.returncode}); see above")


def ensure(root: Path, venv_name: str, system_python: str) -> str:
    """Bring the venv up to date; return what was done (one line) or ''."""
    venv = root / venv_name
    python = venv / "bin" / "python"
    stamp = venv / ".installed"
    digest = content_hash(root)
    # Borrowed: .venv (or a folder above it) is a link to a venv outside this checkout.
    borrowed = venv.exists() and venv.resolve() != root.resolve() / venv_name
    pointing = editable_root(venv) if venv.exists() else None
    if borrowed:
        owner = pointing or venv.resolve().parent
        if pointing is not None and not same(pointing, root):
            raise Refused(
                f"{venv_name} is borrowed from {owner} and runs that checkout's code; "
                f"give this checkout its own: rm {venv_name} && make"
            )
        if read_stamp(stamp).get("sha256") != digest:
            raise Refused(
                f"{venv_name} is borrowed from {owner} and its packages differ from this "
                f"checkout's requirements.lock; give this checkout its own: rm {venv_name} && make"
            )
        return ""
    done = []
    if not python.exists():
        if venv.is_symlink():
            raise Refused(f"{venv_name} is a link to a missing venv: rm {venv_name} && make")
        subprocess.run([system_python, "-m", "venv", str(venv)], check=True)
        done.append("created")
    if read_stamp(stamp).get("sha256") != digest or done:
        run(python, *PIP, "--require-hashes", "-r", "requirements.lock", cwd=root)
        done.append("installed requirements.lock")
        pointing = None  # reinstall the project itself too
    if pointing is None or not same(pointing, root):
        run(python, *PIP, "--no-deps", "--no-build-isolation", "-e", ".", cwd=root)
        done.append(
            f"re-pointed the editable install from {pointing} to {root}"
            if pointing is not None
            else "installed this checkout (editable)"
        )
    write_stamp(stamp, digest, root)
    return f"{venv_name}: " + ", ".join(done) if done else ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Install or repair .venv for this checkout.")
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parent.parent)
    parser.add_argument("--venv", default=".venv")
    parser.add_argument("--python", default=sys.executable, help="the Python that creates it")
    args = parser.parse_args(argv)
    try:
        done = ensure(args.root.absolute(), args.venv, args.python)
    except Refused as exc:
        print(f"make: {exc}", file=sys.stderr)
        return 1
    except (OSError, subprocess.CalledProcessError) as exc:
        print(f"make: cannot set up {args.venv}: {exc}", file=sys.stderr)
        return 1
    if done:
        print(done)
    return 0


if __name__ == "__main__":
    sys.exit(main())
