"""The supports check (macros.lint.checks.supports): sources say what they support, pinned."""

from __future__ import annotations

from pathlib import Path

from macros.lint.checks.supports import CHECK
from tests.lint.content_data import add_source, problems


def test_every_real_source_says_what_it_supports_and_is_pinned(data_copy: Path) -> None:
    assert problems(data_copy, CHECK) == []


def test_a_thin_supports_line_and_an_unpinned_package_page_are_errors(data_copy: Path) -> None:
    line = add_source(data_copy, "zz-test-pypi", "https://pypi.org/project/zz-test/", "MIT.")
    assert problems(data_copy, CHECK) == [
        f"data/sources.yml:{line - 3}:8: zz-test-pypi.url: 'https://pypi.org/project/zz-test/' "
        "is a package's page with no release: the page changes with each release (link the "
        "version the text describes (e.g. pypi.org/project/NAME/VERSION/, /en/6.1/, /en/3.1.x/, "
        "a tag instead of main))",
        f"data/sources.yml:{line}:13: zz-test-pypi.supports: supports has 1 words: expected at "
        "least 5 (write what the page says that the site relies on, as a short quote or an "
        "exact paraphrase)",
    ]


def test_a_pinned_release_and_the_django_release_notes_in_development_pass(
    data_copy: Path,
) -> None:
    supports = "The page states what the text relies on."
    add_source(data_copy, "zz-a", "https://pypi.org/project/zz-test/1.0/", supports)
    add_source(data_copy, "zz-b", "https://docs.djangoproject.com/en/dev/releases/6.2/", supports)
    assert problems(data_copy, CHECK) == []
