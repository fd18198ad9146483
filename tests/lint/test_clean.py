"""The fixture project and the real data pass every check (a regression guard)."""

from __future__ import annotations

from macros.lint.registry import CHECKS
from tests.lint.conftest import Lint


def test_every_check_passes_on_the_fixture(lint: Lint) -> None:
    for check in CHECKS:
        assert lint(check.name) == [], check.name
