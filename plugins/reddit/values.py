"""Reddit's own reads of JSON values: `created_utc` times and base-36 ids."""

from __future__ import annotations

from typing import Any

from plugins import values

# Epoch seconds before this are damaged values, not dates (Reddit started in 2005).
EPOCH_MIN = 1_100_000_000


def epoch_to_iso(value: Any) -> str | None:
    """Epoch seconds (Reddit's float or int `created_utc`, never a string) as UTC ISO-8601, or None."""
    return values.epoch_to_iso(value, EPOCH_MIN, strings=False, floats=True)


def as_id_text(value: Any) -> str | None:
    """A short id string as Reddit writes ids (lowercase base 36), stripped, or None."""
    return value.strip().lower() if isinstance(value, str) and value.strip() else None
