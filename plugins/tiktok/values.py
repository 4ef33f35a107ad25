"""TikTok's own reads of JSON values: counters that may be abbreviated text, epoch times since its launch."""

from __future__ import annotations

from typing import Any

from plugins import values
from plugins.numbers import parse_count

# Epoch seconds before this are damaged values, not dates (TikTok launched in 2016).
_EPOCH_MIN = 1_000_000_000


def as_count(value: Any) -> tuple[int, bool] | None:
    """(value, approximate) for a counter given as an int or a numeric string, or None.

    Floats, booleans and negative numbers are damaged values, never counters.
    """
    exact = values.as_count(value)
    if exact is not None:
        return exact, False
    if isinstance(value, str):
        text = value.strip()
        return parse_count(text) if text and not text.startswith("-") else None
    return None


def epoch_to_iso(value: Any) -> str | None:
    """Epoch seconds (int or digit string) as UTC ISO-8601 with a Z, or None when not a plausible time."""
    return values.epoch_to_iso(value, _EPOCH_MIN)
