"""Issue 12, for the reader: citations in place, targets big enough to tap,
a decision helper whose result lives in the address, and the marks of a site
that says who made it (logo, favicon, palette, footer, About).

Every size is measured from bounding boxes in Chromium; the decision URL is
checked in a fresh browser context, as a reader who was sent the link."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page

from macros.data.loader import load_or_raise
from macros.data.model import Criterion, Dataset
from tests.browser.conftest import OpenPage
from tests.browser.support import axe_violations, settle
from tests.harness.site import ROOT

pytestmark = [pytest.mark.browser, pytest.mark.slow]

TARGET = 24  # CSS px, WCAG 2.2 success criterion 2.5.8 (target size, minimum)
RESULT = "output.decision-result"


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return load_or_raise(ROOT / "data", ROOT)


def topic(dataset: Dataset) -> str:
    """The first topic's own page."""
    return f"{dataset.dimensions[0].id}/"


# The whole comparison on one page: every topic's citations, many cited twice.
ONE_PAGE = "one-page/"


def criteria(dataset: Dataset) -> tuple[Criterion, ...]:
    assert dataset.decision is not None and len(dataset.decision.criteria) >= 3
    return dataset.decision.criteria


def ticked(page: Page) -> list[str]:
    return page.eval_on_selector_all(
        "input[name=criterion]:checked", "boxes => boxes.map(b => b.value)"
    )


def needs_in_address(page: Page) -> list[str]:
    query = parse_qs(urlsplit(page.url).query)
    return query["needs"][0].split(",") if "needs" in query else []


def result(page: Page) -> str:
    return " ".join(page.locator(RESULT).inner_text().split())


# Decision helper -------------------------------------------------------------------


def test_ticked_needs_live_in_the_address(open_page: OpenPage, dataset: Dataset) -> None:
    first, _, third = (c.id for c in criteria(dataset)[:3])
    page = open_page("decide/").page
    assert needs_in_address(page) == []
    page.check(f"input[value='{third}']")
    page.check(f"input[value='{first}']")
    # In the form's order, whatever the order of the clicks.
    assert needs_in_address(page) == [first, third]
    assert urlsplit(page.url).query == f"needs={first},{third}"  # readable, no %2C
    chosen = result(page)
    assert "point" in chosen
    share = page.locator("a.decision-share")
    assert share.is_visible()
    origin = page.url.split("/decide/")[0]  # links are built on the site's own origin
    assert share.get_attribute("href") == f"{origin}/decide/?needs={first},{third}#helper"

    page.reload(wait_until="networkidle")
    assert ticked(page) == [first, third]
    assert result(page) == chosen

    page.click(".decision-helper button[type=reset]")
    page.wait_for_function("!location.search.includes('needs')")
    assert ticked(page) == []
    assert share.is_hidden()


def test_a_shared_link_restores_the_ticks(open_page: OpenPage, dataset: Dataset) -> None:
    first, second = (c.id for c in criteria(dataset)[:2])
    sender = open_page("decide/").page
    sender.check(f"input[value='{first}']")
    sender.check(f"input[value='{second}']")
    link = sender.locator("a.decision-share").get_attribute("href")
    assert link is not None
    # Another reader, another browser context, opens the link.
    assert link.startswith(sender.url.split("/decide/")[0] + "/decide/")
    reader = open_page(link.split("/", 3)[3]).page
    assert ticked(reader) == [first, second]
    assert result(reader) == result(sender)
    assert reader.locator(".decision-reasons").is_visible()


def test_unknown_needs_in_the_address_are_dropped(open_page: OpenPage, dataset: Dataset) -> None:
    first = criteria(dataset)[0].id
    page = open_page(f"decide/?needs=no-such-need,{first}").page
    assert ticked(page) == [first]
    assert needs_in_address(page) == [first]


def test_without_javascript_a_shared_link_shows_the_guidance(
    open_page: OpenPage, dataset: Dataset
) -> None:
    first = criteria(dataset)[0].id
    page = open_page(f"decide/?needs={first}", javascript=False).page
    assert ticked(page) == []  # nothing pretends to have been computed
    assert page.locator("a.decision-share").is_hidden()
    text = page.locator("article").inner_text()
    assert "Guidance at a glance" in text and "needs JavaScript" in text


# Citations in place -------------------------------------------------------------------


def test_a_footnote_tooltip_shows_the_source(open_page: OpenPage, dataset: Dataset) -> None:
    page = open_page(topic(dataset)).page
    marker = page.locator("article .footnote-ref").first
    source_id = (marker.get_attribute("href") or "").removeprefix("#fn:")
    source = dataset.sources[source_id]
    marker.hover()
    tooltip = page.locator(".md-tooltip2--active")
    tooltip.wait_for(state="visible")
    settle(page)
    text = " ".join(tooltip.inner_text().split())
    assert source.title in text and source.publisher in text
    assert "\u21a9" not in text  # no way "back" from a tooltip that sits beside the mention
    assert tooltip.locator(f"a[href='{source.url}']").count() == 1
    assert axe_violations(page) == []


