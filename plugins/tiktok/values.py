"""Type-safe reads of TikTok JSON values: paths, counters, ids, epoch times."""

from __future__ import annotations

import time
from typing import Any

from plugins.numbers import parse_count

# Epoch seconds outside this range are damaged values, not dates (TikTok launched in 2016).
_EPOCH_MIN = 1_000_000_000
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
    """A native id as a string (TikTok writes ids as strings, sometimes as integers), or None."""
    if isinstance(value, str):
        value = value.strip()
        return value if value.isdigit() and value.isascii() else None
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return str(value)
    return None


def as_count(value: Any) -> tuple[int, bool] | None:
    """(value, approximate) for a counter given as an int or a numeric string, or None.

    Floats, booleans and negative numbers are damaged values, never counters.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return (value, False) if value >= 0 else None
    if isinstance(value, str):
        text = value.strip()
        if text.isdigit() and text.isascii():
            return int(text), False
        return parse_count(text) if text and not text.startswith("-") else None
    return None


def epoch_to_iso(value: Any) -> str | None:
    """Epoch seconds (int or digit string) as UTC ISO-8601 with a Z, or None when not a plausible time."""
    parsed = as_count(value)
    if parsed is None or parsed[1] or not _EPOCH_MIN <= parsed[0] <= _EPOCH_MAX:
        return None
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(parsed[0]))
