"""YouTube's own reads of JSON values: text objects, video ids, counters as text, times and durations."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from typing import Any

from plugins.numbers import parse_count
from plugins.values import as_count, as_text, datetime_iso, dig

_VIDEO_ID = re.compile(r"^[\w-]{11}$")
_CLOCK = re.compile(r"^(?:(\d{1,3}):)?(\d{1,2}):(\d{2})$")
_ISO_DURATION = re.compile(r"^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$")
_DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def as_video_id(value: Any) -> str | None:
    """An 11-character YouTube video id, or None."""
    return value if isinstance(value, str) and _VIDEO_ID.match(value) else None


def text_of(value: Any) -> str | None:
    """The text of a YouTube text object: a string, {simpleText}, {runs: [{text}]} or {content}."""
    if isinstance(value, str):
        return value or None
    if not isinstance(value, dict):
        return None
    simple = value.get("simpleText")
    if isinstance(simple, str):
        return simple or None
    content = value.get("content")
    if isinstance(content, str):
        return content or None
    runs = value.get("runs")
    if isinstance(runs, list):
        joined = "".join(r["text"] for r in runs if isinstance(r, dict) and isinstance(r.get("text"), str))
        return joined or None
    return None


def label_of(value: Any) -> str | None:
    """The accessibility label of a text object ({accessibility: {accessibilityData: {label}}})."""
    return as_text(dig(value, "accessibility", "accessibilityData", "label"))


def text_count(value: Any) -> tuple[int, bool] | None:
    """(value, approximate) of a counter written as text ("1.077.715 visualizaciones", "36K"), or None."""
    text = value if isinstance(value, str) else text_of(value)
    if not text or text.lstrip().startswith("-"):
        return None
    return parse_count(text)


def to_utc(value: Any) -> str | None:
    """An ISO-8601 time (with offset or Z, or a bare date) as UTC "YYYY-MM-DDTHH:MM:SSZ", or None.

    A bare date ("2006-04-04", as 2020-era pages give it) becomes midnight UTC of that date.
    """
    if not isinstance(value, str) or not value:
        return None
    text = value.strip()
    try:
        if _DATE_ONLY.match(text):
            return f"{date.fromisoformat(text).isoformat()}T00:00:00Z"
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return datetime_iso(parsed.astimezone(UTC))


def duration_seconds(value: Any) -> int | None:
    """Seconds from "381", 381, "1:07:34" or "PT21M7S", or None."""
    exact = as_count(value)
    if exact is not None:
        return exact
    if not isinstance(value, str):
        return None
    text = value.strip()
    clock = _CLOCK.match(text)
    if clock:
        hours, minutes, seconds = (int(g) if g else 0 for g in clock.groups())
        return hours * 3600 + minutes * 60 + seconds
    iso = _ISO_DURATION.match(text)
    if iso and any(iso.groups()):
        days, hours, minutes, seconds = (int(g) if g else 0 for g in iso.groups())
        # The Data API writes "P0D" for live and upcoming broadcasts: no duration yet.
        return days * 86400 + hours * 3600 + minutes * 60 + seconds or None
    return None
