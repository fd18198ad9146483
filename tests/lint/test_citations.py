"""The citations check (macros.lint.checks.citations): a figure needs a source beside it."""

from __future__ import annotations

from pathlib import Path

from macros.lint.checks.citations import CHECK
from tests.lint.content_data import problems, set_verdict


def test_the_real_data_cites_every_figure(data_copy: Path) -> None:
    assert problems(data_copy, CHECK) == []


def test_a_year_in_a_one_line_verdict_without_a_citation_is_an_error(data_copy: Path) -> None:
    line, column = set_verdict(
        data_copy, "analytics", "flask", "No analytics extension since 2019."
    )
    at = column + len("No analytics extension since ")
    assert problems(data_copy, CHECK) == [
        f"data/dimensions/analytics.yml:{line}:{at}: frameworks.flask.verdict: '2019' is a "
        "figure, but nothing here cites a source (put [^source-id] right after the claim "
        "(the source's supports line must say 2019), or leave the figure out)"
    ]


def test_a_version_in_code_or_a_review_date_is_no_claim(data_copy: Path) -> None:
    set_verdict(data_copy, "analytics", "flask", "`pip install x==2.0`, checked on 2026-11-30")
    assert problems(data_copy, CHECK) == []
