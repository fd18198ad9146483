"""Layer 2 on its own: the HTML one data field produces, rendered with the site's Markdown."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from macros.safety.fragment import fragment_problems

SAFE_TEXTS = [
    "Pick **Alpha** for small services, *Beta* for large ones.",
    "See [the FAQ](/faq.md#which-first) and [the docs](https://docs.example.org/x?a=1&b=2).",
    "Cited[^alpha-log] twice[^alpha-log].\n\n[^alpha-log]: Alpha changelog",
    "- one\n- two\n\n1. first\n2. second",
    "```python\nprint('<script>')\n```",
    "Inline `<img src=x onerror=alert(1)>` stays code.",
    "| a | b |\n|:--|--:|\n| 1 | 2 |",
    "!!! note\n    Admonitions are fine.",
    '??? note "More"\n    So are details.',
    "> A quotation.",
    "Term\n:   Definition",
    "![Logo](/assets/images/logo.png)",
]


@pytest.mark.parametrize("text", SAFE_TEXTS)
def test_what_the_templates_need_passes(render_field: Callable[[str], str], text: str) -> None:
    assert fragment_problems(render_field(text)) == []


HOSTILE = {
    "img-slash-onerror": ("x <img/src/onerror=alert(1)> y", "event handler (onerror=)"),
    "svg-onload": ("<svg/onload=alert(1)>", "<svg> element"),
    "script": ("<script>alert(1)</script>", "<script> element"),
    "iframe": ('<iframe src="https://evil.example"></iframe>', "<iframe> element"),
    "attr-list-onclick": ("[x](https://a.example/){onclick=alert(1)//}", "(onclick=)"),
    "attr-list-style": ('*Word*{: style="color:red" }', "style="),
    "javascript-ref-in-blockquote": (
        "> [a]: javascript:alert(1)\n>\n> [x][a]",
        "javascript: address",
    ),
    "javascript-ref-in-list": ("- [a]: javascript:alert(1)\n\n  [x][a]", "javascript: address"),
    "vbscript-ref-indented": ("   [a]: vbscript:msgbox(1)\n\n[x][a]", "vbscript: address"),
    "entity-encoded-scheme": ("[x](java&#115;cript:alert(1))", "javascript: address"),
    "tab-in-scheme": ('<a href="java&#x09;script:alert(1)">x</a>', "javascript: address"),
    "protocol-relative": ("[d](//evil.example/x)", "another host without https://"),
    "backslash-host": ("[d](/\\evil.example/x)", "another host without https://"),
    "third-party-image": ("![](https://tracker.example/p.gif)", "does not come from the site"),
    "abbreviation": ("*[Django]: Not what you think\n\nDjango", "<abbr> element"),
    "comment": ("a <!-- hidden --> b", "HTML comment"),
    "processing-instruction": ("<?php echo 1 ?>", "processing instruction"),
    "md-class": ("Hi\n{: .md-banner }", 'class="md-banner"'),
    "foreign-id": ("Hi\n{: #verdict }", "attribute id= on <p>"),
    "data-image": ("![](data:image/svg+xml;base64,PHN2Zz4=)", "data: address"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_html_is_refused(render_field: Callable[[str], str], name: str) -> None:
    text, expected = HOSTILE[name]
    problems = fragment_problems(render_field(text))
    assert problems, render_field(text)
    assert any(expected in problem for problem in problems), problems


def test_an_event_handler_is_named_with_its_element() -> None:
    assert fragment_problems("<p>x<img src=/assets/a.png onerror=alert(1)></p>") == [
        "the text produces an event handler (onerror=) on <img>"
    ]


def test_a_handler_the_parser_does_not_split_out_is_still_seen() -> None:
    # html.parser reads this as one odd attribute; a browser may not.
    assert any("onload" in p for p in fragment_problems('<p a="x"onload=alert(1)>y</p>'))


def test_a_page_may_have_headings_and_tabs_that_data_may_not(
    render_field: Callable[[str], str],
) -> None:
    html = render_field('# Guide\n\n=== "Flask"\n\n    Flask.\n\n=== "Django"\n\n    Django.')
    assert fragment_problems(html, page=True) == []
    assert fragment_problems(html)[:1] == [
        'the text produces a <h1> element, which data may not: <h1 id="guide">'
    ]


@pytest.mark.parametrize(
    ("html", "problem"),
    [
        ('<h2 id="__search">x</h2>', 'the text produces id="__search" on <h2>'),
        ('<p id="x">x</p>', "the text produces the attribute id= on <p>, which a page may not set"),
        ('<input id="__drawer" type="checkbox">', 'the text produces id="__drawer" on <input>'),
        ("<script>x</script>", "the text produces a <script> element, which a page may not"),
    ],
)
def test_a_page_has_only_the_ids_its_extensions_make(html: str, problem: str) -> None:
    assert fragment_problems(html, page=True)[0].startswith(problem)
