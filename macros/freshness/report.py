"""Compare data/packages.yml with the index and report, path:line first."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from macros.data.document import display_path
from macros.freshness.packages import (
    STALE_MONTHS,
    Package,
    Paragraph,
    months_before,
    problem,
    read_packages,
    states_release_date,
    text_paragraphs,
    undated_recommendations,
    version_mentions,
)
from macros.freshness.pypi import PYPI, Latest, ask_index
from macros.paths import add_data_arguments, data_paths
from macros.problems import Problem, Severity, format_report

# A changelog's release date is often a day before the upload (time zones);
# the recorded date may differ from PyPI's by this much.
DATE_SLACK = timedelta(days=2)


@dataclass
class Report:
    outdated: list[Problem]
    stale: list[Problem]
    failed: list[Problem]
    undated: list[Problem] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        return 1 if self.outdated or self.failed or self.undated else 0


def compare(
    packages: Sequence[Package],
    latest: dict[str, Latest | Exception],
    paragraphs: Sequence[Paragraph],
    path: str,
    today: date,
) -> Report:
    report = Report([], [], [])
    cutoff = months_before(today, STALE_MONTHS)
    for package in packages:
        found = latest[package.id]
        if isinstance(found, Exception):
            report.failed.append(
                problem("index-failed", path, package, error=str(found), id=package.id)
            )
            continue
        recorded = f"{package.version} ({package.released.isoformat()})"
        current = f"{found.version} ({found.released.isoformat()})"
        if package.version != found.version or abs(package.released - found.released) > DATE_SLACK:
            places = version_mentions(package, paragraphs)
            where = (
                "; the data states " + package.version + " at " + ", ".join(places)
                if places
                else ""
            )
            report.outdated.append(
                problem(
                    "out-of-date",
                    path,
                    package,
                    name=package.name,
                    recorded=recorded,
                    current=current,
                    where=where,
                )
            )
        if found.last_upload < cutoff:
            if not package.recommended:
                advice = package.status
            elif states_release_date(package, paragraphs):
                advice = "recommended; the text states its last release date"
            else:
                advice = "recommended: the text must state its last release date"
            report.stale.append(
                problem(
                    "no-recent-release",
                    path,
                    package,
                    day=found.last_upload.isoformat(),
                    months=str(STALE_MONTHS),
                    advice=advice,
                )
            )
    return report


def main(argv: list[str] | None = None) -> int:
    """``comparison check-freshness``: exit 1 when a fact is out of date, 2 on bad data."""
    parser = argparse.ArgumentParser(
        prog="comparison check-freshness",
        description="Compare data/packages.yml with PyPI: list every release fact that is "
        "out of date (exit 1) and every package with no release in "
        f"{STALE_MONTHS} months. Needs the network, or --index-url.",
    )
    add_data_arguments(parser)
    parser.add_argument(
        "--index-url", default=PYPI, help=f"the JSON API's base address (default {PYPI})"
    )
    parser.add_argument(
        "--today", type=date.fromisoformat, default=None, help="YYYY-MM-DD (default: today)"
    )
    args = parser.parse_args(argv)
    data_dir, shown_root = data_paths(args)
    path = data_dir / "packages.yml"
    shown = display_path(path, shown_root)
    packages, problems = read_packages(path, shown_root)
    if any(p.severity is Severity.ERROR for p in problems) or not packages:
        print(format_report(problems) if problems else f"{shown}: no packages listed")
        return 2
    paragraphs = text_paragraphs(data_dir, shown_root)
    today = args.today or date.today()
    report = compare(packages, ask_index(packages, args.index_url), paragraphs, shown, today)
    report.undated = undated_recommendations(packages, paragraphs, shown)
    for title, found in (
        ("Out of date", report.outdated),
        ("Not found", report.failed),
        ("Recommended without its last release date", report.undated),
        (f"No release in {STALE_MONTHS} months", report.stale),
    ):
        if found:
            print(f"{title} ({len(found)}):")
            print("\n".join(f"  {p}" for p in sorted(found)))
    fresh = len(packages) - len(report.outdated) - len(report.failed)
    print(
        f"{len(packages)} packages checked against {args.index_url} on {today.isoformat()}: "
        f"{fresh} up to date, {len(report.outdated)} out of date, "
        f"{len(report.failed)} not found, {len(report.stale)} without a recent release."
    )
    return report.exit_code
