"""Chart data drawn from stored figures: share over time per platform, sponsored vs organic, disclosure."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from store.compare import ALL, METRICS, ShareRow


@dataclass(frozen=True, slots=True)
class Chart:
    """A stacked bar chart: one bar per category, one stacked segment per series."""

    title: str
    categories: list[str]
    series: dict[str, list[float]]
    percent: bool = False

    @property
    def empty(self) -> bool:
        """True when there is nothing to draw."""
        return not self.categories or not any(any(v) for v in self.series.values())


def _label(row: ShareRow) -> str:
    if row.granularity == "month":
        return row.period_start.strftime("%Y-%m")
    if row.granularity == "custom":
        return f"{row.period_start:%Y-%m-%d}..{row.period_end:%Y-%m-%d}"
    return row.period_start.strftime("%Y-%m-%d")


def share_metric(metrics: Sequence[str] | None) -> str:
    """The metric whose platform shares are charted: the first additive one asked for, else engagements."""
    for name in metrics or ():
        if name in METRICS and METRICS[name].kind == "sum":
            return name
    return "engagements"


def platform_share(rows: Sequence[ShareRow], metric: str) -> Chart:
    """Each platform's share of the all-platform total, per period (stacked to 100%)."""
    periods = sorted({(r.period_start, _label(r)) for r in rows})
    index = {label: i for i, (_, label) in enumerate(periods)}
    series: dict[str, list[float]] = defaultdict(lambda: [0.0] * len(periods))
    for r in rows:
        if r.metric == metric and r.brand == ALL and r.platform != ALL and r.share is not None:
            series[r.platform][index[_label(r)]] = r.share
    return Chart(
        f"Share of {metric} by platform", [label for _, label in periods], dict(sorted(series.items())), True
    )


def sponsored_vs_organic(rows: Sequence[ShareRow], platform: str = ALL) -> Chart:
    """Sponsored and organic posts per period (all platforms, or one)."""
    periods = sorted({(r.period_start, _label(r)) for r in rows})
    index = {label: i for i, (_, label) in enumerate(periods)}
    series = {"sponsored": [0.0] * len(periods), "organic": [0.0] * len(periods)}
    for r in rows:
        if r.platform == platform and r.brand == ALL and r.metric in ("sponsored_posts", "organic_posts"):
            series[r.metric.removesuffix("_posts")][index[_label(r)]] = r.value
    where = "all platforms" if platform == ALL else platform
    return Chart(f"Sponsored vs organic posts ({where})", [label for _, label in periods], series)


def disclosure(rows: Sequence[ShareRow]) -> Chart:
    """Disclosed and undisclosed sponsored posts per platform, over all the periods shown."""
    sponsored: dict[str, float] = defaultdict(float)
    disclosed: dict[str, float] = defaultdict(float)
    for r in rows:
        if r.brand == ALL and r.platform != ALL:
            if r.metric == "sponsored_posts":
                sponsored[r.platform] += r.value
            elif r.metric == "disclosed_posts":
                disclosed[r.platform] += r.value
    platforms = sorted(p for p, n in sponsored.items() if n)
    return Chart(
        "Sponsored posts: disclosed vs undisclosed",
        platforms,
        {
            "disclosed": [disclosed[p] for p in platforms],
            "undisclosed": [sponsored[p] - disclosed[p] for p in platforms],
        },
    )


def standard(rows: Sequence[ShareRow], metrics: Sequence[str] | None = None) -> list[Chart]:
    """The three charts of a report."""
    return [platform_share(rows, share_metric(metrics)), sponsored_vs_organic(rows), disclosure(rows)]
