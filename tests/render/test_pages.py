"""Golden tests: the Markdown rendered from tests/fixtures/minimal.

After an intended change to templates, regenerate with
``UPDATE_GOLDEN=1 .venv/bin/pytest tests/render/test_pages.py`` and review
the diff like any other change.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from macros.data.loader import load_or_raise
from macros.render.pages import Renderer
from macros.render.tables import (
    fragment_ids,
    fragment_marker,
    lift_fragments,
    restore_fragments,
)
from tests.harness.site import FIXTURES

GOLDEN = Path(__file__).resolve().parent / "golden" / "minimal"
PAGES = Renderer(load_or_raise(FIXTURES / "minimal" / "data")).pages()


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.src_uri)
def test_page_matches_golden(page: object) -> None:
    from macros.render.pages import Page

    assert isinstance(page, Page)
    golden = GOLDEN / page.src_uri
    # The finished HTML tables the renderer lifts out of the Markdown, put back.
    rendered = restore_fragments(page.markdown, page.fragments)
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(rendered, encoding="utf-8")
    assert rendered == golden.read_text(encoding="utf-8")


def test_every_golden_file_is_still_rendered() -> None:
    assert sorted(p.name for p in GOLDEN.iterdir()) == sorted(p.src_uri for p in PAGES)


def test_footnotes_follow_first_citation_order() -> None:
    article = next(p for p in PAGES if p.src_uri == "one-page.md").markdown
    definitions = [line.split("]:")[0] for line in article.splitlines() if line.startswith("[^")]
    assert definitions == ["[^alpha-log", "[^beta-notes"]


def test_only_finished_tables_are_lifted_out_of_the_markdown() -> None:
    finished = (
        '<div class="comparison-table">\n<table class="x">\n<tr id="row"><td>a'
        '<sup id="fnref:s"><a class="footnote-ref" href="#fn:s">1</a></sup></td></tr>\n'
        "</table>\n</div>"
    )
    pending = '<div class="comparison-table">\n<table markdown>\n<tr markdown>'
    pending += '<td markdown="span">[a](/faq.md)</td></tr>\n</table>\n</div>'
    text = f"# Title\n\n{finished}\n\nBetween.\n\n{pending}\n"
    markdown, fragments = lift_fragments(text)
    assert fragments == (finished,)
    assert markdown == f"# Title\n\n{fragment_marker(0)}\n\nBetween.\n\n{pending}\n"
    assert restore_fragments(markdown, fragments) == text
    # Restored anchors are registered with MkDocs' link check by the plugin.
    assert fragment_ids(fragments) == {"row", "fnref:s"}


def test_a_release_without_a_number_shows_its_date_alone() -> None:
    from macros.data.model import Release
    from macros.render.pages import release_text

    assert release_text(Release(None, "2005-07-15", "s")) == "15 July 2005[^s]"
    assert release_text(Release("3.1.3", "2026-02-18", "s")) == "3.1.3 (18 February 2026)[^s]"
