"""The pages that show the decision model render it from the data, never restate it.

The home page's short answer and rules of thumb, the decide page's weights
and the pair pages' "where they differ" come from data/decision.yml and the
table rows its criteria name (macros/templates: hub, decide, pair).
"""

from __future__ import annotations

import pytest

from macros.data.loader import load_or_raise
from macros.data.model import Dataset
from macros.paths import project_root
from macros.render.pages import Renderer
from macros.render.tables import restore_fragments


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    root = project_root()
    return load_or_raise(root / "data", root)


@pytest.fixture(scope="module")
def pages(dataset: Dataset) -> dict[str, str]:
    return {
        page.src_uri: restore_fragments(page.markdown, page.fragments)
        for page in Renderer(dataset).pages()
    }


def test_each_rule_of_thumb_shows_its_picks_reasons_from_its_criteria(
    dataset: Dataset, pages: dict[str, str]
) -> None:
    decision = dataset.decision
    assert decision is not None
    home = pages["index.md"]
    names = {fw.id: fw.name for fw in dataset.frameworks}
    for rule in dataset.site.rules_of_thumb:
        line = next(line for line in home.splitlines() if line.startswith(f"- {rule.case}:"))
        assert f"**{names[rule.pick]}**" in line
        for criterion in decision.find(rule.criteria):
            assert criterion.reasons[rule.pick].split("[^")[0] in line
        assert f"(/decide.md#need-{rule.criteria[0]})" in line


def test_the_short_answer_is_one_sentence_per_pick(dataset: Dataset, pages: dict[str, str]) -> None:
    names = {fw.id: fw.name for fw in dataset.frameworks}
    home = pages["index.md"]
    for pick in dataset.site.short_picks:
        assert f"Pick **{names[pick.pick]}** {pick.when}." in home


def test_the_decide_page_shows_each_criterions_rows_statuses_and_sources(
    dataset: Dataset, pages: dict[str, str]
) -> None:
    decide = pages["decide.md"]
    assert dataset.decision is not None
    section = decide[decide.index("## How each need is weighed") :]
    rows = {row.id: row for row in dataset.table_rows}
    for criterion in dataset.decision.criteria:
        assert f"{{ #need-{criterion.id} }}" in section
        for row_id in criterion.rows:
            assert f"[{rows[row_id].label}](/comparison.md#{row_id})" in section
    # A reason's citation gets its footnote, and statuses show as words.
    assert "\n[^sqladmin-pypi]: [sqladmin" in decide
    assert 'data-status="partial">Partly built in</span>' in section


def test_the_helpers_own_reasons_carry_no_citation_marks(pages: dict[str, str]) -> None:
    form = pages["decide.md"].split("## How each need is weighed")[0]
    assert "data-reason-fastapi=" in form
    assert "[^" not in form


def test_a_pair_page_names_the_needs_that_weigh_the_two_differently(
    pages: dict[str, str],
) -> None:
    pair = pages["compare/flask-vs-fastapi.md"]
    assert (
        "[Real-time features such as WebSockets or many open connections]"
        "(/decide.md#need-real-time), **FastAPI** (3 to 1)"
    ) in pair
    # Equal weights are no difference.
    assert "#need-first-small-api" not in pair
