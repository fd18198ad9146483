"""How the plugin logs the data's warnings: each at the level its words say.

A warning is logged as WARNING, never as ERROR nor INFO (issue 24). A strict
`mkdocs build` aborts on every WARNING record it counts, yet an advisory
warning (an old review, a source nobody cites) must never fail a build: those
are logged one step below WARNING, a level MkDocs' counter ignores, and shown
with the name WARNING. What a strict build refuses (a placeholder, a framework
not reviewed) is a real WARNING, so `mkdocs build --strict` stops on it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from macros.problems import Problem, Severity

ADVISORY = logging.WARNING - 1  # below MkDocs' strict-mode counter, shown as WARNING


class AdvisoryAsWarning(logging.Filter):
    """Name advisory records WARNING, as their text says ("warning: ...")."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno == ADVISORY:
            record.levelname = "WARNING"
        return True


def with_advisory_level(log: logging.Logger | logging.LoggerAdapter[logging.Logger]) -> None:
    """Install :class:`AdvisoryAsWarning` on the logger (once)."""
    logger = log.logger if isinstance(log, logging.LoggerAdapter) else log
    if not any(isinstance(f, AdvisoryAsWarning) for f in logger.filters):
        logger.addFilter(AdvisoryAsWarning())


def log_warnings(
    log: logging.Logger | logging.LoggerAdapter[logging.Logger],
    problems: Iterable[Problem],
    refused: Iterable[Problem],
) -> None:
    """Log each warning in ``problems``: WARNING when a strict build refuses it, else
    ADVISORY (shown as WARNING, not counted). Errors are left to the error report."""
    refused_set = set(refused)
    for problem in problems:
        if problem.severity is not Severity.WARNING:
            continue
        log.log(logging.WARNING if problem in refused_set else ADVISORY, str(problem))
