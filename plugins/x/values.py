"""X's own reads of JSON values: the created_at date format."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from typing import Any

from plugins.values import datetime_iso

# "Wed Oct 10 20:19:24 +0000 2018"; parsed by hand because strptime's %a/%b follow the locale.
_CREATED_AT = re.compile(
    r"^[A-Za-z]{3} ([A-Za-z]{3}) (\d{1,2}) (\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2}) (\d{4})$"
)
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


# The form X always writes (UTC, two-digit day, a valid clock): read without any arithmetic.
_UTC_CREATED_AT = re.compile(
    r"[A-Za-z]{3} ([A-Za-z]{3}) (\d\d) ((?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d) \+0000 (\d{4})"
)


@lru_cache(maxsize=4096)
def _day(year: str, name: str, day: str) -> str | None:
    """The "YYYY-MM-DD" of a calendar day, or None when there is no such day (Feb 30); tweets share days."""
    name = name.lower()
    if name not in _MONTHS:
        return None
    try:
        return date(int(year), _MONTHS.index(name) + 1, int(day)).isoformat()
    except ValueError:
        return None


def created_at_to_iso(value: Any) -> str | None:
    """X's "Wed Oct 10 20:19:24 +0000 2018" as UTC ISO-8601 with a Z, or None when unreadable."""
    if not isinstance(value, str):
        return None
    utc = _UTC_CREATED_AT.fullmatch(value)
    if utc is not None:
        month, day_of_month, clock, year = utc.groups()
        day = _day(year, month, day_of_month)
        return f"{day}T{clock}Z" if day else None
    found = _CREATED_AT.match(value.strip())
    if found is None:
        return None
    name, day, hour, minute, second, sign, off_hours, off_minutes, year = found.groups()
    name = name.lower()
    if name not in _MONTHS:
        return None
    offset = timedelta(hours=int(off_hours), minutes=int(off_minutes))
    try:
        moment = datetime(
            int(year), _MONTHS.index(name) + 1, int(day), int(hour), int(minute), int(second), tzinfo=UTC
        )
        moment = moment - offset if sign == "+" else moment + offset
    except (ValueError, OverflowError):
        return None
    return datetime_iso(moment)
