"""Type-safe reads of Instagram JSON values: paths, counters, ids, handles, epoch times."""

from __future__ import annotations

import time
from typing import Any

# Epoch seconds outside this range are damaged values, not dates (Instagram launched in 2010).
_EPOCH_MIN = 1_262_304_000  # 2010-01-01
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


def as_id(value: Any) -> str | None:
    """A numeric id as a string (64-bit ids come as strings or as numbers), or None."""
    if isinstance(value, str):
        value = value.strip()
        return value if value.isdigit() and value.isascii() else None
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return str(value)
    return None


def as_count(value: Any) -> int | None:
    """A counter given as a non-negative int or a digit string, or None (floats and bools are damage)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value >= 0 else None
    if isinstance(value, str):
        text = value.strip()
        return int(text) if text.isdigit() and text.isascii() else None
    return None


def edge_count(obj: Any, key: str) -> int | None:
    """The `count` of a GraphQL edge object (`{"edge_liked_by": {"count": 8}}`), or None."""
    return as_count(dig(obj, key, "count"))


def as_handle(value: Any) -> str | None:
    """A username as written (no @, no spaces), or None."""
    if not isinstance(value, str):
        return None
    handle = value.strip().lstrip("@")
    return handle if handle and " " not in handle else None


def as_seconds(value: Any) -> float | int | None:
    """A duration in seconds (int, or float rounded to milliseconds), or None."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if value != value or value < 0:  # NaN or negative
        return None
    return value if isinstance(value, int) else round(value, 3)


def epoch_to_iso(value: Any) -> str | None:
    """Epoch seconds (int or digit string) as UTC ISO-8601 with a Z, or None when not a plausible time."""
    seconds = as_count(value)
    if seconds is None and isinstance(value, float) and value == value:
        seconds = int(value)
    if seconds is None or not _EPOCH_MIN <= seconds <= _EPOCH_MAX:
        return None
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(seconds))
