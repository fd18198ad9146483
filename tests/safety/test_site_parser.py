"""The audit reads a page the way Chromium does: a differential test on tricky markup.

Each case is a tokenizer or tree-construction corner where a parser that is not
the WHATWG algorithm (``html.parser``) sees something else than a browser:
comments that end early, raw-text elements read with scripting on, foreign content
(SVG, MathML) and the markup that breaks out of it, template content, CDATA, NUL
bytes. Here each case must give the audit's expected findings; in
tests/browser/test_audit_differential.py the elements the audit judges must be
exactly those Chromium builds from the same bytes. SVG files get the same pair,
read as XML.
"""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from macros.safety.assets import audit_svg
from macros.safety.site import audit_page, load_allowlist

ALLOWLIST = load_allowlist()
HANDLER = "site-event-handler"
SCRIPT = "site-inline-script"
DANGER = "site-dangerous-url"
EMBED = "site-embed"
FOREIGN = "site-foreign-load"
IMG = "<img src=x onerror=alert(1)>"

# (name, markup, the catalogue codes the audit must report): each markup runs a script
# in a browser exactly when a code says so.
CASES: list[tuple[str, str, set[str]]] = [
    ("comment-ends-at-gt", "<!--><script>alert(1)</script>-->", {SCRIPT}),
    ("comment-ends-at-dash-gt", "<!---><script>alert(1)</script>-->", {SCRIPT}),
    ("comment-ends-at-bang", f"<!-- x --!>{IMG}-->", {HANDLER}),
    ("comment-empty", f"<!---->{IMG}", {HANDLER}),
    ("comment-not-nested", f"<!-- <!-- -->{IMG}-->", {HANDLER}),
    ("comment-hides", f"<!-- {IMG} -- >-->", set()),
    ("bogus-comment", f"<? x>{IMG}", {HANDLER}),
    ("bogus-comment-hides", f"<? {IMG}", set()),
    ("noscript-attribute", f'<noscript><p title="</noscript>{IMG}">', {HANDLER}),
    ("textarea-attribute", f'<textarea><p title="</textarea>{IMG}">', {HANDLER}),
    ("xmp-attribute", f'<xmp><p title="</xmp>{IMG}">', {HANDLER}),
    ("noembed-attribute", f'<noembed><p title="</noembed>{IMG}">', {HANDLER}),
    ("noframes-attribute", f'<noframes><p title="</noframes>{IMG}">', {HANDLER}),
    ("title-attribute", f'<title><p title="</title>{IMG}">', {HANDLER}),
    ("style-attribute", f'<style><p title="</style>{IMG}">', {HANDLER}),
    ("iframe-raw-text", f'<iframe><p title="</iframe>{IMG}">', {EMBED, HANDLER}),
    (
        "noscript-in-head",
        "<!doctype html><html><head><noscript>"
        '<link rel="stylesheet" href="https://evil.example/x.css"></noscript></head></html>',
        set(),
    ),
    ("noscript-in-head-breaks-out", f"<head><noscript><style></noscript>{IMG}", {HANDLER}),
    ("script-in-title", "<title><script>alert(1)</script></title>", set()),
    ("script-in-textarea", "<textarea><script>alert(1)</script></textarea>", set()),
    ("plaintext", f"<plaintext>{IMG}", set()),
    (
        "script-double-escaped",
        f"<script><!--<script></script>--></script>{IMG}",
        {SCRIPT, HANDLER},
    ),
    ("svg-style-breaks-out", f"<svg><style>{IMG}", {HANDLER}),
    ("math-style-breaks-out", f"<math><style>{IMG}</style></math>", {HANDLER}),
    # Sanitizer bypasses that need a second parse (mutation XSS): one parse keeps the
    # <img> as text inside a MathML <style>, in Chromium as in the audit.
    ("math-mglyph-style", f"<math><mtext><table><mglyph><style>{IMG}", set()),
    ("form-math-mglyph", f"<form><math><mtext></form><form><mglyph><style></math>{IMG}", set()),
    ("svg-p-breaks-out", f'<svg></p><style><a id="</style>{IMG}">', {HANDLER}),
    ("svg-foreign-object", f"<svg><foreignObject>{IMG}</foreignObject></svg>", {HANDLER}),
    ("svg-cdata-is-text", f"<svg><![CDATA[</svg>{IMG}]]></svg>", set()),
    ("html-cdata-is-comment", f"<div><![CDATA[{IMG}]]></div>", set()),
    ("svg-script", "<svg><script>alert(1)</script></svg>", {SCRIPT}),
    ("svg-onload", "<svg/onload=alert(1)>", {HANDLER}),
    (
        "svg-xlink-href",
        '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
        {DANGER},
    ),
    ("template-content", f"<template>{IMG}</template>", {HANDLER}),
    ("template-nested", f"<template><template>{IMG}</template></template>", {HANDLER}),
    ("unquoted-slash-is-value", "<img/src=x/onerror=alert(1)>", set()),
    ("quoted-slashes", '<img/src="x"/onerror=alert(1)>', {HANDLER}),
    ("unquoted-comment-tail", "<img src=x onerror=alert(1)//>", {HANDLER}),
    ("attribute-named-lt", "<div <img src=x onerror=alert(1)>>", {HANDLER}),
    ("handler-inside-quotes", '<img src=x title="a onerror=alert(1)">', set()),
    ("end-tag-attributes", "<p></p onclick=alert(1)>", set()),
    ("nul-in-tag-name", "<scr\0ipt>alert(1)</script>", set()),
    ("nul-in-attribute-name", "<img src=x on\0error=alert(1)>", {HANDLER}),
    ("named-reference-colon", "<a href=javascript&colon;alert(1)>x</a>", {DANGER}),
    ("tab-in-scheme", '<a href="jav&#x09;ascript:alert(1)">x</a>', {DANGER}),
    ("duplicate-attribute", '<img src="/a.png" onerror=alert(1) onerror=alert(2)>', {HANDLER}),
    ("foreign-image", '<img src="https://tracker.example/p.gif">', {FOREIGN}),
    ("svg-image-foreign", '<svg><image href="https://tracker.example/p.png"/></svg>', {FOREIGN}),
    (
        "svg-animate-href",
        '<svg><a><animate attributeName="href" values="javascript:alert(1)"/></a></svg>',
        {"site-animated-link"},
    ),
    ("style-import", "<style>@import url(https://evil.example/x.css);</style>", {"site-css-load"}),
    (
        "svg-style-import",
        "<svg><style>@import url(//evil.example/x.css);</style></svg>",
        {"site-css-load"},
    ),
]


