from __future__ import annotations

from pathlib import Path

from tests.lint.conftest import Lint, edit


def test_values_yaml_would_change(project: Path, lint: Lint) -> None:
    beta = project / "data/frameworks/beta.yml"
    edit(beta, 'latest_release: {version: "3.10"', "latest_release: {version: 3.10")
    edit(beta, "licence: BSD-3-Clause", "licence: no")
    edit(beta, "order: 20", "order: 30")  # a number where the schema wants one: fine
    assert lint("quoting") == [
        "data/frameworks/beta.yml:5:27: latest_release.version: YAML reads 3.10 as a number, "
        'not as text (put it in quotes so it stays as written: "3.10" (scripts/lint --fix '
        "does this))",
        "data/frameworks/beta.yml:6:10: licence: YAML reads no as a yes/no value, not as text "
        '(put it in quotes so it stays as written: "no" (scripts/lint --fix does this))',
    ]
    # The loader's own "expected text" errors at those spots are left to this check.
    assert lint("schema") == []
