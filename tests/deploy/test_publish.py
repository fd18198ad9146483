"""macros/publish/ and the committed deploy/ files: precompression, hashes, headers."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest

from harness import nginx
from macros.cli import csp_hashes_main
from macros.publish.build import finish_site
from macros.publish.compress import precompress
from macros.publish.headers import (
    FINGERPRINTED,
    HeaderPolicy,
    HeaderSourceError,
    InlineCode,
    SiteAuditError,
    code_of,
    csp_hash,
    header_files,
    load_policy,
    render_nginx_headers,
    stale_files,
)
from macros.safety.site import run_site_audit
from tests.harness.site import ROOT

DEPLOY_DIR = ROOT / "deploy"
HEADERS_SOURCE = DEPLOY_DIR / "headers.toml"

# --- precompressed files ---------------------------------------------------------------------


def test_precompress_writes_deterministic_gzip_beside_text_files(tmp_path: Path) -> None:
    page = tmp_path / "guide" / "index.html"
    page.parent.mkdir()
    page.write_text("<p>Flask and Django</p>\n" * 200)
    (tmp_path / "app.js").write_text("console.log('x');\n" * 100)
    (tmp_path / "logo.png").write_bytes(b"\x89PNG" + bytes(2000))
    (tmp_path / "tiny.css").write_text("a{}")  # gzip would be larger: left alone

    written = precompress(tmp_path)

    assert [p.relative_to(tmp_path).as_posix() for p in written] == [
        "app.js.gz",
        "guide/index.html.gz",
    ]
    data = (tmp_path / "guide" / "index.html.gz").read_bytes()
    assert gzip.decompress(data) == page.read_bytes()
    assert data[:4] == b"\x1f\x8b\x08\x00"  # deflate, no flags: no file name stored
    assert data[4:8] == b"\x00\x00\x00\x00"  # mtime 0
    assert not (tmp_path / "logo.png.gz").exists()
    assert not (tmp_path / "tiny.css.gz").exists()
    precompress(tmp_path)  # again, e.g. after a retry: same bytes, no .gz.gz
    assert (tmp_path / "guide" / "index.html.gz").read_bytes() == data
    assert not list(tmp_path.rglob("*.gz.gz"))


def test_precompress_rewrites_mkdocs_sitemap_gz_without_a_timestamp(tmp_path: Path) -> None:
    sitemap = tmp_path / "sitemap.xml"
    sitemap.write_text("<urlset></urlset>\n")
    with gzip.GzipFile(tmp_path / "sitemap.xml.gz", "wb", mtime=1_700_000_000) as old:
        old.write(b"stale")
    precompress(tmp_path)
    data = (tmp_path / "sitemap.xml.gz").read_bytes()
    assert gzip.decompress(data) == sitemap.read_bytes()
    assert data[3:8] == bytes(5)


def test_every_text_file_of_the_build_has_its_gz(published_site: Path) -> None:
    for path in published_site.rglob("*"):
        if path.suffix in {".html", ".css", ".js", ".json", ".xml"} and path.stat().st_size > 512:
            packed = path.with_name(path.name + ".gz")
            assert gzip.decompress(packed.read_bytes()) == path.read_bytes(), path


# --- inline code and hashes ------------------------------------------------------------------

PAGE = """<!doctype html><html><head>
<script>var a = "</p>";</script>
<script type="application/ld+json">{"@type": "Article"}</script>
<script id="__config" type="application/json">{"base": "."}</script>
<script src="app.js"></script>
<style>.x { color: red }</style>
</head><body><script type="module">import("./m.js")</script></body></html>
"""


def test_inline_code_finds_executable_scripts_and_styles_only(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text(PAGE)
    code = code_of(run_site_audit(tmp_path))
    assert code.scripts == ('var a = "</p>";', 'import("./m.js")')
    assert code.styles == (".x { color: red }",)
    assert code.problems == ()


def test_inline_code_reports_what_no_hash_can_allow(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text(
        '<button onclick="go()">Go</button>'
        '<a href="javascript:void(0)">x</a>'
        '<table><th style="text-align: left">Name</th></table>'  # a <th> lives in a table
    )
    assert [str(problem) for problem in code_of(run_site_audit(tmp_path)).problems] == [
        f"{tmp_path.name}/a.html:1:1: warning: <button onclick=...> inline event handler "
        "(wire the behaviour up in a script file under content/assets/javascripts/)",
        f'{tmp_path.name}/a.html:1:35: warning: <a href="javascript:..."> '
        "(use a real link, and a script file for the behaviour)",
        f"{tmp_path.name}/a.html:1:76: warning: <th style=...> inline style attribute "
        "(give the element a class and style it in content/assets/stylesheets/reader.css)",
    ]
    # The handler and the javascript: link fail the site audit before any header is written.
    with pytest.raises(SiteAuditError, match="onclick"):
        header_files(tmp_path, HEADERS_SOURCE)


def test_a_style_attribute_is_refused_by_csp_hashes_and_a_warning_of_the_build(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = tmp_path / "site"
    (site / "notes").mkdir(parents=True)
    (site / "notes" / "index.html").write_text('<table>\n<th style="text-align: left">Name</th>')
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "notes.md").write_text("# Notes\n")
    warning = (
        "inline code that the Content-Security-Policy blocks and no hash can allow "
        "(use a class or a script file instead):\n"
        "  site/notes/index.html:2:1: <th style=...> inline style attribute"
    )
    hint = "(give the element a class and style it in content/assets/stylesheets/reader.css)"
    with pytest.raises(HeaderSourceError) as refused:
        header_files(site, HEADERS_SOURCE)
    assert str(refused.value) == f"{warning} {hint}"
    finish_site(site, HEADERS_SOURCE, tmp_path)
    assert capsys.readouterr().err == (
        f"WARNING: {warning}; the page comes from content/notes.md {hint}\n"
    )
    assert (site / "_headers").is_file()


def test_csp_hash_matches_the_css_spec_example() -> None:
    # CSP3 spec: the hash of alert('Hello, world.');
    assert csp_hash("alert('Hello, world.');") == (
        "'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='"
    )


# --- the committed header files --------------------------------------------------------------


def test_committed_header_files_match_the_built_site(published_site: Path) -> None:
    """The shipped CSP allows exactly the inline scripts the site has now."""
    stale = stale_files(header_files(published_site, HEADERS_SOURCE), DEPLOY_DIR)
    assert stale == [], f"out of date: {stale}; run scripts/csp-hashes and commit deploy/"


def test_check_mode_reports_stale_files(
    published_site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["--site", str(published_site), "--deploy-dir", str(tmp_path)]
    assert csp_hashes_main([*args, "--check"]) == 1
    assert f"{tmp_path}/_headers is out of date" in capsys.readouterr().err
    assert csp_hashes_main(args) == 0
    assert csp_hashes_main([*args, "--check"]) == 0
    for name in ("_headers", "nginx/headers.conf", "nginx/headers-immutable.conf"):
        assert (tmp_path / name).read_text() == (DEPLOY_DIR / name).read_text()


def test_csp_hashes_refuses_a_site_that_fails_the_audit_with_the_audits_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<p>x</p><script>alert(1)</script>")
    args = ["--site", str(site), "--deploy-dir", str(tmp_path / "deploy"), "--check"]
    assert csp_hashes_main(args) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: the built site failed the safety audit (1 finding):\n")
    assert "  site/index.html:1:9: <script>: inline script not on the allowlist" in err


def test_build_writes_the_same_headers_file_as_deploy(published_site: Path) -> None:
    assert (published_site / "_headers").read_text() == (DEPLOY_DIR / "_headers").read_text()


def parse_netlify_headers(text: str) -> dict[str, dict[str, str]]:
    rules: dict[str, dict[str, str]] = {}
    current: dict[str, str] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("/"):
            current = rules.setdefault(line.strip(), {})
        else:
            name, _, value = line.strip().partition(": ")
            current[name] = value
    return rules


def parse_nginx_headers(text: str) -> dict[str, str]:
    return {name: value for name, value in re.findall(r'^add_header (\S+) "([^"]*)"', text, re.M)}


def test_nginx_and_netlify_files_send_the_same_headers(published_site: Path) -> None:
    files = header_files(published_site, HEADERS_SOURCE)
    rules = parse_netlify_headers(files["_headers"])
    default = parse_nginx_headers(files["nginx/headers.conf"])
    immutable = parse_nginx_headers(files["nginx/headers-immutable.conf"])
    policy = load_policy(HEADERS_SOURCE, code_of(run_site_audit(published_site)))
    assert rules["/*"] == policy.security
    assert default == {**policy.security, "Cache-Control": policy.cache["default"]}
    assert immutable == {**policy.security, "Cache-Control": policy.cache["fingerprinted"]}
    # The files listed as immutable for a CDN are the ones nginx's location matches.
    locations = re.findall(r'location ~ "([^"]+)"', (DEPLOY_DIR / "nginx.conf").read_text())
    assert FINGERPRINTED.pattern in locations
    listed = {url for url in rules if url != "/*"}
    assert listed == {
        "/" + p.relative_to(published_site).as_posix()
        for p in published_site.rglob("*")
        if FINGERPRINTED.search(p.name)
    }
    assert all(
        rule == {"Cache-Control": policy.cache["fingerprinted"]}
        for url, rule in rules.items()
        if url != "/*"
    )
    assert all(len(line) < 2000 for line in files["_headers"].splitlines())  # Cloudflare's limit


def test_nginx_conf_sets_no_header_of_its_own() -> None:
    """Headers come only from the generated snippets: one source of truth."""
    text = (DEPLOY_DIR / "nginx.conf").read_text()
    assert "add_header" not in re.sub(r"#.*", "", text)
    # One per location, and one for the server's own errors (issue 11).
    assert text.count("include snippets/flask-vs-django/headers") == 3


CACHE = '[cache]\nfingerprinted = "a"\ndefault = "b"\n'


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        (
            '[security]\nX = "{scripts_hashes}"\n' + CACHE,
            "security.X: unknown placeholder 'scripts_hashes' (known: script_hashes, style_hashes)",
        ),
        (
            "[security]\nX = 3\n" + CACHE,
            'security.X: expected text or a list of text (write the value as "..." or as a '
            'list of "..." parts, which are joined with "; ")',
        ),
        (
            '[security]\nX = "a"\n[cache]\ndefault = "b"\n',
            "[cache] needs exactly 'fingerprinted' and 'default' "
            "(give the Cache-Control value of both, and nothing else)",
        ),
    ],
)
def test_the_header_source_is_checked(tmp_path: Path, toml: str, message: str) -> None:
    source = tmp_path / "headers.toml"
    source.write_text(toml)
    with pytest.raises(HeaderSourceError) as refused:
        load_policy(source, InlineCode((), (), ()))
    assert str(refused.value) == f"{source}: {message}"


def test_a_quote_in_a_header_value_is_refused_for_nginx() -> None:
    policy = HeaderPolicy({"X": 'a"b'}, {"fingerprinted": "a", "default": "b"})
    with pytest.raises(HeaderSourceError) as refused:
        render_nginx_headers(policy, "default")
    assert str(refused.value) == (
        "header value cannot hold quotes or backslashes: a\"b (nginx's add_header takes the "
        "value in double quotes: remove them from deploy/headers.toml)"
    )


# --- the server block template ---------------------------------------------------------------


def test_server_block_needs_every_placeholder() -> None:
    template = (DEPLOY_DIR / "nginx.conf").read_text()
    with pytest.raises(ValueError, match="no value for LISTEN"):
        nginx.render_server_block(template, {"SITE_ROOT": "/srv/site"})
    block = nginx.render_server_block(template, {"SITE_ROOT": "/srv/site", "LISTEN": "80"})
    assert "root /srv/site;" in block and "listen 80;" in block
    assert "${" not in block


def test_hashes_are_of_the_text_a_browser_parses(tmp_path: Path) -> None:
    """HTML parsing turns CR LF into LF before scripts exist: hash that, as browsers do."""
    (tmp_path / "crlf.html").write_bytes(b"<script>a();\r\nb();</script>")
    assert code_of(run_site_audit(tmp_path)).scripts == ("a();\nb();",)
