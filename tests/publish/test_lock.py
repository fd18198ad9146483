"""One build at a time per checkout: the lock on .build/build.lock, held across processes."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from macros.publish import lock as lock_module
from macros.publish.lock import BuildLock, pid_alive

# A process that takes the lock, says so, and holds it until its stdin closes.
HOLDER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from macros.publish.lock import BuildLock
    with BuildLock(Path(sys.argv[1]), lambda holder: print("waiting", holder, flush=True)):
        print("locked", flush=True)
        sys.stdin.read()
    """
)


def hold(work: Path) -> subprocess.Popen[str]:
    process = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(work)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    return process


def dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", ""])
    process.wait()
    return process.pid


def test_a_second_holder_waits_and_is_told_who_holds_it(tmp_path: Path) -> None:
    said: list[int | None] = []
    with BuildLock(tmp_path, said.append):
        other = hold(tmp_path)
        assert other.stdout is not None
        assert other.stdout.readline() == f"waiting {os.getpid()}\n"
        assert other.poll() is None  # still waiting while this process holds it
    assert other.stdout.readline() == "locked\n"  # let go: it has it
    other.communicate("", timeout=60)
    assert said == []
    assert (tmp_path / "build.lock").read_text().split() == [str(other.pid)]


@pytest.mark.skipif(os.name != "posix", reason="kill -9")
def test_the_system_lets_go_of_a_killed_holder(tmp_path: Path) -> None:
    other = hold(tmp_path)
    assert other.stdout is not None and other.stdout.readline() == "locked\n"
    other.kill()
    other.communicate(timeout=60)
    said: list[int | None] = []
    with BuildLock(tmp_path, said.append):
        pass
    assert said == []


def no_os_locks(monkeypatch: pytest.MonkeyPatch) -> None:
    def unsupported(fd: int) -> bool:
        raise OSError(errno.ENOLCK, os.strerror(errno.ENOLCK))

    monkeypatch.setattr(lock_module, "_try_lock", unsupported)


def test_without_os_locks_a_lock_file_made_with_o_excl(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    no_os_locks(monkeypatch)
    pid_file = tmp_path / "build.lock.pid"
    with BuildLock(tmp_path, lambda holder: pytest.fail("nobody holds it")) as held:
        assert held.fd is None  # nothing for a child to inherit
        assert pid_file.read_text() == f"{os.getpid()}\n"
    assert not pid_file.exists()


def test_a_lock_file_whose_process_is_gone_is_taken_over(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    no_os_locks(monkeypatch)
    (tmp_path / "build.lock.pid").write_text(f"{dead_pid()}\n")
    with BuildLock(tmp_path, lambda holder: pytest.fail("a dead holder is no holder")):
        assert (tmp_path / "build.lock.pid").read_text() == f"{os.getpid()}\n"


def test_a_lock_file_of_a_live_process_is_waited_for(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    no_os_locks(monkeypatch)
    live = subprocess.Popen(
        [sys.executable, "-c", "import sys; sys.stdin.read()"], stdin=subprocess.PIPE
    )
    (tmp_path / "build.lock.pid").write_text(f"{live.pid}\n")
    said: list[int | None] = []

    def waiting(holder: int | None) -> None:
        said.append(holder)
        live.communicate(b"", timeout=60)  # the holder ends; its file is then stale

    with BuildLock(tmp_path, waiting):
        pass
    assert said == [live.pid]


def test_pid_alive() -> None:
    assert pid_alive(os.getpid())
    assert not pid_alive(dead_pid())
    assert not pid_alive(0)
