"""Compare data/packages.yml with the index and report, path:line first."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from macros.data.document import display_path
from macros.freshness.fix import FixError, Update, write_updates
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
from macros.freshness.pypi import (
    INDEX_VARIABLE,
    PYPI,
    Fetch,
    Latest,
    ask_index,
    fetch_latest,
    index_url,
)
from macros.freshness.review import Review, reasons, review, review_text
from macros.paths import add_data_arguments, data_paths
from macros.problems import Problem, Severity, format_report

# A changelog's release date is often a day before the upload (time zones);
# the recorded date may differ from PyPI's by this much.
DATE_SLACK = timedelta(days=2)


@dataclass
class Report:
    outdated: list[Problem]
    stale: list[Problem]
    failed: list[Problem]  # names the index does not know: a fault in the data
    undated: list[Problem] = field(default_factory=list)
    unavailable: list[Problem] = field(default_factory=list)  # the index could not answer
    updates: list[Update] = field(default_factory=list)
    reviews: list[Review] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        """0 current, 1 stale (or fixed: the change needs a review), 2 could not check."""
        if self.unavailable:
            return 2
        return 1 if self.outdated or self.failed or self.undated or self.reviews else 0


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
            failure = problem("index-failed", path, package, error=str(found), id=package.id)
            unknown = isinstance(found, LookupError)
            (report.failed if unknown else report.unavailable).append(failure)
            continue
        why = reasons(package, found, today)
        recorded = f"{package.version} ({package.released.isoformat()})"
        current = f"{found.version} ({found.released.isoformat()})"
        if package.version != found.version or abs(package.released - found.released) > DATE_SLACK:
            report.updates.append(Update(package.id, found.version, found.released))
            report.reviews.append(review(package, found, why, paragraphs))
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
        elif months_before(package.checked, STALE_MONTHS) <= found.last_upload < cutoff:
            # Crossed the 18 months since it was last checked: the text may need a date.
            report.updates.append(Update(package.id, package.version, package.released))
            report.reviews.append(review(package, found, why, paragraphs))
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


def main(argv: list[str] | None = None, fetch: Fetch = fetch_latest) -> int:
    """``comparison check-freshness [--fix]``: 0 current, 1 stale or fixed, 2 could not check."""
    parser = argparse.ArgumentParser(
        prog="comparison check-freshness",
        description="Compare data/packages.yml with PyPI: list every release fact that is "
        "out of date and every package with no release in "
        f"{STALE_MONTHS} months. Exit 0 when current, 1 when out of date (with --fix: "
        "updated), 2 when it could not check. Needs the network, or --index-url.",
    )
    add_data_arguments(parser)
    parser.add_argument(
        "--index-url",
        default=None,
        help=f"the JSON API's base address (default ${INDEX_VARIABLE}, else {PYPI})",
    )
    parser.add_argument(
        "--today", type=date.fromisoformat, default=None, help="YYYY-MM-DD (default: today)"
    )
    parser.add_argument(
        "--fix",
        action="store_true",
        help="write each newer version, its date and today's date as checked into "
        "packages.yml (comments and layout kept), and list the sentences to re-read",
    )
    args = parser.parse_args(argv)
    index = args.index_url or index_url()
    data_dir, shown_root = data_paths(args)
    path = data_dir / "packages.yml"
    shown = display_path(path, shown_root)
    packages, problems = read_packages(path, shown_root)
    if any(p.severity is Severity.ERROR for p in problems) or not packages:
        print(format_report(problems) if problems else f"{shown}: no packages listed")
        return 2
    paragraphs = text_paragraphs(data_dir, shown_root)
    today = args.today or date.today()
    report = compare(packages, ask_index(packages, index, fetch), paragraphs, shown, today)
    report.undated = undated_recommendations(packages, paragraphs, shown)
    for title, found in (
        ("Could not check", report.unavailable),
        ("Out of date", report.outdated),
        ("Not found", report.failed),
        ("Recommended without its last release date", report.undated),
        (f"No release in {STALE_MONTHS} months", report.stale),
    ):
        if found:
            print(f"{title} ({len(found)}):")
            print("\n".join(f"  {p}" for p in sorted(found)))
    if report.reviews:
        print(f"Sentences to re-read ({sum(len(r.sentences) for r in report.reviews)}):")
        print("\n".join(review_text(report.reviews)))
    fresh = len(packages) - len(report.outdated) - len(report.failed) - len(report.unavailable)
    print(
        f"{len(packages)} packages checked against {index} on {today.isoformat()}: "
        f"{fresh} up to date, {len(report.outdated)} out of date, "
        f"{len(report.failed)} not found, {len(report.stale)} without a recent release."
    )
    if args.fix and report.updates and not report.unavailable:
        try:
            write_updates(path, shown, report.updates, today)
        except FixError as error:
            print(f"error: {error}")
            return 2
        print(f"Updated {len(report.updates)} entries of {shown}: re-read the sentences above.")
    return report.exit_code
