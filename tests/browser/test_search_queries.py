"""Search as a reader types it, end to end in Chromium: the kept queries
(tests/search/search_queries.yml) each find their page in the first three
results, and a corrected query says so with the typed words one click away.

Each query is typed with real key presses into one page's search field; the
test waits until the search worker has answered every query Material sent
(counted by a Worker wrapper added before the page's own scripts)."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page

from tests.browser.conftest import OpenPage
from tests.browser.support import Scheme, Visit, axe_violations
from tests.search.queries import TOP, found, kept_queries

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# Counts the queries sent to the search worker and the results it sent back.
COUNT_WORKER_MESSAGES = """
(() => {
  const Native = window.Worker;
  window.__searches = { sent: 0, answered: 0 };
  class Counted extends Native {
    constructor(url, options) {
      super(url, options);
      this.addEventListener("message", (event) => {
        if (event.data && event.data.type === 3) window.__searches.answered += 1;
      });
    }
    postMessage(message, ...rest) {
      if (message && message.type === 2) window.__searches.sent += 1;
      return super.postMessage(message, ...rest);
    }
  }
  window.Worker = Counted;
})();
"""
ANSWERED = """
() => window.__searches.sent > 0 && window.__searches.sent === window.__searches.answered
"""
# Per result page, the locations Material shows (the page and its best sections,
# not those folded under "more on this page"), from the site root.
SHOWN = """
(items) => items.map((item) => [...item.querySelectorAll(".md-search-result__link")]
  .filter((link) => !link.closest("details"))
  .map((link) => link.href))
"""


def open_search(open_page: OpenPage, scheme: Scheme = "light") -> Visit:
    visit = open_page("", scheme=scheme)
    visit.page.context.add_init_script(COUNT_WORKER_MESSAGES)
    visit.page.reload()
    visit.page.click("input.md-search__input")
    return visit


def search(page: Page, query: str) -> list[list[str]]:
    page.keyboard.press("Control+A")
    page.keyboard.press("Backspace")
    page.keyboard.type(query)
    page.wait_for_function(ANSWERED)
    page.wait_for_function("() => new Promise((done) => requestAnimationFrame(() => done(true)))")
    shown = page.eval_on_selector_all(".md-search-result__item", SHOWN)
    return [[location(href) for href in hrefs] for hrefs in shown]


def location(href: str) -> str:
    """'http://host/comparison/#orm' as the index writes it: 'comparison/#orm'."""
    parts = urlsplit(href)
    path = parts.path.lstrip("/")
    return f"{path}#{parts.fragment}" if parts.fragment else path


def test_the_kept_queries_find_their_pages(open_page: OpenPage) -> None:
    visit = open_search(open_page)
    missed = []
    for case in kept_queries():
        results = search(visit.page, case.query)
        if not found(case, results):
            missed.append(f"{case.query!r}: wanted {case.find}, got {results[:TOP]}")
    assert not missed, "\n".join(missed)
    assert visit.console_errors == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_corrected_query_says_so_and_offers_the_typed_words(
    open_page: OpenPage, scheme: Scheme
) -> None:
    visit = open_search(open_page, scheme)
    page = visit.page
    results = search(page, "djnago")
    assert any(shown[0] == "frameworks/django/" for shown in results[:TOP]), results
    notice = page.locator(".search-correction")
    assert notice.is_visible()
    assert notice.inner_text() == "Showing results for django. Search instead for djnago"
    assert [v for v in axe_violations(page) if "search-correction" in v] == []
    # The typed words, one click away: searched as typed, and nothing says "corrected".
    page.click(".search-correction button")
    page.wait_for_function(ANSWERED)
    assert page.input_value("input.md-search__input").strip() == "djnago"
    assert not notice.is_visible()
    assert page.locator(".md-search-result__item").count() == 0
    # A word found as typed is never corrected.
    search(page, "django")
    assert not notice.is_visible()
    assert visit.console_errors == []
