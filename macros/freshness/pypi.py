"""Asking PyPI's JSON API (or a copy of it) for each package's latest release.

The index's base address is ``--index-url``, else ``$COMPARISON_INDEX_URL``,
else PyPI: tests and the freshness loop's own test point it at a fake index on
127.0.0.1 (:func:`index_url`). An unknown name (HTTP 404) is a fault in the
data; anything else that goes wrong (no network, a 5xx, an answer that is not
the JSON API's) means the check could not be made (:class:`IndexUnavailable`).
"""

from __future__ import annotations

import json
import os
import re
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from macros.freshness.packages import Package

PYPI = "https://pypi.org/pypi"
INDEX_VARIABLE = "COMPARISON_INDEX_URL"
USER_AGENT = "flask-vs-django-comparison check-freshness (+https://flask-vs-django.example/)"


def index_url() -> str:
    """The JSON API's base address: $COMPARISON_INDEX_URL, else PyPI."""
    return os.environ.get(INDEX_VARIABLE) or PYPI


class IndexUnavailable(OSError):
    """The index could not answer (network, server error, not its JSON API)."""


@dataclass(frozen=True)
class Latest:
    version: str
    released: date  # first upload of that version
    last_upload: date  # the newest upload of any release (a patch to an older line counts)
    python: str = ""  # the latest release's Requires-Python, e.g. ">=3.10"
    recorded_python: str | None = None  # the same for the version the data records, if listed


Fetch = Callable[[str, Package], Latest]


def fetch_latest(index: str, package: Package, timeout: float = 20.0) -> Latest:
    url = f"{index.rstrip('/')}/{package.id}/json"
    headers = {"Accept": "application/json", "User-Agent": USER_AGENT}
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            payload = json.load(response)
    except urllib.error.HTTPError as error:
        error.close()
        if error.code == 404:
            raise LookupError(f"{url} answered HTTP 404") from None
        raise IndexUnavailable(f"{url} answered HTTP {error.code}") from None
    except ValueError as error:
        raise IndexUnavailable(f"{url} did not answer JSON: {error}") from None
    try:
        return parse_project(payload, package.version)
    except (KeyError, TypeError, AttributeError, ValueError) as error:
        raise IndexUnavailable(f"{url}: not the JSON API's answer ({error!r})") from None


def parse_project(payload: dict[str, Any], recorded: str | None = None) -> Latest:
    version = payload["info"]["version"]
    releases: dict[str, list[dict[str, Any]]] = payload.get("releases") or {}
    files = releases.get(version) or payload.get("urls") or []
    uploads = [_upload(f) for f in files if not f.get("yanked")]
    if not uploads:
        raise ValueError(f"PyPI lists no files for release {version}")
    every = [_upload(f) for fs in releases.values() for f in fs if not f.get("yanked")] or uploads
    python = _requires_python(files) or payload["info"].get("requires_python") or ""
    old = releases.get(recorded or "")
    return Latest(
        version,
        min(uploads),
        max(every),
        python,
        None if old is None else (_requires_python(old) or ""),
    )


def _requires_python(files: Sequence[dict[str, Any]]) -> str | None:
    return next((f["requires_python"] for f in files if f.get("requires_python")), None)


def python_floor(requires: str) -> tuple[int, ...] | None:
    """The lowest Python a Requires-Python admits: '>=3.10' -> (3, 10); None if it sets none."""
    found = re.search(r">=?\s*(\d+(?:\.\d+)*)", requires)
    return tuple(int(n) for n in found.group(1).split(".")) if found else None


def _upload(file: dict[str, Any]) -> date:
    stamp = file.get("upload_time_iso_8601") or file["upload_time"]
    return datetime.fromisoformat(stamp.replace("Z", "+00:00")).date()


def ask_index(
    packages: Sequence[Package],
    index: str,
    fetch: Fetch = fetch_latest,
) -> dict[str, Latest | Exception]:
    def one(package: Package) -> Latest | Exception:
        try:
            return fetch(index, package)
        except (OSError, ValueError, LookupError) as error:
            return error

    with ThreadPoolExecutor(max_workers=8) as pool:
        return dict(zip((p.id for p in packages), pool.map(one, packages), strict=True))
