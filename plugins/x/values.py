"""X's own reads of JSON values: the created_at date format."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Any

from plugins.values import datetime_iso

# "Wed Oct 10 20:19:24 +0000 2018"; parsed by hand because strptime's %a/%b follow the locale.
_CREATED_AT = re.compile(
    r"^[A-Za-z]{3} ([A-Za-z]{3}) (\d{1,2}) (\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2}) (\d{4})$"
)
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


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
    return datetime_iso(moment)
