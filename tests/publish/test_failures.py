"""The one line a build ends in when the machine stops it: each cause's exact wording."""

from __future__ import annotations

import errno
import shutil
import signal
from pathlib import Path

import pytest

from macros.publish.failures import (
    file_in_traceback,
    killed_line,
    os_error_line,
    shown,
    signal_line,
)

UNCHANGED = "site/ was not changed"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / ".build" / "site-7" / "faq").mkdir(parents=True)
    (tmp_path / "content").mkdir()
    return tmp_path


def line(exc: OSError, project: Path, **options: object) -> str:
    fresh = project / ".build" / "site-7"
    return os_error_line(exc, project, project / "site", writing_under=fresh, **options)  # type: ignore[arg-type]


def test_each_cause_in_its_words(project: Path) -> None:
    page = str(project / ".build" / "site-7" / "faq" / "index.html")
    source = str(project / "content" / "notes.md")
    cases = {
        OSError(errno.ENOSPC, "No space left on device", page): (
            "build: no space left on device while writing .build/site-7/faq/index.html: free "
            f"space and run make build again; {UNCHANGED}"
        ),
        OSError(getattr(errno, "EDQUOT", errno.ENOSPC), "Disk quota exceeded", page): (
            "build: no space left on device while writing .build/site-7/faq/index.html: free "
            f"space and run make build again; {UNCHANGED}"
        ),
        OSError(errno.EROFS, "Read-only file system", page): (
            "build: read-only file system while writing .build/site-7/faq/index.html: build in "
            f"a writable copy of the checkout and run make build again; {UNCHANGED}"
        ),
        PermissionError(errno.EACCES, "Permission denied", page): (
            "build: permission denied while writing .build/site-7/faq/index.html: give your "
            "user write access to .build/site-7/faq/ (or ask its owner) and run make build "
            f"again; {UNCHANGED}"
        ),
        PermissionError(errno.EPERM, "Operation not permitted", source): (
            "build: permission denied while reading content/notes.md: give your user read "
            "access to content/notes.md (or ask its owner) and run make build again; "
            f"{UNCHANGED}"
        ),
        OSError(errno.EIO, "Input/output error", source): (
            "build: input/output error while reading content/notes.md: fix that and run make "
            f"build again; {UNCHANGED}"
        ),
    }
    assert {str(exc): line(exc, project) for exc in cases} == {
        str(exc): text for exc, text in cases.items()
    }


def test_a_step_a_subject_and_what_became_of_site(project: Path) -> None:
    exc = OSError(errno.EXDEV, "Invalid cross-device link", "a", "b")
    said = line(
        exc, project, action="replacing", subject=project / "site", result="site/ is elsewhere"
    )
    assert said == (
        "build: invalid cross-device link while replacing site/: fix that and run make build "
        "again; site/ is elsewhere"
    )
    assert line(OSError(errno.EROFS, "x"), project, action="creating", fallback=project / "x") == (
        "build: read-only file system while creating x: build in a writable copy of the "
        f"checkout and run make build again; {UNCHANGED}"
    )


def test_paths_are_shown_from_the_project(project: Path, tmp_path: Path) -> None:
    assert shown(project / "content", project) == "content/"
    assert shown(project / "content" / "missing.md", project) == "content/missing.md"
    assert shown(project / "gone", project, folder=True) == "gone/"
    assert shown(project, project) == f"{project}/"  # the checkout itself: in full
    assert shown("/elsewhere/file", project) == "/elsewhere/file"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (Linux)")
def test_a_real_full_disk_is_named_by_the_file_being_written(project: Path) -> None:
    """write() on a full disk raises ENOSPC with no file name: the open file names it."""
    with pytest.raises(OSError) as caught, open("/dev/full", "wb") as out:
        out.write(b"x" * 100_000)
    assert caught.value.errno == errno.ENOSPC and caught.value.filename is None
    assert line(caught.value, project).startswith(
        "build: no space left on device while writing /dev/full: free space"
    )
    # shutil.copyfile holds the source open too: the file written is the one named.
    source = project / "content" / "big.bin"
    source.write_bytes(b"x" * 100_000)
    with pytest.raises(OSError) as copied:
        shutil.copyfile(source, "/dev/full")
    assert copied.value.filename is None
    assert file_in_traceback(copied.value) == "/dev/full"


def test_a_copy_on_a_full_disk_names_the_file_written(project: Path) -> None:
    """shutil.copyfile's sendfile() on a full disk names the source, then the destination:
    the line once named the theme's file in .venv as the one being written."""
    source = "/venv/material/templates/assets/javascripts/bundle.js"
    page = str(project / ".build" / "site-7" / "assets" / "bundle.js")
    exc = OSError(errno.ENOSPC, "No space left on device", source, None, page)
    assert line(exc, project).startswith(
        "build: no space left on device while writing .build/site-7/assets/bundle.js: "
    )
    denied = PermissionError(errno.EACCES, "Permission denied", source, None, page)
    assert " while reading /venv/material/" in line(denied, project)


def test_no_file_at_all_names_the_site(project: Path) -> None:
    assert line(OSError(errno.ENOSPC, "No space left on device"), project) == (
        f"build: no space left on device while writing the site: free space and run make "
        f"build again; {UNCHANGED}"
    )


def test_signals(project: Path) -> None:
    fresh = project / ".build" / "site-7"
    assert killed_line(signal.SIGKILL, fresh, project, project / "site") == (
        "build: MkDocs was killed by SIGKILL while building into .build/site-7/: if the machine "
        f"ran out of memory, close other programs; run make build again; {UNCHANGED}"
    )
    assert signal_line(signal.SIGINT, project / "site") == (
        f"build: stopped by SIGINT: run make build again when you are ready; {UNCHANGED}"
    )
    assert signal_line(250, project / "out").startswith("build: stopped by signal 250: ")
