"""What each comparison metric means (kind, definition version, one line) and the definitions
(engagement counters, CPM/CPE per platform, same-age ages) the figures are computed with."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from plugins.engagement.settings import PlatformRates, Settings, build

DEFAULT_AGES: tuple[int, ...] = (24 * 3600, 7 * 24 * 3600)
AGE_METHOD = "read at the age, else linear between the two snapshots around it (both showing the counter)"


@dataclass(frozen=True, slots=True)
class Metric:
    """What a stored metric means: how it combines, its definition version, one line of meaning."""

    name: str
    kind: str  # "sum" (additive, has shares), "ratio" or "mean"
    version: int
    description: str


AS_OF_END = (
    "as of the period's end: each post's latest snapshot before the end, or, for a post first "
    "crawled after the period, its first snapshot"
)


def _metrics(ages: Sequence[int]) -> dict[str, Metric]:
    m = [
        Metric("posts", "sum", 1, "Posts published in the period (first sighting when no date)."),
        Metric("creators", "sum", 1, "Distinct authors of those posts (posts without author not counted)."),
        Metric("views", "sum", 2, f"Views {AS_OF_END}; hidden views unknown."),
        Metric(
            "engagements",
            "sum",
            2,
            "Sum of the platform's engagement counters (default likes, comments, shares, saves) "
            f"{AS_OF_END}.",
        ),
        Metric("emv", "sum", 2, "Earned media value: views × CPM / 1000 + engagements × CPE, per platform."),
        Metric("sponsored_posts", "sum", 1, "Posts judged sponsored (commercial content)."),
        Metric("organic_posts", "sum", 1, "Posts not judged sponsored."),
        Metric("sponsored_views", "sum", 2, "Views of sponsored posts."),
        Metric("sponsored_engagements", "sum", 2, "Engagements of sponsored posts."),
        Metric("sponsored_emv", "sum", 2, "Earned media value of sponsored posts."),
        Metric("disclosed_posts", "sum", 1, "Sponsored posts carrying a label or disclosure marker."),
        Metric("disclosed_share", "ratio", 1, "Disclosed sponsored posts / sponsored posts."),
    ]
    for age in ages:
        label = age_label(age)
        for counter in ("views", "engagements"):
            for group, who in (
                ("", "all posts"),
                ("sponsored_", "sponsored posts"),
                ("organic_", "organic posts"),
            ):
                m.append(
                    Metric(
                        f"{group}{counter}_at_{label}",
                        "mean",
                        1,
                        f"Mean {counter} of {who} {label} after publication, read or interpolated "
                        "linearly between the snapshots around that age.",
                    )
                )
    return {metric.name: metric for metric in m}


def age_label(seconds: int) -> str:
    """Name an age for metric names: 86400 -> "24h", 604800 -> "7d", 5400 -> "5400s"."""
    if seconds >= 2 * 86400 and seconds % 86400 == 0:
        return f"{seconds // 86400}d"
    if seconds % 3600 == 0:
        return f"{seconds // 3600}h"
    return f"{seconds}s"


METRICS: dict[str, Metric] = _metrics(DEFAULT_AGES)


@dataclass(frozen=True)
class Definitions:
    """How figures are defined: engagement counters and CPM/CPE per platform, and same-age ages."""

    settings: Settings
    ages: tuple[int, ...] = DEFAULT_AGES

    def rates(self, platform: str) -> PlatformRates:
        """The counters and rates of one platform."""
        return self.settings.rates(platform)

    @property
    def metrics(self) -> dict[str, Metric]:
        """Every metric these definitions produce."""
        return METRICS if self.ages == DEFAULT_AGES else _metrics(self.ages)


def default_definitions(ages: Sequence[int] = DEFAULT_AGES) -> Definitions:
    """Definitions from the engagement settings (rates.json, then REELSCOPE_CPM/CPE/CURRENCY)."""
    if any(a <= 0 for a in ages):
        raise ValueError("ages must be positive numbers of seconds")
    return Definitions(build(), tuple(sorted(set(ages))))
