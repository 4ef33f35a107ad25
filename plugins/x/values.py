"""Type-safe reads of X JSON values: paths, counters, ids, X's created_at dates."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Any

# "Wed Oct 10 20:19:24 +0000 2018"; parsed by hand because strptime's %a/%b follow the locale.
_CREATED_AT = re.compile(
    r"^[A-Za-z]{3} ([A-Za-z]{3}) (\d{1,2}) (\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2}) (\d{4})$"
)
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def dig(obj: Any, *path: str | int) -> Any:
    """The value at `path` inside nested dicts/lists, or None on any missing key or wrong type."""
    for step in path:
        if isinstance(step, str):
            if not isinstance(obj, dict):
                return None
            obj = obj.get(step)
        else:
            if not isinstance(obj, list) or not -len(obj) <= step < len(obj):
                return None
            obj = obj[step]
    return obj


def as_dict(value: Any) -> dict[str, Any]:
    """The value if it is a dict, else an empty dict."""
    return value if isinstance(value, dict) else {}


def as_list(value: Any) -> list[Any]:
    """The value if it is a list, else an empty list."""
    return value if isinstance(value, list) else []


def as_text(value: Any) -> str | None:
    """A non-empty string, or None."""
    return value if isinstance(value, str) and value else None


def as_id(value: Any) -> str | None:
    """A numeric X id as a string (X writes them as strings, sometimes as integers), or None."""
    if isinstance(value, str):
        return value if value.isdigit() and value.isascii() else None
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return str(value)
    return None


def as_count(value: Any) -> int | None:
    """A counter given as a non-negative int or a digit string ("979440"), or None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value >= 0 else None
    if isinstance(value, str) and value.isdigit() and value.isascii():
        return int(value)
    return None


def created_at_to_iso(value: Any) -> str | None:
    """X's "Wed Oct 10 20:19:24 +0000 2018" as UTC ISO-8601 with a Z, or None when unreadable."""
    found = _CREATED_AT.match(value.strip()) if isinstance(value, str) else None
    if found is None or found.group(1).lower() not in _MONTHS:
        return None
    month = _MONTHS.index(found.group(1).lower()) + 1
    day, hour, minute, second = (int(found.group(i)) for i in range(2, 6))
    offset = timedelta(hours=int(found.group(7)), minutes=int(found.group(8)))
    try:
        moment = datetime(int(found.group(9)), month, day, hour, minute, second, tzinfo=UTC)
        moment = moment - offset if found.group(6) == "+" else moment + offset
    except (ValueError, OverflowError):
        return None
    # An f-string: strftime costs several times more, and parsing is timed against the JSON load.
    return (
        f"{moment.year:04d}-{moment.month:02d}-{moment.day:02d}"
        f"T{moment.hour:02d}:{moment.minute:02d}:{moment.second:02d}Z"
    )
