"""Material's search, typed as a reader types it, finds text from the data: a
dimension's text, a feature-table cell and an FAQ answer.

The query is the data text's most distinctive word (the one in fewest entries
of the built search index), so the test follows the data as editors change it.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page

from macros.data.loader import load_or_raise
from macros.data.model import Dataset
from macros.render.jsonld import plain_text
from tests.browser.conftest import OpenPage
from tests.harness.site import ROOT

pytestmark = [pytest.mark.browser, pytest.mark.slow]

WORD = re.compile(r"[a-z]{6,}")


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return load_or_raise(ROOT / "data", ROOT)


@pytest.fixture(scope="module")
def index_words(site_dir: Path) -> list[set[str]]:
    """The words of each entry of the built search index."""
    docs = json.loads((site_dir / "search" / "search_index.json").read_text())["docs"]
    return [
        set(
            WORD.findall(
                html.unescape(re.sub(r"<[^>]+>", " ", f"{d['title']} {d['text']}")).lower()
            )
        )
        for d in docs
    ]


def distinctive_word(texts: Iterable[str], index_words: list[set[str]]) -> str:
    """The word of these texts found in the fewest index entries (at least one)."""
    candidates = {word for text in texts for word in WORD.findall(plain_text(text).lower())}
    counted = [
        (sum(word in entry for entry in index_words), -len(word), word) for word in candidates
    ]
    counted = [c for c in counted if c[0] > 0]
    assert counted, "no searchable word of six letters or more in the chosen text"
    return min(counted)[2]


def search(page: Page, query: str) -> list[tuple[str, str]]:
    """Type the query into the search box; (path, #fragment) of every result."""
    page.click("input.md-search__input")
    page.keyboard.type(query)
    page.wait_for_selector(".md-search-result__link", state="attached")
    hrefs = page.eval_on_selector_all(".md-search-result__link", "links => links.map(a => a.href)")
    return [(urlsplit(href).path, urlsplit(href).fragment) for href in hrefs]


def test_search_finds_a_dimensions_text(
    open_page: OpenPage, dataset: Dataset, index_words: list[set[str]]
) -> None:
    dimension = dataset.dimensions[0]
    framework_id, take = next(iter(dimension.takes.items()))
    word = distinctive_word([take.text], index_words)
    results = search(open_page("").page, word)
    # On the dimension's own page, in the framework's section.
    assert (f"/{dimension.id}/", f"{dimension.id}-{framework_id}") in results, (word, results)


def test_search_finds_a_table_cell(
    open_page: OpenPage, dataset: Dataset, index_words: list[set[str]]
) -> None:
    featured = {f.id for f in dataset.featured}
    row = next(
        row
        for row in dataset.table_rows
        if any(WORD.search(v.lower()) for f, v in row.values.items() if f in featured)
    )
    word = distinctive_word([v for f, v in row.values.items() if f in featured], index_words)
    results = search(open_page("").page, word)
    assert "/comparison/" in {path for path, _ in results}, (word, results)


def test_search_finds_an_faq_answer(
    open_page: OpenPage, dataset: Dataset, index_words: list[set[str]]
) -> None:
    question = dataset.questions[0]
    word = distinctive_word([question.a], index_words)
    results = search(open_page("").page, word)
    assert "/faq/" in {path for path, _ in results}, (word, results)


def test_search_by_keyboard_alone(
    open_page: OpenPage, dataset: Dataset, index_words: list[set[str]]
) -> None:
    """'/' opens search, arrows pick a result, Enter follows it."""
    page = open_page("comparison/").page
    question = dataset.questions[0]
    word = distinctive_word([question.a], index_words)
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
    page.keyboard.type(word)
    page.wait_for_selector(".md-search-result__link", state="attached")
    page.keyboard.press("ArrowDown")
    first = page.evaluate("document.activeElement.href")
    assert first, "ArrowDown did not move focus to a result"
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: urlsplit(url).path == urlsplit(first).path)
