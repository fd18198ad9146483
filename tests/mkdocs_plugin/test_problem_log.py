"""A warning is logged as WARNING, never ERROR or INFO; advisory ones never fail a strict
build (issue 24, part 4)."""

from __future__ import annotations

import logging

import pytest

from macros.mkdocs_plugin.problem_log import log_warnings, with_advisory_level
from macros.problems import Problem, Severity

PLACEHOLDER = Problem("data/decision.yml", 3, 5, "w", "placeholder", "", Severity.WARNING)
OLD_REVIEW = Problem("data/decision.yml", 9, 1, "r", "old review", "", Severity.WARNING)
ERROR = Problem("data/faq.yml", 1, 1, "", "broken", "")


def test_every_warning_shows_as_warning_and_only_refused_ones_count(
    caplog: pytest.LogCaptureFixture,
) -> None:
    logger = logging.getLogger("mkdocs.plugins.test-problem-log")
    with_advisory_level(logger)
    with_advisory_level(logger)  # installed once
    assert len(logger.filters) == 1
    counted: list[logging.LogRecord] = []

    class Counter(logging.Handler):  # as MkDocs' strict-mode CountHandler: WARNING and up
        def emit(self, record: logging.LogRecord) -> None:
            counted.append(record)

    counter = Counter(logging.WARNING)
    logger.addHandler(counter)
    try:
        with caplog.at_level(logging.DEBUG, logger=logger.name):
            log_warnings(logger, [PLACEHOLDER, OLD_REVIEW, ERROR], refused=[PLACEHOLDER, ERROR])
    finally:
        logger.removeHandler(counter)
    assert [(r.levelname, r.getMessage()) for r in caplog.records] == [
        ("WARNING", str(PLACEHOLDER)),
        ("WARNING", str(OLD_REVIEW)),
    ]
    assert [r.getMessage() for r in counted] == [str(PLACEHOLDER)]  # the old review never fails
