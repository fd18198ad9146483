"""Keyboard use: the first Tab reaches the skip link, which moves focus past the
navigation, and every control the reader features add shows where focus is."""

from __future__ import annotations

import pytest

from tests.browser.conftest import OpenPage

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.mark.parametrize("path", ["", "comparison/", "faq/", "decide/"])
def test_first_tab_reaches_the_skip_link(open_page: OpenPage, path: str) -> None:
    page = open_page(path).page
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('md-skip')")
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == page.evaluate(
        "'#' + document.querySelector('article h1').id"
    )


@pytest.mark.parametrize(
    ("path", "control"),
    [
        ("comparison/", ".table-tools input[name=frameworks]"),
        ("compare/", ".compare-view input[name=diff]"),
        ("faq/", "details.question > summary"),
        ("decide/", "input[name=criterion]"),
    ],
)
def test_focus_is_visible_on_reader_controls(open_page: OpenPage, path: str, control: str) -> None:
    page = open_page(path).page
    page.wait_for_selector(control)
    # Reach the control by Tab (not .focus()), so :focus-visible applies as for a reader.
    for _ in range(400):
        page.keyboard.press("Tab")
        if page.evaluate("(c) => document.activeElement.matches(c)", control):
            break
    else:
        pytest.fail(f"Tab never reached {control}")
    style = page.evaluate(
        "() => { const s = getComputedStyle(document.activeElement);"
        " return [s.outlineStyle, s.outlineWidth]; }"
    )
    assert style[0] != "none" and style[1] != "0px", style
