"""Fetching the pages the site cites: redirects recorded, answers cached on disk.

Redirects are followed by hand (at most :data:`MAX_HOPS`) so that the report
can tell a page that moved within its site from an address that now leads to
another site. Answers that settle something (2xx, 3xx, 4xx) are kept under
``.cache/check-sources/`` for ``max_age`` seconds, so a second run within the
day asks no server again; network errors and 5xx are never cached (they may
pass). Only the page's normalised text is kept, not the page.
"""

from __future__ import annotations

import hashlib
import json
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from macros.freshness.pagetext import html_text, normalise, source_text
from macros.sealed_cache import read_sealed, write_sealed

MAX_HOPS = 5
MAX_BYTES = 8 * 1024 * 1024
REDIRECTS = (301, 302, 303, 307, 308)


@dataclass(frozen=True)
class Fetched:
    url: str  # as asked
    status: int  # the last answer's HTTP status; 0 when there was none
    final_url: str
    hops: tuple[tuple[int, str], ...] = ()  # (status, next address) of each redirect
    kind: str = ""  # "html", "text" or the content type of anything else
    text: str = ""  # the visible text, normalised
    source: str = ""  # for HTML: every text in the document, normalised
    error: str = ""  # why there was no answer

    @property
    def settled(self) -> bool:
        return not self.error and self.status < 500


Fetch = Callable[[str], Fetched]


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None  # the 3xx surfaces as an HTTPError, and fetch() follows it itself


def _swap(url: str, mirrors: Mapping[str, str], back: bool = False) -> str:
    for site, copy in mirrors.items():
        old, new = (copy, site) if back else (site, copy)
        if url.startswith(old):
            return new + url[len(old) :]
    return url


def fetch_page(
    url: str, user_agent: str, timeout: float, mirrors: Mapping[str, str] | None = None
) -> Fetched:
    """Fetch ``url``, following redirects by hand. ``mirrors`` maps an address prefix to
    another that serves the same pages (a local copy in the tests); reports name the
    original addresses."""
    mirrors = mirrors or {}
    opener = urllib.request.build_opener(_NoRedirects)
    hops: list[tuple[int, str]] = []
    current = url
    while True:
        request = urllib.request.Request(
            _swap(current, mirrors),
            headers={"User-Agent": user_agent, "Accept": "text/html,text/plain;q=0.9"},
        )
        try:
            with opener.open(request, timeout=timeout) as response:
                return _answer(url, current, tuple(hops), response.status, response)
        except urllib.error.HTTPError as error:
            with error:
                target = error.headers.get("Location")
                if error.code not in REDIRECTS or not target:
                    return Fetched(url, error.code, current, tuple(hops))
            current = urllib.parse.urljoin(current, _swap(target, mirrors, back=True))
            hops.append((error.code, current))
            if len(hops) > MAX_HOPS:
                return Fetched(url, error.code, current, tuple(hops), error="too many redirects")
        except (OSError, ValueError) as error:
            reason = getattr(error, "reason", None) or error
            return Fetched(url, 0, current, tuple(hops), error=str(reason))


def _answer(
    url: str, final: str, hops: tuple[tuple[int, str], ...], status: int, response: Any
) -> Fetched:
    content_type = response.headers.get_content_type()
    body = response.read(MAX_BYTES)
    charset = response.headers.get_content_charset() or "utf-8"
    document = body.decode(charset, errors="replace")
    if content_type in ("text/html", "application/xhtml+xml"):
        text, source, kind = html_text(document), source_text(document), "html"
    elif content_type.startswith("text/"):
        text, source, kind = document, "", "text"
    else:
        text, source, kind = "", "", content_type
    return Fetched(url, status, final, hops, kind, normalise(text), normalise(source))


class Cache:
    """Fetched pages on disk, one JSON file per address, each valid for ``max_age`` s."""

    def __init__(self, folder: Path | None, max_age: float) -> None:
        self.folder, self.max_age = folder, max_age

    def _file(self, url: str) -> Path | None:
        if self.folder is None:
            return None
        return self.folder / (hashlib.sha256(url.encode()).hexdigest()[:32] + ".json")

    def get(self, url: str) -> Fetched | None:
        path = self._file(url)
        try:
            if path is None or time.time() - path.stat().st_mtime > self.max_age:
                return None
            sealed = read_sealed(path)  # a page this machine fetched, never a commit's
            if sealed is None:
                return None
            stored = json.loads(sealed)
            stored["hops"] = tuple(tuple(h) for h in stored["hops"])
            found = Fetched(**stored)
        except (OSError, ValueError, TypeError, KeyError):
            return None
        return found if found.url == url else None

    def put(self, fetched: Fetched) -> None:
        path = self._file(fetched.url)
        if path is None or not fetched.settled:
            return
        write_sealed(path, json.dumps(asdict(fetched)).encode())  # False: fetched next time


def cached(fetch: Fetch, cache: Cache) -> Fetch:
    def fetch_once(url: str) -> Fetched:
        found = cache.get(url)
        if found is None:
            found = fetch(url)
            cache.put(found)
        return found

    return fetch_once
