"""Why a build stopped, in one line: the cause, the file, what to do, and what became of site/.

The build's environment can fail it at any step (a full disk, a read-only
folder, a permission, a signal); :func:`os_error_line` and :func:`signal_line`
turn each into one line from the catalogue (``macros.messages``), never a
traceback. :class:`BuildStopped` carries that line and the exit status up to
:func:`macros.publish.build.build_site`, which prints it last.
"""

from __future__ import annotations

import errno
import io
import os
import signal
from pathlib import Path

from macros import messages

# sysexits.h: "an error occurred while doing I/O on some file". A build that stops on
# its environment (disk, folders, permissions) exits with it; the MkDocs child too, after
# printing its line, so that the parent knows the line is said.
EXIT_IO = 74

NO_SPACE = frozenset({errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)})
READ_ONLY = frozenset({errno.EROFS})
DENIED = frozenset({errno.EACCES, errno.EPERM})


class BuildStopped(Exception):
    """The build cannot go on: ``line`` says why and what to do ("" when already said)."""

    def __init__(self, line: str, status: int = EXIT_IO) -> None:
        super().__init__(line)
        self.line = line
        self.status = status


def shown(path: Path | str, root: Path, folder: bool | None = None) -> str:
    """``path`` as an editor sees it: relative to the project (``root``) when inside it
    (the project itself and paths elsewhere in full), a folder with a final ``/``
    (``folder``: whether it is one; None: look)."""
    path = Path(path)
    try:
        relative = path.resolve().relative_to(root.resolve())
    except (ValueError, OSError):
        relative = None
    text = relative.as_posix() if relative is not None and relative.parts else str(path)
    if folder is None:
        try:
            folder = path.is_dir() and not path.is_symlink()
        except OSError:
            folder = False
    return f"{text}/" if folder and not text.endswith(("/", os.sep)) else text


def outcome(site_dir: Path) -> str:
    return messages.text("build-site-unchanged", site=site_dir.name)


def file_in_traceback(exc: BaseException) -> str | None:
    """The open file a write failed on, when the error names none.

    ``f.write()`` or ``close()`` on a full disk raises ``OSError(ENOSPC)`` with no
    file name (``shutil.copyfile`` too); the innermost frame holding a file open for
    writing knows it.
    """
    tb = exc.__traceback__
    frames = []
    while tb is not None:
        frames.append(tb.tb_frame)
        tb = tb.tb_next
    for frame in reversed(frames):
        for value in frame.f_locals.values():
            name, mode = getattr(value, "name", None), getattr(value, "mode", "")
            writes = isinstance(mode, str) and any(c in mode for c in "wax+")
            if isinstance(value, io.IOBase) and isinstance(name, str) and writes:
                return name
    return None


def failed_path(exc: OSError) -> str | None:
    """The file an error is about. A copy's error names the source first and the
    destination second (``shutil.copyfile`` on a full disk): a full or read-only disk
    is the destination's."""
    name = exc.filename if exc.filename is not None else file_in_traceback(exc)
    if exc.filename2 is not None and exc.errno in NO_SPACE | READ_ONLY:
        name = exc.filename2
    return os.fsdecode(name) if isinstance(name, (str, bytes)) else None


def os_error_line(
    exc: OSError,
    root: Path,
    site_dir: Path,
    *,
    action: str = "",
    writing_under: Path | None = None,
    fallback: Path | None = None,
    subject: Path | None = None,
    result: str = "",
) -> str:
    """One line for an OSError of the build: ``build: <cause> while <action> <path>: <advice>``.

    ``action`` is the step ("creating", "replacing"); without it, a path under
    ``writing_under`` (the temporary site) was being written and any other read.
    ``fallback`` is named when the error names no file, ``subject`` instead of the
    file it names (a step on a whole folder); ``result`` says what became of site/
    (default: it was not changed).
    """
    named = failed_path(exc)
    path = subject or (Path(named) if named else fallback)
    if not action:
        inside = path is not None and writing_under is not None and _under(path, writing_under)
        writes = exc.errno in NO_SPACE | READ_ONLY or inside or named is None
        action = "writing" if writes else "reading"
    # The swap renames whole folders (site/ itself may be aside by then).
    where = shown(path, root, True if action == "replacing" else None) if path else "the site"
    values = {"action": action, "path": where, "outcome": result or outcome(site_dir)}
    if exc.errno in NO_SPACE:
        code = "build-no-space"
    elif exc.errno in READ_ONLY:
        code = "build-read-only"
    elif exc.errno in DENIED or isinstance(exc, PermissionError):
        code = "build-permission"
        reading = action == "reading"
        folder = path if reading or path is None else path.parent
        values |= {
            "access": "read" if reading else "write",
            "folder": shown(folder, root) if folder is not None else where,
        }
    else:
        code = "build-os-error"
        values["reason"] = (exc.strerror or type(exc).__name__).lower()
    return f"{messages.text(code, **values)}: {messages.hint(code, **values)}"


def signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return f"signal {number}"


def killed_line(number: int, fresh: Path, root: Path, site_dir: Path) -> str:
    """The MkDocs child died of a signal nobody in the build sent (the OOM killer, kill -9)."""
    values = {"signal": signal_name(number), "path": shown(fresh, root)}
    values["outcome"] = outcome(site_dir)
    return f"{messages.text('build-killed', **values)}: {messages.hint('build-killed', **values)}"


def signal_line(number: int, site_dir: Path, result: str = "") -> str:
    """The build itself was stopped (Ctrl-C, SIGTERM, a closed terminal)."""
    values = {"signal": signal_name(number), "outcome": result or outcome(site_dir)}
    text = messages.text("build-interrupted", **values)
    return f"{text}: {messages.hint('build-interrupted', **values)}"


def _under(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
    except (ValueError, OSError):
        return False
    return True
