"""The preview's banners: the data's warnings on the pages they concern.

Every entry point gets its problems from :func:`macros.pipeline.check_project`;
in the preview, warnings (an old review, a source nobody cites, a placeholder)
are shown in a banner on each page the warning's data file shows
(:func:`pages_concerned`), while errors replace the site by the error page.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from macros.problems import Problem, Severity
from macros.render.pages import Page, make_environment


def warnings(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity is Severity.WARNING]


def pages_concerned(path: str, pages: Sequence[Page], data_dir: str = "data") -> set[str]:
    """The generated pages (Markdown paths) that show the file ``path`` (as problems name
    it, e.g. 'data/faq.yml'): each page lists its data files (``Page.sources``). A file no
    page lists (data/packages.yml, a file that is not data) concerns every page."""
    prefix = f"{data_dir.rstrip('/')}/"
    name = path.removeprefix(prefix) if path.startswith(prefix) else None
    wanted = {page.src_uri for page in pages if name is not None and name in page.sources}
    return wanted or {page.src_uri for page in pages}


def warnings_banner(problems: Sequence[Problem], template_dirs: Iterable[Path] = ()) -> str:
    """The preview's banner (HTML) listing ``problems`` (warnings) on one page."""
    env = make_environment(template_dirs)
    return env.get_template("warnings.html.j2").render(problems=problems)


def banners(
    problems: Iterable[Problem],
    pages: Sequence[Page],
    template_dirs: Iterable[Path] = (),
    data_dir: str = "data",
) -> dict[str, str]:
    """For each generated page, the banner of the warnings that concern it."""
    by_page: dict[str, list[Problem]] = {}
    for problem in warnings(problems):
        for uri in pages_concerned(problem.path, pages, data_dir):
            by_page.setdefault(uri, []).append(problem)
    return {uri: warnings_banner(found, template_dirs) for uri, found in by_page.items()}
