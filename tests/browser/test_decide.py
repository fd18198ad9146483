"""The decision helper (/decide/): ticking needs gives a recommendation computed
from data/decision.yml's weights, with every reason, announced politely; reset
clears it; and without JavaScript the static guidance still reads in full."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from macros.data.loader import load_or_raise
from macros.data.model import Criterion, Dataset
from macros.data.text_rules import strip_citations
from tests.browser.conftest import OpenPage
from tests.harness.site import ROOT

pytestmark = [pytest.mark.browser, pytest.mark.slow]

RESULT = "output.decision-result"


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    data = load_or_raise(ROOT / "data", ROOT)
    assert data.decision is not None and len(data.decision.criteria) >= 2
    return data


def criteria(dataset: Dataset) -> tuple[Criterion, ...]:
    assert dataset.decision is not None
    return dataset.decision.criteria


def totals(dataset: Dataset, ticked: list[Criterion]) -> dict[str, int]:
    return {f.name: sum(c.weights.get(f.id, 0) for c in ticked) for f in dataset.frameworks}


def tick(page: Page, ticked: list[Criterion]) -> None:
    for criterion in ticked:
        page.check(f"input[name=criterion][value='{criterion.id}']")


def result(page: Page) -> str:
    return " ".join(page.locator(RESULT).inner_text().split())


def test_recommendation_follows_the_weights(open_page: OpenPage, dataset: Dataset) -> None:
    page = open_page("decide/").page
    assert page.get_attribute(RESULT, "aria-live") == "polite"
    assert "Tick at least one" in result(page)
    ticked = list(criteria(dataset))
    # The first criterion alone, then every criterion: two different outcomes to check.
    for chosen in (ticked[:1], ticked):
        page.click(".decision-helper button[type=reset]")
        tick(page, chosen)
        scores = totals(dataset, chosen)
        text = result(page)
        for name, total in scores.items():
            assert f"{name} {total} point" in text or f"({total} point" in text, (text, scores)
        best = max(scores.values())
        winners = [name for name, total in scores.items() if total == best]
        if len(winners) == 1:
            assert text.startswith(f"{winners[0]} fits"), text
        else:
            assert text.startswith("No clear winner"), text


def test_every_reason_of_every_ticked_need_is_shown(open_page: OpenPage, dataset: Dataset) -> None:
    page = open_page("decide/").page
    assert page.locator(".decision-reasons").is_hidden()
    chosen = list(criteria(dataset))[:3]
    tick(page, chosen)
    reasons = page.locator(".decision-reasons")
    assert reasons.is_visible()
    assert reasons.get_attribute("aria-live") is None  # only the summary is announced
    shown = " ".join(reasons.inner_text().split())
    for criterion in chosen:
        for reason in criterion.reasons.values():
            # The helper shows each reason as plain text: no citation marks or code quotes.
            plain = strip_citations(reason).replace("`", "")
            assert " ".join(plain.split()) in shown
    # Each framework's list has one entry per ticked need.
    counts = page.eval_on_selector_all(
        ".decision-reasons ul", "lists => lists.map(l => l.children.length)"
    )
    assert counts == [len(chosen)] * len(dataset.frameworks)


def test_a_tie_says_so(open_page: OpenPage, dataset: Dataset) -> None:
    every = list(criteria(dataset))
    pairs = [[a, b] for i, a in enumerate(every) for b in every[i + 1 :]]

    def top_shared(ticked: list[Criterion]) -> bool:
        scores = sorted(totals(dataset, ticked).values(), reverse=True)
        return scores[0] == scores[1]

    tie = next((p for p in [[c] for c in every] + pairs if top_shared(p)), None)
    if tie is None:
        pytest.skip("no one or two criteria in data/decision.yml give equal totals")
    page = open_page("decide/").page
    tick(page, tie)
    text = result(page)
    assert text.startswith("No clear winner"), text
    # Only the frameworks sharing the top score are called equal; any other
    # is named with its own, lower total.
    scores = totals(dataset, tie)
    best = max(scores.values())
    tied = [name for name, total in scores.items() if total == best]
    assert f"equally well ({best} point" in text
    for name, total in scores.items():
        if name not in tied:
            assert f"; {name} {total} point" in text or f", {name} {total} point" in text, text
            assert text.index(name) > text.index("equally well"), text


def test_keyboard_and_reset(open_page: OpenPage, dataset: Dataset) -> None:
    page = open_page("decide/").page
    first = criteria(dataset)[0]
    page.focus(f"input[name=criterion][value='{first.id}']")
    page.keyboard.press("Space")
    assert page.is_checked(f"input[name=criterion][value='{first.id}']")
    assert "Tick at least one" not in result(page)
    page.click(".decision-helper button[type=reset]")
    page.wait_for_function(f"!document.querySelector('{RESULT}').textContent.includes('point')")
    assert "Tick at least one" in result(page)
    assert page.locator(".decision-reasons").is_hidden()


def test_without_javascript_the_guidance_still_reads(open_page: OpenPage, dataset: Dataset) -> None:
    assert dataset.decision is not None
    page = open_page("decide/", javascript=False).page
    text = " ".join(page.locator("article").inner_text().split())
    for framework in dataset.frameworks:
        if framework.id in dataset.decision.choose:
            assert f"Choose {framework.name} if:" in text
            for line in dataset.decision.choose[framework.id]:
                assert " ".join(line.split()) in text
    assert "needs JavaScript" in text  # the <noscript> note explains the inert form
