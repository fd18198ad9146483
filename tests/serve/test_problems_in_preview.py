"""One list of problems in the preview, driven in Chromium during a real `mkdocs serve`.

Regression (issue 14): a link to a page that does not exist (`/faqs.md`) gave
no error page; the terminal named generated pages, not the data file, and
only scripts/lint said where the link was. Warnings (a source nobody cites, an
old review) never showed in the preview at all.

- A warning shows as a banner at the top of the pages it concerns, which a
  click folds away.
- A broken link in the data's text shows the error page, at its data file,
  line and column, with "did you mean"; the navigation names the page once.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.serve.conftest import Preview, in_own_browser
from tests.serve.test_error_page import ARTICLE_TEXT, PROBLEMS_JS, replace, wait_in_page

pytestmark = [pytest.mark.browser, pytest.mark.slow]

UNCITED = """gamma-notes:
  title: Gamma notes
  url: https://example.org/gamma/notes
  publisher: Gamma project
  checked: 2026-11-24
  supports: "Gamma exists."
"""
BROKEN_LINK = "2010[^alpha-log]; see [the FAQ](/faqs.md)."
BANNER_JS = """() => [...document.querySelectorAll('details.data-warnings')].map(el => ({
    open: el.open,
    summary: el.querySelector('summary').textContent,
    items: [...el.querySelectorAll('li.data-warning')].map(li => li.textContent),
}))"""


def test_warnings_banner_and_error_page_in_the_preview(preview: Preview) -> None:
    in_own_browser(lambda browser: check_preview(preview, browser))


def check_preview(preview: Preview, browser: Any) -> None:
    data = preview.project / "data"
    page = browser.new_page()
    page.goto(preview.url)
    wait_in_page(page, f"() => document.body.innerText.includes({ARTICLE_TEXT!r})")
    assert page.evaluate(BANNER_JS) == []

    # A warning: a banner on the pages it concerns (sources.yml: every generated page).
    sources = data / "sources.yml"
    original_sources = sources.read_text(encoding="utf-8")
    sources.write_text(original_sources + UNCITED, encoding="utf-8")
    banner = wait_in_page(page, BANNER_JS)
    assert banner == [
        {
            "open": True,
            "summary": "The data behind this page has 1 warning: the preview shows the page; "
            "fix it before publishing (a click folds this away)",
            "items": [
                "data/sources.yml:14:1 · gamma-notes: source 'gamma-notes' is never cited "
                "(cite it with [^gamma-notes] where it supports a claim, or remove it)"
            ],
        }
    ]
    # The editor's schemas follow the data: the new source id completes at once.
    common = preview.project / ".cache/editor-schemas/common.schema.json"
    assert '"gamma-notes"' in common.read_text(encoding="utf-8")
    page.click("details.data-warnings summary")
    assert page.evaluate(BANNER_JS)[0]["open"] is False
    assert ARTICLE_TEXT in page.inner_text("article")  # the page itself is still there
    other = browser.new_page()
    other.goto(preview.url + "comparison/")
    assert len(wait_in_page(other, BANNER_JS)) == 1
    other.close()

    # An error: a link in the data's text to a page that does not exist.
    site = data / "site.yml"
    original_site = replace(site, "2010[^alpha-log].", BROKEN_LINK)
    problems = wait_in_page(page, PROBLEMS_JS)
    assert [(p["where"], p["field"], p["message"], p["hint"]) for p in problems] == [
        (
            "data/site.yml:6:93",
            "intro",
            "Error: the link '/faqs.md' points to a page that does not exist",
            "How to fix: did you mean '/faq.md'?",
        )
    ]
    assert page.title().startswith("Data errors")
    navigation = page.eval_on_selector_all(
        "nav.md-nav--primary a.md-nav__link:not([href^='#'])", "els => els.map(e => e.innerText)"
    )
    assert [title.strip() for title in navigation].count("Data errors") == 1

    site.write_text(original_site, encoding="utf-8")
    sources.write_text(original_sources, encoding="utf-8")
    wait_in_page(
        page,
        f"() => document.body.innerText.includes({ARTICLE_TEXT!r})"
        " && !document.querySelector('.data-problem, details.data-warnings')",
    )
    page.close()


def test_build_names_the_data_file_for_a_broken_link(tmp_path: Path) -> None:
    """make build stops with the data file's line and column, not MkDocs' generated page."""
    import shutil
    import subprocess
    import sys

    from tests.harness.site import BUILD_ENV, FIXTURES

    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "minimal", project)
    replace(project / "data/site.yml", "2010[^alpha-log].", BROKEN_LINK)
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"),
         "-d", str(project / "out")],
        capture_output=True, text=True, env=BUILD_ENV, check=False,
    )  # fmt: skip
    assert result.returncode == 1
    assert (
        "data/site.yml:6:93: intro: the link '/faqs.md' points to a page that does not exist "
        "(did you mean '/faq.md'?)"
    ) in result.stderr
    assert "Doc file 'index.md' contains a link" not in result.stderr
