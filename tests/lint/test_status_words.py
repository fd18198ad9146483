"""The keyword test for a status that contradicts its cell (macros.lint.checks.status_words)."""

from __future__ import annotations

import pytest

from macros.lint.checks.status_words import contradiction

ADD_ON = "partial, official-extension or third-party"


@pytest.mark.parametrize(
    ("status", "text", "expected"),
    [
        ("built-in", "Through an extension such as Flask-Caching", ("extension", ADD_ON)),
        ("built-in", "Celery or a third-party Tasks backend", ("third-party", ADD_ON)),
        ("built-in", "Only in the `standard` extra", ("extra", ADD_ON)),
        ("built-in", "Jinja once `jinja2` is installed", ("once `jinja2` is installed", ADD_ON)),
        ("built-in", "Not built in", ("Not built in", ADD_ON)),
        (
            "not-available",
            "Helpers built in[^src]; no user model",
            ("built in", "built-in or partial"),
        ),
        ("not-available", "A built-in cache", ("built-in", "built-in or partial")),
    ],
)
def test_a_contradiction_quotes_its_words(
    status: str, text: str, expected: tuple[str, str]
) -> None:
    assert contradiction(status, text) == expected


@pytest.mark.parametrize(
    ("status", "text"),
    [
        ("built-in", "Built-in admin generated from your models"),
        ("built-in", "Built-in middleware and settings, off until you enable them"),
        ("not-available", "None built in; call Redis or another cache yourself"),
        ("not-available", "Nothing built in; vendor tags belong in the front end"),
        ("not-available", "Form fields can be read, but there is no forms library"),
        ("not-available", "Set the header in a `built_in` middleware"),  # code does not count
        ("third-party", "Through an extension such as Flask-Babel"),
        ("partial", "Helpers built in; no user model"),
    ],
)
def test_cells_that_agree_with_their_status_pass(status: str, text: str) -> None:
    assert contradiction(status, text) is None
