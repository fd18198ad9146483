"""The preview's error page during a real `mkdocs serve`.

Break three files at once (in Chromium): the page lists every problem with its
file, line, column, field, message and hint, shows the offending line with the
spot marked, and clears itself through live reload once the files are fixed.

The error page is named once in the preview's navigation. Regression (issue 14):
with broken data, every generated page (article, table, FAQ, decision helper)
became the error page, and the navigation listed "Data errors" four times.
"""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Any

import pytest

from tests.serve.conftest import Preview, in_own_browser

pytestmark = pytest.mark.slow

# A rule of thumb on the home page (tests/fixtures/minimal/data/site.yml).
ARTICLE_TEXT = "A micro-framework keeps it short."
PROBLEMS_JS = """() => [...document.querySelectorAll('.data-problem')].map(el => ({
    where: el.querySelector('.data-problem__where').textContent,
    field: el.querySelector('.data-problem__field')?.textContent ?? '',
    message: el.querySelector('.data-problem__message').textContent,
    hint: el.querySelector('.data-problem__hint')?.textContent ?? '',
    target: el.querySelector('.data-problem__target')?.textContent ?? '',
    marked: el.querySelector('.data-problem__target mark')?.textContent ?? '',
    caret: el.querySelector('.data-problem__caret')?.textContent ?? '',
    kind: el.classList.contains('failure') ? 'error' : 'other',
}))"""

EXPECTED = [
    {
        "where": "data/dimensions/architecture.yml:2:8",
        "field": "order",
        "message": "Error: expected a whole number, got text",
        "hint": "How to fix: Position in the article (lower first)",
        "target": "   2 > order: ten",
        "marked": "ten",
        "caret": "              ^^^",
        "kind": "error",
    },
    {
        "where": "data/frameworks/beta.yml:2:28",
        "field": "",
        "message": "Error: YAML syntax error: mapping values are not allowed in this context",
        "hint": "How to fix: if the text contains ': ', put the whole value in quotes",
        "target": "   2 > tagline: The Beta framework: fast.",
        "marked": ":",
        "caret": " " * 34 + "^",
        "kind": "error",
    },
    {
        "where": "data/site.yml:6:65",
        "field": "intro",
        "message": "Error: unknown source 'alpha-lgo'",
        "hint": "How to fix: did you mean 'alpha-log'?",
        "target": "   6 >   Alpha and Beta are two frameworks. Alpha first shipped in "
        "2010[^alpha-lgo].",
        "marked": "[^alpha-lgo]",
        "caret": " " * 71 + "^" * 12,
        "kind": "error",
    },
]


def wait_in_page(page: Any, script: str, seconds: float = 60) -> Any:
    """Evaluate ``script`` until it returns something truthy.

    Live reload replaces the document under us, so an evaluation that meets a
    navigation is simply tried again.
    """
    from playwright.sync_api import Error

    deadline = time.monotonic() + seconds
    result: Any = None
    while time.monotonic() < deadline:
        try:
            result = page.evaluate(script)
        except Error:
            result = None
        if result:
            return result
        time.sleep(0.1)
    raise AssertionError(
        f"the page never satisfied {script!r}; body:\n{page.inner_text('body')[:2000]}"
    )


def replace(path: Path, old: str, new: str) -> str:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    return text


@pytest.mark.browser
def test_error_page_lists_every_problem_and_clears_on_the_next_good_save(preview: Preview) -> None:
    in_own_browser(lambda browser: check_error_page(preview, browser))


def check_error_page(preview: Preview, browser: Any) -> None:
    data = preview.project / "data"
    page = browser.new_page()
    page.goto(preview.url)
    wait_in_page(page, f"() => document.body.innerText.includes({ARTICLE_TEXT!r})")

    originals = {
        data / "dimensions/architecture.yml": replace(
            data / "dimensions/architecture.yml", "order: 10", "order: ten"
        ),
        data / "frameworks/beta.yml": replace(
            data / "frameworks/beta.yml",
            "tagline: The Beta framework.",
            "tagline: The Beta framework: fast.",
        ),
        data / "site.yml": replace(data / "site.yml", "2010[^alpha-log]", "2010[^alpha-lgo]"),
    }

    # No page.goto(): the open page must update by itself through live reload.
    wait_in_page(page, "() => document.querySelectorAll('.data-problem').length === 3")
    assert page.title().startswith("Data errors")
    assert page.inner_text("article h1").rstrip("¶") == "The data has 3 problems"
    assert wait_in_page(page, PROBLEMS_JS) == EXPECTED
    headings = page.eval_on_selector_all("article h2", "els => els.map(e => e.textContent)")
    assert [h.rstrip("¶") for h in headings] == [
        "data/dimensions/architecture.yml — 1 error",
        "data/frameworks/beta.yml — 1 error",
        "data/site.yml — 1 error",
    ]
    # Context lines around the offending one, numbered as in the editor.
    excerpt = page.inner_text("#problem-1 .data-problem__excerpt")
    assert excerpt.splitlines() == [
        "   1 | title: Architecture",
        "   2 > order: ten",
        "              ^^^",
        "   3 | summary: |",
        "   4 |   How each project is organised.",
    ]

    for path, text in originals.items():
        path.write_text(text, encoding="utf-8")
    wait_in_page(
        page,
        f"() => document.body.innerText.includes({ARTICLE_TEXT!r})"
        " && !document.querySelector('.data-problem')",
    )
    assert page.inner_text("article h1").rstrip("¶") != "The data has 3 problems"
    page.close()


def navigation_titles(html: str) -> list[str]:
    """The pages Material's navigation links to, in order (not the table of contents)."""
    links = re.findall(
        r'<a href="([^"#]*)" class="md-nav__link[^"]*">\s*<span class="md-ellipsis">(.*?)</span>',
        html,
        re.DOTALL,
    )
    return [re.sub(r"\s+", " ", title).strip() for _, title in links]


def test_the_error_page_is_named_once_in_the_navigation(preview: Preview) -> None:
    before = navigation_titles(preview.get())
    assert "Data errors" not in before
    dimension = preview.project / "data/dimensions/architecture.yml"
    dimension.write_text(dimension.read_text().replace("order: 10", "order: ten"))
    page = preview.wait_for(lambda html: "The data has 1 problem" in html, html=True)
    assert navigation_titles(page).count("Data errors") == 1
    assert 'aria-label="Next: Data errors"' not in page
    for other in ("comparison/", "faq/", "decide/"):  # every generated address still answers
        assert "The data has 1 problem" in preview.get(other)
