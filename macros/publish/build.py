"""The strict, atomic build: a failed build leaves the last good site untouched.

The same commit builds to the same bytes: SOURCE_DATE_EPOCH defaults to the
last commit's time, and :func:`finish_site` adds ``_headers`` and
deterministic ``.gz`` files. MkDocs runs in a child process (``python -m
mkdocs``), so this module does not import it.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

import macros
from macros import messages
from macros.problems import Problem
from macros.publish.compress import precompress
from macros.publish.failures import (
    EXIT_IO,
    BuildStopped,
    killed_line,
    os_error_line,
    signal_line,
)
from macros.publish.headers import SiteAuditError, blocked_message, code_of, header_files
from macros.publish.lock import BuildLock
from macros.publish.page_source import page_source, stylesheet_places
from macros.publish.workdir import (
    aside_folder,
    clean_leftovers,
    fresh_folder,
    leftover_line,
    remove_tree,
    swap,
)
from macros.safety.site import run_site_audit


def commit_epoch(folder: Path) -> str | None:
    """Seconds since 1970 of the last commit, the default SOURCE_DATE_EPOCH."""
    try:
        result = subprocess.run(
            ["git", "-C", str(folder), "log", "-1", "--format=%ct"],
            capture_output=True,
            text=True,
            check=False,
        )
    except OSError:
        return None
    value = result.stdout.strip()
    return value if result.returncode == 0 and value.isdigit() else None


def finish_site(site_dir: Path, source: Path, project: Path | None = None) -> None:
    """Add what hosting needs to a fresh build: ``_headers`` and ``.gz`` files.

    First the site audit (every page against the project's allowlist: no
    unknown inline script, event handler, dangerous URL or foreign load); a
    finding fails the build before the site is swapped in, naming the page and,
    from ``project``, the file it comes from. ``_headers`` is rendered from
    ``source`` (the project's ``deploy/headers.toml``, when there is one) with
    script hashes from the allowlist. Each page is read once: the audit's
    reading also collects the inline code the headers need.
    """
    audit = run_site_audit(site_dir)  # layer 3 of issue 11: nothing unsafe is published
    if audit.findings:
        raise SiteAuditError(with_sources(audit.findings, site_dir, project), site_dir.name)
    if source.is_file():
        code = code_of(audit)
        if code.problems:  # the site still works, minus those bits: warn, don't fail the build
            problems = with_sources(code.problems, site_dir, project)
            print(f"WARNING: {blocked_message(replace(code, problems=problems))}", file=sys.stderr)
        text = header_files(site_dir, source, strict=False, audit=audit)["_headers"]
        (site_dir / "_headers").write_text(text, encoding="utf-8")
    precompress(site_dir)


def with_sources(
    findings: Iterable[Problem], site_dir: Path, project: Path | None
) -> tuple[Problem, ...]:
    """The findings, each naming the file its page comes from (when ``project`` is known)."""
    if project is None:
        return tuple(findings)
    prefix = f"{site_dir.name}/"
    findings = list(findings)
    loads = Counter(f.path for f in findings if f.code == "site-css-load")
    seen: Counter[str] = Counter()
    stylesheets: dict[str, list[str]] = {}  # each load of a stylesheet, placed in its source
    named = []
    for finding in findings:
        page = finding.path.removeprefix(prefix)
        source = page_source(page, project)
        if finding.code == "site-css-load" and source.endswith(".css"):
            # Served minified (one line): name the line the editor sees in the source too.
            places = stylesheets.setdefault(page, stylesheet_places(project / source))
            if len(places) == loads[finding.path]:
                source += f":{places[seen[finding.path]]}"
            seen[finding.path] += 1
        if source:
            said = messages.text("site-page-source", source=source)
            finding = replace(finding, message=f"{finding.message}; {said}")
        named.append(finding)
    return tuple(named)


class _Stopped(BaseException):
    """A signal asked the build to stop (raised by :class:`_Signals`' handler)."""

    def __init__(self, number: int) -> None:
        super().__init__(number)
        self.number = number


class _Signals:
    """While a build runs: Ctrl-C, SIGTERM and a closed terminal stop it cleanly (its
    temporary folder removed, one line said). One that comes from the swap on is let
    go: the build is done by then.

    Handlers can only be set from the main thread; elsewhere signals keep their
    defaults.
    """

    NAMES = ("SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK")

    def __init__(self) -> None:
        self.holding = False
        self._saved: dict[int, Any] = {}

    def __enter__(self) -> _Signals:
        if threading.current_thread() is threading.main_thread():
            for name in self.NAMES:
                if (number := getattr(signal, name, None)) is not None:
                    self._saved[number] = signal.signal(number, self._handle)
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.holding = True
        for number, handler in self._saved.items():
            signal.signal(number, handler)

    def _handle(self, number: int, frame: object) -> None:
        if not self.holding:
            raise _Stopped(number)


def run_mkdocs(command: list[str], env: dict[str, str], keep_fds: tuple[int, ...]) -> int:
    """Run the MkDocs child and return its exit status; stop it if this build is stopped."""
    child = subprocess.Popen(command, env=env, pass_fds=keep_fds)
    try:
        return child.wait()
    except BaseException:
        child.terminate()
        try:
            child.wait(timeout=10)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
        raise


def child_path(inherited: str | None) -> str:
    """PYTHONPATH for the MkDocs child: this build's own ``macros`` first, so the child
    runs the same code (``scripts/*`` import it from their checkout, even with a .venv
    installed from another one), unless it is installed in site-packages anyway."""
    source = Path(macros.__file__).resolve().parent.parent
    first = [] if source.name in ("site-packages", "dist-packages") else [str(source)]
    return os.pathsep.join([*first, *([inherited] if inherited else [])])


def _say(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def _waiting(holder: int | None) -> None:
    who = f"process {holder}" if holder is not None else "another process"
    _say(f"{messages.text('build-waiting', holder=who)} ({messages.hint('build-waiting')})")


def build_site(config: Path, site_dir: Path, extra_args: list[str] | None = None) -> int:
    """Build strictly into a temporary folder; replace site_dir only on success.

    Whatever stops the build (a data error, a full disk, a read-only or forbidden
    folder, a signal) leaves site_dir as it was, removes the temporary folder and
    ends in one line saying why and what to do: exit status 1 for the site's own
    problems, 74 for the machine's (``failures.EXIT_IO``), 128+N for signal N. One
    build at a time per checkout: a second one waits for the lock
    (:mod:`macros.publish.lock`), then removes what killed builds left.
    """
    # MkDocs reads --site-dir from the config's folder: hand it absolute paths.
    config, site_dir = config.resolve(), site_dir.resolve()
    with _Signals() as signals:
        try:
            return _build(config, site_dir, extra_args or [], signals)
        except BuildStopped as stopped:
            signals.holding = True
            if stopped.line:
                _say(stopped.line)
            return stopped.status
        except _Stopped as stopped:  # came while the build was already ending
            signals.holding = True
            _say(signal_line(stopped.number, site_dir))
            return 128 + stopped.number


def _build(config: Path, site_dir: Path, extra_args: list[str], signals: _Signals) -> int:
    root = config.parent
    work = site_dir.parent / ".build"
    lock = BuildLock(work, _waiting)
    try:
        try:
            work.mkdir(parents=True, exist_ok=True)
            lock.__enter__()
        except OSError as exc:
            raise BuildStopped(
                os_error_line(exc, root, site_dir, action="creating", fallback=lock.path)
            ) from None
        try:
            return _build_locked(config, site_dir, extra_args, signals, lock)
        finally:
            lock.__exit__()
    except _Stopped as stopped:
        raise BuildStopped(signal_line(stopped.number, site_dir), 128 + stopped.number) from None


def _build_locked(
    config: Path, site_dir: Path, extra_args: list[str], signals: _Signals, lock: BuildLock
) -> int:
    root, work = config.parent, lock.path.parent
    clean_leftovers(work, site_dir, root, _say)
    fresh = fresh_folder(work)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if "SOURCE_DATE_EPOCH" not in env and (epoch := commit_epoch(root)):
        env["SOURCE_DATE_EPOCH"] = epoch
    if path := child_path(env.get("PYTHONPATH")):
        env["PYTHONPATH"] = path
    command = [
        *(sys.executable, "-m", "macros.mkdocs_plugin.run", str(root), str(site_dir), "--"),
        *("build", "--strict", "--clean", "--config-file", str(config)),
        *("--site-dir", str(fresh), *extra_args),
    ]
    # POSIX: the child holds the lock too, so a build killed with its child still
    # writing keeps the next one waiting (and off this folder) until the child is gone.
    keep = (lock.fd,) if lock.fd is not None and os.name == "posix" else ()
    try:
        try:
            status = run_mkdocs(command, env, keep)
        except OSError as exc:  # could not start it (no memory, no processes left)
            raise BuildStopped(
                os_error_line(exc, root, site_dir, action="starting", subject=Path(sys.executable))
            ) from None
        if status == EXIT_IO:  # the child said why
            raise BuildStopped("")
        if status < 0:
            raise BuildStopped(killed_line(-status, fresh, root, site_dir), 1)
        if status != 0:
            failed = messages.text("build-failed", site=site_dir.name)
            _say(f"{failed} ({messages.hint('build-failed')}).")
            return status
        try:
            finish_site(fresh, root / "deploy" / "headers.toml", root)
        except OSError as exc:
            line = os_error_line(exc, root, site_dir, writing_under=fresh, fallback=fresh)
            raise BuildStopped(line) from None
        except ValueError as exc:
            failed = messages.text("build-failed-after-mkdocs", error=exc)
            _say(f"{failed}\n{messages.hint('build-failed-after-mkdocs', site=site_dir.name)}.")
            return 1
        aside = aside_folder(work, site_dir)
        signals.holding = True  # from here on signals are let go: the build ends either way
        swap(fresh, site_dir, aside, root)
        if (error := remove_tree(aside)) is not None:
            _say(leftover_line(aside, error, root))
        return 0
    finally:
        if (error := remove_tree(fresh)) is not None:
            _say(leftover_line(fresh, error, root))
