"""The page structure of issue 12: the home page answers first, a page per
dimension, the feature table grouped by topic with statuses, printed with its
heading on every page, and search that finds rows, questions and misspelt words.

Everything is derived from data/, so the tests follow the data as editors
change it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page

from macros.data.loader import load_or_raise
from macros.data.model import STATUSES, Dataset
from macros.render.pages import long_date
from tests.browser.conftest import OpenPage
from tests.browser.pdf_text import page_texts
from tests.browser.support import (
    SCHEME_NAMES,
    Scheme,
    axe_in_both_schemes,
    axe_on_every_page,
    goto,
    sideways_scroll,
)
from tests.browser.test_html_valid import MATERIAL, check
from tests.harness.site import ROOT

pytestmark = [pytest.mark.browser, pytest.mark.slow]

TABLE = "table.comparison[data-tools]"


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return load_or_raise(ROOT / "data", ROOT)


@pytest.fixture
def sized_page(browser: Browser, base_url: str) -> Iterator[object]:
    """sized_page(path, width, height) -> a loaded page with that viewport."""
    contexts = []

    def open_(path: str, width: int, height: int) -> Page:
        context = browser.new_context(viewport={"width": width, "height": height})
        contexts.append(context)
        page = context.new_page()
        goto(page, base_url + path)
        return page

    yield open_
    for context in contexts:
        context.close()


# Home page --------------------------------------------------------------------


@pytest.mark.parametrize(("width", "height"), [(1280, 900), (390, 844)], ids=["desktop", "phone"])
def test_the_short_answer_is_in_the_first_viewport(
    sized_page: object, dataset: Dataset, width: int, height: int
) -> None:
    assert dataset.site.short_answer or dataset.site.short_picks, (
        "data/site.yml has no short answer"
    )
    page: Page = sized_page("", width, height)  # type: ignore[operator]
    assert page.inner_text("article h1") == dataset.site.question
    box = page.locator(".short-answer").bounding_box()
    header = page.evaluate("document.querySelector('.md-header').getBoundingClientRect().bottom")
    assert box is not None
    assert box["y"] >= header, "the answer starts under the header"
    assert box["y"] + box["height"] <= height, (
        f"the short answer ends at {box['y'] + box['height']:.0f} px, below the "
        f"{height} px viewport: shorten short_answer in data/site.yml"
    )
    # The answer names the featured frameworks.
    text = page.inner_text(".short-answer")
    assert all(fw.name in text for fw in dataset.featured)


def test_home_page_leads_to_every_topic_and_keeps_old_anchors(
    open_page: OpenPage, dataset: Dataset
) -> None:
    page = open_page("").page
    rules = page.locator("#rules-of-thumb + ul > li")
    assert rules.count() == len(dataset.site.rules_of_thumb)
    key_rows = page.eval_on_selector_all(
        "#deciding-rows ~ .comparison-table table tbody th a",
        "links => links.map(a => new URL(a.href).hash.slice(1))",
    )
    assert key_rows == [row.id for row in dataset.key_rows]
    for dim in dataset.dimensions:
        heading = page.locator(f"h3#{dim.id} a:not(.headerlink)")
        assert urlsplit(heading.get_attribute("href") or "").path.rstrip("/").endswith(dim.id)
        for fw in dataset.featured:  # the old page's per-framework anchors still land here
            if fw.id in dim.takes:
                assert page.locator(f"li#{dim.id}-{fw.id}").count() == 1
    assert page.locator("h2#verdict").count() == 1


# Topic pages ---------------------------------------------------------------------


def test_every_dimension_has_a_page_in_the_nav(open_page: OpenPage, dataset: Dataset) -> None:
    page = open_page("").page
    nav = page.eval_on_selector_all(
        "nav.md-nav--primary a.md-nav__link[href]",
        "links => links.map(a => new URL(a.href).pathname)",
    )
    for dim in dataset.dimensions:
        assert f"/{dim.id}/" in nav, f"{dim.id} is not in the navigation"


def test_topic_page_reads_summary_first_then_texts_rows_questions_sources(
    open_page: OpenPage, dataset: Dataset
) -> None:
    dims = dataset.dimensions
    index = next(i for i, d in enumerate(dims) if d.table and d.faq and 0 < i < len(dims) - 1)
    dim = dims[index]
    page = open_page(f"{dim.id}/").page
    # Under the title: the review date (issue 19), then the summary.
    first = page.evaluate(
        """() => { const h1 = document.querySelector('article h1');
                   return [h1.nextElementSibling.className,
                           h1.nextElementSibling.nextElementSibling.className]; }"""
    )
    assert first == ["reviewed reviewed--top", "topic-summary"]
    sizes = page.evaluate(
        """() => [document.querySelector('.topic-summary p'),
                  document.querySelector('article h2 ~ p')]
            .map(e => parseFloat(getComputedStyle(e).fontSize))"""
    )
    assert sizes[0] >= sizes[1], f"the summary is smaller than body text: {sizes}"
    for fw in dataset.featured:
        assert page.locator(f"h2#{dim.id}-{fw.id}").count() == 1
    labels = page.eval_on_selector_all(
        "#in-the-table ~ .comparison-table tbody th", "cells => cells.map(c => c.textContent)"
    )
    assert labels == [row.label for row in dim.table]
    questions = page.eval_on_selector_all("details.question", "qs => qs.map(q => q.id)")
    assert questions == [q.id for q in dim.faq]
    # Its own sources, numbered from 1 on this page.
    numbers = page.eval_on_selector_all(
        "a.footnote-ref", "refs => refs.map(a => Number(a.textContent.replace(/\\D/g, '')))"
    )
    listed = page.locator(".footnote li").count()
    if numbers:
        assert min(numbers) == 1 and max(numbers) == listed
    assert "Last reviewed" in page.inner_text("p.reviewed")
    previous = page.get_attribute("a[rel=prev]", "href") or ""
    following = page.get_attribute("a[rel=next]", "href") or ""
    assert previous.rstrip("/").endswith(dims[index - 1].id)
    assert following.rstrip("/").endswith(dims[index + 1].id)


def test_the_one_page_view_has_everything_and_stays_out_of_search(
    open_page: OpenPage, dataset: Dataset, site_dir: Path
) -> None:
    page = open_page("one-page/").page
    for dim in dataset.dimensions:
        assert page.locator(f"h2#{dim.id}").count() == 1
    index = (site_dir / "search" / "search_index.json").read_text()
    assert '"one-page/' not in index


# Feature table -------------------------------------------------------------------


def test_rows_are_grouped_by_topic_under_links_to_its_page(
    open_page: OpenPage, dataset: Dataset
) -> None:
    page = open_page("comparison/").page
    page.wait_for_selector(TABLE)
    groups = page.eval_on_selector_all(
        f"{TABLE} tbody tr.comparison__group th",
        "cells => cells.map(c => [c.textContent, c.querySelector('a') && "
        "new URL(c.querySelector('a').href).pathname, c.colSpan])",
    )
    expected = [d for d in dataset.dimensions if d.table]
    assert [g[0] for g in groups[1:]] == [d.title for d in expected]
    assert [g[1] for g in groups[1:]] == [f"/{d.id}/" for d in expected]
    assert {g[2] for g in groups} == {len(dataset.frameworks) + 1}


def test_statuses_show_a_word_and_an_icon_with_a_legend(
    open_page: OpenPage, dataset: Dataset
) -> None:
    page = open_page("comparison/").page
    row = next(r for r in dataset.table_rows if r.status)
    fw_id, status = next(iter(row.status.items()))
    column = [f.id for f in dataset.frameworks].index(fw_id) + 2
    cell = page.locator(f"tr#{row.id} > :nth-child({column}) .status")
    assert cell.inner_text() == STATUSES[status][0]  # a word, not colour alone
    icon = cell.evaluate("e => getComputedStyle(e, '::before').maskImage")
    assert icon.startswith("url("), icon
    legend = page.inner_text(".status-legend")
    assert all(label in legend for label, _ in STATUSES.values())


def test_the_sticky_heading_has_a_visible_edge(open_page: OpenPage) -> None:
    page = open_page("comparison/").page
    page.wait_for_selector(".table-tools")
    page.mouse.wheel(0, 2000)
    page.wait_for_timeout(200)
    head = page.locator(f"{TABLE} thead th").first.bounding_box()
    header = page.evaluate("document.querySelector('.md-header').getBoundingClientRect().bottom")
    assert head is not None and abs(head["y"] - header) < 2, "the heading row does not stick"
    shadow = page.eval_on_selector(f"{TABLE} thead th", "th => getComputedStyle(th).boxShadow")
    assert shadow and shadow != "none"


def test_printed_table_repeats_its_heading_on_every_page(
    open_page: OpenPage, dataset: Dataset
) -> None:
    page = open_page("comparison/").page
    page.wait_for_selector(".table-tools")
    page.emulate_media(media="print")
    texts = [re.sub(r"\s+", "", t) for t in page_texts(page.pdf(format="A4"))]
    heading = "Feature" + "".join(fw.name for fw in dataset.frameworks)
    last_row = re.sub(r"\s+", "", dataset.table_rows[-1].label)
    table_pages = [t for t in texts if last_row in t or t.startswith(heading)]
    assert len(texts) >= 3, "expected the table to run over several printed pages"
    # Every page after the first that continues the table starts with its heading.
    continued = texts[1 : texts.index(next(t for t in texts if last_row in t)) + 1]
    assert continued and all(t.startswith(heading) for t in continued), [t[:60] for t in continued]
    assert table_pages


def test_pair_pages_and_the_compare_view_look_like_the_main_table(
    three_site_url: str, browser: Browser
) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    goto(page, three_site_url + "compare/alpha-vs-beta/")
    # The review date (issue 19), then the introduction.
    first = page.evaluate(
        "document.querySelector('article h1 + p.reviewed--top').nextElementSibling.textContent"
    )
    assert first.startswith("Alpha and Beta side by side"), first
    for selector in ("table.verdicts", "table.comparison"):
        style = page.eval_on_selector(
            f"{selector} tbody td",
            "td => [getComputedStyle(td).textAlign, getComputedStyle(td).borderBottomStyle]",
        )
        assert style == ["left", "solid"], (selector, style)
    goto(page, three_site_url + "compare/")
    style = page.eval_on_selector(
        ".compare-view table.comparison tbody td",
        "td => [getComputedStyle(td).textAlign, getComputedStyle(td).borderBottomStyle]",
    )
    assert style == ["left", "solid"]
    context.close()


# Search --------------------------------------------------------------------------


def open_result(page: Page, path: str, anchor: str) -> None:
    """Click the search result that links to path#anchor (its link also has ?h=)."""
    page.evaluate(
        """([path, hash]) => [...document.querySelectorAll('.md-search-result__link')]
            .find(a => new URL(a.href).pathname === path && new URL(a.href).hash === hash)
            .click()""",
        [path, f"#{anchor}"],
    )


