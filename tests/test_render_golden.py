"""Golden tests: the Markdown rendered from tests/fixtures/minimal.

After an intended change to templates, regenerate with
``UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_render_golden.py`` and review
the diff like any other change.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from macros.loader import load_or_raise
from macros.render import Renderer
from tests.helpers import FIXTURES

GOLDEN = Path(__file__).resolve().parent / "golden" / "minimal"
PAGES = Renderer(load_or_raise(FIXTURES / "minimal" / "data")).pages()


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.src_uri)
def test_page_matches_golden(page: object) -> None:
    from macros.render import Page

    assert isinstance(page, Page)
    golden = GOLDEN / page.src_uri
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(page.markdown, encoding="utf-8")
    assert page.markdown == golden.read_text(encoding="utf-8")


def test_every_golden_file_is_still_rendered() -> None:
    assert sorted(p.name for p in GOLDEN.iterdir()) == sorted(p.src_uri for p in PAGES)


def test_footnotes_follow_first_citation_order() -> None:
    article = next(p for p in PAGES if p.src_uri == "index.md").markdown
    definitions = [line.split("]:")[0] for line in article.splitlines() if line.startswith("[^")]
    assert definitions == ["[^alpha-log", "[^beta-notes"]
