from __future__ import annotations

from pathlib import Path

from tests.lint.conftest import Lint, edit


def test_links_to_missing_pages_and_anchors(project: Path, lint: Lint) -> None:
    site = project / "data/site.yml"
    edit(
        site,
        "  Pick **Alpha**",
        "  See [the table](/comparison.md#templatng) and "
        "[the guide](/templates-guide.md), [FAQ](/faq.md#which-first), [x](/fqa.md).\n"
        "  Pick **Alpha**",
    )
    edit(site, "url: /comparison.md", "url: /comparison.md#nowhere")
    assert lint("links") == [
        "data/site.yml:8:19: verdict: the link '/comparison.md#templatng' points to "
        "'#templatng', which is not on /comparison.md (did you mean 'templating'?)",
        "data/site.yml:8:115: verdict: the link '/fqa.md' points to a page that does not exist "
        "(did you mean '/faq.md'?)",
        "data/site.yml:12:8: call_to_action.url: the link '/comparison.md#nowhere' points to "
        "'#nowhere', which is not on /comparison.md (use one of the ids in data/ that "
        "comparison.md shows, e.g. a table row's or a question's id)",
    ]


def test_links_skip_code(project: Path, lint: Lint) -> None:
    edit(project / "data/site.yml", "  Pick **Alpha**", "  `[x](/nowhere.md)`\n  Pick **Alpha**")
    assert lint("links") == []
