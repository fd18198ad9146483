"""deploy/nginx.conf, as shipped, serving a fresh build: pages, 404s, gzip and headers."""

from __future__ import annotations

import gzip
import http.client
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from macros.publish.headers import code_of, csp_hash, load_policy
from macros.safety.site import run_site_audit
from tests.harness.site import ROOT

HEADERS_SOURCE = ROOT / "deploy" / "headers.toml"

TIMEOUT = 10


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: bytes


def fetch(base: str, path: str, *, gzip_ok: bool = False) -> Response:
    """One GET, redirects not followed, no decoding: exactly what nginx sent."""
    parts = urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=TIMEOUT)
    try:
        connection.request("GET", path, headers={"Accept-Encoding": "gzip"} if gzip_ok else {})
        reply = connection.getresponse()
        return Response(reply.status, reply.headers, reply.read())
    finally:
        connection.close()


def page_urls(site: Path) -> list[str]:
    folders = (p.parent.relative_to(site).as_posix() for p in site.rglob("index.html"))
    return sorted("/" if folder == "." else f"/{folder}/" for folder in folders)


def served_files(site: Path) -> list[Path]:
    """Every file a reader may request: not the .gz twins, not the deploy metadata."""
    return sorted(
        p for p in site.rglob("*") if p.is_file() and p.suffix != ".gz" and p.name != "_headers"
    )


def test_every_page_is_served_with_200(nginx_url: str, published_site: Path) -> None:
    urls = page_urls(published_site)
    assert "/" in urls and "/comparison/" in urls and len(urls) >= 4
    for url in urls:
        response = fetch(nginx_url, url)
        assert response.status == 200, url
        index = published_site / url.lstrip("/") / "index.html"
        assert response.body == index.read_bytes(), url
        assert response.headers["Content-Type"] == "text/html; charset=utf-8"


def test_every_file_is_served_as_built(nginx_url: str, published_site: Path) -> None:
    for path in served_files(published_site):
        url = "/" + path.relative_to(published_site).as_posix()
        response = fetch(nginx_url, url)
        assert (response.status, response.body) == (200, path.read_bytes()), url


def test_a_folder_without_its_slash_redirects_relatively(nginx_url: str) -> None:
    response = fetch(nginx_url, "/comparison")
    assert response.status == 301
    assert response.headers["Location"] == "/comparison/"


@pytest.mark.parametrize(
    "path", ["/no-such-page/", "/assets/missing.js", "/a/b/c.html", "/_headers"]
)
def test_unknown_paths_get_the_sites_404_page(
    nginx_url: str, published_site: Path, path: str
) -> None:
    response = fetch(nginx_url, path)
    assert response.status == 404
    assert response.body == (published_site / "404.html").read_bytes()
    assert response.headers["Content-Type"] == "text/html; charset=utf-8"


def test_pages_and_assets_are_sent_precompressed(nginx_url: str, published_site: Path) -> None:
    bundle = next(published_site.glob("assets/javascripts/bundle.*.min.js"))
    samples = {
        "/": published_site / "index.html",
        "/search/search_index.json": published_site / "search" / "search_index.json",
        "/" + bundle.relative_to(published_site).as_posix(): bundle,
        "/sitemap.xml": published_site / "sitemap.xml",
    }
    for url, source in samples.items():
        response = fetch(nginx_url, url, gzip_ok=True)
        assert response.status == 200, url
        assert response.headers["Content-Encoding"] == "gzip", url
        assert response.headers["Vary"] == "Accept-Encoding", url
        # The very bytes of the build's .gz file: gzip_static, not on-the-fly gzip.
        assert response.body == source.with_name(source.name + ".gz").read_bytes(), url
        assert gzip.decompress(response.body) == source.read_bytes(), url
    plain = fetch(nginx_url, "/")
    assert "Content-Encoding" not in plain.headers
    assert plain.body == (published_site / "index.html").read_bytes()


def test_the_404_page_is_compressed_too(nginx_url: str, published_site: Path) -> None:
    response = fetch(nginx_url, "/no-such-page/", gzip_ok=True)
    assert response.status == 404
    assert response.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(response.body) == (published_site / "404.html").read_bytes()


