"""A truncated save shows what disappeared; the banner groups repeats (issue 24, parts 3-4).

Driven in Chromium during a real `mkdocs serve` on a copy of the minimal fixture.
Regression: a file cut mid-paragraph was accepted and its table row and
question silently vanished from the preview; 11 identical warnings took 11
lines of the banner.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.serve.conftest import Preview, in_own_browser
from tests.serve.test_error_page import wait_in_page
from tests.serve.test_problems_in_preview import BANNER_JS

pytestmark = [pytest.mark.browser, pytest.mark.slow]

UNCITED = "".join(
    f"""{name}-notes:
  title: {name} notes
  url: https://example.org/{name}/notes
  publisher: {name} project
  checked: 2026-11-24
  supports: "{name} exists."
"""
    for name in ("gamma", "omega")  # after the fixture's, in alphabetical order
)
CUT_AT = "Beta has a template language with CSRF protec"  # the save ends mid-word
LOST = (
    "since the last good build, this save removed the table row 'templating' "
    "and the question 'template-speed'"
)


def test_a_truncated_save_shows_what_disappeared(preview: Preview) -> None:
    in_own_browser(lambda browser: check(preview, browser))


def check(preview: Preview, browser: Any) -> None:
    data = preview.project / "data"
    page = browser.new_page()
    page.goto(preview.url + "templates/")
    wait_in_page(page, "() => document.body.innerText.includes('Are templates slow?')")

    # Two alike warnings: one line of the banner, naming both places.
    sources = data / "sources.yml"
    original_sources = sources.read_text(encoding="utf-8")
    sources.write_text(original_sources + UNCITED, encoding="utf-8")
    [banner] = wait_in_page(page, BANNER_JS)
    assert banner["open"] is True
    [line] = banner["items"]
    assert line.startswith("2 places: source '…' is never cited")
    assert "'gamma-notes'" in line and "'omega-notes'" in line

    # A save cut mid-paragraph: the row and the question it took are named.
    templates = data / "dimensions/templates.yml"
    whole = templates.read_text(encoding="utf-8")
    templates.write_text(whole[: whole.index(CUT_AT) + len(CUT_AT)], encoding="utf-8")
    [banner] = wait_in_page(
        page, f"() => document.body.innerText.includes({LOST!r}) && ({BANNER_JS})()"
    )
    [lost] = [item for item in banner["items"] if LOST in item]
    assert lost.startswith("data/dimensions/templates.yml: " + LOST)
    assert "does not end with a line break" in lost and "truncated save" in lost
    assert "Are templates slow?" not in page.inner_text("article")
    assert f"WARNING -  comparison: data/dimensions/templates.yml: warning: {LOST}" in (
        preview.log.read_text(encoding="utf-8")
    )

    # The content back: the warning goes; the page has its question again.
    templates.write_text(whole, encoding="utf-8")
    wait_in_page(
        page,
        "() => document.body.innerText.includes('Are templates slow?')"
        f" && !document.body.innerText.includes({LOST!r})",
    )
    page.close()
