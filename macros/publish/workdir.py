"""The build's own folders in ``.build/``, the swap into site/, and what earlier builds left.

A build writes into ``.build/site-PID`` and, while swapping, moves the last
site aside to ``.build/old-PID-SITENAME``. Those are the only names it owns
(``.build/stage`` and anything else there are left alone). Every build holds
the checkout's lock (:mod:`macros.publish.lock`) from before it cleans until
after it swaps, so when a build starts, a folder of those names belongs to a
build that is gone (killed, or its machine stopped): :func:`clean_leftovers`
removes it, or, when the build died between the two renames of the swap and
site/ is missing, puts the last good site back.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import stat
from collections.abc import Callable
from pathlib import Path

from macros import messages
from macros.publish.failures import BuildStopped, os_error_line, shown

_OWN = re.compile(r"site-(?P<pid>\d+)|old-(?P<old>\d+)-(?P<site>.+)")


def fresh_folder(work: Path) -> Path:
    """Where this build writes its site."""
    return work / f"site-{os.getpid()}"


def aside_folder(work: Path, site_dir: Path) -> Path:
    """Where this build moves the last site while swapping in the new one."""
    return work / f"old-{os.getpid()}-{site_dir.name}"


def is_own(name: str) -> bool:
    """Whether ``name`` (in ``.build/``) is a folder of the build's own naming scheme."""
    return _OWN.fullmatch(name) is not None


def _make_removable(path: Path) -> None:
    """Give the owner rights to remove everything under ``path`` (read-only files or
    folders: a Windows checkout, a site copied from a read-only medium)."""
    for folder, dirs, files in os.walk(path):
        for name in (folder, *(os.path.join(folder, d) for d in dirs)):
            with contextlib.suppress(OSError):
                os.chmod(name, stat.S_IRWXU)
        for name in files:
            with contextlib.suppress(OSError):
                os.chmod(os.path.join(folder, name), stat.S_IRUSR | stat.S_IWUSR)


def remove_tree(path: Path) -> OSError | None:
    """Remove ``path`` and what it holds; the error if that failed (None if it is gone)."""
    if path.is_symlink():
        try:
            path.unlink()
        except FileNotFoundError:
            pass
        except OSError as exc:
            return exc
        return None
    for attempt in range(2):
        try:
            shutil.rmtree(path)
        except FileNotFoundError:
            return None
        except OSError as exc:
            if attempt:
                return exc
            _make_removable(path)
        else:
            return None
    return None


def leftover_line(path: Path, error: OSError, root: Path) -> str:
    reason = (error.strerror or type(error).__name__).lower()
    values = {"path": shown(path, root), "reason": reason}
    return f"{messages.text('build-leftover', **values)}: {messages.hint('build-leftover')}"


def clean_leftovers(work: Path, site_dir: Path, root: Path, say: Callable[[str], None]) -> None:
    """Remove what builds that are gone left in ``work``; call only while holding the lock.

    A folder that cannot be removed is named (``say``) and left for the next build.
    """
    try:
        entries = sorted(work.iterdir())
    except OSError as exc:
        line = os_error_line(exc, root, site_dir, action="reading", fallback=work)
        raise BuildStopped(line) from None
    for entry in entries:
        match = _OWN.fullmatch(entry.name)
        if match is None:
            continue
        if match["site"] == site_dir.name and not site_dir.exists() and not entry.is_symlink():
            # Stopped between the swap's two renames: this is the last good site.
            try:
                entry.rename(site_dir)
            except OSError as exc:
                say(leftover_line(entry, exc, root))
            else:
                values = {"site": site_dir.name, "aside": shown(entry, root, folder=True)}
                say(messages.text("build-restored", **values))
            continue
        error = remove_tree(entry)
        if error is not None:
            say(leftover_line(entry, error, root))


def swap(fresh: Path, site_dir: Path, aside: Path, root: Path) -> None:
    """Replace ``site_dir`` with ``fresh``: two renames; on failure site/ is put back.

    The caller holds back signals while this runs (a kill -9 between the renames is
    repaired by the next build's :func:`clean_leftovers`).
    """
    moved = False
    try:
        if site_dir.exists() or site_dir.is_symlink():
            site_dir.rename(aside)
            moved = True
        fresh.rename(site_dir)
    except OSError as exc:
        result = ""
        if moved:
            try:
                aside.rename(site_dir)
            except OSError:
                values = {"site": site_dir.name, "aside": shown(aside, root)}
                text = messages.text("build-site-not-restored", **values)
                result = f"{text} ({messages.hint('build-site-not-restored', **values)})"
        line = os_error_line(
            exc, root, site_dir, action="replacing", subject=site_dir, result=result
        )
        raise BuildStopped(line) from None