SECURITY = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Strict-Transport-Security": "max-age=63072000; includeSubDomains",
}


def csp_directives(value: str) -> dict[str, list[str]]:
    directives = {}
    for part in value.split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/faq/",
        "/search/search_index.json",
        "/sitemap.xml",
        "/assets/images/favicon.png",
        "/no-such-page/",
        "/comparison",
    ],
)
def test_security_headers_on_every_kind_of_response(
    nginx_url: str, published_site: Path, path: str
) -> None:
    headers = fetch(nginx_url, path).headers
    for name, value in SECURITY.items():
        assert headers.get_all(name) == [value], (path, name)
    assert headers["Permissions-Policy"].startswith("accelerometer=(), camera=()")
    csp = csp_directives(headers["Content-Security-Policy"])
    assert csp["default-src"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["script-src"][0] == "'self'"
    assert all(re.fullmatch(r"'sha256-[A-Za-z0-9+/]{43}='", s) for s in csp["script-src"][1:])
    assert "'unsafe-inline'" not in headers["Content-Security-Policy"]
    assert "'unsafe-eval'" not in headers["Content-Security-Policy"]


def test_shipped_csp_allows_exactly_the_inline_scripts_of_the_build(
    nginx_url: str, published_site: Path
) -> None:
    """Found here by a plain regex, independently of macros.publish.headers's HTML parser."""
    found = set()
    for page in published_site.rglob("*.html"):
        for attrs, text in re.findall(r"<script\b([^>]*)>(.*?)</script>", page.read_text(), re.S):
            if "src=" not in attrs and "application/" not in attrs:
                found.add(csp_hash(text))
    assert len(found) >= 3  # Material's scope, palette and tabs scripts
    served = csp_directives(fetch(nginx_url, "/").headers["Content-Security-Policy"])
    assert set(served["script-src"][1:]) == found


def test_served_headers_are_the_policy_file(nginx_url: str, published_site: Path) -> None:
    policy = load_policy(HEADERS_SOURCE, code_of(run_site_audit(published_site)))
    headers = fetch(nginx_url, "/").headers
    for name, value in policy.security.items():
        assert headers.get_all(name) == [value], name


def test_cache_lifetimes(nginx_url: str, published_site: Path) -> None:
    policy = load_policy(HEADERS_SOURCE, code_of(run_site_audit(published_site)))
    long_lived = policy.cache["fingerprinted"]
    assert "immutable" in long_lived and "max-age=31536000" in long_lived
    fingerprinted = [
        p
        for p in published_site.rglob("*.min.*")
        if re.search(r"\.[0-9a-f]{8}\.min\.(css|js)(\.map)?$", p.name)
    ]
    assert len(fingerprinted) >= 4  # Material's bundle, search worker, main and palette CSS
    for path in fingerprinted:
        url = "/" + path.relative_to(published_site).as_posix()
        assert fetch(nginx_url, url).headers.get_all("Cache-Control") == [long_lived], url
    for url in (
        "/",
        "/faq/",
        "/sitemap.xml",
        "/assets/images/favicon.png",
        "/assets/javascripts/lunr/tinyseg.js",
    ):  # no hash in the name: short
        assert fetch(nginx_url, url).headers.get_all("Cache-Control") == ["public, max-age=300"]
    # A missing fingerprinted name is not cached for a year (a deploy may be mid-way).
    missing = fetch(nginx_url, "/assets/javascripts/bundle.00000000.min.js")
    assert missing.status == 404
    assert "Cache-Control" not in missing.headers


def test_every_sitemap_url_is_served(nginx_url: str, published_site: Path) -> None:
    """What search engines are told exists does exist, under the shipped config."""
    locs = re.findall(r"<loc>([^<]+)</loc>", (published_site / "sitemap.xml").read_text())
    assert len(locs) == len(page_urls(published_site))
    for loc in locs:
        path = urlsplit(loc).path
        response = fetch(nginx_url, path)
        assert response.status == 200, loc
