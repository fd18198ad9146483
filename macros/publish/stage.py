"""``comparison stage DIR``: the whole site as plain files that any MkDocs-compatible engine builds.

Zensical (Material's successor) reads ``mkdocs.yml`` but silently skips
third-party plugins such as ours, so it would build a site without the pages
generated from ``data/``. Staging writes what the plugin adds at build time
as files instead::

    DIR/mkdocs.yml   mkdocs.yml without the comparison plugin, with the values it sets
                     (site_name, site_description, site_url, nav, pages kept out of the nav)
    DIR/docs/        content/ + every generated page (macros.publish.staged_page)
                     + the open data (api/comparison.json and its schema)
    DIR/overrides/   the theme overrides, copied
    DIR/site/        where `zensical build -f DIR/mkdocs.yml` writes

Pages come from the one check pipeline (:func:`macros.pipeline.check_project`),
which renders them with the renderer's page API (:class:`macros.render.pages.Renderer`),
so a page added there is staged with no change here, and the stage refuses
what `comparison build` refuses. DIR is replaced as a
whole, and only when it is empty or was staged before (it holds MARKER).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from macros.data.model import Dataset
from macros.pipeline import check_project
from macros.problems import format_report
from macros.project import (
    PLUGIN,
    ConfigError,
    Project,
    plugin_options,
    project_from_config,
    read_config,
)
from macros.publish.staged_page import staged_markdown
from macros.render import export, jsonld
from macros.render.nav import site_nav
from macros.render.pages import Page
from macros.render.tables import page_dir, restore_fragments

MARKER = ".staged-by-comparison"
# Table captions stay block-level (the plugin adds this extension at build time).
CAPTIONS_EXTENSION = "macros.render.block_captions:BlockCaptions"


class StageError(Exception):
    """Staging cannot go ahead; the message says why and what to do."""


@dataclass(frozen=True)
class Staged:
    config: Path  # DIR/mkdocs.yml
    generated: int  # generated pages written
    written: int  # hand-written files copied from the docs folder
    warnings: tuple[str, ...] = ()  # data warnings, as the build logs them


# Copies of Material 9.8.1's navigation partials, made for MkDocs' theme
# environment (titles escaped, no autoescape there; a table of contents without a
# dangling label). Zensical autoescapes and renders its own navigation with other
# template helpers: Material's copies there fail or lose the table of contents.
MATERIAL_NAV_COPIES = frozenset({"nav.html", "nav-item.html", "toc.html"})


def _material_only(folder: str, names: list[str]) -> set[str]:
    return set(names) & MATERIAL_NAV_COPIES if Path(folder).name == "partials" else set()


def without_plugin(plugins: Any) -> Any:
    if isinstance(plugins, dict):
        return {name: options for name, options in plugins.items() if name != PLUGIN}
    return [p for p in plugins or [] if p != PLUGIN and not (isinstance(p, dict) and PLUGIN in p)]


def checked_pages(
    config: dict[str, Any], config_path: Path
) -> tuple[Project, Dataset, tuple[Page, ...], list[str]]:
    """The project and its pages once the one check pipeline (macros.pipeline) found
    nothing that `comparison build` refuses, with the warnings a build lets pass."""
    if plugin_options(config) is None:
        raise StageError(f"{config_path}: the '{PLUGIN}' plugin is not enabled: nothing to stage")
    project = project_from_config(config_path, config)
    report = check_project(project)
    if report.refused:
        raise StageError(
            f"{format_report(report.refused)}\n"
            "The site cannot be staged until these are fixed (comparison build refuses them)."
        )
    assert report.dataset is not None
    return project, report.dataset, report.pages, [str(p) for p in report.advisory]


def staged_config(
    config: dict[str, Any], dataset: Dataset, pages: Sequence[Page], written: Iterable[str]
) -> dict[str, Any]:
    """mkdocs.yml as the plugin leaves it at build time, for the staged tree."""
    staged = dict(config)
    staged["plugins"] = without_plugin(config.get("plugins"))
    staged["site_name"] = dataset.site.title
    staged["site_description"] = dataset.site.description
    staged["site_url"] = dataset.site.url
    staged["docs_dir"], staged["site_dir"] = "docs", "site"
    if staged.get("nav") is None:
        staged["nav"] = site_nav((page.src_uri for page in pages), written, dataset.dimensions)
    hidden = [f"/{page.src_uri}" for page in pages if not page.in_nav]
    if hidden:
        staged["not_in_nav"] = "\n".join(hidden)
    named = staged.get("theme") or {}
    theme = {"name": named} if isinstance(named, str) else dict(named)
    # Zensical's own look is "modern"; "classic" is Material's, which the site is styled for.
    theme.setdefault("variant", "classic")
    if theme.get("custom_dir"):
        theme["custom_dir"] = "overrides"
    staged["theme"] = theme
    extensions = list(staged.get("markdown_extensions") or [])
    staged["markdown_extensions"] = [*extensions, CAPTIONS_EXTENSION]
    # Staged links are relative: any site-absolute link left over is a staging bug.
    validation = dict(staged.get("validation") or {})
    validation["links"] = {**(validation.get("links") or {}), "absolute_links": "warn"}
    staged["validation"] = validation
    return staged


def prepare(dest: Path) -> None:
    """Refuse to replace a folder this command did not write."""
    if dest.exists() and not dest.is_dir():
        raise StageError(f"{dest}: is a file; give a folder to stage into")
    if dest.is_dir() and any(dest.iterdir()) and not (dest / MARKER).is_file():
        raise StageError(
            f"{dest}: is not empty and was not staged by 'comparison stage': "
            "give an empty or new folder, or remove this one"
        )


def write_tree(
    tmp: Path,
    project: Project,
    config: dict[str, Any],
    dataset: Dataset,
    pages: Sequence[Page],
) -> Staged:
    root = project.root
    docs = tmp / "docs"
    source_docs = root / config.get("docs_dir", "docs")
    if source_docs.is_dir():
        shutil.copytree(source_docs, docs)
    docs.mkdir(parents=True, exist_ok=True)
    written = sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md"))
    copied = sum(1 for p in docs.rglob("*") if p.is_file())
    directory_urls = config.get("use_directory_urls", True)
    for page in pages:
        target = docs / page.src_uri
        if target.exists():
            raise StageError(
                f"{source_docs / page.src_uri} clashes with the page generated "
                "from data/: rename or remove it"
            )
        markdown = restore_fragments(page.markdown, page.fragments)
        url = page_dir(page.src_uri, directory_urls)
        blocks = jsonld.for_page(dataset, page.src_uri, url, project.markdown)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(staged_markdown(markdown, page.src_uri, blocks), encoding="utf-8")
    for path, content in {
        export.EXPORT_PATH: export.export_json(dataset),
        export.SCHEMA_PATH: export.schema_text(),
    }.items():
        (docs / path).parent.mkdir(parents=True, exist_ok=True)
        (docs / path).write_text(content, encoding="utf-8")
    theme = config.get("theme")
    custom_dir = theme.get("custom_dir") if isinstance(theme, dict) else None
    if custom_dir:
        shutil.copytree(root / custom_dir, tmp / "overrides", ignore=_material_only)
    staged = staged_config(config, dataset, pages, written)
    (tmp / "mkdocs.yml").write_text(
        "# Written by `comparison stage` from the project's mkdocs.yml and data/: "
        "do not edit, stage again.\n"
        + yaml.safe_dump(staged, sort_keys=False, allow_unicode=True, width=1_000_000),
        encoding="utf-8",
    )
    (tmp / MARKER).write_text("", encoding="utf-8")
    return Staged(tmp / "mkdocs.yml", len(pages), copied)


def stage(config_path: Path, dest: Path) -> Staged:
    """Write the staged site into ``dest`` (replaced as a whole); raises StageError."""
    config_path, dest = config_path.resolve(), dest.resolve()
    root = config_path.parent
    if dest == root or dest in root.parents:
        raise StageError(f"{dest}: holds the project itself; stage into a folder of its own")
    try:
        config = read_config(config_path)
    except ConfigError as exc:
        raise StageError(str(exc)) from exc
    docs = (root / config.get("docs_dir", "docs")).resolve()
    if dest == docs or docs in dest.parents:
        raise StageError(f"{dest}: is inside the docs folder {docs}; stage elsewhere")
    prepare(dest)
    project, dataset, pages, warnings = checked_pages(config, config_path)
    tmp = dest.with_name(f".{dest.name}.staging")
    shutil.rmtree(tmp, ignore_errors=True)
    try:
        result = write_tree(tmp, project, config, dataset, pages)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    shutil.rmtree(dest, ignore_errors=True)
    tmp.rename(dest)
    return Staged(dest / "mkdocs.yml", result.generated, result.written, tuple(warnings))