def codes(markup: str) -> set[str]:
    return {f.code for f in audit_page(markup, "site/x/index.html", ALLOWLIST).findings}


@pytest.mark.parametrize(("markup", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_the_audit_finds_what_runs_in_a_browser(markup: str, expected: set[str]) -> None:
    assert codes(markup) == expected


def test_html_parser_missed_what_the_audit_now_finds() -> None:
    """The cases of issue 21: each one hid a running script from Python's html.parser."""

    class Tags(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.found: set[str] = set()

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            self.found |= {tag} | {name for name, _ in attrs if name.startswith("on")}

    for name in ("comment-ends-at-gt", "noscript-attribute", "textarea-attribute"):
        markup = next(c[1] for c in CASES if c[0] == name)
        parser = Tags()
        parser.feed(markup)
        assert not parser.found & {"script", "onerror"}, name
        assert codes(markup) & {HANDLER, SCRIPT}, name


def test_a_finding_is_placed_at_its_tag_with_commented_tags_skipped() -> None:
    markup = '<!-- <img onerror=x> -->\n<p id="a">\n  <img src=x onerror=alert(1)>\n<p id="a">'
    findings = audit_page(markup, "site/x/index.html", ALLOWLIST).findings
    assert [(f.code, f.line, f.column) for f in findings] == [
        (HANDLER, 3, 3),
        ("site-duplicate-id", 4, 1),
    ]
    assert "first at line 2, column 1" in findings[1].message


# SVG files, which a browser reads as XML: the audit's reading (expat) against Chromium's.
SVG_NS = 'xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"'
SVG_CASES: list[tuple[str, str, set[str]]] = [
    (
        "entity-holds-a-script",
        f'<!DOCTYPE svg [<!ENTITY x "<script>alert(1)</script>">]><svg {SVG_NS}>&x;</svg>',
        {"site-svg-script"},
    ),
    (
        "cdata-script",
        f"<svg {SVG_NS}><script><![CDATA[alert(1)]]></script></svg>",
        {"site-svg-script"},
    ),
    ("comment-hides", f"<svg {SVG_NS}><!-- <script>alert(1)</script> --></svg>", set()),
    ("root-onload", f'<svg {SVG_NS} onload="alert(1)"/>', {HANDLER}),
    (
        "other-prefix-for-xlink",
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xl="http://www.w3.org/1999/xlink">'
        '<a xl:href="javascript:alert(1)"><text>x</text></a></svg>',
        {DANGER},
    ),
    (
        "foreign-object-xhtml",
        f'<svg {SVG_NS}><foreignObject><img xmlns="http://www.w3.org/1999/xhtml" src="x" '
        'onerror="alert(1)"/></foreignObject></svg>',
        {HANDLER},
    ),
    (
        "animate-href",
        f'<svg {SVG_NS}><a><animate attributeName="href" values="javascript:alert(1)"/>'
        "<text>x</text></a></svg>",
        {"site-animated-link"},
    ),
    ("image-foreign", f'<svg {SVG_NS}><image href="https://t.example/p.png"/></svg>', {FOREIGN}),
]


@pytest.mark.parametrize(
    ("svg", "expected"), [c[1:] for c in SVG_CASES], ids=[c[0] for c in SVG_CASES]
)
def test_the_svg_audit_finds_what_runs_in_a_browser(svg: str, expected: set[str]) -> None:
    assert {f.code for f in audit_svg(svg.encode(), "site/x.svg")} == expected
