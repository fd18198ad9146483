"""One Markdown factory, built from the site's markdown_extensions (macros.render.markdown),
and passed to whoever converts: no module-level setting to save and restore."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from mkdocs.config import load_config

from macros.mkdocs_plugin.site import site_markdown
from macros.project import read_config
from macros.render import markdown
from macros.render.field_audit import field_html_problems
from macros.render.jsonld import plain_text
from macros.render.markdown import MarkdownFactory, site_extensions, site_factory
from macros.render.tables import cell, cell_html
from macros.sealed_cache import read_sealed
from tests.harness.site import ROOT

HIGHLIGHTED = "`#!python x = 1`"  # pymdownx.inlinehilite: highlighted inline code


@pytest.fixture
def site_settings() -> MarkdownFactory:
    """The factory the plugin builds from the real mkdocs.yml, as MkDocs parsed it."""
    return site_markdown(load_config(str(ROOT / "mkdocs.yml")), None)


def test_the_plugin_passes_the_sites_extensions_and_configs(
    site_settings: MarkdownFactory,
) -> None:
    assert site_settings.extensions[:3] == markdown.BUILTIN_EXTENSIONS
    assert {"footnotes", "pymdownx.inlinehilite", "pymdownx.superfences"} <= set(
        site_settings.extensions
    )
    assert site_settings.configs["toc"] == {"permalink": True}
    assert site_settings.configs["pymdownx.highlight"]["anchor_linenums"] is True


def test_mkdocs_yml_read_as_plain_yaml_gives_the_plugins_factory(
    site_settings: MarkdownFactory,
) -> None:
    """validate, lint and stage read mkdocs.yml themselves: the same settings as MkDocs."""
    assert site_factory(read_config(ROOT / "mkdocs.yml")).same_settings(site_settings)


def test_the_sites_markdown_extensions_are_read_as_mkdocs_reads_them() -> None:
    listed = ["abbr", {"toc": {"permalink": True}}, {"pymdownx.details": None}]
    assert site_extensions({"markdown_extensions": listed}) == (
        ["abbr", "toc", "pymdownx.details"],
        {"toc": {"permalink": True}},
    )
    assert site_extensions({"markdown_extensions": {"toc": {"permalink": True}}}) == (
        ["toc"],
        {"toc": {"permalink": True}},
    )
    assert site_extensions({}) == ([], {})


def test_a_cell_renders_as_the_text_around_it(site_settings: MarkdownFactory) -> None:
    around = site_settings.new().convert(f"Set {HIGHLIGHTED} first.")
    assert '<code class="highlight">' in around
    assert cell_html(f"Set {HIGHLIGHTED} first.", site_settings) == around.removeprefix(
        "<p>"
    ).removesuffix("</p>")


def test_each_factory_converts_with_its_own_settings() -> None:
    """Without the site's settings, inline highlighting is plain code."""
    builtin = MarkdownFactory()
    highlighting = MarkdownFactory(["pymdownx.highlight", "pymdownx.inlinehilite"])
    assert cell_html(HIGHLIGHTED, builtin) == "<code>#!python x = 1</code>"
    assert builtin.html(HIGHLIGHTED) == "<p><code>#!python x = 1</code></p>"
    assert '<code class="highlight">' in (cell_html(HIGHLIGHTED, highlighting) or "")
    assert '<code class="highlight">' in highlighting.html(HIGHLIGHTED)
    assert cell_html(HIGHLIGHTED, builtin) == "<code>#!python x = 1</code>"  # unchanged


def test_the_preview_keeps_the_factory_while_the_settings_stay(
    site_settings: MarkdownFactory,
) -> None:
    """The preview builds the same settings on every rebuild: nothing is converted again."""
    html = site_settings.html(HIGHLIGHTED)
    again = site_markdown(load_config(str(ROOT / "mkdocs.yml")), site_settings)
    assert again is site_settings and again.html(HIGHLIGHTED) is html
    other = MarkdownFactory(["pymdownx.highlight"], {"toc": {"permalink": False}})
    assert not other.same_settings(site_settings)


def test_a_fields_html_is_its_block_html_cached_per_text() -> None:
    factory = MarkdownFactory()
    text = "Two paragraphs with *emphasis*.\n\n- and\n- a list"
    html = factory.html(text)
    assert html == (
        "<p>Two paragraphs with <em>emphasis</em>.</p>\n<ul>\n<li>and</li>\n<li>a list</li>\n</ul>"
    )
    assert factory.html(text) is html  # converted once per distinct text
    assert field_html_problems((), factory) == []


def test_plain_words_are_converted_when_an_extension_changes_them() -> None:
    assert cell_html("Django's ORM", MarkdownFactory()) == "Django&#39;s ORM"  # not converted
    assert cell_html("Django's ORM", MarkdownFactory(["smarty"])) == "Django&rsquo;s ORM"


def test_entities_render_as_in_the_text_around_the_table() -> None:
    assert cell("&copy; BSD & MIT", MarkdownFactory()) == "<td>&copy; BSD &amp; MIT</td>"


def test_json_ld_text_uses_the_sites_markdown(site_settings: MarkdownFactory) -> None:
    text = "```python\nx = 1\n```\n\nThen `y`[^src]."
    assert plain_text(text, site_settings) == "x = 1\nThen y."


def test_converted_texts_are_kept_on_disk_per_settings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A new process finds what an earlier one converted with the same settings (and
    converts nothing); other settings, a text no longer asked for, or a broken file
    never give a stale or wrong conversion."""
    first = MarkdownFactory(["abbr"])
    first.keep_on_disk(tmp_path)
    html = first.html("*one*")
    first.html("gone")
    first.save()
    (stored,) = tmp_path.glob("markdown-*.json")
    again = MarkdownFactory(["abbr"])
    again.keep_on_disk(tmp_path)
    monkeypatch.setattr(again, "convert", lambda text: pytest.fail(f"converted {text!r}"))
    assert again.html("*one*") == html
    monkeypatch.undo()
    again.html("two")
    again.save()  # written again: 'gone' was not asked for in this run
    assert json.loads(read_sealed(stored) or b"") == {"*one*": html, "two": "<p>two</p>"}
    other = MarkdownFactory(["abbr", "attr_list"])
    assert other.fingerprint() != again.fingerprint()
    other.keep_on_disk(tmp_path)
    assert len(list(tmp_path.glob("markdown-*.json"))) == 1  # nothing read, nothing written
    stored.write_text("{broken", encoding="utf-8")
    broken = MarkdownFactory(["abbr"])
    broken.keep_on_disk(tmp_path)
    assert broken.html("*one*") == html
