"""Layer 3 on its own: every HTML file of a built site, against the project's allowlist."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jinja2
import pytest

from macros import messages
from macros.messages import SITE_AUDIT
from macros.safety.site import (
    ALLOWLIST_PATH,
    allowed_script_hashes,
    audit_page,
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


def found(html: str) -> list[str]:
    return [str(f) for f in audit_page(html, "site/x/index.html", ALLOWLIST).findings]


def test_every_allowlisted_script_is_what_the_installed_material_renders() -> None:
    for entry in ALLOWLIST.scripts:
        source = (MATERIAL_SCRIPTS / entry.source).read_text(encoding="utf-8")
        expected = entry.text.replace("{base}", "{{ config.extra.scope | d(base_url) }}")
        assert f"<script>{expected}</script>" in source, entry.name


def test_the_built_sites_pass(site_dir: Path, minimal_site_dir: Path) -> None:
    assert run_site_audit(site_dir).findings == []
    assert run_site_audit(minimal_site_dir).findings == []


def test_theme_scripts_pass_for_every_base_url() -> None:
    for base in (".", "..", "../..", "/", "/sub/path/"):
        assert found(page(f"<script>{SCOPE.render(base)}</script>")) == []


def test_an_injected_script_is_named_with_file_line_hash_and_what_to_do() -> None:
    html = page("<p>hi</p>\n  <script>alert(1)</script>")
    assert found(html) == [
        f"site/x/index.html:8:3: <script>: inline script not on the allowlist "
        f"({csp_hash('alert(1)')}; starts 'alert(1)') (only the theme scripts listed in "
        "macros/safety/inline_scripts.toml may run: remove it, or move the code into a file "
        "under content/assets/javascripts/ (extra_javascript in mkdocs.yml); if a Material "
        "upgrade changed one of its own scripts, write its new text into inline_scripts.toml "
        "and run scripts/csp-hashes)"
    ]


def test_a_theme_script_with_a_hostile_base_is_not_allowed() -> None:
    hostile = SCOPE.render('/"),alert(1),("')
    assert len(found(page(f"<script>{hostile}</script>"))) == 1


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


# Each kind of finding: the element, the catalogue code and the exact wording.
KINDS = [
    ('<img src="/a.png" onerror="alert(1)">', "<img>", "site-event-handler",
     "event handler onerror= (inline code runs)"),
    ("<svg/onload=alert(1)>", "<svg>", "site-event-handler",
     "event handler onload= (inline code runs)"),
    ('<a href="javascript:alert(1)">x</a>', "<a>", "site-dangerous-url",
     "href= with a javascript: URL (javascript:alert(1))"),
    ('<a href=" JaVa&#x09;ScRiPt:alert(1)">x</a>', "<a>", "site-dangerous-url",
     "href= with a javascript: URL ( JaVa\tScRiPt:alert(1))"),
    ('<a href="vbscript:msgbox(1)">x</a>', "<a>", "site-dangerous-url",
     "href= with a vbscript: URL (vbscript:msgbox(1))"),
    ('<a href="data:text/html,<script>alert(1)</script>">x</a>', "<a>", "site-dangerous-url",
     "href= with a data: URL (data:text/html,<script>alert(1)</script>)"),
    ('<a href="https://[::1">x</a>', "<a>", "site-unreadable-url",
     "href= holds an unreadable URL (https://[::1)"),
    ('<meta http-equiv="refresh" content="0;url=https://evil.example/">', "<meta>",
     "site-http-equiv", 'http-equiv="refresh" (redirects or sets state)'),
    ('<img src="https://tracker.example/p.gif">', "<img>", "site-foreign-load",
     "src= loads from another host (https://tracker.example/p.gif)"),
    ('<img src="//tracker.example/p.gif">', "<img>", "site-foreign-load",
     "src= loads from another host (//tracker.example/p.gif)"),
    ('<img srcset="/a.png 1x, https://t.example/b.png 2x">', "<img>", "site-foreign-load",
     "srcset= loads from another host (https://t.example/b.png)"),
    ('<script src="https://cdn.example/x.js"></script>', "<script>", "site-foreign-load",
     "src= loads from another host (https://cdn.example/x.js)"),
    ('<link rel="stylesheet" href="https://fonts.example/x.css">', "<link>", "site-foreign-load",
     "href= loads from another host (https://fonts.example/x.css)"),
    ('<link rel="preload" href="//cdn.example/x.js" as="script">', "<link>", "site-foreign-load",
     "href= loads from another host (//cdn.example/x.js)"),
    ('<link rel="icon" href="https://evil.example/f.ico">', "<link>", "site-foreign-load",
     "href= loads from another host (https://evil.example/f.ico)"),
    ('<form action="https://evil.example/steal"></form>', "<form>", "site-foreign-load",
     "action= loads from another host (https://evil.example/steal)"),
    ('<script src="/x.js">alert(1)</script>', "<script>", "site-script-src-and-code",
     "a script with both src= and inline code"),
    ('<iframe src="/inner.html"></iframe>', "<iframe>", "site-embed",
     "<iframe> embeds another document or a plugin"),
    ('<object data="/x.swf"></object>', "<object>", "site-embed",
     "<object> embeds another document or a plugin"),
    ('<embed src="/x.swf">', "<embed>", "site-embed",
     "<embed> embeds another document or a plugin"),
    ('<base href="/">', "<base>", "site-base", "<base> changes where every relative link goes"),
    ('<a href="//evil.example/">x</a>', "<a>", "site-protocol-relative",
     "href= is protocol-relative (//evil.example/)"),
    ('<p id="verdict">a</p><p id="verdict">b</p>', 'id="verdict"', "site-duplicate-id",
     "duplicate element id (first at line 7, column 1): links to it reach only the first one"),
    ('<script type="application/ld+json">{"@context": "https://evil"}</script>', "<script>",
     "site-jsonld-not-schema", "JSON-LD that is not a schema.org object"),
    ('<script type="application/ld+json">not json</script>', "<script>", "site-jsonld-not-json",
     "JSON-LD that is not JSON (Expecting value: line 1 column 1 (char 0))"),
    ('<script type="application/ld+json">{"@context": "https://schema.org", "a": "</p>"}</script>',
     "<script>", "site-jsonld-early-end",
     "JSON-LD holding '</' or '<!--' (a script could end early)"),
    ('<script id="__config" type="application/json">{</script>', "<script>",
     "site-config-not-json", "Material's __config is not JSON"),
    ('<script type="text/template">x</script>', "<script>", "site-script-type",
     'unknown script type "text/template"'),
    ('<p style="background:url(https://t.example/p.gif)">x</p>', "<p>", "site-style-url",
     "style= with url() (loads a resource)"),
    ("<script>alert(1)</script>", "<script>", "site-inline-script",
     f"inline script not on the allowlist ({csp_hash('alert(1)')}; starts 'alert(1)')"),
]  # fmt: skip


@pytest.mark.parametrize(("html", "subject", "code", "text"), KINDS)
def test_each_kind_of_finding(html: str, subject: str, code: str, text: str) -> None:
    findings = audit_page(page(html), "site/x/index.html", ALLOWLIST).findings
    assert [(f.code, f.field, f.message) for f in findings] == [(code, subject, text)]
    assert findings[0].hint == messages.hint(code) != ""
    assert str(findings[0]) == (
        f"site/x/index.html:7:{findings[0].column}: {subject}: {text} ({findings[0].hint})"
    )


def test_every_finding_of_the_audit_is_a_catalogue_entry_with_a_hint() -> None:
    """Each wording the audit can print is tried above or below, and says how to fix it."""
    tried = {code for _, _, code, _ in KINDS}
    elsewhere = {"site-not-regular-file", "site-missing", "site-page-source", "site-audit-failed"}
    elsewhere |= {"site-css-load", "site-svg-script", "site-animated-link", "site-svg-not-xml"}
    assert tried | elsewhere == set(SITE_AUDIT)
    for code in SITE_AUDIT.keys() - {"site-page-source"}:
        assert messages.CORE[code].hint, code


def test_a_handler_after_a_slash_is_found_once() -> None:
    """Browsers read '/' between attributes as a space: so does the audit, without repeating."""
    assert [f.message for f in audit_page(page('<img/src="/a.png"/onerror=alert(1)>'),
            "x", ALLOWLIST).findings] == ["event handler onerror= (inline code runs)"]  # fmt: skip


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
    assert found(html) == []


def test_a_symlinked_page_is_reported(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (tmp_path / "outside.html").write_text(page("<p>x</p>"))
    (site / "leak.html").symlink_to(tmp_path / "outside.html")
    assert [str(f) for f in run_site_audit(site).findings] == [
        "site/leak.html: not a regular file (a link?) (the site holds files only: remove the "
        "link or special file from content/)"
    ]


def test_a_site_that_is_not_there_fails_the_audit(tmp_path: Path) -> None:
    """A build that wrote its pages elsewhere once passed an audit of nothing."""
    assert [str(f) for f in run_site_audit(tmp_path / "site").findings] == [
        "site: there is no built site here to audit (the build wrote its pages somewhere "
        "else: give it absolute paths)"
    ]


def test_the_allowlist_file_is_the_one_in_the_package() -> None:
    text = ALLOWLIST_PATH.read_text(encoding="utf-8")
    assert re.findall(r'^name = "([^"]+)"', text, re.M) == [s.name for s in ALLOWLIST.scripts]


# overrides/partials/javascripts/base.html: Material's scope script, its base URL through tojson.
OVERRIDE = ROOT / "overrides" / "partials" / "javascripts" / "base.html"
MATERIAL_BASE_URL = '"{{ config.extra.scope | d(base_url) }}"'


def render_scope(base: str) -> str:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(OVERRIDE.parent), autoescape=False)
    return env.get_template(OVERRIDE.name).render(config={"extra": {}}, base_url=base)


def test_the_scope_override_is_materials_partial_with_the_base_url_escaped() -> None:
    material = (MATERIAL_SCRIPTS / "base.html").read_text(encoding="utf-8")
    body = OVERRIDE.read_text(encoding="utf-8").split("-#}\n", 1)[1]
    assert (
        material.split("-#}\n", 1)[1].replace(
            MATERIAL_BASE_URL, "{{ (config.extra.scope | d(base_url)) | tojson }}"
        )
        == body
    )
    assert MATERIAL_BASE_URL in material  # else Material changed: re-copy the override


def test_the_scope_override_renders_the_allowlisted_text_for_every_base_url() -> None:
    """So its CSP hash is the one inline_scripts.toml gives (the site is byte for byte the same)."""
    for base in (".", "..", "../..", "/", "/sub/path/"):
        assert render_scope(base) == f"<script>{SCOPE.render(base)}</script>"


def test_a_quote_in_the_base_url_stays_inside_the_string() -> None:
    hostile = '/"),alert(1),("</script><script>alert(2)//'
    html = render_scope(hostile)
    argument = re.match(r"<script>__md_scope=new URL\((\"(?:[^\"\\]|\\.)*\"),location\)", html)
    assert argument is not None, html
    assert json.loads(argument.group(1)) == hostile
    assert html.count("</script>") == 1
    assert len(found(page(html))) == 1  # and layer 3 still refuses it: not the allowlisted text
