"""The atomic build fails cleanly (issue 21, part 5): a full disk, a read-only or forbidden
folder, a killed or stopped build and a second build at once each end in one line that
names the cause and what to do, a non-zero exit, no traceback, site/ byte for byte as it
was and nothing of the build's own left in .build/.

Failures are injected the way the system raises them: in the MkDocs child through
tests/publish/failing_mkdocs.py, in the build's own steps by patching the call in this
process (the tests run as root in CI, where chmod cannot make a folder read-only). Kills
are real signals to real processes; each wait is bounded.
"""

from __future__ import annotations

import contextlib
import errno
import gzip
import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from macros.publish import build
from macros.publish.build import build_site
from macros.publish.failures import EXIT_IO
from macros.publish.lock import BuildLock
from macros.publish.workdir import is_own
from tests.harness.site import BUILD_ENV, FIXTURES, ROOT

pytestmark = pytest.mark.slow

INJECTOR = Path(__file__).with_name("failing_mkdocs.py")
DEADLINE = 120.0  # seconds any wait below may take on a loaded machine before it fails
UNCHANGED = "site/ was not changed"
SIGNAL_IDS = ["SIGTERM", "SIGINT", "SIGHUP"]
POSIX = pytest.mark.skipif(os.name != "posix", reason="POSIX signals")


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def make_project(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """The minimal project with a last good site/; returns it and site/'s digest."""
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "minimal", project)
    site = project / "site"
    (site / "assets").mkdir(parents=True)
    (site / "index.html").write_text("<p>last good build</p>")
    (site / "assets" / "app.css").write_text("body{}")
    return project, tree_digest(site)


def leftovers(project: Path) -> list[str]:
    work = project / ".build"
    return sorted(p.name for p in work.iterdir() if is_own(p.name)) if work.exists() else []


def assert_failed_cleanly(
    err: str, status: int, expected_status: int, line: str, project: Path, before: dict[str, str]
) -> None:
    """One line, the last, matching ``line`` (a regular expression); no traceback; site/
    as it was; nothing left behind."""
    assert status == expected_status, err
    assert "Traceback" not in err
    lines = [text for text in err.splitlines() if text.strip()]
    assert re.fullmatch(line, lines[-1]), lines[-1]
    assert [text for text in lines if text.startswith("build:")] == [lines[-1]], err
    assert "Errno" not in err  # MkDocs' own "Error building page ...: [Errno 28]" is not shown
    assert tree_digest(project / "site") == before
    assert leftovers(project) == []


def fresh_name() -> str:
    return re.escape(f".build/site-{os.getpid()}/")


def inject(monkeypatch: pytest.MonkeyPatch, step: str, code: int, pattern: str) -> None:
    """Run the build's MkDocs child through tests/publish/failing_mkdocs.py."""
    real = build.run_mkdocs

    def run(command: list[str], env: dict[str, str], keep: tuple[int, ...]) -> int:
        at = command.index("macros.mkdocs_plugin.run")
        injected = [command[0], str(INJECTOR), step, str(code), pattern, *command[at + 1 :]]
        return real(injected, env, keep)

    monkeypatch.setattr(build, "run_mkdocs", run)


# --- in the MkDocs child ---------------------------------------------------------------------

CHILD_CASES = {
    "full-disk-theme-copy": (
        "copy",
        errno.ENOSPC,
        r"assets/javascripts/bundle\.",
        r"build: no space left on device while writing {fresh}assets/javascripts/bundle\.\w+"
        r"\.min\.js: free space and run make build again; {unchanged}",
    ),
    "full-disk-page-write": (
        "write",
        errno.ENOSPC,
        r"/architecture/index\.html$",
        r"build: no space left on device while writing {fresh}architecture/index\.html: "
        r"free space and run make build again; {unchanged}",
    ),
    "read-only-site-folder": (
        "write",
        errno.EROFS,
        r"/faq/index\.html$",
        r"build: read-only file system while writing {fresh}faq/index\.html: build in a "
        r"writable copy of the checkout and run make build again; {unchanged}",
    ),
    "permission-denied-page-write": (
        "write",
        errno.EACCES,
        r"/faq/index\.html$",
        r"build: permission denied while writing {fresh}faq/index\.html: give your user write "
        r"access to {fresh}faq/ \(or ask its owner\) and run make build again; {unchanged}",
    ),
    "permission-denied-content-read": (
        "read",
        errno.EPERM,
        r"content/robots\.txt$",
        r"build: permission denied while reading content/robots\.txt: give your user read "
        r"access to content/robots\.txt \(or ask its owner\) and run make build again; "
        r"{unchanged}",
    ),
}


