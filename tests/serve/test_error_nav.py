"""The error page is named once in the preview's navigation.

Regression (issue 14): with broken data, every generated page (article, table,
FAQ, decision helper) became the error page, and the navigation listed
"Data errors" four times.
"""

from __future__ import annotations

import re

import pytest

from tests.serve.conftest import Preview

pytestmark = pytest.mark.slow


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
