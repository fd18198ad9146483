"""The lint's terminal report: grouped by check, with counts and a tip."""

from __future__ import annotations

from collections.abc import Sequence

from macros.lint.runner import CheckResult
from macros.problems import counts_text


def format_lint_report(results: Sequence[CheckResult]) -> str:
    lines: list[str] = []
    for result in results:
        name = f"{result.check.name}: {result.check.description}"
        if result.crash:
            lines.append(f"{name}: CRASHED")
            lines.append(f"  the check itself failed, not your data: {result.crash}")
            lines.append("  (the other checks still ran; please report this)")
            continue
        if not result.problems:
            continue
        fixable = len(result.fixable)
        lines.append(
            f"{name}: {counts_text(result.errors, result.warnings, ' and ')}"
            + (f" ({fixable} fixable)" if fixable else "")
        )
        lines.extend(f"  {problem}" for problem in result.problems)
    errors = sum(r.errors for r in results)
    warnings = sum(r.warnings for r in results)
    crashed = [r.check.name for r in results if r.crash]
    with_problems = sum(1 for r in results if r.problems)
    if errors or warnings:
        found = counts_text(errors, warnings, " and ")
        lines.append(f"Found {found} in {with_problems} of {len(results)} checks.")
    else:
        lines.append(f"No problems found by {len(results) - len(crashed)} checks.")
    if crashed:
        lines.append(
            f"{len(crashed)} check{'s' * (len(crashed) != 1)} crashed: {', '.join(crashed)}."
        )
    repairable = [r for r in results if r.fixable]
    if repairable:
        total = sum(len(r.fixable) for r in repairable)
        names = ", ".join(r.check.name for r in repairable)
        lines.append(
            f"Tip: scripts/lint --fix repairs {total} of them ({names}) without "
            "touching comments or text."
        )
    return "\n".join(lines)
