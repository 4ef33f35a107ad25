"""Comparison periods: days, ISO weeks (Monday 00:00 UTC), calendar months and custom ranges."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

GRANULARITIES: tuple[str, ...] = ("day", "week", "month", "custom")


@dataclass(frozen=True, slots=True, order=True)
class Period:
    """A half-open time range [start, end) and how it was cut (day, week, month or custom)."""

    start: datetime
    end: datetime
    granularity: str

    @property
    def label(self) -> str:
        """A short human name: 2025-11-10 (day/week), 2025-11 (month), start..end (custom)."""
        if self.granularity == "month":
            return self.start.strftime("%Y-%m")
        if self.granularity in ("day", "week"):
            return self.start.strftime("%Y-%m-%d")
        return f"{self.start:%Y-%m-%d %H:%M}..{self.end:%Y-%m-%d %H:%M}"


def _utc(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def period_of(granularity: str, when: datetime) -> Period:
    """Return the day, ISO week (Monday 00:00 UTC) or calendar month holding `when`."""
    when = _utc(when)
    day = when.replace(hour=0, minute=0, second=0, microsecond=0)
    if granularity == "day":
        return Period(day, day + timedelta(days=1), "day")
    if granularity == "week":
        start = day - timedelta(days=day.weekday())
        return Period(start, start + timedelta(days=7), "week")
    if granularity == "month":
        start = day.replace(day=1)
        days = calendar.monthrange(start.year, start.month)[1]
        return Period(start, start + timedelta(days=days), "month")
    raise ValueError(f"granularity must be day, week or month, not {granularity!r}")


def periods_between(granularity: str, since: datetime, until: datetime) -> list[Period]:
    """Return the whole periods of `granularity` that overlap [since, until), oldest first."""
    since, until = _utc(since), _utc(until)
    if until <= since:
        raise ValueError("until must be after since")
    out = [period_of(granularity, since)]
    while out[-1].end < until:
        out.append(period_of(granularity, out[-1].end))
    return out


def custom_period(since: datetime, until: datetime) -> Period:
    """Return the custom period [since, until)."""
    since, until = _utc(since), _utc(until)
    if until <= since:
        raise ValueError("until must be after since")
    return Period(since, until, "custom")
