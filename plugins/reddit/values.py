"""Type-safe reads of Reddit JSON values: paths, counters, epoch times."""

from __future__ import annotations

import math
import time
from typing import Any

# Epoch seconds outside this range are damaged values, not dates (Reddit started in 2005).
_EPOCH_MIN = 1_100_000_000
_EPOCH_MAX = 4_102_444_800  # 2100-01-01


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


def as_count(value: Any) -> int | None:
    """A counter given as a non-negative int (Reddit writes them as JSON integers), or None."""
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    return value if value >= 0 else None


def as_number(value: Any) -> float | None:
    """A finite non-negative number (int or float, as `created_utc` and durations are), or None."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if math.isfinite(value) and value >= 0 else None


def epoch_to_iso(value: Any) -> str | None:
    """Epoch seconds (Reddit's float `created_utc`) as UTC ISO-8601 with a Z, or None."""
    seconds = as_number(value)
    if seconds is None or not _EPOCH_MIN <= seconds <= _EPOCH_MAX:
        return None
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(int(seconds)))


def as_id_text(value: Any) -> str | None:
    """A short id string as Reddit writes ids (lowercase base 36), stripped, or None."""
    return value.strip().lower() if isinstance(value, str) and value.strip() else None
