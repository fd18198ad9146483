from __future__ import annotations

from pathlib import Path

from tests.lint.conftest import Lint, edit


def test_values_yaml_would_change(project: Path, lint: Lint) -> None:
    beta = project / "data/frameworks/beta.yml"
    edit(beta, 'latest_release: {version: "3.10"', "latest_release: {version: 3.10")
    edit(beta, "licence: BSD-3-Clause", "licence: no")
    edit(beta, "order: 20", "order: 30")  # a number where the schema wants one: fine
    # In the loader's words (every entry point says the same), as this check's: fixable.
    assert lint("quoting") == [
        "data/frameworks/beta.yml:5:27: latest_release.version: expected text, got the number "
        '3.10 (put it in quotes so YAML keeps it as written: "3.10")',
        "data/frameworks/beta.yml:6:10: licence: expected text, got the yes/no value no "
        '(put it in quotes so YAML keeps it as written: "no")',
    ]
    # The schema check leaves those spots to this one: each is listed once.
    assert lint("schema") == []