BACKLINK = re.compile(r"Back to (?:the mention|mention (\d+) of (\d+)) of source (\d+)")


@pytest.mark.parametrize("where", ["topic", "one page"])
def test_back_links_say_which_mention_they_return_to(
    open_page: OpenPage, dataset: Dataset, where: str
) -> None:
    page = open_page(topic(dataset) if where == "topic" else ONE_PAGE).page
    items = page.eval_on_selector_all(
        ".footnote > ol > li",
        """items => items.map(li => [...li.querySelectorAll('a.footnote-backref')]
              .map(a => [a.getAttribute('aria-label'), a.getAttribute('href'),
                         a.innerText.trim()]))""",
    )
    assert items, "the page cites sources"
    several = 0
    for number, links in enumerate(items, start=1):
        assert links, f"source {number} has no way back to the text"
        for mention, (label, href, text) in enumerate(links, start=1):
            found = BACKLINK.fullmatch(label or "")
            assert found, label
            assert int(found.group(3)) == number
            if len(links) == 1:
                assert found.group(1) is None
            else:
                assert (int(found.group(1)), int(found.group(2))) == (mention, len(links))
                assert text.endswith(str(mention))  # the number is visible too
            # Each back-link leads to a mention that exists on the page.
            assert page.locator(f"[id='{href.removeprefix('#')}']").count() == 1, href
        several += len(links) > 1
    if where == "one page":
        assert several, "at least one source is cited more than once in the whole comparison"


# Target size --------------------------------------------------------------------------

TARGETS = {
    "topic": ["article .footnote-ref", ".footnote-backref", ".md-copyright a"],
    ONE_PAGE: ["article .footnote-ref", ".footnote-backref"],
    "decide/": [".decision-criterion input", "a.decision-why", "a.decision-share"],
}


@pytest.mark.parametrize("width", [1280, 360])
def test_targets_are_at_least_24_px(open_page: OpenPage, dataset: Dataset, width: int) -> None:
    visit = open_page("", width=width)
    small: list[str] = []
    for where, selectors in TARGETS.items():
        path = topic(dataset) if where == "topic" else where
        visit.goto(path)
        if path == "decide/":  # show the share link
            visit.page.check(f"input[value='{criteria(dataset)[0].id}']")
        for selector in selectors:
            boxes = visit.page.eval_on_selector_all(
                selector,
                """els => els.map(e => {
                     const r = e.getBoundingClientRect();
                     return [e.outerHTML.slice(0, 80), r.width, r.height]; })""",
            )
            assert boxes, f"/{path}: nothing matches {selector}"
            small += [
                f"/{path} {selector}: {w:.1f}x{h:.1f} {html}"
                for html, w, h in boxes
                if w < TARGET or h < TARGET
            ]
    assert small == []


def test_a_marker_does_not_stretch_its_line(open_page: OpenPage) -> None:
    """The 24 px marker hangs from the top of the line: lines with a marker
    are as tall as lines without (Material's body line height is 1.6)."""
    page = open_page(ONE_PAGE).page
    heights = page.evaluate(
        """() => [...document.querySelectorAll('article p')].map(p => {
              const lines = p.getClientRects()[0].height /
                  parseFloat(getComputedStyle(p).lineHeight);
              return [Math.abs(lines - Math.round(lines)), !!p.querySelector('.footnote-ref')];
           })"""
    )
    with_marker = [off for off, marked in heights if marked]
    assert with_marker and max(with_marker) < 0.05


def test_in_short_is_body_size(open_page: OpenPage, dataset: Dataset) -> None:
    page = open_page(topic(dataset)).page
    sizes = page.evaluate(
        """() => ({
            body: parseFloat(getComputedStyle(document.querySelector('article')).fontSize),
            short: [...document.querySelectorAll('.admonition.abstract > p:not(.admonition-title)')]
                   .map(p => parseFloat(getComputedStyle(p).fontSize))})"""
    )
    assert sizes["short"] and set(sizes["short"]) == {sizes["body"]}


# The site's own marks -------------------------------------------------------------


def test_logo_favicon_and_palette_are_the_sites_own(open_page: OpenPage) -> None:
    visit = open_page("")
    page = visit.page
    logo = page.locator(".md-header .md-logo img")
    assert logo.get_attribute("src") == "assets/images/logo.svg"
    assert logo.evaluate("img => img.complete && img.naturalWidth > 0")
    favicon = page.locator("link[rel=icon]").get_attribute("href")
    assert favicon == "assets/images/favicon.svg"
    response = page.request.get(visit.base + favicon)
    assert response.ok and response.headers["content-type"] == "image/svg+xml"
    assert b"<svg" in response.body()
    # Not Material's stock indigo (#4051b5).
    header = page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor")
    assert header == "rgb(15, 94, 87)"
    assert visit.problems() == []  # served from the host, nothing requested elsewhere


