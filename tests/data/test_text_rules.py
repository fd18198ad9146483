"""Data text cannot inject markup; code samples stay legal and verbatim."""

from __future__ import annotations

import pytest

from macros.data.text_rules import check_text, citations


@pytest.mark.parametrize(
    "text",
    [
        "```html+django\n<form>{% csrf_token %}</form>\n{{ user.name }}\n```\n",
        "Use `{% block content %}` and `<div>` in templates.",
        "Compare with `re.compile('[^a-z]')`.",
        "x < y and y > z, 5 < 6.",
        "See [the table](/comparison.md#orm), [the FAQ](/faq.md) and [here](#security).",
        "An autolink <https://example.org/> is fine.",
        "Cited[^source-a] twice[^source-a]: fine.",
    ],
)
def test_legal_text_passes(text: str) -> None:
    assert check_text(text, "block") == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("<script>alert(1)</script>", "raw HTML is not allowed: <script>"),
        (
            '<img src=x onerror="alert(1)">',
            'raw HTML is not allowed: <img src=x onerror="alert(1)">',
        ),
        ("<!-- hidden -->", "raw HTML is not allowed: <!-- hidden -->"),
        ('Text\n{: onclick="x()" }', 'curly braces set HTML attributes: {: onclick="x()" }'),
        ("[a](javascript:alert(1))", "'javascript:alert(1)' is not an allowed link"),
        ("![a](data:image/svg+xml,x)", "an image from 'data:image/svg+xml,x'"),
        ("[a](//evil.example/x)", "'//evil.example/x' is not an allowed link"),
        ("[a](http://plain.example/)", "'http://plain.example/' is not an allowed link"),
        ("[a](../secret.md)", "'../secret.md' is not an allowed link"),
        ("<javascript:alert(1)>", "'javascript:alert(1)' is not an allowed link"),
        ("[x]: vbscript:msgbox", "a link reference definition [x]:"),
        ("# Title", "headings are not allowed in text"),
        ("Title\n=====", "headings are not allowed in text"),
        ("[^a]: my own footnote", "footnote definition [^a]:"),
    ],
)
def test_injection_and_structure_are_rejected(text: str, message: str) -> None:
    assert [issue.message for issue in check_text(text, "block")][:1] == [message]


def test_citations_skip_code_and_keep_order() -> None:
    text = "A[^b] then `x[^a]`\n\n```\n[^c]\n```\nB[^a]"
    assert [source for _, source in citations(text)] == ["b", "a"]


def test_citations_are_replaced_outside_code_only() -> None:
    """Regression: JSON-LD stripped [^...] inside code samples too."""
    from macros.data.text_rules import replace_citations, strip_citations

    text = "Fast[^a]. Use `re.compile('[^a-z]')` here[^b]."
    assert strip_citations(text) == "Fast. Use `re.compile('[^a-z]')` here."
    assert replace_citations(text, str.upper) == "FastA. Use `re.compile('[^a-z]')` hereB."
