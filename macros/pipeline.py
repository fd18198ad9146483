"""The one check pipeline: every entry point gets its problems from :func:`check_project`.

The build and the preview (the MkDocs plugin), ``comparison validate``,
``lint``, ``stage`` and ``editor-schemas`` all call it, so the same data gives
the same problems, in the same words, wherever it is checked (issue 22).
Checking is split in two named stages, and rendering sits between them:

1. **Data checks**, before anything is rendered: the loader (layout, YAML,
   schema, references, text rules, coverage, placeholders), ids that collide
   with the templates' own anchors (:mod:`macros.data.collisions`) and the
   field audit (the HTML each Markdown field becomes with the site's Markdown
   settings, :mod:`macros.render.field_audit`), and the hand-written pages
   under content/ held to the same rules (:mod:`macros.render.content_pages`).
2. **Site checks**, on the files and, when stage 1 found no error, on the pages
   rendered once from the data: the lint's checks (links and anchors need the
   rendered pages; sources, duplicates, ordering, staleness, quoting,
   whitespace need only the files). A template error is a problem too.

The rendered pages come back with the report, so no caller renders twice.
A strict build refuses every error and every warning of stage 1 (a
placeholder, a framework not reviewed); stage 2's warnings (an old review, a
source nobody cites) are advice and never fail a build (it gives the same
result on any day).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import TYPE_CHECKING

from macros import check_cache
from macros.problems import Problem, Severity, errors
from macros.project import Project

if TYPE_CHECKING:  # a cached result needs none of the checks' modules (macros.check_cache)
    import jinja2

    from macros.data.file_reader import ReadCache
    from macros.data.layout import DataFile
    from macros.data.model import Dataset
    from macros.lint.base import Check, LintContext
    from macros.lint.runner import CheckResult
    from macros.render.pages import Page

CRASH_MESSAGE = "the check '{name}' failed: {crash}"
CRASH_HINT = "a bug in the checks, not in the data: please report it"


@dataclass(frozen=True)
class Details:
    """What the lint's command line, the editor schemas and the preview read besides."""

    files: tuple[DataFile, ...]  # every data file the site knows, parsed or not
    results: tuple[CheckResult, ...]  # each lint check's own (scripts/lint reports by check)
    context: LintContext  # what the site checks looked at


@dataclass(frozen=True)
class Report:
    dataset: Dataset | None  # None while any problem is an error
    pages: tuple[Page, ...]  # rendered when the data checks found no error, else ()
    problems: tuple[Problem, ...]  # every problem, sorted, each once
    data_problems: frozenset[Problem]  # stage 1's
    rendering: tuple[Problem, ...]  # a template error while rendering the pages
    # The rest, worked out or read from the cache only when asked for.
    details_source: Callable[[], Details] = field(repr=False, compare=False)

    @cached_property
    def details(self) -> Details:
        return self.details_source()

    @property
    def files(self) -> tuple[DataFile, ...]:
        return self.details.files

    @property
    def results(self) -> tuple[CheckResult, ...]:
        return self.details.results

    @property
    def context(self) -> LintContext:
        return self.details.context

    @property
    def errors(self) -> list[Problem]:
        return errors(self.problems)

    @property
    def refused(self) -> list[Problem]:
        """What a strict build refuses: every error, and the data checks' warnings."""
        return [p for p in self.problems if p.severity is Severity.ERROR or p in self.data_problems]

    @property
    def advisory(self) -> list[Problem]:
        """Warnings that never fail a build (an old review, an uncited source)."""
        return [p for p in self.problems if p not in set(self.refused)]


def check_project(
    project: Project,
    *,
    read_cache: ReadCache | None = None,
    checks: Sequence[Check] | None = None,
) -> Report:
    """Every problem of the project's data, and its pages when they could be rendered.

    ``read_cache``: the preview's files read before. ``checks``: the lint checks
    to run (scripts/lint --check); None runs them all.

    A run without the preview's cache that runs every check gives back the last
    run's result while nothing it read has changed (macros.check_cache).
    """
    if project.cache_dir is None or read_cache is not None or checks is not None:
        return run_checks_now(project, read_cache, checks)
    project.markdown.keep_on_disk(project.cache_dir)  # the pages' JSON-LD converts with it
    found_key = check_cache.key(project)
    if found_key is None:  # a file it cannot read: the checks say so, nothing is kept
        return run_checks_now(project, None, None)
    core = check_cache.load(project, found_key)
    if core is not None:
        try:
            return cached_report(project, found_key, core)
        except check_cache.UNPICKLE_ERRORS:
            pass
    with check_cache.recording() as opened:
        report = run_checks_now(project, None, None)
    details = report.details
    results = [(r.check.name, r.problems, r.crash) for r in details.results]
    # The context holds the pages again, and mostly the same dataset: kept once, in the core.
    ctx = details.context
    same = ctx.dataset is report.dataset
    context = replace(ctx, pages=None, dataset=None if same else ctx.dataset)
    check_cache.store(
        project,
        found_key,
        opened,
        (report.dataset, report.pages, report.problems, report.data_problems, report.rendering),
        (details.files, results, context, same, ctx.pages is not None),
    )
    return report


