from __future__ import annotations

from pathlib import Path

from tests.lint.conftest import Lint


def test_a_source_nobody_cites(project: Path, lint: Lint) -> None:
    with (project / "data/sources.yml").open("a") as sources:
        sources.write(
            "gamma-docs:\n  title: Gamma\n  url: https://example.org/g\n"
            "  publisher: Gamma\n  checked: 2026-11-24\n  supports: Gamma is a framework\n"
        )
    assert lint("sources") == [
        "data/sources.yml:14:1: warning: gamma-docs: source 'gamma-docs' is never cited "
        "(cite it with [^gamma-docs] where it supports a claim, or remove it)",
    ]


def test_a_release_source_counts_as_cited(project: Path, lint: Lint) -> None:
    # alpha-log is cited in text too; beta-notes only counts through its uses.
    assert lint("sources") == []
