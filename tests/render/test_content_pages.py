"""Hand-written pages under content/ are held to the rules of data text (issue 21, part 2).

Each refusal is pinned to its exact ``content/<file>:line:col`` and catalogue words,
in-process and with the site's real Markdown settings; code (fenced, indented, inline)
stays verbatim and unflagged; front matter is read exactly as MkDocs reads it; and a
built page shows what front matter and headings allow as text wherever it lands.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from mkdocs.utils.meta import get_data
from selectolax.lexbor import LexborHTMLParser

from macros.project import project_from_config
from macros.render.content_pages import content_problems, front_matter, page_problems
from macros.render.markdown import MarkdownFactory
from macros.safety.site import run_site_audit
from tests.harness.site import BUILD_ENV, FIXTURES, ROOT, mkdocs_build
from tests.hostile.cases import Case, Safe, both, make_project, write

SITE: MarkdownFactory = project_from_config(ROOT / "mkdocs.yml").markdown
PAGE = "content/evil.md"


def found(text: str) -> list[str]:
    """Each problem as ``line:col: field: message``."""
    return [
        f"{p.line}:{p.column}: {p.field + ': ' if p.field else ''}{p.message}"
        for p in page_problems(text, PAGE, SITE)
    ]


RAW = "raw HTML is not allowed in a page: "


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "# T\n\n<script>alert(1)</script>\n",
            ["3:1: " + RAW + "<script>", "3:17: " + RAW + "</script>"],
        ),
        (
            "# T\n\nText <img src=x onerror=alert(1)> more.\n",
            ["3:6: " + RAW + "<img src=x onerror=alert(1)>"],
        ),
        ("# T\n\nA <img/src/onerror=alert(1)>\n", ["3:3: " + RAW + "<img/src/onerror=alert(1)>"]),
        (
            '<a href="javascript:alert(1)">x</a>\n',
            ["1:1: " + RAW + '<a href="javascript:alert(1)">', "1:32: " + RAW + "</a>"],
        ),
        (
            'x\n\n<iframe src="https://evil.example/"></iframe>\n',
            ["3:1: " + RAW + '<iframe src="https://evil.example/">', "3:37: " + RAW + "</iframe>"],
        ),
        (
            "<style>@import url(https://other.host/x.css)</style>\n",
            ["1:1: " + RAW + "<style>", "1:45: " + RAW + "</style>"],
        ),
        (
            "<!--><script>alert(1)</script>-->\n",
            ["1:1: " + RAW + "<!-->", "1:6: " + RAW + "<script>", "1:22: " + RAW + "</script>"],
        ),
        (
            '<noscript><p title="</noscript><img src=x onerror=alert(1)>">\n',
            [
                "1:1: " + RAW + "<noscript>",
                "1:11: " + RAW + '<p title="</noscript>',
                "1:21: " + RAW + "</noscript>",
                "1:32: " + RAW + "<img src=x onerror=alert(1)>",
            ],
        ),
        ("<!DOCTYPE html>\n", ["1:1: " + RAW + "<!DOCTYPE html>"]),
        ("<?php echo 1; ?>\n", ["1:1: " + RAW + "<?php echo 1; ?>"]),
        (
            "!!! note\n    Inside <b onmouseover=alert(1)>x</b>\n",
            ["2:12: " + RAW + "<b onmouseover=alert(1)>", "2:37: " + RAW + "</b>"],
        ),
    ],
    ids=[
        "script",
        "img-onerror",
        "img-slash-onerror",
        "javascript-anchor",
        "iframe",
        "style-import",
        "comment-ends-early",
        "noscript-title",
        "doctype",
        "processing-instruction",
        "inside-admonition",
    ],
)
def test_raw_html_is_refused_where_it_is_written(text: str, expected: list[str]) -> None:
    assert found(text) == expected


def test_the_refusal_names_what_is_allowed_and_how_to_fix_it() -> None:
    (problem,) = page_problems("<b>x\n", PAGE, SITE)
    assert str(problem) == (
        "content/evil.md:1:1: raw HTML is not allowed in a page: <b> (write Markdown instead "
        "(headings, lists, tables, links, images from /assets/, admonitions '!!! note', "
        "collapsible notes '??? note'); to show HTML as code, put it in `backticks` or a ``` "
        "block)"
    )


def test_code_stays_verbatim_and_is_not_flagged() -> None:
    text = (
        "# Code\n\n"
        "Inline `<script>alert(1)</script>` and ``<img src=x onerror=alert(1)>``.\n\n"
        "```html\n<iframe src=x></iframe>\n<!--><script>x</script>-->\n```\n\n"
        "~~~\n<style>@import url(https://other.host/)</style>\n~~~\n\n"
        "    <script>indented code</script>\n\n"
        "1. A list\n\n        <object data=x></object>\n\n"
        "Plain a < b and c > d, <https://example.org/>.\n"
    )
    assert found(text) == []
    html = SITE.convert(text)
    assert "&lt;script&gt;indented code&lt;/script&gt;" in html
    assert "&lt;object data=x&gt;" in html


def test_links_attribute_lists_and_images() -> None:
    text = (
        "[a](javascript:alert(1)) [b](//evil.example/) [ok](other.md) [ok2](/faq.md#x)\n\n"
        "[c](javascript&#58;alert(1)) [d](&#x2F;/evil.example/)\n\n"
        "<data:text/html,x> [r][r]\n\n"
        "[r]: vbscript:x\n\n"
        'Para {: onclick="alert(1)" }\n\n'
        "![x](https://evil.example/t.png)\n"
    )
    assert found(text) == [
        "1:5: 'javascript:alert(1)' is not an allowed link",
        "1:30: '//evil.example/' is not an allowed link",
        "3:5: 'javascript&#58;alert(1)' is not an allowed link",
        "3:34: '&#x2F;/evil.example/' is not an allowed link",
        "5:1: 'data:text/html,x' is not an allowed link",
        "7:6: 'vbscript:x' is not an allowed link",
        '9:6: curly braces set HTML attributes: {: onclick="alert(1)" }',
        "11:1: an image from 'https://evil.example/t.png'",
    ]


def test_braces_after_a_code_fence_are_refused_at_the_fence() -> None:
    text = (
        "# T\n\n```{.python #verdict data-x=1}\nprint({1: 2})\n```\n\n"
        "- item\n\n    ~~~ { #faq }\n    x\n    ~~~\n"
    )
    fence = "braces after a code fence set HTML attributes of the block: "
    assert found(text) == [f"3:4: {fence}{{.python #verdict data-x=1}}", f"9:9: {fence}{{ #faq }}"]
    assert found("```python\nd = {1: 2}\n```\n") == []


def test_front_matter_values_are_plain_text() -> None:
    text = (
        "---\n"
        'title: "A <img src=x onerror=alert(1)>"\n'
        "description: a &lt;b&gt; c\n"
        "extra:\n  tags: [ok, '<b>x</b>']\n"
        "---\n\n# Fine & dandy\n"
    )
    markup = "the front-matter value holds markup: "
    assert found(text) == [
        f"2:8: title: {markup}A <img src=x onerror=alert(1)>",
        f"3:14: description: {markup}a &lt;b&gt; c",
        f"5:14: extra.tags[1]: {markup}<b>x</b>",
    ]
    assert found('---\ntitle: Flask & Django, "a guide" <3, a < b > c\n---\n\nText.\n') == []


def test_invisible_characters_as_in_data_text() -> None:
    text = '---\ntitle: "abc\u202edef"\n---\n\n# T\n\nText\u200b here.\n\n\tcode\twith tabs\n'
    assert found(text) == [
        "2:8: title: a right-to-left override (U+202E) at column 4",
        "7:5: a zero-width space (U+200B) at column 5",
    ]


def test_multimarkdown_meta_lines_are_front_matter_too() -> None:
    # MkDocs reads "Key: value" lines at the top as metadata: they never reach the page
    # as Markdown, but their values land in <title> and the search index.
    text = "Title: <svg onload=alert(1)>\nSummary: ok\n    more &#60;\n\n# Body\n"
    markup = "the front-matter value holds markup: "
    assert found(text) == [
        f"1:8: title: {markup}<svg onload=alert(1)>",
        f"3:5: summary: {markup}more &#60;",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "---\ntitle: T\n---\n\n# x\n",
        "---\ntitle: T\n...\nbody\n",
        "--- \ntitle: [unclosed\n---\nbody\n",
        "---\n- a list\n---\nbody\n",
        "---\ntitle: !!python/name:os.system x\n---\nbody\n",
        "---\n<b>key</b>: !!binary x\n---\n",
        "Title: x\nAuthor: y\n    more\n\nbody\n",
        "Title: x\nnot meta\nbody\n",
        "\nTitle: x\n",
        "# Heading\nTitle: x\n",
        "",
    ],
)
def test_front_matter_is_read_as_mkdocs_reads_it(text: str) -> None:
    body, meta = get_data(text)
    start, values = front_matter(text)
    assert text[start:].lstrip("\n") == body
    assert {v.key.split(".")[0].split("[")[0] for v in values} == set(meta)


def test_the_rendered_page_is_audited_too() -> None:
    # A heading whose id is one of Material's own (__search): Markdown, but not allowed.
    assert found("---\ntitle: T\n---\n\n# __search\n") == [
        '5:1: the page\'s HTML is not allowed: the text produces id="__search" on <h1>'
    ]


def test_what_a_page_may_use() -> None:
    text = (
        "# Guide\n\n## Part two\n\n| a | b |\n|---|:-:|\n| 1 | 2 |\n\n"
        "Footnote[^1] and a lone } brace in prose.\n\n[^1]: The note.\n\n"
        '!!! note "Careful"\n    **Bold**.\n\n??? tip\n    Hidden.\n\n'
        '=== "Flask"\n\n    Flask.\n\n=== "Django"\n\n    Django.\n\n'
        "![logo](/assets/images/logo.svg) [x](https://example.org/) [y](other.md#a)\n\n"
        "*[HTML]: Hyper Text\n\n[ref]: https://example.org/\n"
    )
    assert found(text) == []


def test_the_pages_of_a_folder(tmp_path: Path) -> None:
    content = tmp_path / "content"
    (content / "sub").mkdir(parents=True)
    (content / ".hidden").mkdir()
    (content / "templates").mkdir()
    (content / "ok.md").write_text("# Fine\n", encoding="utf-8")
    (content / "sub" / "bad.md").write_text("# Bad\n\n<b>x</b>\n", encoding="utf-8")
    (content / ".hidden" / "x.md").write_text("<b>x</b>\n", encoding="utf-8")  # not published
    (content / "templates" / "x.md").write_text("<b>x</b>\n", encoding="utf-8")  # not published
    (content / "latin1.md").write_bytes("# Caf\xe9\n".encode("latin-1"))
    (content / "link.md").symlink_to(content / "sub" / "bad.md")  # the file checks' job
    (content / "bom.md").write_text("\ufeff---\ntitle: <b>\n---\n", encoding="utf-8")
    (content / "crlf.md").write_bytes(b"---\r\ntitle: T\r\n---\r\n\r\n# T\r\n\r\n<b>\r\n")
    problems = content_problems(content, tmp_path, SITE)
    shown = [
        f"{p.path}:{p.line}:{p.column}: {p.field + ': ' if p.field else ''}{p.message}"
        for p in problems
    ]
    assert shown == [
        "content/bom.md:2:8: title: the front-matter value holds markup: <b>",
        "content/crlf.md:7:1: raw HTML is not allowed in a page: <b>",
        "content/latin1.md:1:6: the page is not valid UTF-8 (byte 0xe9)",
        "content/sub/bad.md:3:1: raw HTML is not allowed in a page: <b>",
        "content/sub/bad.md:3:5: raw HTML is not allowed in a page: </b>",
    ]


def test_the_fixture_guide_page_passes() -> None:
    content = FIXTURES / "minimal" / "content"
    assert content_problems(content, FIXTURES / "minimal", SITE) == []


TITLE = 'Tom & "Jerry" onmouseover="alert(1)" \'O\'Neil'
DESCRIPTION = 'A "guide" & more\' http-equiv="refresh'
HEADING = 'Second <img src=x onerror=alert(1)> "q"'  # written as &lt; ... &gt; in the page


@pytest.mark.slow
def test_front_matter_and_headings_land_as_text_in_every_spot(tmp_path: Path) -> None:
    """A built page: <title>, meta and og tags, the navigation, the heading and the
    search index (which Material shows as HTML) hold the values as text, nothing more."""
    guide = "---\ntitle: " + json.dumps(TITLE) + "\ndescription: " + json.dumps(DESCRIPTION)
    project = make_project(
        Case(
            "landing",
            "front-matter",
            both(
                write("content/guide.md", guide + "\n---\n\n## Part\n\nText.\n"),
                write("content/second.md", '# Second &lt;img src=x onerror=alert(1)&gt; "q"\n'),
            ),
            Safe(),
        ),
        tmp_path / "project",
    )
    site = tmp_path / "site"
    built = mkdocs_build(project / "mkdocs.yml", site, env={**os.environ, **BUILD_ENV})
    assert built.returncode == 0, built.stderr[-3000:]
    assert [str(f) for f in run_site_audit(site).findings] == []

    page = LexborHTMLParser((site / "guide" / "index.html").read_text(encoding="utf-8"))
    assert page.css_first("title").text() == f"{TITLE} - Alpha vs Beta"
    assert page.css_first('meta[name="description"]').attributes["content"] == DESCRIPTION
    assert page.css_first('meta[property="og:title"]').attributes["content"] == TITLE
    assert page.css_first('meta[property="og:description"]').attributes["content"] == DESCRIPTION
    assert page.css_first("h1").text(strip=True) == TITLE  # Material's heading from the title
    home = LexborHTMLParser((site / "index.html").read_text(encoding="utf-8"))
    navigation = [a.text(strip=True) for a in home.css('a.md-nav__link[href="guide/"]')]
    assert navigation == [TITLE]
    second = LexborHTMLParser((site / "second" / "index.html").read_text(encoding="utf-8"))
    assert second.css_first("title").text() == f"{HEADING} - Alpha vs Beta"
    assert second.css_first("h1").text(strip=True).removesuffix("¶") == HEADING
    for document in (page, second):
        assert document.css("img[onerror]") == []
        assert not [n for n in document.css("*") if "onmouseover" in n.attributes]
        assert not [n for n in document.css("meta") if "http-equiv" in n.attributes]

    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    titles = {doc["location"]: doc["title"] for doc in index["docs"]}
    for location, text in (("guide/", TITLE), ("second/", HEADING)):
        shown = LexborHTMLParser(f"<div>{titles[location]}</div>").css_first("div")
        assert shown.text() == text  # as Material's search shows it: text, no element
        assert shown.css("div *") == []


def test_svg_and_css_under_content_are_refused_before_the_build(tmp_path: Path) -> None:
    content = tmp_path / "content"
    (content / "assets").mkdir(parents=True)
    (content / "assets" / "evil.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg">\n  <script>alert(1)</script>\n</svg>\n'
    )
    (content / "assets" / "evil.css").write_text("a {}\n@import 'https://other.host/x.css';\n")
    (content / "assets" / "fine.css").write_text("a { background: url(../images/x.png) }\n")
    problems = content_problems(content, tmp_path, SITE)
    assert [f"{p.path}:{p.line}:{p.column}: {p.field}: {p.message}" for p in problems] == [
        "content/assets/evil.css:2:1: @import: loads from another host (https://other.host/x.css)",
        "content/assets/evil.svg:2:3: <script>: a script in an SVG or XML file (it runs when "
        "the file is opened)",
    ]
