"""The fast preview's patches and the copied Material partials against the installed packages.

Each patch in macros/mkdocs_plugin/patches.py replaces or relies on a piece of
MkDocs or watchdog, and each file in overrides/partials/ is a copy of one of
Material's, with a small change. An upgrade that changes the original must
fail here, naming the piece, instead of silently running the old copy.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import material
import pytest

from macros.mkdocs_plugin import patches
from tests.harness.site import ROOT

OVERRIDES = ROOT / "overrides"
MATERIAL_TEMPLATES = Path(material.__file__).parent / "templates"
# Material's file each override was made from -> sha256 of that file as it was copied
# (Material 9.8.1). Each copy's first comment says what it changes.
COPIED_FROM = {
    "partials/content.html": "ce33929c85af129f6e2f3b0aed47159e9c4a519482d1938bae15f5ff4a3cfae5",
    "partials/copyright.html": "bc86bca3bf75070fe5d72e2a3463bdddf87c10f4d6459c945fe81c5d384e35ea",
    "partials/footer.html": "50c2a75f013b7b03fb97f381860c77df8fd5d13d68f90d3281754b68f69ec894",
    "partials/header.html": "8cf3fb15bcf969ff596649616fd99366b3c31c08d57a86d05308efc16d8fa75f",
    "partials/javascripts/base.html": (
        "d6113712bc4deb30b4bd810ee0dfc28b6f04d2f88cc0016c0f1766eac7b762b6"
    ),
    "partials/nav-item.html": "89895208f22d68ce405a4bcb6649b9150eba5bbb04663a6cb3f93f02daf1d2f7",
    "partials/nav.html": "af33f6e032f632eb055c365eb5f1a975bf8456152fa768e69a1aad6d470b843f",
    "partials/search.html": "bfd556535abcddb99396ab2a7e3acc2ebcd3f36756007d3969396caa4126be30",
    "partials/toc.html": "fde48f583563364b0e0e6865a5ab1e7060ec1826161f69f5cbee653e621b0f84",
}


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_every_override_of_a_material_partial_is_pinned() -> None:
    overrides = sorted(p.relative_to(OVERRIDES).as_posix() for p in OVERRIDES.rglob("*.html"))
    partials = [name for name in overrides if name.startswith("partials/")]
    assert partials == sorted(COPIED_FROM), "pin the Material file a new override copies"


@pytest.mark.parametrize("name", sorted(COPIED_FROM))
def test_materials_partial_is_the_one_the_override_was_copied_from(name: str) -> None:
    installed = MATERIAL_TEMPLATES / name
    assert installed.is_file(), f"Material no longer has {name}: overrides/{name} replaces nothing"
    assert sha256(installed) == COPIED_FROM[name], (
        f"Material's {name} changed since overrides/{name} was copied from it: compare the "
        f"two, carry Material's change into the copy (its first comment says what the copy "
        f"changes), then pin the new file's sha256 in COPIED_FROM ({sha256(installed)})"
    )


@pytest.mark.parametrize("name", sorted(patches.UPSTREAM))
def test_each_patched_piece_is_the_source_the_patch_was_written_against(name: str) -> None:
    found = patches.source_hash(name)
    assert found == patches.UPSTREAM[name], (
        f"{name} changed in the installed package since macros/mkdocs_plugin/patches.py was "
        f"written against it: read the new source against the patch that uses it, fix the "
        f"patch (or drop it), then pin the new hash in patches.UPSTREAM ({found})"
    )


def test_a_changed_partial_or_source_is_named(tmp_path: Path) -> None:
    """The check can fail: a different file or function gives a different hash."""
    copy = tmp_path / "toc.html"
    copy.write_bytes((MATERIAL_TEMPLATES / "partials/toc.html").read_bytes() + b"\n")
    assert sha256(copy) != COPIED_FROM["partials/toc.html"]
    assert patches.source_hash("mkdocs.livereload:LiveReloadServer.watch") != (
        patches.source_hash("mkdocs.livereload:LiveReloadServer.unwatch")
    )


def test_source_hash_reads_the_original_under_a_patch(monkeypatch: pytest.MonkeyPatch) -> None:
    from mkdocs.structure.pages import Page

    before = patches.source_hash("mkdocs.structure.pages:Page.render")
    monkeypatch.setattr(Page, "render", Page.render)  # undone after the test
    patches.cache_page_rendering()
    assert getattr(Page.render, "__wrapped__", None) is not None
    assert patches.source_hash("mkdocs.structure.pages:Page.render") == before


THIRD_PARTY = ("mkdocs", "material", "watchdog")


def replaced_elsewhere(path: Path) -> list[str]:
    """Assignments to an attribute of a class or module imported from MkDocs, Material or
    watchdog (``Page.render = ...``, ``setattr(Page, "render", ...)``): replacing
    third-party code."""
    import ast

    tree = ast.parse(path.read_text(encoding="utf-8"))
    imported = {
        alias.asname or alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in THIRD_PARTY
        for alias in node.names
    }
    imported |= {
        (alias.asname or alias.name).split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
        if alias.name.split(".")[0] in THIRD_PARTY
    }
    found = []
    for node in ast.walk(tree):
        # setattr(Page, "render", ...) too, and patches.py's own _install(Page, "render", ...)
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in ("setattr", "_install")
            and node.args
            and isinstance(node.args[0], ast.Name)
            and node.args[0].id in imported
        ):
            name = node.args[1].value if isinstance(node.args[1], ast.Constant) else "?"
            found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.args[0].id}.{name}")
        targets = node.targets if isinstance(node, ast.Assign) else []
        for target in targets:
            if (
                isinstance(target, ast.Attribute)
                and isinstance(target.value, ast.Name)
                and target.value.id in imported
            ):
                found.append(
                    f"{path.relative_to(ROOT)}:{node.lineno}: {target.value.id}.{target.attr}"
                )
    return found


def test_only_patches_py_replaces_third_party_code() -> None:
    modules = sorted((ROOT / "macros").rglob("*.py"))
    assert replaced_elsewhere(ROOT / "macros/mkdocs_plugin/patches.py")  # the check sees them
    elsewhere = [
        found for path in modules if path.name != "patches.py" for found in replaced_elsewhere(path)
    ]
    assert elsewhere == [], "move these into macros/mkdocs_plugin/patches.py, pinned in UPSTREAM"


def test_the_theme_listing_is_kept_until_a_theme_folder_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The cached listing appends what MkDocs' own does; a new file in the project's theme
    folder is listed at the next build, and docs_dir's files still win over the theme's."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import Files, get_files

    docs, custom = tmp_path / "docs", tmp_path / "theme"
    docs.mkdir()
    custom.mkdir()
    (docs / "index.md").write_text("# Home\n", encoding="utf-8")
    (docs / "extra.css").write_text("p {}\n", encoding="utf-8")
    (custom / "extra.css").write_text("a {}\n", encoding="utf-8")  # docs_dir's wins
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: t\ntheme:\n  name: material\n  custom_dir: theme\n", encoding="utf-8"
    )
    config = load_config(str(tmp_path / "mkdocs.yml"))
    env = config.theme.get_env()
    listed: list[int] = []
    list_templates = type(env).list_templates
    monkeypatch.setattr(
        type(env), "list_templates", lambda *a, **k: listed.append(1) or list_templates(*a, **k)
    )
    # Start unpatched, whatever an earlier test in this worker patched for its process.
    unpatched = Files.add_files_from_theme
    monkeypatch.setattr(Files, "add_files_from_theme", getattr(unpatched, "__wrapped__", unpatched))

    def listing() -> list[tuple[str, str | None]]:
        files = get_files(config)
        files.add_files_from_theme(env, config)
        return [(f.src_uri, f.abs_src_path) for f in files]

    expected = listing()
    patches.cache_theme_listing()
    assert listing() == expected and len(listed) == 2
    assert listing() == expected and len(listed) == 2  # kept: the theme did not change
    assert ("extra.css", str(docs / "extra.css")) in expected
    (custom / "new.js").write_text("1;\n", encoding="utf-8")
    assert ("new.js", str(custom / "new.js")) in listing() and len(listed) == 3


def test_a_code_block_is_highlighted_once_while_it_and_the_settings_are_unchanged(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Pages converted again give the same HTML and Pygments runs once per distinct block;
    inline code is highlighted every time, and other settings highlight anew."""
    import markdown
    import pygments
    import pymdownx.highlight
    from pymdownx.highlight import Highlight

    # Start unpatched, whatever an earlier test in this worker patched for its process.
    monkeypatch.setattr(
        Highlight, "highlight", getattr(Highlight.highlight, "__wrapped__", Highlight.highlight)
    )
    calls: list[int] = []
    real = pygments.highlight
    monkeypatch.setattr(pymdownx.highlight, "highlight", lambda *a: calls.append(1) or real(*a))
    page = "Text `#!python y = 2`.\n\n```python\nx = 1\n```\n\n```python\nx = 1\n```\n"
    names = ["pymdownx.highlight", "pymdownx.superfences", "pymdownx.inlinehilite"]

    def convert(**highlight: object) -> str:
        configs = {"pymdownx.highlight": {"anchor_linenums": True, **highlight}}
        return markdown.Markdown(extensions=names, extension_configs=configs).convert(page)

    expected = convert()
    assert len(calls) == 3  # two blocks (told apart by their line anchors) and the inline code
    patches.cache_highlighting()
    assert convert() == expected and len(calls) == 6  # filled
    assert convert() == expected and len(calls) == 7  # the inline code only
    assert convert(line_anchors="x") != expected and len(calls) == 10


