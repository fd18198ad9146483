from __future__ import annotations

import datetime as dt

from tests.lint.conftest import Lint


def test_old_reviews_and_source_checks(lint: Lint) -> None:
    assert lint("stale", today=dt.date(2027, 11, 25)) == [
        "data/dimensions/architecture.yml:5:16: warning: last_reviewed: last reviewed 389 days "
        "ago (2026-11-01); the limit is 365 days (check the dimension against its sources, then "
        "set last_reviewed to the date you did)",
        "data/dimensions/templates.yml:5:16: warning: last_reviewed: last reviewed 366 days ago "
        "(2026-11-24); the limit is 365 days (check the dimension against its sources, then set "
        "last_reviewed to the date you did)",
        "data/sources.yml:5:12: warning: alpha-log.checked: source 'alpha-log' was last checked "
        "366 days ago (2026-11-24); the limit is 365 days (open the page, check that it still "
        "supports the claims citing it, then update checked)",
        "data/sources.yml:12:12: warning: beta-notes.checked: source 'beta-notes' was last "
        "checked 366 days ago (2026-11-24); the limit is 365 days (open the page, check that it "
        "still supports the claims citing it, then update checked)",
    ]


def test_the_age_limit_is_configurable(lint: Lint) -> None:
    assert [p.split(": ")[1] for p in lint("stale", max_age=10)] == ["warning"]
    assert lint("stale", max_age=23) == []


def test_a_date_in_the_future(lint: Lint) -> None:
    assert lint("stale", today=dt.date(2026, 11, 2)) == [
        "data/dimensions/templates.yml:5:16: warning: last_reviewed: 2026-11-24 is after today "
        "(2026-11-02) (check the year)",
        "data/sources.yml:5:12: warning: alpha-log.checked: 2026-11-24 is after today "
        "(2026-11-02) (check the year)",
        "data/sources.yml:12:12: warning: beta-notes.checked: 2026-11-24 is after today "
        "(2026-11-02) (check the year)",
    ]
