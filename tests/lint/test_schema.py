from __future__ import annotations

from pathlib import Path

from tests.lint.conftest import Lint, edit


def test_reports_what_the_loader_finds(project: Path, lint: Lint) -> None:
    edit(project / "data/dimensions/architecture.yml", "order: 10", "order: ten")
    edit(project / "data/site.yml", "2010[^alpha-log]", "2010[^alpha-lgo]")
    assert lint("schema") == [
        "data/dimensions/architecture.yml:2:8: order: expected a whole number, got text "
        "(Position in the article (lower first))",
        "data/site.yml:6:65: intro: unknown source 'alpha-lgo' (did you mean 'alpha-log'?)",
    ]
