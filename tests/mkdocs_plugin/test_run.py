"""The build's MkDocs child (macros/mkdocs_plugin/run.py): an OSError becomes one line."""

from __future__ import annotations

import errno
import logging
import signal
from pathlib import Path

import mkdocs.__main__
import pytest

from macros.mkdocs_plugin import run
from macros.publish.failures import EXIT_IO


@pytest.fixture(autouse=True)
def keep_sigint() -> object:
    saved = signal.getsignal(signal.SIGINT)
    yield
    signal.signal(signal.SIGINT, saved)


def test_an_os_error_inside_mkdocs_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    fresh = tmp_path / ".build" / "site-9"
    page = fresh / "faq" / "index.html"

    def build(**kwargs: object) -> None:
        raise OSError(errno.EROFS, "Read-only file system", str(page))

    monkeypatch.setattr(run, "_watch_parent", lambda: None)
    monkeypatch.setattr(mkdocs.__main__.cli, "main", build)
    args = [str(tmp_path), str(tmp_path / "site"), "--", "build", "--site-dir", str(fresh)]
    assert run.main(args) == EXIT_IO
    assert capsys.readouterr().err == (
        "build: read-only file system while writing .build/site-9/faq/index.html: build in a "
        "writable copy of the checkout and run make build again; site/ was not changed\n"
    )
    assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN  # the parent stops it


def test_mkdocs_exit_status_is_passed_on(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def build(**kwargs: object) -> None:
        raise SystemExit(1)

    monkeypatch.setattr(run, "_watch_parent", lambda: None)
    monkeypatch.setattr(mkdocs.__main__.cli, "main", build)
    assert run.main([str(tmp_path), str(tmp_path / "site"), "--", "build"]) == 1


def test_usage(capsys: pytest.CaptureFixture[str]) -> None:
    assert run.main(["only-one"]) == 2
    assert "usage:" in capsys.readouterr().out


def test_mkdocs_own_line_about_the_os_error_is_dropped() -> None:
    keep = run._DropOsErrorRecords()
    record = logging.LogRecord("mkdocs.commands.build", logging.ERROR, "", 0, "Error", None, None)
    assert keep.filter(record)  # no exception being handled: kept
    try:
        raise OSError(errno.ENOSPC, "No space left on device")
    except OSError:
        assert not keep.filter(record)  # "Error building page ...: [Errno 28]": dropped
    try:
        raise ValueError("a bug")
    except ValueError:
        assert keep.filter(record)  # any other error is MkDocs' to report
