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


@lru_cache(maxsize=4096)
def _day(year: str, month: int, day: str) -> str | None:
    """The "YYYY-MM-DD" of a calendar day, or None when there is no such day (Feb 30); tweets share days."""
    try:
        return date(int(year), month, int(day)).isoformat()
    except ValueError:
        return None


def created_at_to_iso(value: Any) -> str | None:
    """X's "Wed Oct 10 20:19:24 +0000 2018" as UTC ISO-8601 with a Z, or None when unreadable."""
    found = _CREATED_AT.match(value.strip()) if isinstance(value, str) else None
    if found is None:
        return None
    name, day, hour, minute, second, sign, off_hours, off_minutes, year = found.groups()
    name = name.lower()
    if name not in _MONTHS:
        return None
    month = _MONTHS.index(name) + 1
    if off_hours == off_minutes == "00":
        # X always writes +0000: the time is UTC already, so only the day needs checking.
        moment = _day(year, month, day)
        if moment is None or hour > "23" or minute > "59" or second > "59":
            return None
        return f"{moment}T{hour}:{minute}:{second}Z"
    offset = timedelta(hours=int(off_hours), minutes=int(off_minutes))
    try:
        shifted = datetime(int(year), month, int(day), int(hour), int(minute), int(second), tzinfo=UTC)
        shifted = shifted - offset if sign == "+" else shifted + offset
    except (ValueError, OverflowError):
        return None
    return datetime_iso(shifted)
