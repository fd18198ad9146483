"""One Markdown factory, built from the site's markdown_extensions (macros.render.markdown)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from mkdocs.config import load_config

from macros.mkdocs_plugin.site import use_site_markdown
from macros.render import markdown
from macros.render.jsonld import plain_text
from macros.render.tables import cell, cell_html
from tests.harness.site import ROOT

HIGHLIGHTED = "`#!python x = 1`"  # pymdownx.inlinehilite: highlighted inline code


@pytest.fixture(autouse=True)
def builtin_settings() -> Iterator[None]:
    """Every test starts and ends with MkDocs' built-in extensions only."""
    markdown.configure()
    yield
    markdown.configure()


@pytest.fixture
def site_settings() -> markdown.MarkdownFactory:
    """The settings the plugin passes down from the real mkdocs.yml."""
    config = load_config(str(ROOT / "mkdocs.yml"))
    use_site_markdown(config)
    return markdown.factory()


def test_the_plugin_passes_the_sites_extensions_and_configs(
    site_settings: markdown.MarkdownFactory,
) -> None:
    assert site_settings.extensions[:3] == markdown.BUILTIN_EXTENSIONS
    assert {"footnotes", "pymdownx.inlinehilite", "pymdownx.superfences"} <= set(
        site_settings.extensions
    )
    assert site_settings.configs["toc"] == {"permalink": True}
    assert site_settings.configs["pymdownx.highlight"]["anchor_linenums"] is True


def test_a_cell_renders_as_the_text_around_it(site_settings: markdown.MarkdownFactory) -> None:
    around = site_settings.new().convert(f"Set {HIGHLIGHTED} first.")
    assert '<code class="highlight">' in around
    assert cell_html(f"Set {HIGHLIGHTED} first.") == around.removeprefix("<p>").removesuffix("</p>")


def test_configure_starts_the_caches_afresh() -> None:
    """Without the site's settings, inline highlighting is plain code."""
    assert cell_html(HIGHLIGHTED) == "<code>#!python x = 1</code>"
    assert markdown.field_html(HIGHLIGHTED) == "<p><code>#!python x = 1</code></p>"
    markdown.configure(["pymdownx.highlight", "pymdownx.inlinehilite"])
    assert '<code class="highlight">' in (cell_html(HIGHLIGHTED) or "")
    assert '<code class="highlight">' in markdown.field_html(HIGHLIGHTED)


def test_the_same_settings_keep_what_was_converted() -> None:
    """The preview configures the same settings on every rebuild: nothing is converted again."""
    names = ["pymdownx.highlight", "pymdownx.inlinehilite"]
    markdown.configure(names, {"toc": {"permalink": True}})
    html = markdown.field_html(HIGHLIGHTED)
    cell = cell_html(HIGHLIGHTED)
    markdown.configure(list(names), {"toc": {"permalink": True}})
    assert markdown.field_html(HIGHLIGHTED) is html
    assert cell_html(HIGHLIGHTED) is cell
    markdown.configure(names, {"toc": {"permalink": False}})
    assert markdown.field_html(HIGHLIGHTED) is not html


def test_field_html_is_the_fields_block_html_cached_per_text() -> None:
    text = "Two paragraphs with *emphasis*.\n\n- and\n- a list"
    html = markdown.field_html(text)
    assert html == (
        "<p>Two paragraphs with <em>emphasis</em>.</p>\n<ul>\n<li>and</li>\n<li>a list</li>\n</ul>"
    )
    assert markdown.field_html(text) is html  # converted once per distinct text


def test_plain_words_are_converted_when_an_extension_changes_them() -> None:
    assert cell_html("Django's ORM") == "Django&#39;s ORM"  # escaped, not converted
    markdown.configure(["smarty"])
    assert cell_html("Django's ORM") == "Django&rsquo;s ORM"


def test_entities_render_as_in_the_text_around_the_table() -> None:
    assert cell("&copy; BSD & MIT") == "<td>&copy; BSD &amp; MIT</td>"


def test_json_ld_text_uses_the_sites_markdown(site_settings: markdown.MarkdownFactory) -> None:
    text = "```python\nx = 1\n```\n\nThen `y`[^src]."
    assert plain_text(text) == "x = 1\nThen y."
