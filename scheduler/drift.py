"""Drift alerts: a platform whose per-field missing counters or error rate jump against its recent runs,
the sign that its page layout changed."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import median
from typing import Any

THRESHOLD = 0.25  # a field missing in 25 % more of the posts than usual
MIN_HISTORY = 2  # earlier runs needed before a jump means anything
HISTORY = 10


@dataclass(frozen=True)
class DriftAlert:
    """One field (or the error rate) of one platform and kind of crawl that jumped in the last run."""

    platform: str
    kind: str
    field: str
    last: float
    usual: float
    run_id: int | None

    def describe(self) -> str:
        """One line for the status output."""
        what = "error rate" if self.field == "errors" else f"{self.field} missing"
        return (
            f"{self.platform} ({self.kind} crawls): {what} in {self.last:.0%} of the last run "
            f"(usually {self.usual:.0%}; run {self.run_id}) — has the page layout changed?"
        )


def _fractions(run: Any) -> dict[str, float]:
    out: dict[str, float] = {}
    missing = run.missing or {}
    # Missing counts cover every post parsed, including those past max_posts that were not stored, so
    # the larger of the two counts stands for the posts seen.
    seen = max([run.posts, *missing.values()])
    if seen:
        for name, count in missing.items():
            out[name] = count / seen
    out["errors"] = run.errors / max(1, run.pages + run.errors)
    return out


def drift_alerts(runs: Sequence[Any], threshold: float = THRESHOLD) -> list[DriftAlert]:
    """Alerts from finished runs (any order): per platform and target kind, last run vs recent median."""
    groups: dict[tuple[str, str], list[Any]] = defaultdict(list)
    for run in runs:
        if run.status in ("ok", "failed"):
            groups[(run.platform, run.target_kind)].append(run)
    alerts = []
    for (platform, kind), members in sorted(groups.items()):
        members.sort(key=lambda r: (r.started_at, r.id or 0))
        last, earlier = members[-1], members[-1 - HISTORY : -1]
        if len(earlier) < MIN_HISTORY:
            continue
        now = _fractions(last)
        before = [_fractions(r) for r in earlier]
        for name in sorted(set(now) | {n for b in before for n in b}):
            usual = median(b.get(name, 0.0) for b in before)
            value = now.get(name, 0.0)
            if value - usual > threshold:
                alerts.append(DriftAlert(platform, kind, name, value, usual, last.id))
    return alerts
