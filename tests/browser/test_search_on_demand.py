"""Search loads on demand (content/assets/javascripts/search-on-demand.js):
a page loads neither the search index nor the search worker until the reader
shows they mean to search, and the first search after that still finds.

Issue 12: the index and the worker were most of the home page's weight.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Request, Route

pytestmark = [pytest.mark.browser, pytest.mark.slow]

INDEX = "/search/search_index.json"
WORKERS = "/assets/javascripts/workers/"
RESULT = ".md-search-result__link"


@dataclass
class Loaded:
    page: Page
    requests: list[str] = field(default_factory=list)  # URL paths, in order
    errors: list[str] = field(default_factory=list)  # console errors, page errors
    off_host: list[str] = field(default_factory=list)

    def search_requests(self) -> list[str]:
        return [p for p in self.requests if p == INDEX or p.startswith(WORKERS)]


Open = Callable[..., Loaded]


@pytest.fixture
def load(browser: Browser, base_url: str) -> Iterator[Open]:
    """load(path, width=, before=) -> Loaded: the page opened in a fresh context
    and idle, every request recorded from the start; `before` is a script run
    in the page before any of its own (to break something on purpose)."""
    contexts: list[BrowserContext] = []

    def open_(path: str = "", *, width: int = 1280, before: str | None = None) -> Loaded:
        context = browser.new_context(viewport={"width": width, "height": 800})
        contexts.append(context)
        context.set_default_timeout(10_000)
        page = context.new_page()
        loaded = Loaded(page)

        def guard(route: Route) -> None:
            if route.request.url.startswith((base_url, "data:")):
                route.continue_()
            else:
                loaded.off_host.append(route.request.url)
                route.abort()

        def record(request: Request) -> None:
            loaded.requests.append(urlsplit(request.url).path)

        context.route("**/*", guard)
        context.on("request", record)  # the context's: a worker's own requests too
        page.on("console", lambda m: loaded.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda error: loaded.errors.append(str(error)))
        if before is not None:
            page.add_init_script(before)
        page.goto(base_url + path, wait_until="networkidle")
        return loaded

    yield open_
    for context in contexts:
        context.close()


def results(page: Page) -> list[str]:
    page.wait_for_selector(RESULT, state="attached")
    return [urlsplit(h).path for h in page.eval_on_selector_all(RESULT, "a => a.map(l => l.href)")]


def assert_search_loaded_once(loaded: Loaded) -> None:
    found = loaded.search_requests()
    assert found.count(INDEX) == 1, found
    # Our worker, then Material's worker that it loads.
    assert found.count(f"{WORKERS}search-fuzzy.js") == 1, found
    assert len([p for p in found if p.startswith(f"{WORKERS}search.")]) == 1, found


@pytest.mark.parametrize("path", ["", "comparison/", "faq/"])
def test_a_page_loads_no_search_until_asked(load: Open, path: str) -> None:
    loaded = load(path)
    assert f"/{path}" in loaded.requests
    assert "/assets/javascripts/search-on-demand.js" in loaded.requests
    assert loaded.search_requests() == []
    # Idle and still nothing: no timer fetches it later either.
    loaded.page.wait_for_timeout(500)
    assert loaded.search_requests() == []
    assert loaded.errors == [] and loaded.off_host == []


def test_focusing_the_search_field_loads_search_and_a_fast_query_finds(load: Open) -> None:
    loaded = load("")
    loaded.page.click("input.md-search__input")
    loaded.page.keyboard.type("django")  # at once, while the index is on its way
    assert results(loaded.page)
    assert_search_loaded_once(loaded)
    assert loaded.errors == [] and loaded.off_host == []


def test_a_misspelt_first_query_is_still_corrected(load: Open) -> None:
    """The first query reaches our worker (search-fuzzy.js) through the stand-in."""
    loaded = load("")
    loaded.page.click("input.md-search__input")
    loaded.page.keyboard.type("scalabilty")
    assert "/scalability/" in results(loaded.page)


@pytest.mark.parametrize("key", ["/", "s", "f"])
def test_materials_search_keys_load_search(load: Open, key: str) -> None:
    loaded = load("comparison/")
    loaded.page.keyboard.press(key)
    assert loaded.page.evaluate("document.activeElement.classList.contains('md-search__input')")
    loaded.page.keyboard.type("django")
    assert results(loaded.page)
    assert_search_loaded_once(loaded)


def test_the_header_search_button_on_a_phone_loads_search(load: Open) -> None:
    loaded = load("", width=400)
    loaded.page.click("header label[for='__search']")
    loaded.page.keyboard.type("django")
    assert results(loaded.page)
    assert_search_loaded_once(loaded)


def test_a_pointer_over_the_search_field_loads_search(load: Open) -> None:
    """A head start: the index is on its way before the click."""
    loaded = load("")
    loaded.page.hover("input.md-search__input")
    for _ in range(50):  # our worker loads Material's once the index is in
        if len(loaded.search_requests()) == 3:
            break
        loaded.page.wait_for_timeout(100)
    assert_search_loaded_once(loaded)


def test_a_key_typed_into_another_field_loads_nothing(load: Open) -> None:
    """ "s" and "f" are letters in a form field, not a request to search."""
    loaded = load("decide/")
    loaded.page.focus("input[name=criterion]")
    loaded.page.keyboard.press("f")
    loaded.page.wait_for_timeout(300)
    assert loaded.search_requests() == []


def test_a_search_in_the_address_shows_its_results_at_once(load: Open) -> None:
    loaded = load("?q=django")
    assert results(loaded.page)
    assert_search_loaded_once(loaded)
    assert loaded.errors == [] and loaded.off_host == []


def test_a_highlight_in_the_address_marks_the_words(load: Open) -> None:
    """search.highlight needs the index's settings: ?h= loads it."""
    loaded = load("faq/?h=django")
    loaded.page.wait_for_selector("mark[data-md-highlight]", state="attached")
    assert "django" in loaded.page.inner_text("mark[data-md-highlight]").lower()
    assert INDEX in loaded.search_requests()


# Failing safe: whatever breaks in search-on-demand.js, search works as before.

# Assigning window.Worker throws (it is made read-only), after the index
# request has been wrapped: nothing may stay held back.
READ_ONLY_WORKER = "Object.defineProperty(window, 'Worker', {value: Worker, writable: false})"
# The stand-in for the worker cannot be made (search-on-demand.js alone uses EventTarget).
NO_EVENT_TARGET = "window.EventTarget = function () { throw new Error('simulated'); }"


@pytest.mark.parametrize("before", [READ_ONLY_WORKER, NO_EVENT_TARGET])
def test_search_works_when_the_wrapper_breaks(load: Open, before: str) -> None:
    loaded = load("", before=before)
    # It failed: search loads with the page, as it did without the wrapper.
    assert INDEX in loaded.search_requests()
    assert loaded.errors, "the simulated failure was not reported"
    loaded.page.click("input.md-search__input")
    loaded.page.keyboard.type("djnago")
    assert results(loaded.page)
    assert_search_loaded_once(loaded)
    assert loaded.off_host == []
