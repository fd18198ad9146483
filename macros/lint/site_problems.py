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
from macros.render.pages import make_environment, topic_uri


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