@pytest.mark.parametrize("case", list(CHILD_CASES))
def test_a_failure_inside_mkdocs_ends_in_one_line(
    case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    step, code, pattern, line = CHILD_CASES[case]
    project, before = make_project(tmp_path)
    (project / "content" / "robots.txt").write_text("User-agent: *\n")  # copied as it is
    inject(monkeypatch, step, code, pattern)
    status = build_site(project / "mkdocs.yml", project / "site")
    expected = line.format(fresh=fresh_name(), unchanged=re.escape(UNCHANGED))
    assert_failed_cleanly(capfd.readouterr().err, status, EXIT_IO, expected, project, before)


# Real disks: a 512 KB tmpfs in a mount namespace of its own (gone with the process), left
# writable or remounted read-only once site/ is on it.
SMALL_DISK_BUILD = """
import json, subprocess, sys
from pathlib import Path
from macros.publish.build import build_site
from macros.publish.workdir import is_own
disk, work = Path(sys.argv[2]), Path(sys.argv[2]) / ".build"
(disk / "site").mkdir()
(disk / "site" / "index.html").write_text("last good build")
if sys.argv[3] == "read-only":
    subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
status = build_site(Path(sys.argv[1]), disk / "site")
print(json.dumps({
    "status": status,
    "site": {p.name: p.read_text() for p in (disk / "site").iterdir()},
    "left": sorted(p.name for p in work.iterdir() if is_own(p.name)) if work.exists() else [],
}))
"""


def build_on_a_small_disk(tmp_path: Path, mode: str) -> tuple[Path, list[str]]:
    """Build the minimal project into site/ on a 512 KB disk; returns the disk and the
    build's lines, having checked the outcome every failure must have."""
    unshare = shutil.which("unshare")
    if unshare is None or not Path("/proc/self/ns/mnt").exists():
        pytest.skip("needs unshare(1) and mount namespaces (Linux)")
    project, _ = make_project(tmp_path)
    disk = tmp_path / "disk"
    disk.mkdir()
    namespace = ["-m"] if os.geteuid() == 0 else ["-r", "-m"]
    mount = 'mount -t tmpfs -o size=512k tmpfs "$0" || exit 99; exec "$1" -c "$2" "$3" "$0" "$4"'
    script = [str(disk), sys.executable, SMALL_DISK_BUILD, str(project / "mkdocs.yml"), mode]
    result = subprocess.run(
        [unshare, *namespace, "sh", "-c", mount, *script],
        capture_output=True,
        text=True,
        env=BUILD_ENV,
        cwd=ROOT,
        timeout=DEADLINE,
        check=False,
    )
    if result.returncode == 99 or (
        result.returncode == 1 and not result.stdout.strip() and "unshare" in result.stderr
    ):
        pytest.skip(f"no tmpfs in a mount namespace here: {result.stderr.strip()[-200:]}")
    assert result.returncode == 0, result.stderr
    state = json.loads(result.stdout)
    lines = [text for text in result.stderr.splitlines() if text.strip()]
    assert state == {"status": EXIT_IO, "site": {"index.html": "last good build"}, "left": []}
    assert "Traceback" not in result.stderr and "Errno" not in result.stderr
    assert [text for text in lines if text.startswith("build:")] == [lines[-1]]
    return disk, lines


def test_a_real_full_disk(tmp_path: Path) -> None:
    """No injection: Material's assets overflow the disk (skipped where no mount namespace
    can be made)."""
    disk, lines = build_on_a_small_disk(tmp_path, "writable")
    assert re.fullmatch(
        rf"build: no space left on device while writing {re.escape(str(disk))}/\.build/"
        rf"site-\d+/\S+: free space and run make build again; {UNCHANGED}",
        lines[-1],
    ), lines[-1]


def test_a_real_read_only_disk(tmp_path: Path) -> None:
    disk, lines = build_on_a_small_disk(tmp_path, "read-only")
    assert lines == [
        f"build: read-only file system while creating {disk}/.build: build in a writable copy "
        f"of the checkout and run make build again; {UNCHANGED}"
    ]


# --- in the build's own steps (MkDocs replaced by a copy of a built site) ---------------------


@pytest.fixture
def built_by_copy(monkeypatch: pytest.MonkeyPatch, minimal_site_dir: Path) -> None:
    """MkDocs' part done by copying the minimal site: the steps after it run for real."""

    def run(command: list[str], env: dict[str, str], keep: tuple[int, ...]) -> int:
        shutil.copytree(minimal_site_dir, command[command.index("--site-dir") + 1])
        return 0

    monkeypatch.setattr(build, "run_mkdocs", run)


def fail_on(
    monkeypatch: pytest.MonkeyPatch, owner: object, name: str, when: Callable[..., bool], code: int
) -> None:
    """``owner.name(...)`` raises OSError(code) when ``when(*args)``; ENOSPC as a write does."""
    real = getattr(owner, name)

    def failing(*args: object, **kwargs: object) -> object:
        if when(*args):
            target = os.fspath(args[0])  # type: ignore[call-overload]
            if code == errno.ENOSPC:
                with open(target, "wb") as out:  # noqa: F841 (the frame holds the open file)
                    raise OSError(code, os.strerror(code))
            raise OSError(code, os.strerror(code), target)
        return real(*args, **kwargs)

    monkeypatch.setattr(owner, name, failing)


@pytest.mark.usefixtures("built_by_copy")
def test_a_full_disk_while_compressing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    project, before = make_project(tmp_path)
    fail_on(monkeypatch, Path, "write_bytes", lambda p, *_: p.name == "index.html.gz", errno.ENOSPC)
    status = build_site(project / "mkdocs.yml", project / "site")
    expected = (
        rf"build: no space left on device while writing {fresh_name()}(\w+/)*index\.html\.gz: "
        rf"free space and run make build again; {UNCHANGED}"
    )
    assert_failed_cleanly(capfd.readouterr().err, status, EXIT_IO, expected, project, before)


@pytest.mark.usefixtures("built_by_copy")
def test_a_full_disk_while_writing_the_headers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    project, before = make_project(tmp_path)
    (project / "deploy").mkdir()
    shutil.copy(ROOT / "deploy" / "headers.toml", project / "deploy" / "headers.toml")
    fail_on(monkeypatch, Path, "write_text", lambda p, *_: p.name == "_headers", errno.ENOSPC)
    status = build_site(project / "mkdocs.yml", project / "site")
    expected = (
        rf"build: no space left on device while writing {fresh_name()}_headers: free space and "
        rf"run make build again; {UNCHANGED}"
    )
    assert_failed_cleanly(capfd.readouterr().err, status, EXIT_IO, expected, project, before)


@pytest.mark.usefixtures("built_by_copy")
def test_a_read_only_checkout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    project, before = make_project(tmp_path)
    fail_on(monkeypatch, Path, "mkdir", lambda p, *_: p.name == ".build", errno.EROFS)
    status = build_site(project / "mkdocs.yml", project / "site")
    expected = (
        "build: read-only file system while creating .build: build in a writable copy of the "
        f"checkout and run make build again; {UNCHANGED}"
    )
    assert_failed_cleanly(
        capfd.readouterr().err, status, EXIT_IO, re.escape(expected), project, before
    )
    assert not (project / ".build").exists()


@pytest.mark.usefixtures("built_by_copy")
def test_a_build_folder_it_may_not_write(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    project, before = make_project(tmp_path)
    (project / ".build").mkdir()
    fail_on(monkeypatch, os, "open", lambda p, *_: str(p).endswith("build.lock"), errno.EACCES)
    status = build_site(project / "mkdocs.yml", project / "site")
    expected = (
        "build: permission denied while creating .build/build.lock: give your user write access "
        f"to .build/ (or ask its owner) and run make build again; {UNCHANGED}"
    )
    assert_failed_cleanly(
        capfd.readouterr().err, status, EXIT_IO, re.escape(expected), project, before
    )


def swap_fails(
    monkeypatch: pytest.MonkeyPatch, code: int, failing: Callable[[Path, Path], bool]
) -> list[tuple[str, str]]:
    """Path.rename raises OSError(code) for the renames ``failing`` picks; returns the
    renames tried (source name, target name)."""
    real = Path.rename
    tried: list[tuple[str, str]] = []

    def rename(self: Path, target: Path) -> Path:
        tried.append((self.name, Path(target).name))
        if failing(self, Path(target)):
            raise OSError(code, os.strerror(code), str(self), str(target))
        return real(self, target)

    monkeypatch.setattr(Path, "rename", rename)
    return tried


@pytest.mark.usefixtures("built_by_copy")
def test_a_site_folder_it_may_not_move(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    """The first rename of the swap (site/ aside) is refused: site/ never moved."""
    project, before = make_project(tmp_path)
    swap_fails(monkeypatch, errno.EACCES, lambda source, _: source.name == "site")
    status = build_site(project / "mkdocs.yml", project / "site")
    expected = (
        "build: permission denied while replacing site/: give your user write access to "
        f"{project}/ (or ask its owner) and run make build again; {UNCHANGED}"
    )
    assert_failed_cleanly(
        capfd.readouterr().err, status, EXIT_IO, re.escape(expected), project, before
    )


@pytest.mark.usefixtures("built_by_copy")
def test_a_swap_refused_halfway_puts_the_site_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    """site/ went aside, then the new site could not take its place (a read-only parent
    folder): the last good site is put back."""
    project, before = make_project(tmp_path)
    tried = swap_fails(
        monkeypatch,
        errno.EROFS,
        lambda source, target: target.name == "site" and not source.name.startswith("old-"),
    )
    status = build_site(project / "mkdocs.yml", project / "site")
    expected = (
        "build: read-only file system while replacing site/: build in a writable copy of the "
        f"checkout and run make build again; {UNCHANGED}"
    )
    assert_failed_cleanly(
        capfd.readouterr().err, status, EXIT_IO, re.escape(expected), project, before
    )
    aside = f"old-{os.getpid()}-site"
    assert tried == [("site", aside), (f"site-{os.getpid()}", "site"), (aside, "site")]


@pytest.mark.usefixtures("built_by_copy")
def test_a_swap_that_cannot_put_the_site_back_says_where_it_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    """Neither the new site nor the old one can be renamed to site/: the line says where
    the last good site is, and the next build puts it back."""
    project, before = make_project(tmp_path)
    swap_fails(monkeypatch, errno.EIO, lambda _, target: target.name == "site")
    status = build_site(project / "mkdocs.yml", project / "site")
    aside = f".build/old-{os.getpid()}-site/"
    err = capfd.readouterr().err
    assert status == EXIT_IO and "Traceback" not in err
    assert err.splitlines()[-1] == (
        "build: input/output error while replacing site/: fix that and run make build again; "
        f"site/ is missing: the last good site is in {aside} (rename {aside} to site/ "
        "(the next build also puts it back))"
    )
    assert tree_digest(project / aside) == before
    monkeypatch.undo()
    # The next build (MkDocs refused by a data error, so site/ is what it finds) puts it back.
    (project / "data" / "site.yml").write_text("title: [unclosed\n", encoding="utf-8")
    assert build_site(project / "mkdocs.yml", project / "site") == 1
    err = capfd.readouterr().err
    assert (
        f"build: put site/ back from {aside}, where a build that was stopped while replacing it "
        "had left it"
    ) in err.splitlines()
    assert tree_digest(project / "site") == before
    assert leftovers(project) == []


@POSIX
@pytest.mark.usefixtures("built_by_copy")
def test_a_signal_during_the_swap_is_let_go(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    """Stopping between the swap's two renames would leave no site/: the swap finishes."""
    project, _ = make_project(tmp_path)
    real = build.swap

    def swap(*args: Path) -> None:
        os.kill(os.getpid(), signal.SIGTERM)  # handled at once, in this thread
        real(*args)

    monkeypatch.setattr(build, "swap", swap)
    assert build_site(project / "mkdocs.yml", project / "site") == 0
    assert "build:" not in capfd.readouterr().err
    assert (project / "site" / "architecture" / "index.html").is_file()
    assert leftovers(project) == []


@POSIX
def test_a_killed_mkdocs_child(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    """MkDocs dies of SIGKILL mid-build (the kernel's out-of-memory killer sends it)."""
    project, before = make_project(tmp_path)
    fresh = project / ".build" / f"site-{os.getpid()}"

    def run(command: list[str], env: dict[str, str], keep: tuple[int, ...]) -> int:
        child = subprocess.Popen(command, env=env, pass_fds=keep)
        wait_for(lambda: fresh.exists() or child.poll() is not None)
        child.kill()
        return child.wait()

    monkeypatch.setattr(build, "run_mkdocs", run)
    status = build_site(project / "mkdocs.yml", project / "site")
    expected = (
        f"build: MkDocs was killed by SIGKILL while building into .build/site-{os.getpid()}/: if "
        "the machine ran out of memory, close other programs; run make build again; "
        f"{UNCHANGED}"
    )
    assert_failed_cleanly(capfd.readouterr().err, status, 1, re.escape(expected), project, before)


# --- whole builds in processes of their own ---------------------------------------------------


def wait_for(condition: Callable[[], bool]) -> None:
    deadline = time.monotonic() + DEADLINE
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def kill_group(process: subprocess.Popen[str]) -> None:
    if process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)


def start_build(project: Path) -> subprocess.Popen[str]:
    """``comparison build`` in a session of its own, killed if it runs past DEADLINE."""
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "scripts" / "build"), "--config", str(project / "mkdocs.yml")],
        stderr=subprocess.PIPE,
        text=True,
        env=BUILD_ENV,
        start_new_session=True,
    )
    timer = threading.Timer(DEADLINE, kill_group, (process,))
    timer.daemon = True
    timer.start()
    return process


def started_writing(project: Path, process: subprocess.Popen[str]) -> bool:
    """The build's MkDocs has begun writing its site (or the build already ended)."""
    return bool(leftovers(project)) or process.poll() is not None


@pytest.fixture
def processes() -> Iterator[list[subprocess.Popen[str]]]:
    """Build processes a test starts; any still running at its end are killed."""
    started: list[subprocess.Popen[str]] = []
    yield started
    for process in started:
        kill_group(process)
        process.wait()


@POSIX
@pytest.mark.parametrize(
    "number", [signal.SIGTERM, signal.SIGINT, getattr(signal, "SIGHUP", 1)], ids=SIGNAL_IDS
)
def test_a_stopped_build(
    number: int, tmp_path: Path, processes: list[subprocess.Popen[str]]
) -> None:
    """SIGTERM, Ctrl-C, a closed terminal: the build stops its MkDocs, removes its folder
    and says so."""
    project, before = make_project(tmp_path)
    process = start_build(project)
    processes.append(process)
    wait_for(lambda: started_writing(project, process))
    process.send_signal(number)
    _, err = process.communicate(timeout=DEADLINE)
    name = signal.Signals(number).name
    expected = f"build: stopped by {name}: run make build again when you are ready; {UNCHANGED}"
    assert_failed_cleanly(
        err, process.returncode, 128 + number, re.escape(expected), project, before
    )


@POSIX
@pytest.mark.parametrize("whole_group", [True, False], ids=["with-mkdocs", "build-only"])
def test_a_killed_build_leaves_site_and_the_next_build_cleans_up(
    whole_group: bool,
    tmp_path: Path,
    processes: list[subprocess.Popen[str]],
    capfd: pytest.CaptureFixture[str],
) -> None:
    """kill -9 mid-build: site/ is as it was, and the next build removes what it left.
    Killed alone, the build's MkDocs child keeps the lock until it notices and stops, so
    the next build never cleans a folder that is still being written."""
    project, before = make_project(tmp_path)
    process = start_build(project)
    processes.append(process)
    wait_for(lambda: started_writing(project, process))
    if whole_group:
        os.killpg(process.pid, signal.SIGKILL)
    else:
        process.kill()
    process.communicate(timeout=DEADLINE)
    assert process.returncode == -signal.SIGKILL
    assert tree_digest(project / "site") == before
    assert leftovers(project) == [f"site-{process.pid}"]

    assert build_site(project / "mkdocs.yml", project / "site") == 0
    assert "Traceback" not in capfd.readouterr().err
    assert (project / "site" / "architecture" / "index.html").is_file()
    assert leftovers(project) == []


@POSIX
def test_a_second_build_waits_for_the_first(
    tmp_path: Path, processes: list[subprocess.Popen[str]]
) -> None:
    """While another build holds the checkout's lock, a build says so once and waits:
    it neither cleans nor writes nor swaps until the lock is free."""
    project, before = make_project(tmp_path)
    (project / ".build").mkdir()
    said: list[int | None] = []
    with BuildLock(project / ".build", said.append):
        process = start_build(project)
        processes.append(process)
        assert process.stderr is not None
        first = process.stderr.readline()  # blocks until the build says something
        assert first == (
            f"build: another build (process {os.getpid()}) is running in this checkout: "
            "waiting for it to finish (press Ctrl-C to stop waiting)\n"
        )
        assert process.poll() is None
        assert tree_digest(project / "site") == before
        assert leftovers(project) == []
    _, err = process.communicate(timeout=DEADLINE)
    assert process.returncode == 0, err
    assert said == []  # this side took the lock at once
    assert "Traceback" not in err and "build:" not in err
    assert (project / "site" / "architecture" / "index.html").is_file()
    assert leftovers(project) == []


@POSIX
def test_ctrl_c_while_waiting_for_another_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    """The wait for the lock ends on Ctrl-C with one line; MkDocs never starts."""
    project, before = make_project(tmp_path)
    (project / ".build").mkdir()
    monkeypatch.setattr(build, "run_mkdocs", lambda *args: pytest.fail("MkDocs started"))

    def press_ctrl_c(holder: int | None) -> None:
        threading.Timer(0.2, os.kill, (os.getpid(), signal.SIGINT)).start()
        real_waiting(holder)

    real_waiting = build._waiting
    monkeypatch.setattr(build, "_waiting", press_ctrl_c)
    with BuildLock(project / ".build", lambda holder: None):
        status = build_site(project / "mkdocs.yml", project / "site")
    err = capfd.readouterr().err
    assert err.splitlines()[0].startswith(f"build: another build (process {os.getpid()}) is")
    expected = f"build: stopped by SIGINT: run make build again when you are ready; {UNCHANGED}"
    assert err.splitlines()[1:] == [expected]
    assert status == 128 + signal.SIGINT
    assert tree_digest(project / "site") == before
    assert leftovers(project) == []


@POSIX
def test_two_builds_at_once_both_finish(
    tmp_path: Path, processes: list[subprocess.Popen[str]]
) -> None:
    project, _ = make_project(tmp_path)
    first, second = start_build(project), start_build(project)
    processes.extend((first, second))
    errs = [p.communicate(timeout=DEADLINE)[1] for p in (first, second)]
    assert [first.returncode, second.returncode] == [0, 0], errs
    assert not any("Traceback" in err for err in errs)
    waited = [err for err in errs if "waiting for it to finish" in err]
    assert len(waited) <= 1
    # site/ is one whole build: each .gz holds the file beside it.
    packed = sorted((project / "site").rglob("*.gz"))
    assert packed and (project / "site" / "architecture" / "index.html").is_file()
    for path in packed:
        if path.with_suffix("").exists():
            assert gzip.decompress(path.read_bytes()) == path.with_suffix("").read_bytes()
    assert leftovers(project) == []


def test_the_lock_is_shared_with_mkdocs_only_on_posix(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The child inherits the lock's descriptor (POSIX), so an orphaned MkDocs keeps it."""
    project, _ = make_project(tmp_path)
    seen: list[tuple[int, ...]] = []

    def run(command: list[str], env: dict[str, str], keep: tuple[int, ...]) -> int:
        seen.append(keep)
        return 1

    monkeypatch.setattr(build, "run_mkdocs", run)
    build_site(project / "mkdocs.yml", project / "site")
    assert len(seen) == 1 and len(seen[0]) == (1 if os.name == "posix" else 0)


def test_the_signal_handlers_are_put_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project, _ = make_project(tmp_path)
    before = {n: signal.getsignal(n) for n in (signal.SIGINT, signal.SIGTERM)}
    during: list[object] = []

    def run(command: list[str], env: dict[str, str], keep: tuple[int, ...]) -> int:
        during.append(signal.getsignal(signal.SIGTERM))
        return 1

    monkeypatch.setattr(build, "run_mkdocs", run)
    build_site(project / "mkdocs.yml", project / "site")
    assert during and during[0] is not before[signal.SIGTERM]
    assert {n: signal.getsignal(n) for n in before} == before
    assert threading.current_thread() is threading.main_thread()


def test_the_child_runs_this_build_s_own_code(tmp_path: Path) -> None:
    """scripts/build imports macros from its checkout even with a .venv installed from
    another one; the MkDocs child must not run the other checkout's code."""
    here = str(ROOT)
    assert build.child_path(None) == here
    assert build.child_path("/x") == os.pathsep.join([here, "/x"])
