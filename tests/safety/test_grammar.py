"""Layer 1 on its own: the grammar of URLs, one-line fields, Markdown fields and dates."""

from __future__ import annotations

import datetime as dt

import pytest

from macros.safety.grammar import (
    block_character_issues,
    date_issues,
    markdown_issues,
    one_line_issues,
    url_issues,
)


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/",
        "https://docs.djangoproject.com/en/5.2/topics/db/?q=1&x=%20#frag",
        "https://en.wikipedia.org/wiki/Flask_(web_framework)",
        "https://example.org:8443/a",
    ],
)
def test_good_urls(url: str) -> None:
    assert url_issues(url, relative_ok=False) == []


@pytest.mark.parametrize(
    ("url", "code", "offset"),
    [
        ('https://x.example/"><script>alert(1)</script>/', "url-character", 18),
        ("https://x.example/{x}/", "url-character", 18),
        ("https://x.example/a b/", "url-character", 19),
        ("https://x.example/a'b/", "url-character", 19),
        ("https://x.example\\@evil.example/", "url-character", 17),
        ("https://x.example/café/", "url-character", 21),
        ("https://x.example/a\tb", "url-character", 19),
        ("https://x.example/%zz", "url-character", 18),
        ("https://example.org/x){onclick=alert(1)//}", "url-character", 22),
        ("https://user@evil.example/", "url-host", 0),
        ("https://localhost/", "url-host", 0),
        ("http://x.example/", "url-scheme", 0),
        ("javascript:alert(1)", "url-scheme", 0),
        ("//evil.example/", "url-scheme", 0),
    ],
)
def test_bad_urls(url: str, code: str, offset: int) -> None:
    (issue,) = url_issues(url, relative_ok=True)
    assert (issue.code, issue.offset) == (code, offset)


def test_site_links_only_where_allowed() -> None:
    assert url_issues("/comparison.md#orm", relative_ok=True) == []
    assert [i.code for i in url_issues("/comparison.md", relative_ok=False)] == ["url-scheme"]


def test_the_character_is_named() -> None:
    (issue,) = url_issues('https://x.example/"', relative_ok=False)
    assert issue.values["char"] == 'a double quote (")'
    (issue,) = url_issues("https://x.example/\u200b", relative_ok=False)
    assert issue.values["char"] == "a zero-width space (U+200B)"


def test_one_line_fields_name_each_character_and_column() -> None:
    issues = one_line_issues("Arch\u202eerutcet\tx")
    assert [(i.offset, i.values["char"], i.values["column"]) for i in issues] == [
        (4, "a right-to-left override (U+202E)", 5),
        (12, "a tab (U+0009)", 13),
    ]
    assert one_line_issues("Plain “typographic” text — fine") == []


def test_block_fields_keep_tabs_and_line_breaks() -> None:
    assert block_character_issues("a\n\tcode\n") == []
    assert [i.offset for i in block_character_issues("a\u200bb\n")] == [1]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("x <img/src/onerror=alert(1)> y", "raw-html"),
        ("<svg/onload=alert(1)>", "raw-html"),
        ("<!-- hidden -->", "raw-html"),
        ("<?php ?>", "raw-html"),
        ("<![CDATA[x]]>", "raw-html"),
        ("</p>", "raw-html"),
        ("<IMG SRC=x>", "raw-html"),
        ("<me@example.org>", "raw-html"),
        ("Security { onclick=alert(1)", "lone-brace"),
        ("closing } only", "lone-brace"),
        ("[x](https://a.example/){onclick=alert(1)//}", "attribute-list"),
        ("Word{: .md-banner }", "attribute-list"),
        ("> [a]: javascript:alert(1)", "reference-definition"),
        ("- [a]: vbscript:msgbox(1)", "reference-definition"),
        ("   [a]: https://example.org/", "reference-definition"),
        ("*[Django]: not Django", "abbreviation"),
        ("![](https://tracker.example/p.gif)", "image"),
        ("![x][ref]", "image"),
        ("![](../assets/x.png)", "image"),
        ("![](/assets/../../etc/passwd)", "image"),
        ("![](data:image/png;base64,AAAA)", "image"),
    ],
)
def test_markdown_refusals(text: str, code: str) -> None:
    assert code in [issue.code for issue in markdown_issues(text)]


@pytest.mark.parametrize(
    "text",
    [
        "Pick **Alpha** for small services; Beta <3 & more; a < b > c.",
        "See [the FAQ](/faq.md#x) and <https://example.org/>.",
        "Cited[^alpha-log] and [^beta-notes].",
        "![Logo](/assets/images/logo.png)",
        "an unfinished <b tag never closed",
    ],
)
def test_markdown_that_is_fine(text: str) -> None:
    assert markdown_issues(text) == []


def test_future_dates() -> None:
    today = dt.date(2026, 11, 30)
    assert date_issues(dt.date(2026, 11, 30), today) == []
    assert date_issues(dt.date(2026, 12, 1), today) == []  # tomorrow somewhere on Earth
    (issue,) = date_issues(dt.date(2099, 1, 1), today)
    assert issue.values == {"date": "2099-01-01", "today": "2026-11-30"}
