"""Each generated page names the data files it shows (macros.render.page_sources), and the
preview's banners follow them (macros.lint.site_problems.pages_concerned)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from macros.data.loader import load_or_raise
from macros.lint.site_problems import pages_concerned
from macros.render.page_sources import generated_pages
from macros.render.pages import Renderer
from macros.render.template_anchors import template_anchors
from tests.harness.site import FIXTURES

PAGES = Renderer(load_or_raise(FIXTURES / "three" / "data")).pages()
BY_URI = {page.src_uri: page for page in PAGES}


def test_every_generated_page_names_its_data_files() -> None:
    assert all(page.sources and page.sources[-1] == "sources.yml" for page in PAGES)
    assert BY_URI["faq.md"].sources[0] == "faq.yml"
    pair = next(uri for uri in BY_URI if uri.startswith("compare/") and "-vs-" in uri)
    a, b = pair.removeprefix("compare/").removesuffix(".md").split("-vs-")
    assert BY_URI[pair].sources == (f"frameworks/{a}.yml", f"frameworks/{b}.yml", "sources.yml")


def test_a_files_warning_concerns_the_pages_that_show_it() -> None:
    pair = next(uri for uri in BY_URI if uri.startswith("compare/") and "-vs-" in uri)
    a = pair.removeprefix("compare/").split("-vs-")[0]
    concerned = pages_concerned(f"data/frameworks/{a}.yml", PAGES)
    assert {pair, f"frameworks/{a}.md", "index.md", "comparison.md"} <= concerned
    assert "faq.md" not in concerned
    assert pages_concerned("data/faq.yml", PAGES) == {"faq.md", "one-page.md"}
    # A file no page lists (packages.yml) concerns them all.
    assert pages_concerned("data/packages.yml", PAGES) == set(BY_URI)


def test_the_templates_own_anchors_are_read_from_the_search_path(tmp_path: Path) -> None:
    shipped = template_anchors()
    assert shipped["hub.md.j2"]["verdict"].startswith("macros/templates/hub.md.j2:")
    (tmp_path / "hub.md.j2").write_text("# Home\n\n## Mine { #mine }\n", encoding="utf-8")
    overridden = template_anchors([tmp_path], tmp_path.parent)
    assert overridden["hub.md.j2"] == {"mine": f"{tmp_path.name}/hub.md.j2:3"}


def test_the_renderer_lays_each_page_out_with_the_template_named_for_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """page_sources names each page's template for messages: the one the renderer uses."""
    used: dict[str, str] = {}
    render = Renderer.render

    def recording(self: Renderer, template: str, src_uri: str, **context: Any) -> str:
        used.setdefault(src_uri, template)
        return render(self, template, src_uri, **context)

    monkeypatch.setattr(Renderer, "render", recording)
    dataset = load_or_raise(FIXTURES / "three" / "data")
    Renderer(dataset).pages()
    made = generated_pages([f.id for f in dataset.frameworks], [d.id for d in dataset.dimensions])
    assert used == {uri: made[uri].template for uri in used}
    assert len(used) == len(PAGES)
