"""The fast preview's caches keep what the last two builds used, whatever the site's size.

A cache with a fixed size either holds too little for a big site (824 pages
with 40 frameworks: emptied in the middle of every build, so nothing is ever
found) or too much for a small one. Here each cache keeps two generations:
what the build under way has used or stored, and what the build before it
had. A value found in the older generation moves to the current one. The
plugin starts a generation at the start of every preview build that follows
a good one (:func:`new_build`); a value no build has used for two builds is
dropped. After a broken save (the error page) no generation starts, so the
build that fixes it still finds the pages of the last good build.
"""

from __future__ import annotations

import weakref
from typing import Any, Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")

_caches: weakref.WeakSet[BuildCache[Any, Any]] = weakref.WeakSet()


class BuildCache(Generic[K, V]):
    """Values by key, for the build under way and the one before it."""

    def __init__(self) -> None:
        self._current: dict[K, V] = {}
        self._previous: dict[K, V] = {}
        _caches.add(self)

    def get(self, key: K) -> V | None:
        if key in self._current:
            return self._current[key]
        if key in self._previous:
            value = self._current[key] = self._previous.pop(key)
            return value
        return None

    def put(self, key: K, value: V) -> V:
        self._current[key] = value
        return value

    def new_build(self) -> None:
        """Start a generation: the current one becomes the older one."""
        self._previous, self._current = self._current, {}

    def __len__(self) -> int:
        return len(self._current) + len(self._previous)


def new_build() -> None:
    """A preview build starts: every cache starts a generation."""
    for cache in list(_caches):
        cache.new_build()
