"""One build at a time per checkout: an exclusive lock on ``.build/build.lock``.

The lock is held for the whole build (MkDocs, the last steps and the swap into
site/), so two builds never interleave their swaps and whatever lies in
``.build/`` under the build's own names while the lock is held was left by a
build that is gone (:mod:`macros.publish.workdir` cleans it). A second build
waits, saying so in one line.

- POSIX (Linux, macOS): ``fcntl.flock``. The kernel drops the lock when the last
  process holding it ends, however it ends; the MkDocs child inherits it, so a
  build killed with its child still running keeps the next one waiting until the
  child is gone too.
- Windows: ``msvcrt.locking`` on one byte of the file, also dropped by the system
  when the process ends.
- Where neither works (a file system without locks): the file is created with
  ``O_EXCL`` and holds the owner's process id; a file whose process is gone is stale
  and taken over.

The file also holds the holder's process id, for the waiting line.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

LOCK_NAME = "build.lock"
POLL_SECONDS = 0.2
STALE_EMPTY_SECONDS = 10.0  # a fallback lock file still without an id after this is stale
# Windows locks a byte range; the byte after the process id, so the id stays readable.
_WINDOWS_BYTE = 64
_UNSUPPORTED = frozenset(
    {errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOSYS, getattr(errno, "ENOTSUP", errno.EOPNOTSUPP)}
)


def pid_alive(pid: int) -> bool:
    """Whether a process of that id runs (a reused id counts: the answer errs on "alive")."""
    if pid <= 0:
        return False
    if sys.platform == "win32":
        import ctypes

        kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return ctypes.get_last_error() == 5  # ERROR_ACCESS_DENIED: it exists
        code = ctypes.c_ulong()
        kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        kernel32.CloseHandle(handle)
        return code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _read_pid(path: Path) -> int | None:
    try:
        text = path.read_text(encoding="ascii", errors="replace").strip()
    except OSError:
        return None
    return int(text) if text.isdigit() else None


def _try_lock(fd: int) -> bool:
    """Take the OS lock without waiting: True if taken, False if another process holds it."""
    if sys.platform == "win32":
        import msvcrt

        os.lseek(fd, _WINDOWS_BYTE, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError as exc:
            if exc.errno in (errno.EACCES, errno.EDEADLK):
                return False
            raise
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def wait_lock(fd: int) -> None:
    """Wait for the OS lock on ``fd``'s file (also what the tests' shared folders use)."""
    if sys.platform == "win32":
        while not _try_lock(fd):
            time.sleep(POLL_SECONDS)
        return
    import fcntl

    fcntl.flock(fd, fcntl.LOCK_EX)  # a signal handler that raises ends the wait


def _unlock(fd: int) -> None:
    if sys.platform == "win32":
        import msvcrt

        os.lseek(fd, _WINDOWS_BYTE, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        return
    import fcntl

    fcntl.flock(fd, fcntl.LOCK_UN)


class BuildLock:
    """``with BuildLock(work, on_wait):`` holds the checkout's build lock.

    ``on_wait(holder)`` is called once, before waiting, with the holder's process
    id when known. ``fd`` is the descriptor a child process may inherit to keep the
    lock while it runs (None with the lock-file fallback).
    """

    def __init__(self, work: Path, on_wait: Callable[[int | None], None]) -> None:
        self.path = work / LOCK_NAME
        self.on_wait = on_wait
        self.fd: int | None = None
        self._exclusive_file = False

    def __enter__(self) -> BuildLock:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o666)
        try:
            if not _try_lock(fd):
                self.on_wait(_read_pid(self.path))
                wait_lock(fd)
        except OSError as exc:
            os.close(fd)
            if exc.errno not in _UNSUPPORTED:
                raise
            self._take_exclusive_file()
            return self
        except BaseException:
            os.close(fd)
            raise
        self.fd = fd
        # Who holds it, for the line of a build that waits (not needed to lock): padded,
        # so a longer id written before is overwritten without truncating (which Windows
        # may refuse with a byte locked).
        with contextlib.suppress(OSError):
            os.lseek(fd, 0, os.SEEK_SET)
            os.write(fd, f"{os.getpid():<20}\n".encode("ascii"))
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._exclusive_file:
            self._exclusive_file = False
            with contextlib.suppress(OSError):
                self.path.with_name(LOCK_NAME + ".pid").unlink()
            return
        if self.fd is not None:
            fd, self.fd = self.fd, None
            try:
                _unlock(fd)
            finally:
                os.close(fd)

    def _take_exclusive_file(self) -> None:
        """The fallback: a lock file made with O_EXCL, taken over when its owner is gone."""
        path = self.path.with_name(LOCK_NAME + ".pid")
        told = False
        while True:
            try:
                fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
            except FileExistsError:
                holder = _read_pid(path)
                if _stale(path, holder):
                    path.unlink(missing_ok=True)  # its build is gone
                    continue
                if not told:
                    self.on_wait(holder)
                    told = True
                time.sleep(POLL_SECONDS)
                continue
            try:
                os.write(fd, f"{os.getpid()}\n".encode("ascii"))
            finally:
                os.close(fd)
            self._exclusive_file = True
            return


def _stale(path: Path, holder: int | None) -> bool:
    """A lock file whose process is gone, or with no id long after it was made."""
    if holder is not None:
        return not pid_alive(holder)
    try:
        return time.time() - path.stat().st_mtime > STALE_EMPTY_SECONDS
    except OSError:
        return False
