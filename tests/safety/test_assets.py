"""Layer 3 for SVG files and stylesheets (macros/safety/assets.py), and the site audit
reading every file a server sends as a page, an SVG or a stylesheet."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from macros.safety.assets import audit_css, audit_svg, css_loads
from macros.safety.site import audit_page, load_allowlist, run_site_audit

SVG = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">\n{}\n</svg>'


def svg(body: str) -> list[str]:
    return [str(f) for f in audit_svg(SVG.format(body).encode(), "site/assets/x.svg")]


def svg_codes(body: str) -> list[tuple[str, str, int, int]]:
    found = audit_svg(SVG.format(body).encode(), "site/assets/x.svg")
    return [(f.code, f.field, f.line, f.column) for f in found]


def test_an_ordinary_svg_passes() -> None:
    assert (
        svg('<g id="a"><path d="M0 0h1"/><use href="#a"/><a href="https://x.example/">x</a></g>')
        == []
    )
    assert svg('<image href="data:image/png;base64,AAAA"/><style>.a{fill:red}</style>') == []


SVG_KINDS = [
    ("<script>alert(1)</script>", "site-svg-script", "<script>"),
    ('<script xlink:href="/x.js"/>', "site-svg-script", "<script>"),
    ('<rect onclick="alert(1)"/>', "site-event-handler", "<rect>"),
    ('<a xlink:href="javascript:alert(1)"><text>x</text></a>', "site-dangerous-url", "<a>"),
    ('<a href=" javascript:alert(1)"><text>x</text></a>', "site-dangerous-url", "<a>"),
    ('<image href="https://tracker.example/p.png"/>', "site-foreign-load", "<image>"),
    ('<use xlink:href="//evil.example/s.svg#a"/>', "site-foreign-load", "<use>"),
    ('<a><animate attributeName="href" values="javascript:alert(1)"/></a>',
     "site-animated-link", "<animate>"),
    ('<a><set attributeName="xlink:href" to="javascript:alert(1)"/></a>',
     "site-animated-link", "<set>"),
    ("<style>@import url(https://evil.example/x.css);</style>", "site-css-load", "url()"),
    ('<?xml-stylesheet href="https://evil.example/x.xsl" type="text/xsl"?>', "site-foreign-load",
     "<?xml-stylesheet?>"),
    ('<rect style="fill:url(https://evil.example/p.svg#g)"/>', "site-style-url", "<rect>"),
    ('<foreignObject><div xmlns="http://www.w3.org/1999/xhtml"><iframe src="/x"/></div>'
     "</foreignObject>", "site-embed", "<iframe>"),
]  # fmt: skip


@pytest.mark.parametrize(("body", "code", "subject"), SVG_KINDS)
def test_each_kind_of_svg_finding(body: str, code: str, subject: str) -> None:
    assert [(c, s) for c, s, _, _ in svg_codes(body)] == [(code, subject)]


def test_an_svg_finding_is_placed_at_its_element() -> None:
    assert svg_codes('<g>\n  <rect onclick="alert(1)"/></g>')[0][2:] == (3, 3)


def test_an_svg_that_is_not_xml_is_refused_with_the_place() -> None:
    assert svg("<g><rect></g>") == [
        "site/assets/x.svg:2:12: an SVG or XML file that is not well-formed XML (mismatched "
        "tag) (save the file again from an editor that writes valid XML, or remove it from "
        "content/)"
    ]


CSS_LOADS = [
    ("@import url(https://evil.example/x.css);", "url()", "https://evil.example/x.css"),
    ('@import "//evil.example/x.css";', "@import", "//evil.example/x.css"),
    (".a { background: url('https://t.example/p.gif') }", "url()", "https://t.example/p.gif"),
    (".a { background: u\\72l(https://t.example/p.gif) }", "url()", "https://t.example/p.gif"),
    ('.a { background: image-set("https://t.example/a.png" 1x) }', "image-set()",
     "https://t.example/a.png"),
    ("@font-face { src: url(http://fonts.example/f.woff2) }", "url()", "http://fonts.example/f.woff2"),
]  # fmt: skip


@pytest.mark.parametrize(("css", "what", "url"), CSS_LOADS)
def test_a_stylesheet_that_loads_from_another_host(css: str, what: str, url: str) -> None:
    assert [(w, u) for _, w, u in css_loads(css)] == [(what, url)]


def test_what_the_theme_s_stylesheets_hold_passes() -> None:
    css = (
        '.a{background:url("data:image/svg+xml;charset=utf-8,<svg/>")}\n'
        "/* url(https://in.a.comment/) */ .b{background:url(../images/x.png)}\n"
        '@import "extra.css"; .c{mask-image:var(--md-icon)}'
    )
    assert css_loads(css) == []


def test_a_stylesheet_finding_names_file_line_and_column() -> None:
    assert [str(f) for f in audit_css("a{}\n  b{background:url(//t.example/p)}", "site/x.css")] == [
        "site/x.css:2:16: url(): loads from another host (//t.example/p) (copy the file into "
        "content/assets/ and refer to it by a path on the site: a load from another host "
        "tells that host who reads the page)"
    ]


def test_a_style_element_in_a_page_is_read_as_css() -> None:
    html = "<p>x</p>\n<style>@import url(https://evil.example/x.css);</style>"
    found = audit_page(html, "site/x/index.html", load_allowlist()).findings
    assert [(f.code, f.line, f.column) for f in found] == [("site-css-load", 2, 1)]


def test_an_animation_of_a_link_in_a_page_is_refused() -> None:
    html = '<svg><a><animate attributeName="href" values="javascript:alert(1)"/></a></svg>'
    found = audit_page(html, "site/x/index.html", load_allowlist()).findings
    assert [f.code for f in found] == ["site-animated-link"]


def test_an_svg_image_in_a_page_that_loads_from_another_host_is_refused() -> None:
    html = '<svg><image href="https://tracker.example/p.png"/></svg>'
    found = audit_page(html, "site/x/index.html", load_allowlist()).findings
    assert [f.code for f in found] == ["site-foreign-load"]


def test_the_site_audit_reads_every_page_svg_and_stylesheet(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "assets").mkdir(parents=True)
    (site / "index.html").write_text("<p>fine</p>")
    (site / "old.htm").write_text("<img src=x onerror=alert(1)>")
    # XHTML is XML to a browser: <textarea> holds elements, not text.
    (site / "doc.XHTML").write_text(
        '<html><textarea><img src="x" onerror="alert(1)"/></textarea></html>'
    )
    (site / "assets" / "logo.svg").write_text(SVG.format("<script>alert(1)</script>"))
    (site / "assets" / "extra.css").write_text("@import url(https://evil.example/x.css);")
    (site / "assets" / "notes.txt").write_text("<script>alert(1)</script>")  # served as text
    xhtml = '<h:script xmlns:h="http://www.w3.org/1999/xhtml">alert(1)</h:script>'
    (site / "sitemap.xml").write_text(f"<urlset><url><loc>/</loc></url>{xhtml}</urlset>")
    found = run_site_audit(site).findings
    assert sorted((f.path, f.code) for f in found) == [
        ("site/assets/extra.css", "site-css-load"),
        ("site/assets/logo.svg", "site-svg-script"),
        ("site/doc.XHTML", "site-event-handler"),
        ("site/old.htm", "site-event-handler"),
        ("site/sitemap.xml", "site-svg-script"),
    ]


def test_the_search_index_entries_are_read_as_html(tmp_path: Path) -> None:
    """Material's search puts each entry's title and text into the page as HTML."""
    site = tmp_path / "site"
    (site / "search").mkdir(parents=True)
    docs = [
        {"location": "", "title": "Home", "text": "<p>a &lt;img onerror=x&gt; as text</p>"},
        {"location": "x/", "title": "<img src=x onerror=alert(1)>", "text": ""},
        {"location": "y/", "title": "Y", "text": '<a href="javascript:alert(1)">y</a>'},
    ]
    (site / "search" / "search_index.json").write_text(json.dumps({"config": {}, "docs": docs}))
    assert [(f.location, f.field, f.code) for f in run_site_audit(site).findings] == [
        ("site/search/search_index.json", "docs[1].title <img>", "site-event-handler"),
        ("site/search/search_index.json", "docs[2].text <a>", "site-dangerous-url"),
    ]


def test_a_link_of_any_name_in_the_site_is_reported(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (tmp_path / "secret").mkdir()
    (site / "fonts").symlink_to(tmp_path / "secret")
    (site / "key.bin").symlink_to(tmp_path / "secret")
    assert [(f.path, f.code) for f in run_site_audit(site).findings] == [
        ("site/fonts", "site-not-regular-file"),
        ("site/key.bin", "site-not-regular-file"),
    ]
