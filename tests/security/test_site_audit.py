"""Layer 3 on its own: every HTML file of a built site, against the project's allowlist."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from macros.safety.site import (
    ALLOWLIST_PATH,
    allowed_script_hashes,
    audit_page,
    audit_site,
    csp_hash,
    load_allowlist,
    run_site_audit,
)
from tests.harness.site import ROOT

MATERIAL_SCRIPTS = next(
    (ROOT / ".venv" / "lib").glob("python3*/site-packages/material/templates/partials/javascripts")
)
ALLOWLIST = load_allowlist()
SCOPE = next(s for s in ALLOWLIST.scripts if s.name == "material-scope")


def page(body: str, head: str = "") -> str:
    return f"<!doctype html>\n<html>\n<head>\n{head}\n</head>\n<body>\n{body}\n</body>\n</html>\n"


def messages(html: str) -> list[str]:
    findings, _ = audit_page(html, "site/x/index.html", ALLOWLIST)
    return [str(f) for f in findings]


def test_every_allowlisted_script_is_what_the_installed_material_renders() -> None:
    for entry in ALLOWLIST.scripts:
        source = (MATERIAL_SCRIPTS / entry.source).read_text(encoding="utf-8")
        expected = entry.text.replace("{base}", "{{ config.extra.scope | d(base_url) }}")
        assert f"<script>{expected}</script>" in source, entry.name


def test_the_built_sites_pass(site_dir: Path, minimal_site_dir: Path) -> None:
    assert audit_site(site_dir) == []
    assert audit_site(minimal_site_dir) == []


def test_theme_scripts_pass_for_every_base_url() -> None:
    for base in (".", "..", "../..", "/", "/sub/path/"):
        assert messages(page(f"<script>{SCOPE.render(base)}</script>")) == []


def test_an_injected_script_is_named_with_file_line_and_hash() -> None:
    html = page("<p>hi</p>\n  <script>alert(1)</script>")
    assert messages(html) == [
        f"site/x/index.html:8:3: <script>: inline script not on the allowlist "
        f"({csp_hash('alert(1)')}; starts 'alert(1)'): only the theme scripts listed in "
        "macros/safety/inline_scripts.toml may run"
    ]


def test_a_theme_script_with_a_hostile_base_is_not_allowed() -> None:
    hostile = SCOPE.render('/"),alert(1),("')
    assert len(messages(page(f"<script>{hostile}</script>"))) == 1


def test_csp_hashes_come_from_the_allowlist_not_the_page(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(
        page(f"<script>{SCOPE.render('.')}</script><script>alert(1)</script>")
    )
    audit = run_site_audit(site)
    hashes = allowed_script_hashes(ALLOWLIST, audit.used)
    assert hashes == [csp_hash(SCOPE.render("."))]
    assert csp_hash("alert(1)") not in hashes
    assert len(audit.findings) == 1


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ('<img src="/a.png" onerror="alert(1)">', "event handler onerror="),
        ("<svg/onload=alert(1)>", "event handler onload="),
        ('<a href="javascript:alert(1)">x</a>', "javascript: URL"),
        ('<a href=" JaVa&#x09;ScRiPt:alert(1)">x</a>', "javascript: URL"),
        ('<a href="vbscript:msgbox(1)">x</a>', "vbscript: URL"),
        ('<a href="data:text/html,<script>alert(1)</script>">x</a>', "data: URL"),
        ('<meta http-equiv="refresh" content="0;url=https://evil.example/">', "refresh"),
        ('<img src="https://tracker.example/p.gif">', "src= loads from another host"),
        ('<img src="//tracker.example/p.gif">', "src= loads from another host"),
        ('<img srcset="/a.png 1x, https://t.example/b.png 2x">', "srcset= loads from another"),
        ('<script src="https://cdn.example/x.js"></script>', "src= loads from another host"),
        ('<link rel="stylesheet" href="https://fonts.example/x.css">', "href= loads from"),
        ('<link rel="preload" href="//cdn.example/x.js" as="script">', "href= loads from"),
        ('<link rel="icon" href="https://evil.example/f.ico">', "href= loads from"),
        ('<form action="https://evil.example/steal"></form>', "action= loads from"),
        ('<iframe src="/inner.html"></iframe>', "<iframe> embeds"),
        ('<object data="/x.swf"></object>', "<object> embeds"),
        ('<embed src="/x.swf">', "<embed> embeds"),
        ('<base href="https://evil.example/">', "<base> changes"),
        ('<a href="//evil.example/">x</a>', "protocol-relative"),
        ('<p id="verdict">a</p><p id="verdict">b</p>', "duplicate element id (first at line"),
        ('<script type="application/ld+json">{"@context": "https://evil"}</script>', "JSON-LD"),
        ('<script type="application/ld+json">not json</script>', "not JSON"),
        ('<script type="text/template">x</script>', 'unknown script type "text/template"'),
        ('<p style="background:url(https://t.example/p.gif)">x</p>', "url()"),
    ],
)
def test_each_kind_of_finding(html: str, expected: str) -> None:
    found = messages(page(html))
    assert found, html
    assert any(expected in message for message in found), found


def test_what_the_site_legitimately_has_passes() -> None:
    html = page(
        '<a href="https://flask.palletsprojects.com/">Flask</a>\n'
        '<a href="../faq/#which-first">FAQ</a><a href="#top">top</a>\n'
        '<img src="../assets/images/favicon.png" alt="">\n'
        '<script type="application/ld+json">{"@context": "https://schema.org", '
        '"@type": "FAQPage"}</script>\n'
        '<script id="__config" type="application/json">{"base": "."}</script>\n'
        '<script defer src="../assets/javascripts/bundle.a5f9d56c.min.js"></script>',
        head='<link rel="canonical" href="https://example.org/faq/">\n'
        '<link rel="stylesheet" href="../assets/stylesheets/main.57a0d79d.min.css">',
    )
    assert messages(html) == []


def test_a_symlinked_page_is_reported(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (tmp_path / "outside.html").write_text(page("<p>x</p>"))
    (site / "leak.html").symlink_to(tmp_path / "outside.html")
    assert [str(f) for f in audit_site(site)] == ["site/leak.html: not a regular file (a link?)"]


def test_the_allowlist_file_is_the_one_in_the_package() -> None:
    text = ALLOWLIST_PATH.read_text(encoding="utf-8")
    assert re.findall(r'^name = "([^"]+)"', text, re.M) == [s.name for s in ALLOWLIST.scripts]
