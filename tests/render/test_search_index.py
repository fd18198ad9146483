"""macros.render.search_index: rows and questions become search entries of their own."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from macros import sealed_cache
from macros.render import search_index
from macros.render.search_index import Entry, entries_from_html, merge, rewrite, without_citations

ROW = (
    '<table><tbody data-search-exclude><tr id="orm" data-entry>'
    '<th scope="row" data-entry-title><a href="#orm">ORM</a></th>'
    '<td data-label="Flask">None built in; <code>Flask-SQLAlchemy</code>'
    '<sup id="fnref:a"><a class="footnote-ref" href="#fn:a">3</a></sup></td>'
    '<td data-label="Django"><span class="status">Built in</span> Django ORM &amp; helpers</td>'
    "</tr><tr><th>Not marked</th><td>skipped</td></tr></tbody></table>"
)

QUESTION = (
    '<details class="question" id="startup-choice" data-entry>'
    "<summary data-entry-title>What should a <code>startup</code> pick?</summary>"
    "<p>Start from the first product.<br>Then grow.</p>"
    "<ul><li>One</li><li>Two</li></ul>"
    "</details>"
)


def test_a_marked_row_becomes_one_entry_with_its_cells_labelled() -> None:
    [entry] = entries_from_html(ROW, "comparison/")
    assert entry == Entry(
        "comparison/#orm",
        "ORM",
        "<p>Flask: None built in; <code>Flask-SQLAlchemy</code></p> "
        "<p>Django: Built in Django ORM &amp; helpers</p>",
    )


def test_a_marked_question_keeps_paragraphs_and_lists_and_titles_as_text() -> None:
    [entry] = entries_from_html(QUESTION, "faq/")
    assert entry.location == "faq/#startup-choice"
    assert entry.title == "What should a startup pick?"
    assert entry.text == (
        "<p>Start from the first product.Then grow.</p><ul><li>One</li><li>Two</li></ul>"
    )


def test_unmarked_or_anonymous_elements_are_not_entries() -> None:
    html = '<tr data-entry><th data-entry-title>No id</th></tr><div id="x">text</div>'
    assert entries_from_html(html, "") == []


def test_entries_follow_their_page_and_pages_out_of_search_stay_out() -> None:
    index = {
        "config": {"lang": ["en"]},
        "docs": [
            {"location": "", "title": "Home", "text": "Hi<sup>1</sup>"},
            {"location": "faq/", "title": "FAQ", "text": ""},
            {"location": "faq/#general", "title": "General", "text": "x"},
            {"location": "comparison/", "title": "Table", "text": "t"},
        ],
    }
    entries = [
        Entry("faq/#q1", "Q1", "a1"),
        Entry("comparison/#orm", "ORM", "cells"),
        Entry("whole/#orm", "ORM", "cells"),  # page not in the index
        Entry("faq/#general", "General", "replaced"),
    ]
    merged = merge(index, entries)
    assert merged["config"] == {"lang": ["en"]}
    docs = merged["docs"]
    assert isinstance(docs, list)
    assert [d["location"] for d in docs] == [
        "",
        "faq/",
        "faq/#general",
        "faq/#q1",
        "comparison/",
        "comparison/#orm",
    ]
    assert docs[0]["text"] == "Hi"  # citation numbers are not searchable text
    assert docs[2]["text"] == "replaced"


def test_rewrite_round_trips_json() -> None:
    text = json.dumps({"config": {}, "docs": [{"location": "", "title": "T", "text": "é"}]})
    out = rewrite(text, [Entry("#a", "A", "b")])
    assert json.loads(out)["docs"][1] == {"location": "#a", "title": "A", "text": "b"}
    assert "é" in out


def test_without_citations_drops_numbers_only() -> None:
    # Material's index keeps a footnote reference as <sup>n</sup>, nothing more.
    assert without_citations("x<sup>12</sup> and<sup> 3 </sup>") == "x and"
    assert without_citations("E = mc<sup>two</sup>") == "E = mc<sup>two</sup>"


def test_not_an_index_is_refused() -> None:
    with pytest.raises(ValueError, match="no 'docs' list"):
        merge({"config": {}}, [])


def test_repeated_citations_and_excluded_headings_leave_no_trace() -> None:
    row = (
        '<tr id="r" data-entry><th data-entry-title>R</th><td data-label="A">x'
        '<sup><a class="footnote-ref" href="#fn:s">2</a></sup></td></tr>'
    )
    assert entries_from_html(row, "t/")[0].text == "<p>A: x</p>"
    index = {
        "docs": [
            {"location": "", "title": "Home", "text": "a"},
            {"location": "#topic", "title": "Home", "text": ""},  # heading excluded
            {"location": "#kept", "title": "Kept", "text": ""},
        ]
    }
    docs = merge(index, [])["docs"]
    assert isinstance(docs, list)
    assert [d["location"] for d in docs] == ["", "#kept"]


@pytest.fixture
def own_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(sealed_cache.KEY_VARIABLE, str(tmp_path / "home-cache" / "cache-key"))


@pytest.mark.usefixtures("own_key")
def test_a_builds_entries_are_kept_by_page_address_and_html(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A page whose address and HTML are unchanged is not parsed again in the next build;
    a changed page is, and only the pages of the last build are kept."""
    parsed: list[str] = []
    real = search_index.entries_from_html
    monkeypatch.setattr(
        search_index, "entries_from_html", lambda html, url: parsed.append(url) or real(html, url)
    )
    first = search_index.EntryStore(tmp_path)
    assert first.entries(ROW, "comparison/") == real(ROW, "comparison/")
    assert first.entries(QUESTION, "faq/") == real(QUESTION, "faq/")
    first.save()
    assert parsed == ["comparison/", "faq/"]

    second = search_index.EntryStore(tmp_path)  # the next build
    assert second.entries(ROW, "comparison/") == real(ROW, "comparison/")
    assert second.entries(ROW, "compare/") == real(ROW, "compare/")  # another address
    changed = QUESTION.replace("Then grow.", "Then grow slowly.")
    assert second.entries(changed, "faq/") == real(changed, "faq/")
    second.save()
    assert parsed == ["comparison/", "faq/", "compare/", "faq/"]

    third = search_index.EntryStore(tmp_path)
    assert len(third.store.entries) == 3  # the pages of the last build
    third.entries(QUESTION, "faq/")  # the old page's HTML: no longer kept
    assert len(parsed) == 5


@pytest.mark.usefixtures("own_key")
def test_committed_entries_are_not_used(tmp_path: Path) -> None:
    store = search_index.EntryStore(tmp_path)
    store.entries(ROW, "comparison/")
    store.save()
    assert store.store.path is not None
    planted = json.loads(sealed_cache.read_sealed(store.store.path) or b"{}")
    for key in planted:
        planted[key] = [["comparison/#orm", "<script>alert(1)</script>", ""]]
    store.store.path.write_text(json.dumps(planted), encoding="utf-8")  # unsealed
    again = search_index.EntryStore(tmp_path)
    assert again.entries(ROW, "comparison/") == entries_from_html(ROW, "comparison/")
