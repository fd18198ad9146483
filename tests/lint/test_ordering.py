from __future__ import annotations

from pathlib import Path

from tests.lint.conftest import Lint, edit


def test_unsorted_sources(project: Path, lint: Lint) -> None:
    sources = project / "data/sources.yml"
    text = sources.read_text()
    alpha, beta = text.split("beta-notes:")
    sources.write_text("beta-notes:" + beta + alpha)
    assert lint("ordering") == [
        "data/sources.yml:8:1: warning: alpha-log: the sources are not in alphabetical order: "
        "'alpha-log' comes after 'beta-notes' (scripts/lint --fix sorts them; comments move "
        "with their entry)",
    ]


def test_two_dimensions_with_the_same_order(project: Path, lint: Lint) -> None:
    edit(project / "data/dimensions/templates.yml", "order: 20", "order: 10")
    assert lint("ordering") == [
        "data/dimensions/templates.yml:2:8: order: order 10 is also used by "
        "data/dimensions/architecture.yml (give each dimension its own order, leaving gaps "
        "(10, 20, 30) for new ones)",
    ]
