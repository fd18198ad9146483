"""The count-words check (macros/lint/checks/count_words.py), on mutated copies of the data."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from macros.lint.checks.count_words import counted
from macros.lint.context import build_context
from macros.lint.registry import by_name
from macros.lint.runner import run_checks
from macros.paths import project_root
from tests.harness.site import FIXTURES

HINT = (
    "(reword it to hold for any number, e.g. 'every framework', 'all of them', 'none of them', "
    "or name the frameworks it means; see EDITING.md, 'Words that count')"
)


def lint(project: Path) -> list[str]:
    ctx = build_context(
        project / "data",
        project,
        today=dt.date(2026, 12, 7),
        max_age_days=365,
        docs_dir=project / "content",
    )
    [result] = run_checks(ctx, by_name(["count-words"]))
    assert result.crash is None, result.crash
    return [str(problem) for problem in result.problems]


def copy(source: Path, tmp_path: Path) -> Path:
    shutil.copytree(source / "data", tmp_path / "project" / "data")
    return tmp_path / "project"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} not once in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def three(tmp_path: Path) -> Path:
    """The three-framework fixture, whose intro's 'two frameworks' the check would report."""
    project = copy(FIXTURES / "three", tmp_path)
    edit(project / "data/site.yml", "Alpha and Beta are two frameworks.", "Alpha is older.")
    assert lint(project) == []
    return project


def test_the_fixture_of_three_says_two(tmp_path: Path) -> None:
    [problem] = lint(copy(FIXTURES / "three", tmp_path))
    assert problem.startswith(
        "data/site.yml:6:22: warning: intro: 'two frameworks' speaks of 2 frameworks"
    )


def test_the_site_data_counts_its_frameworks_right(tmp_path: Path) -> None:
    assert lint(copy(project_root(), tmp_path)) == []


def test_two_way_words_in_a_summary_of_three_frameworks(tmp_path: Path) -> None:
    project = three(tmp_path)
    edit(
        project / "data/dimensions/architecture.yml",
        "  How each project is organised.\n",
        "  How each project is organised.\n  Both differ; neither is wrong, and the two agree.\n",
    )
    said = "speaks of 2 frameworks, but the data compares 3"
    assert lint(project) == [
        f"data/dimensions/architecture.yml:5:3: warning: summary: 'Both' {said} {HINT}",
        f"data/dimensions/architecture.yml:5:16: warning: summary: 'neither' {said} {HINT}",
        f"data/dimensions/architecture.yml:5:38: warning: summary: 'the two' {said} {HINT}",
    ]


def test_site_texts_and_answers_are_read_too(tmp_path: Path) -> None:
    project = three(tmp_path)
    edit(project / "data/site.yml", "text: See the table", "text: Compare the two side by side")
    edit(project / "data/faq.yml", "has less to learn", "has less to learn than either")
    problems = lint(project)
    assert [p.split(": warning: ")[0] for p in problems] == [
        "data/faq.yml:5:40",
        "data/site.yml:10:17",
    ]
    assert "questions[0].a: 'either' speaks of 2 frameworks" in problems[0]
    assert "call_to_action.text: 'the two' speaks of 2" in problems[1]


def test_an_answer_to_a_question_about_two_named_frameworks_may_say_both(tmp_path: Path) -> None:
    project = three(tmp_path)
    edit(project / "data/faq.yml", "has less to learn", "both have less to learn")
    assert len(lint(project)) == 1
    edit(project / "data/faq.yml", "Which should I learn first?", "Alpha or Beta first?")
    assert lint(project) == []


def test_a_framework_text_is_not_read(tmp_path: Path) -> None:
    project = three(tmp_path)
    edit(
        project / "data/dimensions/architecture.yml",
        "Alpha gives you a small core.",
        "Alpha gives you both a router and a small core; either suits it.",
    )
    assert lint(project) == []


def test_three_counted_for_two_frameworks(tmp_path: Path) -> None:
    project = copy(FIXTURES / "minimal", tmp_path)
    edit(
        project / "data/site.yml",
        "Alpha and Beta are two frameworks.",
        "Both are fine; all three are compared.",
    )
    [problem] = lint(project)
    assert problem.startswith(
        "data/site.yml:6:18: warning: intro: 'all three' speaks of 3 frameworks, "
        "but the data compares 2"
    )


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Secure in both; neither is slow.", [("both", 2), ("neither", 2)]),
        ("It reads both headers and cookies.", []),
        ("Use either a queue or a cron job.", []),
        ("Neither the ORM nor the admin is needed.", []),
        ("It has no admin, either.", []),
        ("With either\nframework, it works.", [("either", 2)]),
        ("The other two agree.", [("The other two", 3)]),
        (
            "Three frameworks, each of the four rows.",
            [("Three frameworks", 3), ("each of the four", 4)],
        ),
        ("Both frameworks and their extensions.", []),  # a known blind spot (EDITING.md)
    ],
)
def test_counting_words(text: str, found: list[tuple[str, int]]) -> None:
    assert [(words, said) for _, words, said in counted(text)] == found