def test_footer_names_the_licence_the_data_and_about(open_page: OpenPage, dataset: Dataset) -> None:
    visit = open_page("faq/")
    footer = visit.page.locator(".md-copyright")
    text = " ".join(footer.inner_text().split())
    assert dataset.site.licence and dataset.site.licence in text
    links = footer.evaluate(
        "f => Object.fromEntries([...f.querySelectorAll('a')]"
        "  .map(a => [a.innerText.trim(), a.href]))"
    )
    base = visit.base
    assert links["About this site"] == base + "about/"
    assert links["Report an error"] == base + "about/#report"
    assert links["Open data (JSON)"] == base + "api/comparison.json"
    assert links[dataset.site.licence] == dataset.site.licence_url
    assert visit.page.request.get(links["Open data (JSON)"]).ok


def test_about_page(open_page: OpenPage, dataset: Dataset) -> None:
    about = dataset.site.about
    assert about is not None
    visit = open_page("about/")
    page = visit.page
    headings = page.eval_on_selector_all("article h2", "hs => hs.map(h => h.id)")
    assert headings[:5] == ["maintainers", "checking", "licence", "data", "report"]
    text = " ".join(page.locator("article").inner_text().split())
    assert " ".join(about.checking.split()).split(".")[0] in text
    newest = max(s.checked for s in dataset.sources.values())
    day = newest.split("-")[2].lstrip("0")
    assert f"{len(dataset.sources)} sources" in text and day in text
    mail = page.locator("#report ~ ul a[href^='mailto:']").first
    assert (mail.get_attribute("href") or "").startswith(f"mailto:{about.report.email}?subject=")
    for target in ("../api/comparison.json", "../api/comparison.schema.json"):
        assert page.locator(f"article a[href='{target}']").count() == 1
        assert page.request.get(visit.base + target.removeprefix("../")).ok


def test_every_topic_links_to_report_an_error(
    open_page: OpenPage, dataset: Dataset, site_dir: Path
) -> None:
    """On each topic's own page when the site has one, else in its section."""
    about = dataset.site.about
    assert about is not None
    visit = open_page("")
    for dim in dataset.dimensions:
        own_page = (site_dir / dim.id / "index.html").is_file()
        visit.goto(f"{dim.id}/" if own_page else "")
        # The report line closes the topic, after its review date.
        scope = "article" if own_page else f"h2#{dim.id} ~"
        link = visit.page.locator(
            f"{scope} p.report-error a[href^='mailto:{about.report.email}']"
        ).first
        href = link.get_attribute("href") or ""
        subject = parse_qs(urlsplit(href).query)["subject"][0]
        assert dim.title in subject, (dim.id, subject)
        reviewed = visit.page.locator("p.reviewed + p.report-error")
        assert reviewed.count() >= 1


# Switch the scheme as the reader does (the toggle's label) and count the colour
# transitions the browser starts in the next 400 ms (Material's take 125-250 ms).
SWITCH_AND_COUNT_FADES = """async toggle => {
    const fades = [];
    const seen = event => {
        if (/color|fill|border|box-shadow/.test(event.propertyName))
            fades.push(event.propertyName);
    };
    document.addEventListener("transitionrun", seen, true);
    document.querySelector(`label[for='${toggle}']`).click();
    await new Promise(done => setTimeout(done, 400));
    document.removeEventListener("transitionrun", seen, true);
    return fades;
}"""


@pytest.mark.parametrize("path", ["", "comparison/"])
def test_switching_scheme_fades_no_colour(open_page: OpenPage, path: str) -> None:
    """Material's rule that stopped fades restyled every element on every load and
    is removed by the build (macros/publish/palette.py); reader.js stops them
    only while the reader switches."""
    visit = open_page(path)
    page = visit.page
    assert not page.evaluate("document.body.hasAttribute('data-reader-switching')")
    for scheme, toggle in (("slate", "__palette_1"), ("default", "__palette_0")):
        assert page.evaluate(SWITCH_AND_COUNT_FADES, toggle) == [], scheme
        assert page.evaluate("document.body.dataset.mdColorScheme") == scheme
        assert not page.evaluate("document.body.hasAttribute('data-reader-switching')")
    # Away from the switch, Material's transitions are as before (hovered links fade).
    duration = page.evaluate(
        "getComputedStyle(document.querySelector('.md-typeset a')).transitionDuration"
    )
    assert "0.125s" in duration.split(", ") and "0s" not in duration.split(", ")
    assert visit.problems() == []
