"""The pair-wording check (macros.lint.checks.pair_wording): verdicts read well on pair pages."""

from __future__ import annotations

from pathlib import Path

from macros.lint.checks.pair_wording import CHECK
from tests.lint.content_data import problems, set_verdict


def test_a_verdict_naming_a_third_framework_is_a_warning_at_the_verdict(data_copy: Path) -> None:
    line, column = set_verdict(data_copy, "analytics", "flask", "A small endpoint, unlike Django.")
    found = [p for p in problems(data_copy, CHECK) if "flask.verdict" in p]
    assert found == [
        f"data/dimensions/analytics.yml:{line}:{column - 1}: warning: frameworks.flask.verdict: "
        "Flask's verdict names Django, but the pair page 'Flask vs FastAPI' shows it without "
        'Django (say what Flask does in its own terms ("no admin built in" rather than '
        '"unlike Django"); comparisons belong in the text and the summary)'
    ]


def test_names_inside_package_names_or_code_do_not_count(data_copy: Path) -> None:
    verdict = "A small endpoint (`django` aside; see Django-Analytics)."
    set_verdict(data_copy, "analytics", "flask", verdict)
    assert [p for p in problems(data_copy, CHECK) if "flask.verdict" in p] == []
