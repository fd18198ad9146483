"""MkDocs plugin: load the data, add the generated pages, keep the preview alive.

Event methods only; the work happens in the framework-free core (macros.*).
In ``mkdocs build`` any data problem aborts the build with every problem
listed. In ``mkdocs serve`` the same problems are logged and shown as an error
page instead, because MkDocs' live server blocks every request while a
rebuild fails: a broken save must never hang the preview.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page as MkPage
from mkdocs.utils.templates import TemplateContext

from macros.mkdocs_plugin import build_cache, live_server, patches, template_cache
from macros.mkdocs_plugin.build_cache import BuildCache
from macros.mkdocs_plugin.config import ComparisonConfig
from macros.mkdocs_plugin.problem_log import log_warnings, with_advisory_level
from macros.mkdocs_plugin.site import (
    apply_site_metadata,
    default_nav,
    error_uris,
    keep_preview_alive,
    many_frameworks,
    site_markdown,
    with_jump_list,
)
from macros.pipeline import check_project
from macros.preview.content_loss import ContentWatch
from macros.problems import Problem, format_report
from macros.project import Project
from macros.publish.minify import minify_files, needs_minifying
from macros.publish.palette import PaletteDrift, quiet_palette
from macros.render import export, jsonld, search_index
from macros.render.block_captions import BlockCaptions
from macros.render.markdown import MarkdownFactory
from macros.render.pages import TEMPLATE_DIR, Page, render_problems
from macros.render.tables import fragment_ids, restore_fragments
from macros.sealed_cache import SealedBytecodeCache

if TYPE_CHECKING:  # only `serve` loads the live-reload server; builds need not import it
    from mkdocs.livereload import LiveReloadServer

    # Nor what only the preview uses (its caches, banners, editor schemas): a build whose
    # data did not change reads its check result from the cache (macros.check_cache).
    from macros.data.file_reader import ReadCache
    from macros.data.model import Dataset

log = get_plugin_logger("comparison")  # messages start "comparison: "
with_advisory_level(log)


def error_pages(markdown: str, uris: list[str]) -> list[Page]:
    """The error page at every generated address, named once in the navigation."""
    return [Page(uri, markdown, in_nav=index == 0) for index, uri in enumerate(uris)]


def refused_files(files: Files, docs_dir: str, root: Path, problems: list[Problem]) -> list[File]:
    """The files of content/ a problem names (a page with raw HTML, an SVG with a script):
    the preview leaves them out while it shows the error page, as the build refuses them."""
    named = {problem.path for problem in problems}
    folder = Path(docs_dir).resolve()  # the folder only: a link is named as the link
    refused = []
    for file in files:
        if file.src_dir != docs_dir:
            continue
        try:
            shown = (folder / file.src_uri).relative_to(root).as_posix()
        except ValueError:
            continue
        if shown in named:
            refused.append(file)
    return refused


class ComparisonPlugin(BasePlugin[ComparisonConfig]):
    def __init__(self) -> None:
        self.command = "build"
        self.dataset: Dataset | None = None
        self.problems: list[Problem] = []
        self.pages: list[Page] = []
        self.static: dict[str, str] = {}  # generated non-page files: path -> content
        self.fragments: dict[str, tuple[str, ...]] = {}  # src_uri -> finished HTML blocks
        self.search_entries: list[search_index.Entry] = []  # rows and questions, as built
        self.banners: dict[str, str] = {}  # src_uri -> the preview's banner of data warnings
        self.own_assets: list[str] = []  # the site's stylesheets and scripts from docs_dir
        self.read_cache: ReadCache | None = None  # the fast preview's files read before
        self.markdown: MarkdownFactory | None = None  # the site's, kept while its settings are
        self.built_pages = False  # the last build made the site's pages (not the error page)
        # The preview's inventory of the last good build: what a save removed since.
        self.content_watch = ContentWatch()
        # The fast preview's search entries by page address and HTML (most pages do not change).
        self.entry_cache: BuildCache[tuple[str, str], list[search_index.Entry]] = BuildCache()
        self.entry_store: search_index.EntryStore | None = None  # a build's, kept on disk

    # Defining on_startup keeps this instance alive across `serve` rebuilds.
    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        if not self.config.enabled:
            return
        self.command = command

    @property
    def serving(self) -> bool:
        return self.command == "serve"

    @property
    def fast_preview(self) -> bool:
        """`serve` with the fast preview's watching and caches (the `fast_preview` option)."""
        return self.serving and self.config.fast_preview

    def root(self, config: MkDocsConfig) -> Path:
        return Path(config.config_file_path).resolve().parent

    def data_dir(self, config: MkDocsConfig) -> Path:
        return self.root(config) / self.config.data_dir

    def template_dirs(self, config: MkDocsConfig) -> list[Path]:
        return [self.root(config) / d for d in self.config.template_dirs]

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Load and render the data, then let the site's settings follow it."""
        if not self.config.enabled:
            return config
        if self.fast_preview:
            if self.built_pages:  # what the last two good builds used stays cached
                build_cache.new_build()
            patches.cache_search_entries()
            patches.strip_search_attributes_faster()
            patches.cache_page_rendering()
            patches.cache_theme_listing()
            patches.cache_highlighting()
        # Table captions must stay block-level (see macros.render.block_captions).
        config.markdown_extensions.append(BlockCaptions())  # type: ignore[arg-type]
        self.markdown = site_markdown(config, self.markdown)
        if self.serving and config.strict:
            keep_preview_alive()
        self.generate(config)
        self.built_pages = self.dataset is not None
        if self.dataset is None:  # the error page: MkDocs' own settings and nav
            return config
        apply_site_metadata(config, self.dataset.site)
        if config.nav is None:
            config.nav = default_nav(config, self.pages, self.dataset.dimensions)
        return config

    def generate(self, config: MkDocsConfig) -> None:
        """Pages and files from the data; the error page instead when it cannot be done.

        Every problem comes from the one check pipeline (macros.pipeline), as for
        scripts/validate, scripts/lint and comparison stage; it renders the pages too.
        """
        root = self.root(config)
        if self.fast_preview and self.read_cache is None:
            from macros.data.file_reader import ReadCache

            self.read_cache = ReadCache()
        assert self.markdown is not None
        project = Project(
            data_dir=self.data_dir(config),
            root=root,
            markdown=self.markdown,
            docs_dir=Path(config.docs_dir),
            template_dirs=tuple(self.template_dirs(config)),
            cache_dir=root / self.config.cache_dir,
            directory_urls=config.use_directory_urls,
        )
        report = check_project(project, read_cache=self.read_cache)
        self.dataset, self.problems = report.dataset, list(report.problems)
        self.static = {}  # no stale export while the data is broken
        self.banners = {}
        if self.serving:  # the editor's schemas follow the ids the data has now
            from macros.editor.schemas import write_editor_schemas

            write_editor_schemas(root, report.files)
        problems = list(report.problems)
        if self.serving and report.dataset is not None:  # what a save lost: a warning
            if self.content_watch.data_dir != project.data_dir:
                self.content_watch = ContentWatch(project.data_dir)
            problems += self.content_watch.check(report.files)
        # Errors are listed together below; a warning is logged as WARNING (a placeholder
        # fails a strict build; an old review or an uncited source never does).
        log_warnings(log, problems, report.refused)
        if report.dataset is None:
            self.show_problems(config, format_report(report.errors), report.errors)
            return
        data_dir = self.config.data_dir.rstrip("/")
        if crowded := many_frameworks(report.dataset, self.config.max_frameworks, data_dir):
            log.info(str(crowded))  # info: a big site is not an error
        self.pages = list(report.pages)
        if self.serving:
            from macros.lint.site_problems import banners

            self.banners = banners(problems, self.pages, self.template_dirs(config), data_dir)
        self.static = {
            export.EXPORT_PATH: export.export_json(
                report.dataset,
                check=not self.fast_preview,
                checked=root / self.config.cache_dir / "export-checked.txt",
            ),
            export.SCHEMA_PATH: export.schema_text(),
        }

    def show_problems(self, config: MkDocsConfig, report: str, shown: list[Problem]) -> None:
        """Stop the build, or (in the preview) replace every generated page by the error page."""
        if not self.serving:
            raise PluginError(report)
        log.error("%s\nThe preview shows an error page until this is fixed.", report)
        page = render_problems(
            shown, self.template_dirs(config), self.root(config), self.data_dir(config)
        )
        self.pages = error_pages(page, error_uris(self.data_dir(config)))

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if not self.config.enabled:
            return files
        # The site's own stylesheets and scripts, minified after a build (not in the preview).
        self.own_assets = [
            f.dest_uri
            for f in files
            if not self.serving and f.src_dir == config.docs_dir and needs_minifying(f.dest_uri)
        ]
        if self.serving and self.dataset is None:  # no refused file of content/ is served
            for refused in refused_files(files, config.docs_dir, self.root(config), self.problems):
                files.remove(refused)
        self.fragments = {page.src_uri: page.fragments for page in self.pages if page.fragments}
        for path, content in self.static.items():
            files.append(File.generated(config, path, content=content))
        for page in self.pages:
            clash = files.get_file_from_path(page.src_uri)
            if clash is not None:
                raise PluginError(
                    f"{config.docs_dir}/{page.src_uri} clashes with the page "
                    "generated from data/: rename or remove it"
                )
            inclusion = InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV
            files.append(
                File.generated(config, page.src_uri, content=page.markdown, inclusion=inclusion)
            )
        return files

    def on_env(
        self, env: jinja2.Environment, /, *, config: MkDocsConfig, files: Files
    ) -> jinja2.Environment:
        """Keep the theme's compiled templates between builds.

        MkDocs makes a new theme environment for every build, so each preview
        rebuild recompiled Material's templates: about half of it (0.9 of 1.7 s,
        scripts/bench/bench_preview.py). The cache checks each template's source.
        """
        if not self.config.enabled:
            return env
        cache = self.root(config) / self.config.cache_dir / "theme"
        cache.mkdir(parents=True, exist_ok=True)
        env.bytecode_cache = SealedBytecodeCache(str(cache))
        if self.fast_preview:
            template_cache.cache_page_templates(env, config)
        return env

    def on_page_content(
        self, html: str, /, *, page: MkPage, config: MkDocsConfig, files: Files
    ) -> str:
        """Put back the finished tables the renderer kept out of Markdown; in the preview,
        put the banner of the data's warnings on top."""
        if not self.config.enabled:
            return html
        html = self.banners.get(page.file.src_uri, "") + html
        page.toc = with_jump_list(page.toc, page.meta)
        fragments = self.fragments.get(page.file.src_uri)
        if not fragments:
            return html
        # MkDocs checks links against the anchors it saw while converting the
        # page; the lifted tables' ids (rows, footnote references) count too.
        if page.present_anchor_ids is not None:
            page.present_anchor_ids |= fragment_ids(fragments)
        return restore_fragments(html, fragments)

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        self.search_entries = []
        if not self.fast_preview:
            cache_dir = self.root(config) / self.config.cache_dir
            self.entry_store = search_index.EntryStore(cache_dir)

    def on_post_page(self, output: str, /, *, page: MkPage, config: MkDocsConfig) -> str:
        """Collect the rows and questions marked as search results of their own.

        A page kept out of search (/one-page/) keeps its rows
        out too: the index would drop them, so they are not even looked for.
        """
        if not self.config.enabled:
            return output
        search = page.meta.get("search")
        if isinstance(search, dict) and search.get("exclude"):
            return output
        if self.entry_store is not None:
            self.search_entries.extend(self.entry_store.entries(output, page.url))
            return output
        key = (page.url, output)
        entries = self.entry_cache.get(key)
        if entries is None:
            entries = self.entry_cache.put(key, search_index.entries_from_html(output, page.url))
        self.search_entries.extend(entries)
        return output

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Write those entries into Material's search index (written just before); in a
        build, minify the site's own stylesheets and scripts (the preview keeps them) and
        write Material's palette stylesheet without its whole-page transition switch."""
        if not self.config.enabled:
            return
        path = Path(config.site_dir) / "search" / "search_index.json"
        if path.is_file() and self.search_entries:
            text = path.read_text(encoding="utf-8")
            synonyms = self.dataset.synonyms if self.dataset else ()
            path.write_text(
                search_index.rewrite(text, self.search_entries, synonyms), encoding="utf-8"
            )
        if not self.serving:
            minify_files(Path(config.site_dir), self.own_assets)
            if config.theme.name == "material" and config.theme.get("palette"):
                try:
                    quiet_palette(Path(config.site_dir))
                except PaletteDrift as exc:
                    raise PluginError(str(exc)) from None
        if self.markdown is not None:  # with the texts the pages' JSON-LD converted
            self.markdown.save()
        if self.entry_store is not None:
            self.entry_store.save()

    def on_page_context(
        self, context: TemplateContext, /, *, page: MkPage, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        """Give theme templates (overrides/main.html) the page's JSON-LD."""
        if not self.config.enabled:
            return context
        if self.dataset is not None:
            url = page.canonical_url or page.abs_url or ""
            blocks = jsonld.for_page(self.dataset, page.file.src_uri, url, self.markdown)
            context["structured_data"] = blocks  # type: ignore[typeddict-unknown-key]
        return context

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer:
        if not self.config.enabled:
            return server
        server.watch(str(self.data_dir(config)))
        server.watch(str(TEMPLATE_DIR))
        for folder in self.template_dirs(config):
            server.watch(str(folder))
        # The project's theme overrides: MkDocs watches them only with --watch-theme.
        custom_dir = config.theme.custom_dir
        if custom_dir and Path(custom_dir).is_dir():
            server.watch(str(custom_dir))
        if self.fast_preview:  # a save is noticed at once, not at the next 0.5 s poll
            patches.watch_with_inotify(server)
            # and the reload need not fetch the theme's files again
            live_server.cache_theme_assets(server, config)
        return server
