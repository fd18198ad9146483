"""deploy/nginx.conf never serves dotfiles, and nginx's own error responses carry
the security headers too (issue 11).

A small hand-made site with the files a careless deploy copies along (.git/,
.env, an editor's backup) is served by the shipped config on loopback.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from harness import nginx
from macros.publish.headers import InlineCode, load_policy
from tests.deploy.test_nginx import HEADERS_SOURCE, fetch
from tests.harness.site import free_port, require_tool, stop, wait_for_port

NOT_FOUND_PAGE = b"<!doctype html><title>Not found</title><p>Not found</p>\n"
SECRETS = {
    ".env": b"SECRET_KEY=do-not-serve\n",
    ".git/config": b"[remote]\n\turl = https://token@example.org/x.git\n",
    ".git/HEAD": b"ref: refs/heads/main\n",
    "assets/.index.html.swp": b"editor swap file\n",
    ".htpasswd": b"admin:$apr1$x\n",
    "faq/.DS_Store": b"\0\0\0\1Bud1",
    # A dot-name that also matches the fingerprinted-asset location.
    ".hidden.0123abcd.min.js": b"alert('hidden')\n",
}


@pytest.fixture(scope="module")
def hardening_url() -> Iterator[str]:
    binary = require_tool("nginx", "REQUIRE_NGINX")
    scratch = Path(tempfile.mkdtemp(prefix="nginx-hardening-"))
    scratch.chmod(0o755)
    site = scratch / "site"
    (site / "faq").mkdir(parents=True)
    (site / "assets").mkdir()
    (site / ".well-known").mkdir()
    (site / "index.html").write_bytes(b"<!doctype html><title>Home</title><p>Home</p>\n")
    (site / "faq" / "index.html").write_bytes(b"<!doctype html><title>FAQ</title>\n")
    (site / "404.html").write_bytes(NOT_FOUND_PAGE)
    (site / ".well-known" / "security.txt").write_bytes(b"Contact: mailto:x@example.org\n")
    for name, data in SECRETS.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_bytes(data)
    for path in [site, *site.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    prefix = scratch / "nginx"
    port = free_port()
    main = nginx.write_config(prefix, site, port)
    process = subprocess.Popen(
        nginx.command(binary, prefix, main), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        wait_for_port(port, process)
        yield f"http://127.0.0.1:{port}"
    finally:
        stop(process)
        shutil.rmtree(scratch, ignore_errors=True)


def security_headers() -> dict[str, str]:
    return load_policy(HEADERS_SOURCE, InlineCode((), (), ())).security


def assert_security_headers(found: dict[str, list[str]], what: object) -> None:
    """Every security header once, as the policy says (the CSP's hashes aside)."""
    for name, value in security_headers().items():
        got = found.get(name.lower(), [])
        assert len(got) == 1, (what, name, got)
        if name == "Content-Security-Policy":
            assert got[0].startswith("default-src 'self'; script-src 'self'"), what
            assert got[0].endswith(value.split("; ", 2)[2]), what  # all after script-src
        else:
            assert got == [value], (what, name)


@pytest.mark.parametrize(
    "path",
    [
        *(f"/{name}" for name in SECRETS),
        "/.git/",
        "/.git",
        "/%2egit/config",
        "/faq/../.env",
        "/.well-known/../.env",
        "/assets/%2Eindex.html.swp",
    ],
)
def test_dotfiles_get_the_sites_404(hardening_url: str, path: str) -> None:
    response = fetch(hardening_url, path)
    assert response.status == 404, path
    assert response.body == NOT_FOUND_PAGE, path
    found = {name.lower(): response.headers.get_all(name) or [] for name in response.headers}
    assert_security_headers(found, path)


def test_well_known_and_pages_are_still_served(hardening_url: str) -> None:
    assert fetch(hardening_url, "/.well-known/security.txt").status == 200
    assert fetch(hardening_url, "/").status == 200
    assert fetch(hardening_url, "/faq/").status == 200


def raw_request(url: str, data: bytes) -> tuple[int, dict[str, list[str]]]:
    """Send bytes as they are (http.client refuses to send a malformed request)."""
    port = int(url.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(data)
        reply = b""
        while b"\r\n\r\n" not in reply:
            chunk = sock.recv(65536)
            if not chunk:
                break
            reply += chunk
    head = reply.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")
    status = int(head[0].split()[1])
    headers: dict[str, list[str]] = {}
    for line in head[1:]:
        name, _, value = line.partition(":")
        headers.setdefault(name.strip().lower(), []).append(value.strip())
    return status, headers


@pytest.mark.parametrize(
    ("request_bytes", "status"),
    [
        (b"GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400),  # two Host headers
        (b"GET /" + b"a" * 9000 + b" HTTP/1.1\r\nHost: a\r\n\r\n", 414),  # URI too long
        (b"GET / HTTP/1.1\r\nHost: a\r\nX: " + b"b" * 9000 + b"\r\n\r\n", 400),  # header too big
        (b"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\n\r\n", 405),
    ],
    ids=["duplicate-host", "uri-too-long", "header-too-large", "post"],
)
def test_nginxs_own_error_responses_carry_the_security_headers(
    hardening_url: str, request_bytes: bytes, status: int
) -> None:
    got, headers = raw_request(hardening_url, request_bytes)
    assert got == status
    assert_security_headers(headers, status)
