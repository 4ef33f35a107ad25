"""Growth between engagement snapshots of one post: deltas and rates per hour, oldest to newest."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

from plugins.post import COUNTERS


def _when(value: Any) -> datetime | None:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, str) and value:
        try:
            parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return None
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    return None


def _count(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def growth(
    snapshots: Iterable[Mapping[str, Any]], counters: tuple[str, ...] = COUNTERS
) -> list[dict[str, Any]]:
    """Per consecutive pair of snapshots (by `observed_at`): hours, delta, per-hour rate, relative change.

    A snapshot is a mapping with `observed_at` (ISO-8601 or datetime) and counters; snapshots without
    a readable time are skipped, and a counter unknown at either end gives None, never 0.
    """
    timed = sorted(
        ((when, snap) for snap in snapshots if (when := _when(snap.get("observed_at"))) is not None),
        key=lambda pair: pair[0],
    )
    out: list[dict[str, Any]] = []
    for (t0, a), (t1, b) in itertools.pairwise(timed):
        hours = (t1 - t0).total_seconds() / 3600
        deltas: dict[str, int | None] = {}
        per_hour: dict[str, float | None] = {}
        relative: dict[str, float | None] = {}
        for name in counters:
            before, after = _count(a.get(name)), _count(b.get(name))
            delta = after - before if before is not None and after is not None else None
            deltas[name] = delta
            per_hour[name] = round(delta / hours, 4) if delta is not None and hours > 0 else None
            relative[name] = round(delta / before, 6) if delta is not None and before else None
        out.append(
            {
                "from": t0.isoformat().replace("+00:00", "Z"),
                "to": t1.isoformat().replace("+00:00", "Z"),
                "hours": round(hours, 4),
                "delta": deltas,
                "per_hour": per_hour,
                "relative": relative,
            }
        )
    return out
