"""Value checks the schema walker leaves to small functions: dates, and text folded by YAML.

A date written YYYY-MM-DD may still not exist: the message says why
('November has 30 days'). Plain text over several lines is joined by YAML into
one line, so a Markdown block written without '|' loses its paragraphs and lists.
"""

from __future__ import annotations

import calendar
import re
from typing import Any

from macros import messages
from macros.data.document import ScalarSpan

MONTHS = [
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
        name = MONTHS[month - 1]
        return f"{name} {year} has {days} days" if month == 2 else f"{name} has {days} days"
    if year < 1:
        return "there is no year 0000"
    return ""


def date_problem(value: str) -> tuple[str, str] | None:
    """(message, hint) when ``value`` is not a real YYYY-MM-DD date, else None."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return messages.text("date", value=value), messages.hint("date")
    if why := impossible_date(value):
        return messages.text("impossible-date", value=value, why=why), messages.hint(
            "impossible-date"
        )
    return None


def folded_block(span: ScalarSpan | None, schema: dict[str, Any]) -> bool:
    """A Markdown block field written as plain text over several lines (no '|')."""
    if span is None or span.style or span.end_line <= span.line:
        return False
    return bool(schema.get("x-markdown") == "block")
