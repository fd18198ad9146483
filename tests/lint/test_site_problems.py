"""The preview's banner groups alike warnings and never hides the page (issue 24, part 4)."""

from __future__ import annotations

import html as entities
import re

from macros.lint.site_problems import OPEN_AT_MOST, group_warnings, warnings_banner
from macros.problems import Problem, Severity

TOPICS = ["Architecture", "Templates", "Security", "Testing"]


def not_reviewed(topic: str, line: int = 11) -> Problem:
    return Problem(
        f"data/dimensions/{topic.lower()}.yml",
        line,
        11,
        "unknown[0]",
        f"framework 'litestar' is not reviewed yet for the topic '{topic}'",
        "under frameworks, write 'litestar:' with its verdict",
        Severity.WARNING,
    )


UNCITED = Problem(
    "data/sources.yml",
    14,
    1,
    "gamma",
    "source 'gamma' is never cited",
    "cite it",
    Severity.WARNING,
)


def test_alike_warnings_make_one_group_naming_each_place() -> None:
    groups = group_warnings([not_reviewed(t) for t in TOPICS] + [UNCITED])
    assert [len(g.problems) for g in groups] == [4, 1]
    first = groups[0]
    assert first.noun == "topics"
    # the shared framework stays; the topic that varies is named beside each place
    assert first.message == "framework 'litestar' is not reviewed yet for the topic '…'"
    assert first.hint == "under frameworks, write 'litestar:' with its verdict"
    assert first.places[0] == ("data/dimensions/architecture.yml:11:11", "'Architecture'")


def test_warnings_that_differ_in_more_than_values_stay_apart() -> None:
    other = Problem("data/faq.yml", 3, 1, "q", "question 'x' has no answer", "", Severity.WARNING)
    assert len(group_warnings([UNCITED, other])) == 2


def text(html: str) -> str:
    return entities.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html)).strip())


def test_the_banner_shows_one_line_per_group() -> None:
    eleven = [not_reviewed(f"Topic {i}") for i in range(11)]
    html = warnings_banner([*eleven, UNCITED])
    assert html.count('<li class="data-warning') == 2  # two lines, not twelve
    shown = text(html)
    assert "11 topics: framework 'litestar' is not reviewed yet for the topic '…'" in shown
    assert "data/dimensions/topic 10.yml:11:11 'Topic 10'" in shown
    assert 'data-warnings" open' in html  # two lines: shown open
    # several warnings in one file are places, not topics
    assert "3 places:" in text(warnings_banner([not_reviewed("A", n) for n in (1, 2, 3)]))


def test_a_long_banner_starts_folded_with_its_count() -> None:
    many = [
        Problem(f"data/f{i}.yml", 1, 1, "", f"problem number {i}", "", Severity.WARNING)
        for i in range(OPEN_AT_MOST + 1)
    ]
    html = warnings_banner(many)
    assert "<details" in html and " open" not in html.split(">")[0]
    summary = text(html.split("<ul>")[0])
    assert summary.startswith(f"The data behind this page has {OPEN_AT_MOST + 1} warnings")
    short = warnings_banner(many[:OPEN_AT_MOST])
    assert " open" in short.split(">")[0]