def search(page: Page, query: str) -> list[tuple[str, str, str]]:
    """Type the query; (path, fragment, title) of every result shown."""
    page.click("input.md-search__input")
    page.keyboard.type(query)
    page.wait_for_selector(".md-search-result__link", state="attached")
    found: list[list[str]] = page.eval_on_selector_all(
        ".md-search-result__link",
        "links => links.map(a => [a.href, a.querySelector('h1, h2')?.textContent ?? ''])",
    )
    return [(urlsplit(h).path, urlsplit(h).fragment, t.strip()) for h, t in found]


def test_search_finds_a_table_row_as_its_own_result_and_opens_it(
    open_page: OpenPage, dataset: Dataset
) -> None:
    row = next(r for r in dataset.table_rows if r.key)
    page = open_page("").page
    results = search(page, row.label)
    assert ("/comparison/", row.id, row.label) in results, results
    open_result(page, "/comparison/", row.id)
    page.wait_for_url(lambda url: urlsplit(url)[2::2] == ("/comparison/", row.id))
    assert page.evaluate("document.querySelector('tr:target')?.id") == row.id


def test_search_finds_a_question_as_its_own_result_and_opens_it(
    open_page: OpenPage, dataset: Dataset
) -> None:
    question = dataset.questions[-1]
    page = open_page("").page
    results = search(page, question.q.rstrip("?"))
    assert ("/faq/", question.id, question.q) in results, results
    open_result(page, "/faq/", question.id)
    page.wait_for_url(lambda url: urlsplit(url)[2::2] == ("/faq/", question.id))
    page.wait_for_function(f"document.getElementById({question.id!r}).open")


