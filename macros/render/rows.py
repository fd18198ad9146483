"""Feature-table rows built from framework profiles, and how a cell shows its status.

The profile rows ("at a glance") come from each framework's file; the release
rows carry the release date as their sort key, so a column sorts them by date.
A cell's status (data: a table row's ``status``) is a word the stylesheet
gives an icon (content/assets/stylesheets/reader.css), and a rank a column
sorts by: built in first, not available last.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from macros.data.model import PROFILE_ROW_IDS, STATUSES, Framework, Release, TableRow


def long_date(value: str) -> str:
    """'2026-11-24' -> '24 November 2026' (unambiguous for every reader)."""
    day = dt.date.fromisoformat(value)
    return f"{day.day} {day:%B %Y}"


def release_text(release: Release | None) -> str:
    if release is None:
        return "—"
    when = long_date(release.date)
    if release.version is None:
        return f"{when}[^{release.source}]"
    return f"{release.version} ({when})[^{release.source}]"


def status_html(status: str) -> str:
    """A cell's status as a word; the stylesheet adds an icon per data-status."""
    return f'<span class="status" data-status="{status}">{STATUSES[status][0]}</span>'


def status_rank(status: str) -> str:
    """The sort key of a status: built in first, not available last."""
    return str(list(STATUSES).index(status) + 1)


def status_legend() -> dict[str, dict[str, str]]:
    """Each status's word and meaning, in sort order, for the table's legend."""
    return {key: {"label": label, "meaning": meaning} for key, (label, meaning) in STATUSES.items()}


def profile_rows(frameworks: Sequence[Framework]) -> tuple[TableRow, ...]:
    """Feature-table rows built from framework profiles ("at a glance")."""

    def row(
        row_id: str, label: str, values: dict[str, str], sort: dict[str, str] | None = None
    ) -> TableRow:
        assert row_id in PROFILE_ROW_IDS, row_id
        return TableRow(row_id, label, values, None, sort=sort or {})

    def dates(releases: dict[str, Release | None]) -> dict[str, str]:
        return {fid: r.date for fid, r in releases.items() if r is not None}

    return (
        row(
            "first-release",
            "First release",
            {f.id: release_text(f.first_release) for f in frameworks},
            dates({f.id: f.first_release for f in frameworks}),
        ),
        row(
            "latest-release",
            "Latest release",
            {f.id: release_text(f.latest_release) for f in frameworks},
            dates({f.id: f.latest_release for f in frameworks}),
        ),
        row(
            "lts-release",
            "Long-term support release",
            {f.id: release_text(f.lts_release) for f in frameworks},
            dates({f.id: f.lts_release for f in frameworks}),
        ),
        row("licence", "Licence", {f.id: f.licence for f in frameworks}),
        row("governance", "Governance", {f.id: f.governance for f in frameworks}),
        row("python", "Supported Python", {f.id: f.python for f in frameworks}),
        row(
            "links",
            "Links",
            {
                f.id: f"[Home page]({f.homepage}) · [Documentation]({f.docs}) · "
                f"[Source code]({f.repository})"
                for f in frameworks
            },
        ),
    )
