"""Cache files only this machine's own runs can have written.

The build keeps results under ``.cache/`` in the checkout (compiled templates,
the data files' checked results, converted Markdown, the field audit's
verdicts). Whatever is read back from there is trusted: compiled templates and
pickles run as code, and a stored verdict or HTML skips the checks. A pull
request can add files under ``.cache/`` (``git add -f``), so a file there is
trusted only when it carries a MAC made with a key kept outside the checkout
(``$XDG_CACHE_HOME/comparison/cache-key``, else ``~/.cache/...``), created on
first use. A file without a valid seal is a cache miss, never an error.
Where that key cannot be kept, a key for this process alone is used: the caches
then help within one run (the preview) and are ignored by the next.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import secrets
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Generic, TypeVar

import jinja2

MAGIC = b"comparison-sealed-1\n"
KEY_VARIABLE = "COMPARISON_CACHE_KEY_FILE"  # tests point it at a key of their own
_keys: dict[str, bytes] = {}


def key_file() -> Path:
    if named := os.environ.get(KEY_VARIABLE):
        return Path(named)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "comparison" / "cache-key"


def _key() -> bytes:
    path = key_file()
    found = _keys.get(str(path))
    if found is not None:
        return found
    key = _read_key(path) or _create_key(path) or _read_key(path) or secrets.token_bytes(32)
    _keys[str(path)] = key
    return key


def _read_key(path: Path) -> bytes | None:
    try:
        key = path.read_bytes()
    except OSError:
        return None
    return key if len(key) == 32 else None


def _create_key(path: Path) -> bytes | None:
    key = secrets.token_bytes(32)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except OSError:  # made meanwhile by another run (read it), or no writable home
        return None
    with os.fdopen(fd, "wb") as stream:
        stream.write(key)
    return key


def _mac(name: str, data: bytes) -> bytes:
    return hmac.new(_key(), name.encode() + b"\0" + data, hashlib.sha256).digest()


def read_sealed(path: Path) -> bytes | None:
    """The data written by :func:`write_sealed` under this name, or None (missing,
    unreadable, or not sealed with this machine's key)."""
    try:
        blob = path.read_bytes()
    except OSError:
        return None
    if not blob.startswith(MAGIC):
        return None
    mac, data = blob[len(MAGIC) : len(MAGIC) + 32], blob[len(MAGIC) + 32 :]
    if not hmac.compare_digest(mac, _mac(path.name, data)):
        return None
    return data


def write_sealed(path: Path, data: bytes) -> bool:
    """Write ``data`` sealed, all or nothing (a run reading meanwhile sees the old file
    or the new one); False when the disk refuses (read-only, full): the run goes on."""
    partial = path.with_name(f"{path.name}.{os.getpid()}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial.write_bytes(MAGIC + _mac(path.name, data) + data)
        os.replace(partial, path)
    except OSError:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        return False
    return True


class SealedBytecodeCache(jinja2.FileSystemBytecodeCache):
    """Jinja's compiled templates on disk, read back only when sealed by this machine."""

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        data = read_sealed(Path(self._get_cache_filename(bucket)))
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        write_sealed(Path(self._get_cache_filename(bucket)), bucket.bytecode_to_string())


K = TypeVar("K")
V = TypeVar("V")


class SealedStore(Generic[K, V]):
    """Entries kept between runs in one sealed file (the data files' checked results, the
    converted Markdown, the field audit's verdicts).

    :meth:`open` adds what the file holds to what is in memory (memory wins), once per
    file; :meth:`get` and :meth:`put` note the keys asked for; :meth:`save` writes back
    only those (not the entries of texts or files since changed), and only when one of
    them is new. ``decode`` raises ValueError for data it refuses: a miss, as is a file
    this machine did not seal.
    """

    def __init__(
        self, encode: Callable[[dict[K, V]], bytes], decode: Callable[[bytes], dict[K, V]]
    ) -> None:
        self.entries: dict[K, V] = {}
        self.path: Path | None = None  # the file opened, where save() writes
        self._encode, self._decode = encode, decode
        self._used: set[K] = set()
        self._new = False  # an entry was put since the last save

    def open(self, path: Path) -> None:
        if path == self.path:
            return
        self.path = path
        data = read_sealed(path)  # a file this machine's runs wrote, never one from a commit
        if data is None:
            return
        try:
            stored = self._decode(data)
        except ValueError:
            return
        for key, value in stored.items():
            self.entries.setdefault(key, value)

    def get(self, key: K) -> V | None:
        self._used.add(key)
        return self.entries.get(key)

    def put(self, key: K, value: V) -> V:
        self.entries[key] = value
        self._used.add(key)
        self._new = True
        return value

    def save(self, keys: Iterable[K] | None = None) -> bool:
        """Write the entries asked for (or ``keys``) if one is new; False when nothing was
        written (nothing new, no file opened, or a read-only or full disk: the run goes on
        without the cache)."""
        if self.path is None or not self._new:
            return False
        kept = self._used if keys is None else keys
        data = self._encode({key: self.entries[key] for key in kept if key in self.entries})
        if not write_sealed(self.path, data):
            return False
        self._new = False
        return True