@pytest.mark.parametrize(("typed", "page_path"), [("scalabilty", "/scalability/"), ("djnago", "")])
def test_a_misspelt_query_still_finds_results(
    open_page: OpenPage, typed: str, page_path: str
) -> None:
    results = search(open_page("").page, typed)
    assert results, f"nothing found for {typed!r}"
    if page_path:
        assert page_path in {path for path, _, _ in results}, results


def test_sources_are_not_indexed_with_the_prose_around_them(
    site_dir: Path, dataset: Dataset
) -> None:
    """Each listed source ends "Checked <date>."; none of that is search text."""
    index = (site_dir / "search" / "search_index.json").read_text(encoding="utf-8")
    dates = {long_date(source.checked) for source in dataset.sources.values()}
    assert dates
    for date in dates:
        assert f"Checked {date}" not in index


def test_search_suggestions_are_on(open_page: OpenPage) -> None:
    page = open_page("").page
    assert page.locator(".md-search__suggest").count() == 1


THREE_PAGES = ["compare/", "compare/alpha-vs-beta/", "frameworks/alpha/", "comparison/", ""]


@pytest.mark.parametrize("width", [1280, 360])
def test_pages_for_three_frameworks_pass_axe(
    browser: Browser, three_site_url: str, width: int
) -> None:
    """Each page loaded once per width: every rule in the scheme it opens in, the
    colour rules in the other after the reader's switch (as test_every_page)."""
    context = browser.new_context(color_scheme="light", viewport={"width": width, "height": 800})
    page = context.new_page()
    axe_on_every_page(page)
    problems = {}
    scheme: Scheme = "light"
    for path in THREE_PAGES:
        goto(page, three_site_url + path)
        assert page.evaluate("document.body.dataset.mdColorScheme") == SCHEME_NAMES[scheme]
        overflow = sideways_scroll(page)
        found, scheme = axe_in_both_schemes(page, scheme)
        if overflow > 0:
            found.append(f"scrolls sideways by {overflow} px")
        if found:
            problems[path] = found
    context.close()
    assert problems == {}


# Material 9.8.1 partials/toc.html labels its toggle (for="__toc") on every page,
# but nav-item.html only writes that toggle for a page in the navigation; pair
# and framework pages stay out of it on purpose (README: Scaling).
OUTSIDE_NAV = re.compile(r"^The value of the “for” attribute of the “label” element must be the ID")


def test_pages_for_three_frameworks_are_valid_html(three_site_dir: Path) -> None:
    files = [three_site_dir / p / "index.html" for p in THREE_PAGES]
    messages = check(files, three_site_dir.resolve())
    ours = [m for m in messages if not any(p.search(m.text) for p in [*MATERIAL, OUTSIDE_NAV])]
    assert [str(m) for m in ours] == []
