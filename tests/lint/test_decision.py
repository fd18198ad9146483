"""The decision-model check (macros.lint.checks.decision) on a copy of the real data.

Each test introduces one contradiction into a copy of data/ and asserts the
exact message, placed at its file, line and column; the real data passes.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from macros.lint.checks.decision import CHECK
from macros.paths import project_root
from macros.pipeline import check_project
from macros.project import project_from_config
from tests.lint import content_data
from tests.lint.content_data import edit

TODAY = dt.date(2026, 12, 7)


@pytest.fixture
def data(data_copy: Path) -> Path:
    return data_copy


def problems(data: Path) -> list[str]:
    return content_data.problems(data, CHECK)


def line_of(path: Path, needle: str) -> int:
    text = path.read_text(encoding="utf-8")
    return text.count("\n", 0, text.index(needle)) + 1


def test_the_real_data_has_no_contradictions(data: Path) -> None:
    assert problems(data) == []


def test_a_rule_of_thumb_that_picks_what_its_criteria_do_not_weigh_highest(data: Path) -> None:
    site = data / "site.yml"
    edit(
        site,
        '  - case: "WebSockets and many open connections"\n    pick: fastapi',
        '  - case: "WebSockets and many open connections"\n    pick: django',
    )
    line = line_of(site, "pick: django\n    criteria: [real-time]")
    assert problems(data) == [
        f"data/site.yml:{line}:11: rules_of_thumb[6].pick: the rule of thumb 'WebSockets and "
        "many open connections' picks django, but its criteria weigh fastapi highest "
        "(fastapi 3, django 2, flask 1): expected fastapi (pick fastapi, or name the criteria "
        "that make django the better fit; if a weight is wrong, change it in data/decision.yml "
        "and cite its source)"
    ]


def test_a_pick_on_a_tie_is_reported(data: Path) -> None:
    site = data / "site.yml"
    edit(
        site,
        "    criteria: [first-small-api, component-control]",
        "    criteria: [first-small-api]",
    )
    line = line_of(site, "pick: flask\n    criteria: [first-small-api]")
    assert problems(data) == [
        f"data/site.yml:{line}:11: rules_of_thumb[0].pick: the rule of thumb 'A small JSON API "
        "built from libraries you choose' picks flask, but its criteria weigh flask and fastapi "
        "equally (flask 3, fastapi 3, django 1): expected one framework ahead (add the criterion "
        "that separates them, or correct a weight in data/decision.yml with a source; a tie is "
        "no reason to recommend one)"
    ]


def test_the_short_answer_is_checked_like_a_rule(data: Path) -> None:
    site = data / "site.yml"
    edit(
        site,
        "    criteria: [typed-api-docs]\nrules_of_thumb:",
        "    criteria: [built-in-admin]\nrules_of_thumb:",
    )
    line = line_of(site, "pick: fastapi\n    when:")
    assert problems(data) == [
        f"data/site.yml:{line}:11: short_picks[2].pick: the short answer's pick 'for an "
        "API-only product with typed, self-documenting endpoints' picks fastapi, but its "
        "criteria weigh django highest (django 3, flask 0, fastapi 0): expected django (pick "
        "django, or name the criteria that make fastapi the better fit; if a weight is wrong, "
        "change it in data/decision.yml and cite its source)"
    ]


def test_a_rule_without_criteria_and_an_unknown_criterion(data: Path) -> None:
    site = data / "site.yml"
    edit(
        site,
        "    pick: flask\n    criteria: [first-small-api, component-control]\n",
        "    pick: flask\n",
    )
    edit(site, "    criteria: [real-time]", "    criteria: [realtime]")
    first = line_of(site, '  - case: "A small JSON API')
    unknown = line_of(site, "    criteria: [realtime]")
    assert problems(data) == [
        f"data/site.yml:{first}:5: rules_of_thumb[0]: the rule of thumb 'A small JSON API built "
        "from libraries you choose' names no decision criteria: expected 'criteria:' with ids "
        "from data/decision.yml (list the criteria it rests on under criteria:, so its pick is "
        "checked against their weights and its reasons come from them (then remove why:))",
        f"data/site.yml:{unknown}:16: rules_of_thumb[6].criteria[0]: 'realtime' is not a "
        "criterion in data/decision.yml (use a criterion's id: did you mean 'real-time'?)",
    ]


def test_a_reason_that_cites_nothing(data: Path) -> None:
    decision = data / "decision.yml"
    edit(decision, "    rows: [admin]\n", "")
    flask = line_of(decision, '      flask: "No admin in the core')
    assert problems(data) == [
        f"data/decision.yml:{flask}:14: criteria[0].reasons.flask: the reason for flask in "
        "criterion 'built-in-admin' cites nothing: expected a [^source-id] citation, or table "
        "rows under the criterion's rows: (cite the source that supports the reason with "
        "[^source-id], or list the ids of the table rows it rests on under rows:)",
        f"data/decision.yml:{flask + 1}:15: criteria[0].reasons.django: the reason for django in "
        "criterion 'built-in-admin' cites nothing: expected a [^source-id] citation, or table "
        "rows under the criterion's rows: (cite the source that supports the reason with "
        "[^source-id], or list the ids of the table rows it rests on under rows:)",
    ]


def test_a_criterion_on_a_row_that_does_not_exist(data: Path) -> None:
    line, _ = edit(data / "decision.yml", "    rows: [admin]\n", "    rows: [admins]\n")
    assert problems(data) == [
        f"data/decision.yml:{line}:12: criteria[0].rows[0]: criterion 'built-in-admin' rests on "
        "the table row 'admins', which does not exist (use the id of a table row in "
        "data/dimensions/*.yml: did you mean 'admin'?)"
    ]


def test_built_in_while_the_cell_says_an_extra_is_needed(data: Path) -> None:
    dim = data / "dimensions/architecture.yml"
    line, _ = edit(dim, "      fastapi: partial\n", "      fastapi: built-in\n")
    assert problems(data) == [
        f"data/dimensions/architecture.yml:{line}:16: table[2].status.fastapi: status "
        "'built-in' for fastapi contradicts the cell, which says 'once `jinja2` is installed': "
        "expected partial, official-extension or third-party (change the status to partial, "
        "official-extension or third-party, or reword the cell if it is wrong (the check looks "
        "for words such as 'extension', 'third-party', 'extra', 'none built in' and 'built in'))"
    ]


def test_not_available_while_the_cell_names_a_built_in_feature(data: Path) -> None:
    dim = data / "dimensions/features-ecosystem.yml"
    text = dim.read_text(encoding="utf-8")
    auth = text.index("  - id: auth\n")
    old = "      fastapi: partial\n"
    at = text.index(old, auth)
    dim.write_text(text[:at] + "      fastapi: not-available\n" + text[at + len(old) :])
    line = text.count("\n", 0, at) + 1
    assert problems(data) == [
        f"data/dimensions/features-ecosystem.yml:{line}:16: table[3].status.fastapi: status "
        "'not-available' for fastapi contradicts the cell, which says 'built in': expected "
        "built-in or partial (change the status to built-in or partial, or reword the cell if "
        "it is wrong (the check looks for words such as 'extension', 'third-party', 'extra', "
        "'none built in' and 'built in'))"
    ]


def test_a_row_without_a_status_for_one_framework(data: Path) -> None:
    dim = data / "dimensions/future-outlook.yml"
    text = dim.read_text(encoding="utf-8")
    row = text.index("  - id: real-time\n")
    old = "      django: third-party\n"
    at = text.index(old, row)
    dim.write_text(text[:at] + text[at + len(old) :])
    status = text.count("\n", 0, text.index("    status:", row)) + 1
    assert problems(data) == [
        f"data/dimensions/future-outlook.yml:{status}:5: table[1].status: row 'real-time' has no "
        "status for django: expected one of built-in, partial, official-extension, third-party "
        "or not-available (write how django provides this row's feature under status:, or set "
        "no_status: true if the row only describes (like Architecture))"
    ]


def test_a_descriptive_row_with_statuses(data: Path) -> None:
    dim = data / "dimensions/architecture.yml"
    line, _ = edit(
        dim,
        "    key: true\n    no_status: true\n",
        "    key: true\n    no_status: true\n    status:\n      flask: built-in\n",
    )
    assert problems(data) == [
        f"data/dimensions/architecture.yml:{line + 2}:5: table[0].status: row 'architecture' "
        "sets no_status: true but has statuses (remove status: from the row, or remove "
        "no_status: true)"
    ]


def test_the_build_and_preview_report_it_too(data: Path) -> None:
    """The plugin's list of problems (site_problems) includes the check's errors."""
    edit(data / "site.yml", "    criteria: [real-time]", "    criteria: [built-in-admin]")
    root = project_root()
    project = project_from_config(
        root / "mkdocs.yml", data_dir=data, root=data.parent, docs_dir=root / "content", today=TODAY
    )
    report = check_project(project)
    assert [p.code for p in report.refused] == ["decision.pick"]