SEARCH_HTML = [
    '<h2 id="a" data-search-exclude="true">A</h2>\n<p data-search-boost="2">B</p>',
    'x data-search-a="1"data-search-b="2" \tdata-search-c="3"',  # adjacent, two spaces
    'data-search-a="x data-search-b="y" z"',  # a value holding the name of another
    '<p>\u2028data-search-a="1" \x1cdata-search-b="2"</p>',  # other Unicode spaces
    'data-search-="1" data-search-a="" data-search-a=1 data-search-',  # no match
    "",
]


@pytest.mark.parametrize("html", SEARCH_HTML)
def test_search_attributes_are_stripped_as_materials_expression_strips_them(html: str) -> None:
    assert patches.strip_search_attributes(html) == patches._SEARCH_ATTRIBUTES.sub("", html)


def test_every_mix_of_spaces_names_and_quotes_is_stripped_as_material_strips_it() -> None:
    import random

    pieces = [" ", "\n", "\u00a0", "\x1c", '"', "=", "x", "-", "data-search-", 'a="1"', "<p>"]
    rng = random.Random(22)
    for _ in range(5000):
        html = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        expected = patches._SEARCH_ATTRIBUTES.sub("", html)
        assert patches.strip_search_attributes(html) == expected, repr(html)


def test_the_search_plugin_gives_a_page_the_same_html_when_patched(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from types import SimpleNamespace

    from material.plugins.search import plugin as search

    # Start unpatched, whatever an earlier test in this worker patched for its process.
    on_page_context = search.SearchPlugin.on_page_context
    monkeypatch.setattr(
        search.SearchPlugin,
        "on_page_context",
        getattr(on_page_context, "__wrapped__", None) or on_page_context,
    )
    indexed: list[str] = []
    monkeypatch.setattr(
        search.SearchIndex, "add_entry_from_context", lambda _, page: indexed.append(page.content)
    )
    plugin = search.SearchPlugin()
    plugin.load_config({})
    plugin.search_index = search.SearchIndex()

    def page_context(content: str) -> str:
        page = SimpleNamespace(content=content)
        plugin.on_page_context({}, page=page, config=None, nav=None)
        return str(page.content)

    expected = [page_context(html) for html in SEARCH_HTML]
    assert expected[0] == '<h2 id="a">A</h2>\n<p>B</p>'
    patches.strip_search_attributes_faster()
    assert getattr(search.SearchPlugin.on_page_context, "__wrapped__", None) is not None
    assert [page_context(html) for html in SEARCH_HTML] == expected
    assert indexed == SEARCH_HTML * 2  # each page indexed first, as before
