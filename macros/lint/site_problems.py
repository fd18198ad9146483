"""The preview's banners: the data's warnings on the pages they concern.

Every entry point gets its problems from :func:`macros.pipeline.check_project`;
in the preview, warnings (an old review, a source nobody cites, a placeholder)
are shown in a banner on each page the warning's data file shows
(:func:`pages_concerned`), while errors replace the site by the error page.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
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


# The banner starts open with at most this many lines; beyond, folded to its one-line
# summary, so that 50 warnings never fill the first screen instead of the page (issue 24).
OPEN_AT_MOST = 3

_QUOTED = re.compile(r"'[^']*'")
VARIES = "'…'"  # a quoted value that differs within a group


@dataclass(frozen=True)
class WarningGroup:
    """Warnings that say the same thing in several places ("not reviewed" in 11 topics).

    Two warnings are alike when their message and hint are the same once every
    quoted value ('Architecture') is set aside; a quoted value all of them share
    ('litestar') stays in the text, one that varies shows as '…' and is named
    beside each place instead.
    """

    problems: tuple[Problem, ...]
    message: str
    hint: str
    noun: str  # what the places are: "topics", "places"

    @property
    def places(self) -> list[tuple[str, str]]:
        """(location, the values that vary there, e.g. "'Architecture'") per warning."""
        varying = [
            index
            for index in range(len(_QUOTED.findall(self.problems[0].message)))
            if len({_QUOTED.findall(p.message)[index] for p in self.problems}) > 1
        ]
        return [
            (p.location, ", ".join(_QUOTED.findall(p.message)[i] for i in varying))
            for p in self.problems
        ]


def _shape(text: str) -> str:
    return _QUOTED.sub(VARIES, text)


def _masked_hint(problem: Problem) -> str:
    """The hint with the message's quoted values set aside: "cite it with [^…]" for the
    source 'gamma-notes', so that the hints of alike warnings are alike too."""
    hint = _shape(problem.hint)
    for quoted in _QUOTED.findall(problem.message):
        if len(quoted) > 3:  # not a lone letter, which would blank unrelated words
            hint = hint.replace(quoted[1:-1], "…")
    return hint


def _shared(texts: Sequence[str]) -> str:
    """The text with the quoted values that differ between ``texts`` replaced by '…'."""
    values = [_QUOTED.findall(text) for text in texts]
    keep = iter(len(set(column)) == 1 for column in zip(*values, strict=True))
    return _QUOTED.sub(lambda m: m.group(0) if next(keep) else VARIES, texts[0])


def group_warnings(problems: Sequence[Problem], data_dir: str = "data") -> list[WarningGroup]:
    """``problems`` (warnings) grouped by what they say, in the order first met."""
    by_shape: dict[tuple[str, str, str], list[Problem]] = {}
    for problem in problems:
        key = (problem.code, _shape(problem.message), _masked_hint(problem))
        by_shape.setdefault(key, []).append(problem)
    topics = f"{data_dir.rstrip('/')}/dimensions/"
    groups = []
    for found in by_shape.values():
        paths = {p.path for p in found}
        noun = (
            "topics"
            if len(paths) == len(found) and all(path.startswith(topics) for path in paths)
            else "places"
        )
        groups.append(
            WarningGroup(
                tuple(found),
                _shared([p.message for p in found]),
                found[0].hint if len({p.hint for p in found}) == 1 else _masked_hint(found[0]),
                noun,
            )
        )
    return groups


def warnings_banner(
    problems: Sequence[Problem], template_dirs: Iterable[Path] = (), data_dir: str = "data"
) -> str:
    """The preview's banner (HTML) listing ``problems`` (warnings) on one page, alike
    warnings grouped; open when short, else folded to its summary."""
    groups = group_warnings(problems, data_dir)
    env = make_environment(template_dirs)
    return env.get_template("warnings.html.j2").render(
        problems=problems, groups=groups, open=len(groups) <= OPEN_AT_MOST
    )


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
    return {uri: warnings_banner(found, template_dirs, data_dir) for uri, found in by_page.items()}
