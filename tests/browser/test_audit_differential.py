"""The audit sees the tree Chromium builds from the same bytes (issue 21).

The cases are tests/safety/test_site_parser.py's: tokenizer and tree-construction
corners (comments, raw-text elements with scripting on, foreign content, templates,
CDATA, NUL bytes) and SVG documents. Each is served to Chromium with scripting on
and every script blocked by the Content-Security-Policy; the elements, attributes
and script and style text the audit judges must be exactly Chromium's, template
content included. The same holds for every whole-document test of a vendored subset of
html5lib-tests' tree-construction suite (tests/fixtures/html5lib-tests: 19 files, 788
documents read with scripting on, each written into a served page).
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Route

from macros.safety.assets import xml_elements
from macros.safety.site import parse_page
from tests.browser.html5lib_cases import html5lib_documents
from tests.safety.test_site_parser import CASES, SVG_CASES

pytestmark = pytest.mark.browser

# Chromium's tree, in document order, each template's content where the template stands.
CHROMIUM_VIEW = """() => {
    const out = [];
    const walk = root => {
        for (const el of root.querySelectorAll("*")) {
            const text = ["script", "style"].includes(el.localName) ? el.textContent : null;
            out.push([el.localName, [...el.attributes].map(a => [a.name, a.value]).sort(), text]);
            if (el.localName === "template" && el.content) walk(el.content);
        }
    };
    walk(document);
    return out;
}"""

View = list[tuple[str, list[tuple[str, str]], str | None]]


def audit_view(markup: str) -> View:
    view: View = []
    for node in parse_page(markup):
        tag = node.tag or ""
        attributes = sorted((name, value or "") for name, value in node.attributes.items())
        text = node.text(deep=True) if tag in ("script", "style") else None
        view.append((tag, attributes, text))
    return view


def differences(browser: Browser, cases: list[tuple[str, str]]) -> dict[str, tuple[View, View]]:
    """Chromium's tree and the audit's, for each case where they differ.

    Each markup is served as a page with scripting on (so <noscript> is raw text),
    scripts blocked by the CSP.
    """
    context = browser.new_context()
    page = context.new_page()
    markup = ""

    def serve(route: Route) -> None:
        if route.request.url == "http://audit.test/":
            headers = {"content-type": "text/html; charset=utf-8"}
            headers["content-security-policy"] = "default-src 'none'"
            route.fulfill(status=200, headers=headers, body=markup.encode("utf-8"))
        else:
            route.abort()

    page.route("**/*", serve)
    found = {}
    try:
        for name, markup in cases:
            page.goto("http://audit.test/", wait_until="domcontentloaded")  # parsed
            chromium = [(tag, [tuple(a) for a in attrs], text) for tag, attrs, text in
                        page.evaluate(CHROMIUM_VIEW)]  # fmt: skip
            if chromium != audit_view(markup):
                found[name] = (chromium, audit_view(markup))
    finally:
        context.close()
    return found


def test_the_audit_sees_the_tree_chromium_builds(browser: Browser) -> None:
    assert differences(browser, [(name, markup) for name, markup, _ in CASES]) == {}


# Chromium's tree after the markup is written into the page: the same parser, with
# scripting on, and the page's CSP still blocks every script.
WRITTEN_VIEW = f"""(html) => {{
    document.open();
    document.write(html);
    document.close();
    return ({CHROMIUM_VIEW})();
}}"""


def test_the_audit_sees_html5lib_tests_trees_as_chromium_does(browser: Browser) -> None:
    """Every whole-document test of the vendored html5lib-tests subset (tests/fixtures):
    comments, script data, <noscript>, templates, foreign content, unsafe characters.

    Each is written into one served page (document.write runs the same HTML parser,
    scripting on) rather than served on its own: the 788 documents agree either way,
    and a navigation each took 122 s against 20 s (wall clock, one run each).
    """
    documents = html5lib_documents()
    assert len(documents) >= 700
    context = browser.new_context()
    page = context.new_page()

    def serve(route: Route) -> None:
        headers = {"content-type": "text/html", "content-security-policy": "default-src 'none'"}
        route.fulfill(status=200, headers=headers, body="")

    page.route("http://audit.test/", serve)
    found = {}
    try:
        page.goto("http://audit.test/")
        for name, markup in documents:
            chromium = [(tag, [tuple(a) for a in attrs], text) for tag, attrs, text in
                        page.evaluate(WRITTEN_VIEW, markup)]  # fmt: skip
            if chromium != audit_view(markup):
                found[name] = (chromium, audit_view(markup))
    finally:
        context.close()
    assert found == {}


CHROMIUM_XML_VIEW = """() => [...document.querySelectorAll("*")].map(el => [
    el.localName,
    [...el.attributes].filter(a => a.namespaceURI !== "http://www.w3.org/2000/xmlns/")
        .map(a => [a.namespaceURI === "http://www.w3.org/1999/xlink"
            ? "xlink:" + a.localName : a.localName, a.value]).sort(),
])"""


def test_the_svg_audit_sees_the_tree_chromium_builds(browser: Browser) -> None:
    """Each SVG served as image/svg+xml, scripts blocked by CSP."""
    context = browser.new_context()
    page = context.new_page()
    svg = ""

    def serve(route: Route) -> None:
        if route.request.url == "http://audit.test/x.svg":
            headers = {
                "content-type": "image/svg+xml",
                "content-security-policy": "default-src 'none'",
            }
            route.fulfill(status=200, headers=headers, body=svg)
        else:
            route.abort()

    page.route("**/*", serve)
    differences = {}
    try:
        for name, svg, _ in SVG_CASES:
            page.goto("http://audit.test/x.svg")
            chromium = [(tag, dict(attrs)) for tag, attrs in page.evaluate(CHROMIUM_XML_VIEW)]
            if chromium != xml_elements(svg.encode()):
                differences[name] = (chromium, xml_elements(svg.encode()))
    finally:
        context.close()
    assert differences == {}
