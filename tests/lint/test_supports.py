"""The supports check (macros.lint.checks.supports): sources say what they support, pinned."""

from __future__ import annotations

from pathlib import Path

from macros.lint.checks.supports import CHECK
from tests.lint.content_data import edit, problems


def test_every_real_source_says_what_it_supports_and_is_pinned(data_copy: Path) -> None:
    assert problems(data_copy, CHECK) == []


def test_a_thin_supports_line_and_an_unpinned_package_page_are_errors(data_copy: Path) -> None:
    path = data_copy / "sources.yml"
    url_line, _ = edit(
        path,
        "url: https://pypi.org/project/litestar/2.25.0/",
        "url: https://pypi.org/project/litestar/",
    )
    line, _ = edit(path, 'supports: "“Litestar - A production-ready', 'supports: "MIT."\n  x: "“')
    path.write_text(path.read_text().replace('  x: "“', "  # "), encoding="utf-8")
    assert problems(data_copy, CHECK) == [
        f"data/sources.yml:{url_line}:8: litestar-pypi.url: 'https://pypi.org/project/litestar/' "
        "is a package's page with no release: the page changes with each release (link the "
        "version the text describes (e.g. pypi.org/project/NAME/VERSION/, /en/6.1/, /en/3.1.x/, "
        "a tag instead of main))",
        f"data/sources.yml:{line}:13: litestar-pypi.supports: supports has 1 words: expected at "
        "least 5 (write what the page says that the site relies on, as a short quote or an "
        "exact paraphrase)",
    ]
