"""EDITING.md cannot drift from the code: every message, command and example is checked."""

from __future__ import annotations

import datetime as dt
import json
import os
import re

import pytest

from macros.lint.checks.links import site_pages
from macros.lint.context import build_context
from macros.lint.docs import GUIDE, core_messages, refreshed, syntax_messages
from tests.harness.site import ROOT

TEXT = GUIDE.read_text(encoding="utf-8")


@pytest.mark.parametrize("message", [*core_messages(), *syntax_messages()])
def test_the_guide_explains_every_message_of_the_data_core(message: str) -> None:
    assert message in TEXT, f"EDITING.md does not explain {message!r}: add it to a table"


def test_the_core_messages_are_found() -> None:
    # Guards the source scan itself: a few messages every data core has.
    found = core_messages()
    for message in (
        "missing required key '…'",
        "unknown key '…'",
        "the file is empty",
        "a tab character",
        "duplicate key '…': line … has it already",
    ):
        assert message in found
    assert len(found) >= 40


def test_the_lint_table_is_up_to_date() -> None:
    assert refreshed(TEXT) == TEXT, "run: .venv/bin/python -m macros.lint.docs --write"


@pytest.mark.parametrize("script", ["new-dimension", "new-framework", "lint", "validate"])
def test_the_commands_it_names_exist(script: str) -> None:
    assert f"scripts/{script}" in TEXT
    assert os.access(ROOT / "scripts" / script, os.X_OK)


def test_the_vscode_extension_it_names_is_the_recommended_one() -> None:
    recommended = json.loads((ROOT / ".vscode/extensions.json").read_text())["recommendations"]
    assert f"`{recommended[0]}`" in TEXT


def test_its_example_links_exist_on_the_real_site() -> None:
    ctx = build_context(
        ROOT / "data",
        ROOT,
        today=dt.date(2026, 11, 24),
        max_age_days=365,
        docs_dir=ROOT / "content",
    )
    pages = site_pages(ctx)
    assert pages is not None
    examples = set(re.findall(r"[(`](/[a-z/.-]+\.md)(?:#([a-z0-9-]+))?[)`]", TEXT))
    assert len(examples) >= 5
    for page, anchor in sorted(examples):
        assert page[1:] in pages, page
        if anchor:
            assert anchor in pages[page[1:]], f"{page}#{anchor}"
