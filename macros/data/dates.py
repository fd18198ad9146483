"""Why a date written YYYY-MM-DD does not exist: 'November has 30 days'."""

from __future__ import annotations

import calendar

_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def impossible_date(value: str) -> str:
    """Why a YYYY-MM-DD date does not exist ('November has 30 days'), or '' if it does."""
    year, month, day = (int(part) for part in value.split("-"))
    if not 1 <= month <= 12:
        return f"there is no month {month:02d}"
    days = calendar.monthrange(year, month)[1] if year >= 1 else 31
    if day < 1:
        return "days start at 01"
    if day > days:
        name = _MONTHS[month - 1]
        return f"{name} {year} has {days} days" if month == 2 else f"{name} has {days} days"
    if year < 1:
        return "there is no year 0000"
    return ""
