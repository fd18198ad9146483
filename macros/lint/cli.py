"""`comparison lint` (scripts/lint): the command line."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from macros.lint.fix import apply_fixes
from macros.lint.registry import CHECKS, by_name
from macros.lint.report import format_lint_report
from macros.paths import add_data_arguments
from macros.pipeline import check_project
from macros.project import DEFAULT_MAX_AGE, project_from_arguments


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date: write YYYY-MM-DD") from None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="scripts/lint",
        description="Check the data beyond the schema; --fix repairs what is safe to repair.",
        epilog="Checks: " + "; ".join(f"{c.name}: {c.description}" for c in CHECKS) + ".",
    )
    add_data_arguments(parser)
    parser.add_argument(
        "--docs",
        type=Path,
        default=None,
        help="the hand-written pages, for links to them (default: mkdocs.yml's docs_dir)",
    )
    parser.add_argument(
        "--today",
        type=_date,
        default=None,
        help="count ages from this date, YYYY-MM-DD (default: today)",
    )
    parser.add_argument(
        "--max-age",
        type=int,
        default=DEFAULT_MAX_AGE,
        metavar="DAYS",
        help=f"reviews and source checks older than this are reported (default: {DEFAULT_MAX_AGE})",
    )
    parser.add_argument(
        "--check",
        action="append",
        default=[],
        metavar="NAME",
        help="run only this check (repeatable)",
    )
    parser.add_argument(
        "--fix",
        action="store_true",
        help="repair sorting, whitespace and quoting in place, keeping comments and text",
    )
    args = parser.parse_args(argv)
    try:
        chosen = by_name(args.check) if args.check else None  # None: all, cached
    except KeyError as exc:
        parser.error(str(exc.args[0]))
    checks = chosen or CHECKS
    project = project_from_arguments(parser, args, today=args.today, max_age_days=args.max_age)
    report = check_project(project, checks=chosen)
    if args.fix:
        for done in apply_fixes(report.files, checks, project.root):
            if done.fixed_by:
                print(f"Fixed {done.path}: {', '.join(done.fixed_by)}")
            if done.refused:
                print(
                    f"Not fixed {done.path}: {', '.join(done.refused)} (the repair would "
                    "have changed a value or a comment; fix it by hand)"
                )
        report = check_project(project, checks=chosen)
    if report.rendering:  # the templates, not the data: no check owns it
        print("\n".join(["rendering the pages failed:", *(f"  {p}" for p in report.rendering)]))
    print(format_lint_report(report.results))
    failed = report.rendering or any(r.errors or r.crash for r in report.results)
    return 1 if failed else 0
