"""The one command line: ``comparison validate|lint|build|stage|new-*|csp-hashes|check-freshness``.

Installed as the ``comparison`` console script ([project.scripts]); the files
in ``scripts/`` are thin wrappers that call :func:`main` with their command.
Each command keeps its own parser (and its ``scripts/...`` name in messages,
which EDITING.md and the tests quote).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from macros import scaffold
from macros.editor.schemas import main as editor_schemas_main
from macros.editor.schemas import write_editor_schemas
from macros.freshness import loop as freshness_loop
from macros.freshness import report as freshness
from macros.freshness import sources as check_sources
from macros.lint.cli import main as lint_main
from macros.paths import add_data_arguments, project_root
from macros.pipeline import check_project
from macros.problems import format_report
from macros.project import project_from_arguments
from macros.publish.build import build_site
from macros.publish.headers import HeaderSourceError, SiteAuditError, header_files, stale_files
from macros.publish.stage import StageError, stage


def validate_main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="scripts/validate", description="Check the data files without building the site."
    )
    add_data_arguments(parser)
    parser.add_argument(
        "--docs",
        type=Path,
        default=None,
        help="the hand-written pages, for links to them (default: mkdocs.yml's docs_dir)",
    )
    args = parser.parse_args(argv)
    started = time.perf_counter()
    project = project_from_arguments(parser, args)
    report = check_project(project)
    # The editor completes the ids that exist (from the files as read, broken or not).
    write_editor_schemas(project.data_dir.parent, report.files)
    if report.problems:
        print(format_report(report.problems))
    elapsed = time.perf_counter() - started
    if report.errors:
        print("The site cannot be built until these are fixed.")
        return 1
    if report.refused:  # placeholders, frameworks not reviewed: as make build
        print(
            "The preview shows the site, but it cannot be published until these warnings "
            "are resolved (make build refuses them)."
        )
        return 1
    dataset = report.dataset
    assert dataset is not None
    print(
        f"OK: {len(dataset.files)} files, {len(dataset.frameworks)} frameworks, "
        f"{len(dataset.dimensions)} dimensions, {len(dataset.questions)} questions, "
        f"{len(dataset.sources)} sources ({elapsed * 1000:.0f} ms)."
    )
    return 0


def build_main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="scripts/build", description="Strict, atomic build of the site."
    )
    parser.add_argument("--config", type=Path, default=None)
    parser.add_argument(
        "--site-dir",
        type=Path,
        default=None,
        help="output folder (default: site/ beside mkdocs.yml)",
    )
    args = parser.parse_args(argv)
    config = (args.config or project_root() / "mkdocs.yml").resolve()
    site_dir = (args.site_dir or config.parent / "site").resolve()
    return build_site(config, site_dir)


def stage_main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="comparison stage",
        description="Write the whole site as plain Markdown files and a config that needs no "
        "plugin, for a second engine: zensical build -f DIR/mkdocs.yml",
    )
    parser.add_argument("dir", type=Path, help="folder to stage into (replaced as a whole)")
    parser.add_argument(
        "--config", type=Path, default=None, help="default: the project's mkdocs.yml"
    )
    args = parser.parse_args(argv)
    config = args.config or project_root() / "mkdocs.yml"
    try:
        staged = stage(config, args.dir)
    except StageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for warning in staged.warnings:
        print(f"WARNING: {warning}", file=sys.stderr)
    print(
        f"staged {staged.generated} generated pages and {staged.written} files from the docs "
        f"folder into {staged.config.parent}\nbuild it with: zensical build -f {staged.config}"
    )
    return 0


def csp_hashes_main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="scripts/csp-hashes",
        description="Hash the built site's inline scripts and styles and write the response "
        "headers from deploy/headers.toml into deploy/_headers and "
        "deploy/nginx/*.conf.",
    )
    parser.add_argument(
        "--site",
        type=Path,
        default=None,
        help="a built site to read (default: build mkdocs.yml afresh)",
    )
    parser.add_argument(
        "--deploy-dir",
        type=Path,
        default=None,
        help="where the generated files live (default: the project's deploy/)",
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 if the committed files are out of date",
    )
    args = parser.parse_args(argv)
    root = project_root()
    with tempfile.TemporaryDirectory(prefix="csp-hashes-") as scratch:
        site_dir = args.site
        if site_dir is None:
            site_dir = Path(scratch) / "site"
            if build_site(root / "mkdocs.yml", site_dir) != 0:
                return 1
        try:
            files = header_files(site_dir.resolve(), root / "deploy" / "headers.toml")
        except (HeaderSourceError, SiteAuditError) as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
    deploy_dir: Path = args.deploy_dir or root / "deploy"
    stale = stale_files(files, deploy_dir)
    if args.check:
        for name in stale:
            print(
                f"{deploy_dir / name} is out of date: run scripts/csp-hashes and commit it",
                file=sys.stderr,
            )
        if not stale:
            print(f"{deploy_dir}: headers are up to date")
        return 1 if stale else 0
    for name in stale:
        target = deploy_dir / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(files[name], encoding="utf-8")
        print(f"wrote {target}")
    if not stale:
        print(f"{deploy_dir}: headers are up to date")
    return 0


COMMANDS: dict[str, tuple[Callable[[list[str]], int], str]] = {
    "validate": (validate_main, "check the data files without building the site"),
    "lint": (lint_main, "check the data beyond the schema; --fix repairs what is safe"),
    "build": (build_main, "strict, atomic build of the site"),
    "stage": (stage_main, "write the site as plain files for a second engine (Zensical)"),
    "new-dimension": (
        lambda argv: scaffold.main("dimensions", argv),
        "create data/dimensions/ID.yml",
    ),
    "new-framework": (
        lambda argv: scaffold.main("frameworks", argv),
        "create data/frameworks/ID.yml",
    ),
    "csp-hashes": (csp_hashes_main, "write deploy/'s response headers from the built site"),
    "check-freshness": (
        freshness.main,
        "compare data/packages.yml with PyPI (network): out-of-date versions and dates",
    ),
    "check-sources": (
        check_sources.main,
        "fetch every source (network): dead links, redirects, quotations no longer there",
    ),
    "freshness-loop": (
        freshness_loop.main,
        "both checks, --fix and validate; writes the weekly pull request's text",
    ),
    "editor-schemas": (
        editor_schemas_main,
        "write the editor's schemas, with the data's ids, to .cache/editor-schemas/",
    ),
}


def main(argv: list[str] | None = None) -> int:
    """``comparison COMMAND [ARGS...]``; ``comparison COMMAND --help`` for each command."""
    args = sys.argv[1:] if argv is None else argv
    if not args or args[0] not in COMMANDS:
        listing = "\n".join(f"  {name:<14} {text}" for name, (_, text) in COMMANDS.items())
        print(f"usage: comparison COMMAND [ARGS...]\n\ncommands:\n{listing}", file=sys.stderr)
        return 0 if args and args[0] in ("-h", "--help") else 2
    command, _ = COMMANDS[args[0]]
    return command(args[1:])
