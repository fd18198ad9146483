"""Run checks; a check that crashes is reported, and the others still run."""

from __future__ import annotations

import os
import traceback
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from macros import messages
from macros.lint.base import Check, LintContext
from macros.problems import Problem, Severity


@dataclass(frozen=True)
class CheckResult:
    check: Check
    problems: list[Problem]
    crash: str | None = None  # what went wrong inside the check (a bug in the lint)

    @property
    def errors(self) -> int:
        return sum(1 for p in self.problems if p.severity is Severity.ERROR)

    @property
    def warnings(self) -> int:
        return len(self.problems) - self.errors

    @property
    def fixable(self) -> list[Problem]:
        """Problems whose message is marked fixable in the check's catalogue."""
        codes = {f"{self.check.name}.{k}" for k, m in self.check.messages.items() if m.fixable}
        return [p for p in self.problems if p.code in codes]


def run_checks(ctx: LintContext, checks: Sequence[Check]) -> list[CheckResult]:
    results = []
    for check in checks:
        try:
            problems = sorted(check.check(ctx))
        except OSError as exc:  # a file the machine keeps from it: not a bug in the check
            results.append(CheckResult(check, [unreadable(exc, ctx.root)]))
            continue
        except Exception as exc:  # one broken check must not hide the others
            where = traceback.extract_tb(exc.__traceback__)[-1]
            crash = (
                f"{type(exc).__name__}: {exc} (at {where.filename.rsplit('/', 1)[-1]}:"
                f"{where.lineno})"
            )
            results.append(CheckResult(check, [], crash))
            continue
        results.append(CheckResult(check, problems))
    return results


def unreadable(exc: OSError, root: Path) -> Problem:
    """The file a check could not read (no permission, a disk error), named for the editor."""
    name = os.fsdecode(exc.filename) if isinstance(exc.filename, (str, bytes)) else ""
    path = Path(name)
    if name and path.is_absolute() and path.is_relative_to(root):
        name = path.relative_to(root).as_posix()
    reason = exc.strerror or type(exc).__name__
    return messages.file_problem(name or str(root), "unreadable", reason=reason)
