"""The check pipeline's whole result, kept between runs while nothing it read changed.

A build, ``comparison validate``, ``stage``, ``editor-schemas`` and ``scripts/lint``
check the same project again and again, mostly unchanged. Loading, checking and
rendering it again was about 0.14 s of CPU of each build, most of what the
plugin adds to a plain Material build (issue 22). :func:`macros.pipeline.check_project`
keeps its result in ``<cache_dir>/check-result.pickle`` and gives it back while
the key below is the same. The key is everything a run can read:

- every file under the data folder, the hand-written pages (docs_dir), the
  template folders and this package (its code, schemas and templates), by path
  and bytes: a changed, new or removed file is a miss, also one a check only
  looks for (a link's target);
- every other file the run that stored the result opened for reading,
  recorded with an audit hook (:func:`recording`) and read again before a hit;
- the project's options, the Markdown factory's fingerprint (its settings, the
  Python and Markdown packages, the project's own extensions), today's date, the
  Python and the name and version of every installed distribution.

Files under the cache folder and the sealing key are not inputs (a cache holds
what the same inputs give), nor is the Python installation's own tree (its
version is). Like every cache here the file is sealed (:mod:`macros.sealed_cache`):
one committed under .cache/ is a miss, never unpickled. The result is kept in
two parts, so a hit unpickles only what a build needs: the dataset, the pages and
the problems; the files as read and the lint's results follow when asked for.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import pickle
import platform
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from macros.sealed_cache import key_file, read_sealed, write_sealed

if TYPE_CHECKING:
    from macros.project import Project

FILE_NAME = "check-result.pickle"  # what a build needs: the dataset, pages, problems
DETAILS_FILE_NAME = "check-details.pickle"  # the files as read, the lint's results
PROTOCOL = pickle.HIGHEST_PROTOCOL
FORMAT = "check-cache-1"  # bump when what is stored changes shape
PACKAGE = Path(__file__).resolve().parent  # this package: its code, schemas, templates
# What unpickling a result of other code can raise: a miss, never an error.
UNPICKLE_ERRORS: tuple[type[Exception], ...] = (pickle.UnpicklingError, EOFError, AttributeError)
UNPICKLE_ERRORS += (ImportError, ValueError, TypeError, IndexError, KeyError)
_WRITING = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC


def key(project: Project) -> str | None:
    """A digest of every input of a check run but the extra files it opened (see above);
    None when a file cannot be read (a forbidden file: the run reports it, uncached)."""
    digest = hashlib.sha256()

    def part(*values: object) -> None:
        for value in values:
            digest.update(str(value).encode("utf-8", "surrogateescape") + b"\0")

    part(FORMAT, sys.version, platform.platform(terse=True), *distributions())
    folders = (project.data_dir, project.root, project.docs_dir, project.cache_dir)
    part(*(folder and folder.resolve() for folder in folders))
    part(*(folder.resolve() for folder in project.template_dirs))
    part(project.directory_urls, project.max_age_days)
    part(project.today, dt.date.today(), project.markdown.fingerprint())
    skipped = {project.cache_dir.resolve()} if project.cache_dir else set()
    for root in roots(project):
        part("root", root)
        for path in files_under(root, skipped):
            part(os.path.relpath(path, root))
            data = _read(path)
            if data is None:
                return None
            digest.update(data)
    return digest.hexdigest()


def roots(project: Project) -> list[Path]:
    """The folders read whole: data, the hand-written pages, the templates, this package."""
    folders = [project.data_dir, project.docs_dir, *project.template_dirs, PACKAGE]
    return [folder.resolve() for folder in folders if folder is not None]


def files_under(root: Path, skipped: set[Path]) -> list[str]:
    """Every file under ``root`` in a fixed order, skipping compiled code and ``skipped``."""
    found: list[str] = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(
            d for d in dirs if d != "__pycache__" and Path(folder, d).resolve() not in skipped
        )
        found.extend(os.path.join(folder, name) for name in sorted(files))
    return found


def distributions() -> list[str]:
    """Every installed distribution with its version, as its metadata folder's name
    (``Markdown-3.7.dist-info``): a library upgrade is a miss. Only the library folders
    are read: the first entry of sys.path is the command's own folder (the checkout for
    ``python -m mkdocs``, with this project's egg-info; .venv/bin for ``comparison``),
    which would give each command a key of its own."""
    names: list[str] = []
    for entry in sys.path:
        if os.path.basename(entry) not in ("site-packages", "dist-packages"):
            continue
        with contextlib.suppress(OSError):
            listed = os.listdir(entry or ".")
            names.extend(sorted(n for n in listed if n.endswith((".dist-info", ".egg-info"))))
    return names


def _read(path: str) -> bytes | None:
    try:
        with open(path, "rb") as stream:
            return stream.read()
    except OSError:
        return None


def _digest(path: str) -> str:
    data = _read(path)
    return "" if data is None else hashlib.sha256(data).hexdigest()


def load(project: Project, found_key: str) -> bytes | None:
    """The result's core stored under ``found_key`` (pickled), if the extra files its
    run read are unchanged."""
    assert project.cache_dir is not None
    sealed = read_sealed(project.cache_dir / FILE_NAME)  # never a file from a commit
    if sealed is None:
        return None
    try:
        stored_key, extras, core = pickle.loads(sealed)
    except UNPICKLE_ERRORS:
        return None
    if stored_key != found_key or not isinstance(extras, dict) or not isinstance(core, bytes):
        return None
    if any(_digest(path) != digest for path, digest in extras.items()):
        return None
    return core


def load_details(project: Project, found_key: str) -> bytes | None:
    """The result's details stored with the core under ``found_key`` (pickled), if
    they are still there (a run since may have replaced them)."""
    assert project.cache_dir is not None
    sealed = read_sealed(project.cache_dir / DETAILS_FILE_NAME)
    if sealed is None:
        return None
    try:
        stored_key, details = pickle.loads(sealed)
    except UNPICKLE_ERRORS:
        return None
    return details if stored_key == found_key and isinstance(details, bytes) else None


def store(project: Project, found_key: str, opened: set[str], core: Any, details: Any) -> bool:
    """Keep a run's result under ``found_key`` with the extra files it opened; False
    when it cannot be kept (an input changed during the run, a disk that refuses)."""
    assert project.cache_dir is not None
    if key(project) != found_key:  # a file changed while it was read: keep nothing
        return False
    extras = {path: _digest(path) for path in sorted(extra_files(project, opened))}
    try:
        core_data, details_data = (
            pickle.dumps(p, pickle.HIGHEST_PROTOCOL) for p in (core, details)
        )
    except (pickle.PicklingError, TypeError, AttributeError, RecursionError):
        return False
    # The details first: a core is only ever found with its own details beside it.
    details_blob = pickle.dumps((found_key, details_data), PROTOCOL)
    core_blob = pickle.dumps((found_key, extras, core_data), PROTOCOL)
    if not write_sealed(project.cache_dir / DETAILS_FILE_NAME, details_blob):
        return False
    return write_sealed(project.cache_dir / FILE_NAME, core_blob)


def unpickle(data: bytes) -> Any:
    return pickle.loads(data)


def extra_files(project: Project, opened: set[str]) -> set[str]:
    """The files opened that the key does not cover already, also those that were not
    there (an optional file looked for): one made since is a miss, as a changed one is."""
    covered = [*roots(project), *_installation()]
    if project.cache_dir is not None:
        covered.append(project.cache_dir.resolve())
    key_path = os.path.realpath(key_file())
    extras = set()
    for path in opened:
        real = os.path.realpath(path)
        if real == key_path or os.path.isdir(real):
            continue
        if not any(real == str(c) or real.startswith(str(c) + os.sep) for c in covered):
            extras.add(real)
    return extras


def _installation() -> list[Path]:
    """The Python's own tree and its libraries' folders: their versions are in the key."""
    places = {sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix}
    places.update(entry for entry in sys.path if entry.endswith(("site-packages", "dist-packages")))
    return [Path(place).resolve() for place in places if place]


# The sets of paths being recorded (a stack: a check run may start another one).
_recorders: list[set[str]] = []
_hooked: list[bool] = []


def _on_event(event: str, args: tuple[Any, ...]) -> None:
    if event != "open" or not _recorders:
        return
    try:
        path, _mode, flags = args
        if isinstance(path, int) or (isinstance(flags, int) and flags & _WRITING):
            return
        _recorders[-1].add(os.path.abspath(os.fsdecode(path)))
    except Exception:  # an audit hook that raises would fail the open itself
        return


@contextlib.contextmanager
def recording() -> Iterator[set[str]]:
    """The paths opened for reading in this process while the block runs.

    An audit hook cannot be removed, so one is added on first use and records
    only while a block is open (it returns at once otherwise)."""
    if not _hooked:
        sys.addaudithook(_on_event)
        _hooked.append(True)
    opened: set[str] = set()
    _recorders.append(opened)
    try:
        yield opened
    finally:
        _recorders.pop()
        if _recorders:
            _recorders[-1].update(opened)
