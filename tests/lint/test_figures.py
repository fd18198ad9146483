"""The figures check (macros.lint.checks.figures): a figure is in a source cited beside it."""

from __future__ import annotations

from pathlib import Path

from macros.data.loader import load
from macros.lint.checks.figures import CHECK, NOT_FROM_A_SOURCE, carried, stable_name
from macros.lint.prose import FIGURE, paragraphs, prose_fields
from macros.paths import project_root
from tests.lint.content_data import add_source, problems, set_verdict


def test_every_real_figure_is_carried_by_its_source(data_copy: Path) -> None:
    assert problems(data_copy, CHECK) == []


def test_every_excuse_still_excuses_a_figure_in_the_text() -> None:
    """An excuse whose figure has left the text must go too."""
    root = project_root()
    files = list(load(root / "data", root).files)
    used = {
        (file.path, stable_name(file.value, path), m.group(0))
        for file, path, text in prose_fields(files)
        for _, paragraph in paragraphs(text)
        for m in FIGURE.finditer(paragraph)
    }
    assert set(NOT_FROM_A_SOURCE) - used == set()


def test_a_version_the_cited_source_does_not_state_is_an_error(data_copy: Path) -> None:
    add_source(data_copy, "zz-notes", "https://zz.example/1.0/", '"Version 1.0 adds typed routes."')
    line, column = set_verdict(
        data_copy, "analytics", "flask", "Typed routes since 2.24.0[^zz-notes]."
    )
    at = column + len("Typed routes since ")
    assert problems(data_copy, CHECK) == [
        f"data/dimensions/analytics.yml:{line}:{at}: frameworks.flask.verdict: '2.24.0' is in "
        "no source cited in this paragraph (zz-notes) (cite the source that states 2.24.0 "
        "here, or add it to that source's supports line in data/sources.yml if the page says "
        "it (re-read the page: supports quotes it); a figure that is the site's own finding "
        "needs a maintainer's review)"
    ]


def test_a_figure_the_cited_source_states_passes(data_copy: Path) -> None:
    add_source(data_copy, "zz-notes", "https://zz.example/1.0/", '"Version 1.0 adds typed routes."')
    set_verdict(data_copy, "analytics", "flask", "Typed routes since 1.0[^zz-notes].")
    assert problems(data_copy, CHECK) == []


def test_dates_months_and_approximate_numbers_match_their_spellings() -> None:
    assert carried("2026-10-18", "released 18 October 2026", approximate=False)
    assert carried("October 2026", "uploaded 2026-10-18", approximate=False)
    assert carried("45,000", "45k stars", approximate=False) is False
    assert carried("45,000", "about 44,000 stars", approximate=True)
