"""FAQ questions (/faq/): closed at first, open by mouse and keyboard, and a
link to /faq/#<id> opens that question, whether it is followed from another
page, typed into the address bar or changed on the page."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from macros.data.loader import load_or_raise
from macros.data.model import Question
from tests.browser.conftest import OpenPage
from tests.harness.site import ROOT

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def questions() -> tuple[Question, ...]:
    found = load_or_raise(ROOT / "data", ROOT).questions
    assert len(found) >= 3
    return found


def open_ids(page: Page) -> list[str]:
    ids: list[str] = page.eval_on_selector_all(
        "details.question[open]", "items => items.map(d => d.id)"
    )
    return ids


def in_view(page: Page, element_id: str) -> bool:
    return bool(
        page.evaluate(
            """id => { const box = document.getElementById(id).getBoundingClientRect();
                   const header = document.querySelector('.md-header').getBoundingClientRect();
                   return box.top >= header.bottom - 1 && box.top < innerHeight; }""",
            element_id,
        )
    )


def test_questions_start_closed_and_open_on_click(
    open_page: OpenPage, questions: tuple[Question, ...]
) -> None:
    page = open_page("faq/").page
    ids = page.eval_on_selector_all("details.question", "items => items.map(d => d.id)")
    assert ids == [q.id for q in questions]  # every question, each with its anchor
    assert open_ids(page) == []
    question = questions[1]
    page.click(f"details#{question.id} > summary")
    assert open_ids(page) == [question.id]
    assert page.locator(f"details#{question.id}").inner_text().count(question.q) == 1
    # The address bar now links to the open question, ready to share.
    assert page.evaluate("location.hash") == f"#{question.id}"


def test_keyboard_opens_and_closes_a_question(
    open_page: OpenPage, questions: tuple[Question, ...]
) -> None:
    page = open_page("faq/").page
    question = questions[0]
    page.focus(f"details#{question.id} > summary")
    page.keyboard.press("Enter")
    assert open_ids(page) == [question.id]
    page.keyboard.press("Space")
    assert open_ids(page) == []


def test_link_with_hash_opens_that_question(
    open_page: OpenPage, questions: tuple[Question, ...]
) -> None:
    question = questions[-1]  # far down the page
    page = open_page(f"faq/#{question.id}").page
    assert open_ids(page) == [question.id]
    assert in_view(page, question.id)


def test_changing_the_hash_opens_another_question(
    open_page: OpenPage, questions: tuple[Question, ...]
) -> None:
    first, other = questions[0], questions[2]
    page = open_page(f"faq/#{first.id}").page
    page.evaluate("id => { location.hash = id; }", other.id)
    page.wait_for_function("id => document.getElementById(id).open", arg=other.id)
    assert set(open_ids(page)) == {first.id, other.id}
    assert in_view(page, other.id)


def test_link_from_another_page_opens_the_question(
    open_page: OpenPage, questions: tuple[Question, ...]
) -> None:
    question = questions[-1]
    page = open_page("comparison/").page
    page.evaluate(
        """id => { const a = document.createElement('a');
                   a.href = '../faq/#' + id; a.textContent = 'go';
                   document.querySelector('article').prepend(a); }""",
        question.id,
    )
    page.click("article > a:first-child")
    page.wait_for_url(f"**/faq/#{question.id}")
    page.wait_for_function("id => document.getElementById(id)?.open", arg=question.id)
    assert open_ids(page) == [question.id]
    assert in_view(page, question.id)


def test_without_javascript_every_answer_is_still_reachable(
    open_page: OpenPage, questions: tuple[Question, ...]
) -> None:
    page = open_page("faq/", javascript=False).page
    question = questions[0]
    page.click(f"details#{question.id} > summary")  # native <details>, no script needed
    assert open_ids(page) == [question.id]
