"""One list of problems: the lint's checks, for scripts/validate, the preview and the build.

The loader reports what it checks itself (the schema, references, text rules,
coverage, placeholders). Once the data loads, the lint's other checks run on
it too (links and anchors in the data's text, sources, duplicates, ordering,
staleness, quoting, whitespace), so the preview, `scripts/validate` and
`make build` report the same problems as `scripts/lint`, each at its data
file, line and column:

- errors: the preview shows its error page, validate and the build fail;
- warnings (an old review, a source nobody cites): the build does not fail
  (it gives the same result on any day), and the preview shows them in a
  banner on the pages they concern (:func:`pages_concerned`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from pathlib import Path

from macros.data.loader import LoadResult
from macros.lint.base import LintContext
from macros.lint.registry import CHECKS
from macros.lint.runner import run_checks
from macros.problems import Problem, Severity
from macros.render.pages import Page, make_environment, topic_uri

DEFAULT_MAX_AGE = 365  # days before a review or a source check is reported as old
# Checks whose problems the loader reports already.
LOADER_CHECKS = frozenset({"schema", "coverage", "placeholders"})
CRASH_MESSAGE = "the check '{name}' failed: {crash}"
CRASH_HINT = "a bug in the checks, not in the data: please report it"


def site_problems(
    data_dir: Path,
    root: Path,
    docs_dir: Path | None,
    result: LoadResult,
    *,
    today: dt.date | None = None,
    max_age_days: int = DEFAULT_MAX_AGE,
    pages: list[Page] | None = None,
) -> list[Problem]:
    """Every problem the lint finds in data that loads (``result``), beyond the loader's own.

    ``pages``: the generated pages if the caller rendered them (the plugin), so the
    links check need not render them again.
    """
    ctx = LintContext(
        data_dir,
        root,
        docs_dir,
        today or dt.date.today(),
        max_age_days,
        list(result.files),
        list(result.problems),
        result.dataset,
        pages,
    )
    checks = [check for check in CHECKS if check.name not in LOADER_CHECKS]
    problems: list[Problem] = []
    for checked in run_checks(ctx, checks):
        problems.extend(checked.problems)
        if checked.crash:
            message = CRASH_MESSAGE.format(name=checked.check.name, crash=checked.crash)
            problems.append(Problem("scripts/lint", 0, 0, "", message, CRASH_HINT))
    return sorted(problems)


def warnings(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity is Severity.WARNING]


def pages_concerned(path: str, page_uris: Iterable[str]) -> set[str]:
    """The generated pages (Markdown paths) that show what the data file ``path`` holds."""
    uris = set(page_uris)
    name = path.removeprefix("data/")
    folder, _, file_name = name.rpartition("/")
    stem = file_name.removesuffix(".yml")
    if name == "site.yml":
        wanted = {"index.md", "one-page.md"}
    elif name == "faq.yml":
        wanted = {"faq.md", "one-page.md"}
    elif name == "decision.yml":
        wanted = {"decide.md", "one-page.md"}
    elif folder == "dimensions":  # its own page, and the pages that gather every topic
        wanted = {topic_uri(stem), "index.md", "comparison.md", "faq.md", "decide.md"}
        wanted.add("one-page.md")
    elif folder == "frameworks":
        wanted = {"index.md", "comparison.md", "one-page.md"} | {
            uri for uri in uris if stem in uri.removesuffix(".md").split("/")[-1].split("-vs-")
        }
    else:  # sources.yml and anything else: every page may cite or show it
        wanted = uris
    return wanted & uris


def warnings_banner(problems: Sequence[Problem], template_dirs: Iterable[Path] = ()) -> str:
    """The preview's banner (HTML) listing ``problems`` (warnings) on one page."""
    env = make_environment(template_dirs)
    return env.get_template("warnings.html.j2").render(problems=problems)


def banners(
    problems: Iterable[Problem], page_uris: Iterable[str], template_dirs: Iterable[Path] = ()
) -> dict[str, str]:
    """For each generated page, the banner of the warnings that concern it."""
    uris = list(page_uris)
    by_page: dict[str, list[Problem]] = {}
    for problem in warnings(problems):
        for uri in pages_concerned(problem.path, uris):
            by_page.setdefault(uri, []).append(problem)
    return {uri: warnings_banner(found, template_dirs) for uri, found in by_page.items()}
