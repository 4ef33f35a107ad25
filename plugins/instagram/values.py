"""Instagram's own reads of JSON values: GraphQL edge counters, handles, durations, epoch times."""

from __future__ import annotations

from typing import Any

from plugins import values
from plugins.values import as_count, dig

# Epoch seconds before this are damaged values, not dates (Instagram launched in 2010).
_EPOCH_MIN = 1_262_304_000  # 2010-01-01


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
    """Epoch seconds (int, digit string or float) as UTC ISO-8601 with a Z, or None when implausible."""
    return values.epoch_to_iso(value, _EPOCH_MIN, floats=True)
