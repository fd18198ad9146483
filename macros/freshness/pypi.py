"""Asking PyPI's JSON API (or a copy of it) for each package's latest release."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from macros.freshness.packages import Package

PYPI = "https://pypi.org/pypi"


@dataclass(frozen=True)
class Latest:
    version: str
    released: date  # first upload of that version
    last_upload: date  # the newest upload of any release (a patch to an older line counts)


def fetch_latest(index_url: str, name: str, timeout: float = 20.0) -> Latest:
    url = f"{index_url.rstrip('/')}/{name}/json"
    request = urllib.request.Request(url, headers={"Accept": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            payload = json.load(response)
    except urllib.error.HTTPError as error:
        error.close()
        raise LookupError(f"{url} answered HTTP {error.code}") from None
    return parse_project(payload)


def parse_project(payload: dict[str, Any]) -> Latest:
    version = payload["info"]["version"]
    releases: dict[str, list[dict[str, Any]]] = payload.get("releases") or {}
    files = releases.get(version) or payload.get("urls") or []
    uploads = [_upload(f) for f in files if not f.get("yanked")]
    if not uploads:
        raise ValueError(f"PyPI lists no files for release {version}")
    every = [_upload(f) for fs in releases.values() for f in fs if not f.get("yanked")] or uploads
    return Latest(version, min(uploads), max(every))


def _upload(file: dict[str, Any]) -> date:
    stamp = file.get("upload_time_iso_8601") or file["upload_time"]
    return datetime.fromisoformat(stamp.replace("Z", "+00:00")).date()


def ask_index(
    packages: Sequence[Package],
    index_url: str,
    fetch: Callable[[str, str], Latest] = fetch_latest,
) -> dict[str, Latest | Exception]:
    def one(package: Package) -> Latest | Exception:
        try:
            return fetch(index_url, package.id)
        except (OSError, ValueError, LookupError) as error:
            return error

    with ThreadPoolExecutor(max_workers=8) as pool:
        return dict(zip((p.id for p in packages), pool.map(one, packages), strict=True))