def cached_report(project: Project, found_key: str, core: bytes) -> Report:
    """The report kept under ``found_key``; its details are read when first asked for."""
    dataset, pages, problems, data_problems, rendering = check_cache.unpickle(core)

    def details() -> Details:
        from macros.lint.registry import CHECKS
        from macros.lint.runner import CheckResult

        try:
            stored = check_cache.load_details(project, found_key)
            if stored is None:
                raise ValueError("the details were replaced since")
            files, results, context, same, with_pages = check_cache.unpickle(stored)
            by_name = {check.name: check for check in CHECKS}
            checked = tuple(CheckResult(by_name[n], p, c) for n, p, c in results)
        except check_cache.UNPICKLE_ERRORS:  # the details did not survive: work them out
            return run_checks_now(project, None, None).details
        if same:
            context.dataset = dataset
        if with_pages:
            context.pages = list(pages)
        return Details(files, checked, context)

    return Report(dataset, pages, problems, data_problems, rendering, details)


def run_checks_now(
    project: Project, read_cache: ReadCache | None, checks: Sequence[Check] | None
) -> Report:
    """Load, check and render the project (no whole-result cache)."""
    import jinja2

    from macros.data.collisions import check_collisions
    from macros.data.file_reader import ReadCache
    from macros.data.loader import load
    from macros.lint.base import LintContext
    from macros.lint.registry import CHECKS
    from macros.lint.runner import run_checks
    from macros.render.content_pages import content_problems
    from macros.render.field_audit import field_html_problems
    from macros.render.template_anchors import template_anchors

    stored = None  # a run without the preview's cache starts from the last run's results
    if project.cache_dir is not None:
        project.markdown.keep_on_disk(project.cache_dir)
        if read_cache is None:
            stored = read_cache = ReadCache()
            stored.keep_on_disk(project.cache_dir)
    # Stage 1: the data checks.
    loaded = load(project.data_dir, project.root, project.docs_dir, read_cache)
    if stored is not None:
        stored.save()
    parsed = [file for file in loaded.files if file.doc is not None]
    fixed = template_anchors(project.template_dirs, project.root)
    data_problems = [
        *loaded.problems,
        *check_collisions(parsed, fixed),
        *field_html_problems(loaded.files, project.markdown, project.cache_dir),
        *content_problems(project.docs_dir, project.root, project.markdown),
    ]
    dataset = None if errors(data_problems) else loaded.dataset
    pages: tuple[Page, ...] = ()
    rendering: list[Problem] = []
    if dataset is not None:
        try:
            pages = tuple(render(project, dataset))
        except jinja2.TemplateError as exc:
            rendering.append(template_problem(exc))
    project.markdown.save()
    # Stage 2: the site checks, on the files and the rendered pages.
    ctx = LintContext(
        project.data_dir,
        project.root,
        project.docs_dir,
        project.today or dt.date.today(),
        project.max_age_days,
        list(loaded.files),
        data_problems,
        dataset if pages else None,
        list(pages) if pages else None,
    )
    results = tuple(run_checks(ctx, CHECKS if checks is None else checks))
    found: list[Problem] = [*rendering]
    for checked in results:
        found.extend(checked.problems)
        if checked.crash:
            message = CRASH_MESSAGE.format(name=checked.check.name, crash=checked.crash)
            found.append(Problem("scripts/lint", 0, 0, "", message, CRASH_HINT))
    problems = tuple(dict.fromkeys(sorted(found)))  # one problem found by two checks: once
    details = Details(loaded.files, results, ctx)
    return Report(
        None if errors(problems) else dataset,
        pages,
        problems,
        frozenset(data_problems),
        tuple(rendering),
        lambda: details,
    )


def render(project: Project, dataset: Dataset) -> list[Page]:
    from macros.render.pages import Renderer

    cache = project.cache_dir / "jinja" if project.cache_dir else None
    return Renderer(
        dataset,
        project.template_dirs,
        cache,
        project.directory_urls,
        markdown=project.markdown,
    ).pages()


def template_problem(exc: jinja2.TemplateError) -> Problem:
    """A template error, at the template's file and line where Jinja knows them."""
    where = f"{getattr(exc, 'filename', None) or getattr(exc, 'name', '') or ''}"
    line = getattr(exc, "lineno", None) or 0
    return Problem(where or "template", line, 1 if line else 0, "", f"template error: {exc}")
