"""Market-share comparisons: per period × platform × brand figures and shares, stored in `share_snapshot`.

A post belongs to the period holding its publication time (its first sighting when the platform gave
none). Its counters are those of its latest engagement snapshot observed within the period (never a
sum of snapshots); hidden counters stay unknown (NULL) and each figure records how many posts had a
value. Same-age figures read each post's counters at a fixed age after publication, interpolated
linearly between the two snapshots around that age. Everything heavy runs as SQL aggregates, one
statement per kind of figure for all requested periods; only the per-group results are combined here.

Definitions (which counters make up engagement on each platform, CPMs for earned media value) come
from the engagement plugin's settings; every stored figure carries its metric's `definition_version`
and, in `sample`, the parameters used and the coverage behind it (posts, targets, crawl runs).
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from itertools import pairwise
from typing import Any

from sqlalchemy import (
    CTE,
    Float,
    Integer,
    Select,
    String,
    and_,
    case,
    cast,
    delete,
    distinct,
    func,
    insert,
    literal,
    not_,
    null,
    or_,
    select,
    true,
    union_all,
)
from sqlalchemy.engine import Connection
from sqlalchemy.sql import ColumnElement
from sqlmodel import Session

from plugins.engagement.settings import PlatformRates, Settings, build
from store import models
from store.types import UTCDateTime

_TABLES = models.SQLModel.metadata.tables
POST = _TABLES["post"]
SNAPSHOT = _TABLES["engagement_snapshot"]
SIGHTING = _TABLES["sighting"]
SHARE = _TABLES["share_snapshot"]

ALL = "*"
GRANULARITIES: tuple[str, ...] = ("day", "week", "month", "custom")
DEFAULT_AGES: tuple[int, ...] = (24 * 3600, 7 * 24 * 3600)
SAMPLE_LIST_LIMIT = 20
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


# --- periods ------------------------------------------------------------------------------------


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


# --- definitions --------------------------------------------------------------------------------


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


# --- dialect: the one place where SQLite and PostgreSQL differ -----------------------------------


def _seconds_between(
    dialect: str, later: ColumnElement[Any], earlier: ColumnElement[Any]
) -> ColumnElement[Any]:
    """Seconds from `earlier` to `later`, rounded to the millisecond, as a float."""
    if dialect == "postgresql":
        diff = func.extract("epoch", later) - func.extract("epoch", earlier)
        return cast(func.round(diff, 3), Float)
    return func.round((func.julianday(later) - func.julianday(earlier)) * 86400.0, 3)


def _brand_elements(dialect: str, brands: ColumnElement[Any]) -> Any:
    """A table-valued function yielding one `value` row per element of a JSON list of brands."""
    if dialect == "postgresql":
        return func.jsonb_array_elements_text(brands).table_valued("value")
    return func.json_each(brands).table_valued("value")


# --- SQL ----------------------------------------------------------------------------------------


def _periods_cte(periods: Sequence[Period]) -> CTE:
    rows = [
        select(
            literal(i, Integer).label("bucket"),
            literal(p.start, UTCDateTime).label("p_start"),
            literal(p.end, UTCDateTime).label("p_end"),
        )
        for i, p in enumerate(periods)
    ]
    return (union_all(*rows) if len(rows) > 1 else rows[0]).cte("periods")


def _members_cte(periods: Sequence[Period]) -> CTE:
    """Posts published (or first seen) in one of the periods, with the period's bucket and bounds."""
    per = _periods_cte(periods)
    when = func.coalesce(POST.c.published_at, POST.c.first_seen_at)
    return (
        select(
            POST.c.id,
            POST.c.platform,
            POST.c.author,
            POST.c.sponsored,
            POST.c.disclosed,
            POST.c.brands,
            POST.c.published_at,
            per.c.bucket,
            per.c.p_start,
            per.c.p_end,
        )
        .select_from(POST)
        .join(per, and_(when >= per.c.p_start, when < per.c.p_end))
        .where(when >= min(p.start for p in periods), when < max(p.end for p in periods))
        .cte("members")
    )


def _known_sum(columns: Sequence[ColumnElement[Any]]) -> ColumnElement[Any]:
    """Sum of the known values; NULL only when every one is unknown."""
    if not columns:
        return null()
    total: ColumnElement[Any] = func.coalesce(columns[0], 0)
    for col in columns[1:]:
        total = total + func.coalesce(col, 0)
    return case((and_(*(c.is_(None) for c in columns)), null()), else_=total)


def _engagement(defs: Definitions, platform: ColumnElement[Any], cols: Any) -> ColumnElement[Any]:
    """Engagements of one row under each platform's counter definition."""
    whens = [
        (platform == name, _known_sum([cols[c] for c in defs.rates(name).counters]))
        for name in sorted(defs.settings.overrides)
    ]
    default = _known_sum([cols[c] for c in defs.settings.default.counters])
    return case(*whens, else_=default) if whens else default


def _tags_cte(dialect: str, members: CTE) -> CTE:
    """(post, brand) pairs: every member under "*", and once under each distinct brand it names."""
    elements = _brand_elements(dialect, members.c.brands)
    everyone = select(members.c.id.label("post_pk"), literal(ALL, String).label("brand"))
    named = (
        select(members.c.id.label("post_pk"), cast(elements.c.value, String).label("brand"))
        .select_from(members)
        .join(elements, true())
        .distinct()
    )
    return union_all(everyone, named).cte("tags")


def _figures_query(dialect: str, defs: Definitions, members: CTE, tags: CTE) -> Select[Any]:
    """One pass over the members' snapshots, in time order per post, for every figure but coverage.

    Per post, the window finds its latest snapshot within the period (the next one is past the
    period's end, or there is none), and for each age the snapshot read exactly at that age or the
    pair around it to interpolate between (both must show the counter). Posts are reduced to one row
    each before they meet their brands, so the brand fan-out multiplies posts, not snapshots.
    """
    snap = SNAPSHOT
    base = (
        select(
            *(
                members.c[k]
                for k in ("id", "bucket", "platform", "author", "sponsored", "disclosed", "p_start", "p_end")
            ),
            snap.c.id.label("sid"),
            snap.c.observed_at,
            snap.c.views,
            _engagement(defs, members.c.platform, snap.c).label("eng"),
            _seconds_between(dialect, snap.c.observed_at, members.c.published_at).label("age"),
        )
        .select_from(members.outerjoin(snap, snap.c.post_pk == members.c.id))
        .subquery("base")
    )
    b = base.c
    w: dict[str, Any] = {"partition_by": b.id, "order_by": (b.observed_at, b.sid)}
    timeline = select(
        *b,
        func.lead(b.observed_at).over(**w).label("next_at"),
        func.lag(b.observed_at).over(**w).label("prev_at"),
        func.lead(b.age).over(**w).label("next_age"),
        func.lead(b.views).over(**w).label("next_views"),
        func.lead(b.eng).over(**w).label("next_eng"),
    ).subquery("timeline")
    t = timeline.c
    # The counters as of the period's end: the latest snapshot before it, or, for a post first
    # crawled after the period (a backfill), its first snapshot, the one closest to the end.
    latest = or_(
        and_(t.observed_at < t.p_end, or_(t.next_at.is_(None), t.next_at >= t.p_end)),
        and_(t.prev_at.is_(None), t.observed_at >= t.p_end),
    )
    per_post_cols: list[Any] = [
        func.max(case((latest, t.views))).label("views"),
        func.max(case((latest, t.eng))).label("eng"),
    ]
    age_names = []
    for a in defs.ages:
        exact = and_(t.age == a, or_(t.next_age.is_(None), t.next_age > a))
        between = and_(t.age < a, t.next_age > a)
        for counter, value, following in (
            ("views", t.views, t.next_views),
            ("engagements", t.eng, t.next_eng),
        ):
            v, nv = cast(value, Float), cast(following, Float)
            name = f"{counter}_at_{age_label(a)}"
            at = case((exact, v), (between, v + (nv - v) * (a - t.age) / (t.next_age - t.age)))
            per_post_cols.append(func.max(at).label(name))
            age_names.append(name)
    keys = (t.id, t.bucket, t.platform, t.author, t.sponsored, t.disclosed)
    per_post = select(*keys, *per_post_cols).group_by(*keys).subquery("per_post")
    r = per_post.c
    sp = r.sponsored
    any_known = or_(r.views.is_not(None), r.eng.is_not(None))
    cols: list[Any] = [
        r.bucket,
        r.platform,
        tags.c.brand,
        func.count().label("posts"),
        func.count(r.author).label("with_author"),
        func.count(distinct(r.author)).label("creators"),
        func.sum(r.views).label("views"),
        func.count(r.views).label("n_views"),
        func.sum(r.eng).label("eng"),
        func.count(r.eng).label("n_eng"),
        func.sum(case((any_known, 1), else_=0)).label("n_any"),
        func.sum(case((sp, 1), else_=0)).label("sponsored"),
        func.sum(case((sp, r.views))).label("s_views"),
        func.count(case((sp, r.views))).label("s_n_views"),
        func.sum(case((sp, r.eng))).label("s_eng"),
        func.count(case((sp, r.eng))).label("s_n_eng"),
        func.sum(case((and_(sp, any_known), 1), else_=0)).label("s_n_any"),
        func.sum(case((and_(sp, r.disclosed), 1), else_=0)).label("disclosed"),
    ]
    for name in age_names:
        for group, cond in (("sponsored", sp), ("organic", not_(sp))):
            picked = case((cond, r[name]))
            cols += [
                func.sum(picked).label(f"{group}_sum_{name}"),
                func.count(picked).label(f"{group}_n_{name}"),
            ]
    return (
        select(*cols)
        .select_from(per_post.join(tags, tags.c.post_pk == r.id))
        .group_by(r.bucket, r.platform, tags.c.brand)
    )


def _coverage_query(members: CTE) -> Select[Any]:
    return (
        select(members.c.bucket, members.c.platform, SIGHTING.c.target, SIGHTING.c.crawl_run_id)
        .select_from(members.join(SIGHTING, SIGHTING.c.post_pk == members.c.id))
        .where(SIGHTING.c.seen_at >= members.c.p_start, SIGHTING.c.seen_at < members.c.p_end)
        .distinct()
    )


# --- assembling figures from group aggregates ---------------------------------------------------


@dataclass
class _Figure:
    value: float
    with_value: int
    posts: int
    total: float = 0.0  # the numerator sum behind a mean
    params: dict[str, Any] = field(default_factory=dict)


_Key = tuple[int, str, str]  # bucket, platform, brand


def _int(value: Any) -> int:
    return int(value or 0)


def _emv(rates: PlatformRates, views: int, n_views: int, eng: int, n_any: int) -> tuple[float, int]:
    """Sum of per-post EMV over a platform group and how many posts had one (as the plugin values it)."""
    with_value = n_any if rates.cpe > 0 else n_views
    return views * rates.cpm / 1000 + eng * rates.cpe, with_value


def _platform_figures(defs: Definitions, row: Mapping[Any, Any]) -> dict[str, _Figure]:
    rates = defs.rates(row["platform"])
    posts, sponsored = _int(row["posts"]), _int(row["sponsored"])
    eng_params = {"counters": {row["platform"]: list(rates.counters)}}
    emv_params = {
        "cpm": {row["platform"]: rates.cpm},
        "cpe": {row["platform"]: rates.cpe},
        "currency": defs.settings.currency,
    }
    out = {
        "posts": _Figure(posts, posts, posts),
        "creators": _Figure(_int(row["creators"]), _int(row["with_author"]), posts),
        "sponsored_posts": _Figure(sponsored, posts, posts),
        "organic_posts": _Figure(posts - sponsored, posts, posts),
        "disclosed_posts": _Figure(_int(row["disclosed"]), sponsored, posts),
    }
    for prefix, n, tag in (("", posts, ""), ("sponsored_", sponsored, "s_")):
        if _int(row[f"{tag}n_views"]):
            out[f"{prefix}views"] = _Figure(_int(row[f"{tag}views"]), _int(row[f"{tag}n_views"]), n)
        if _int(row[f"{tag}n_eng"]):
            out[f"{prefix}engagements"] = _Figure(
                _int(row[f"{tag}eng"]), _int(row[f"{tag}n_eng"]), n, params=eng_params
            )
        emv, with_emv = _emv(
            rates,
            _int(row[f"{tag}views"]),
            _int(row[f"{tag}n_views"]),
            _int(row[f"{tag}eng"]),
            _int(row[f"{tag}n_any"]),
        )
        if with_emv:
            out[f"{prefix}emv"] = _Figure(emv, with_emv, n, params=emv_params)
    groups = {"sponsored": sponsored, "organic": posts - sponsored}
    for a in defs.ages:
        for counter in ("views", "engagements"):
            name = f"{counter}_at_{age_label(a)}"
            params: dict[str, Any] = {"age_seconds": a, "method": AGE_METHOD}
            if counter == "engagements":
                params.update(eng_params)
            for group, group_posts in groups.items():
                n = _int(row[f"{group}_n_{name}"])
                if n:
                    total = float(row[f"{group}_sum_{name}"])
                    _add(out, {f"{group}_{name}": _Figure(0.0, n, group_posts, total, params)})
                    _add(out, {name: _Figure(0.0, n, 0, total, params)})
            if name in out:
                out[name].posts = posts
    return out


def _merge_params(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    out = dict(a)
    for key, value in b.items():
        out[key] = {**out.get(key, {}), **value} if isinstance(value, dict) else value
    return out


def _add(target: dict[str, _Figure], figures: Mapping[str, _Figure]) -> None:
    for name, fig in figures.items():
        known = target.get(name)
        if known is None:
            target[name] = _Figure(fig.value, fig.with_value, fig.posts, fig.total, dict(fig.params))
        else:
            known.value += fig.value
            known.with_value += fig.with_value
            known.posts += fig.posts
            known.total += fig.total
            known.params = _merge_params(known.params, fig.params)


def _finish(figures: dict[str, _Figure], metrics: Mapping[str, Metric]) -> None:
    """Derive ratios and means from the summed parts of a group."""
    sponsored = figures.get("sponsored_posts")
    if sponsored is not None and sponsored.value > 0:
        disclosed = figures["disclosed_posts"].value
        figures["disclosed_share"] = _Figure(
            disclosed / sponsored.value, int(sponsored.value), sponsored.posts
        )
    for name, fig in figures.items():
        if metrics[name].kind == "mean":
            fig.value = fig.total / fig.with_value


def _shares(by_key: Mapping[_Key, dict[str, _Figure]], metrics: Mapping[str, Metric]) -> dict[tuple, float]:
    """Platform share of the all-platform total (brand "*"); brand share of voice within a platform."""
    brand_totals: dict[tuple[int, str, str], float] = defaultdict(float)
    for (bucket, platform, brand), figures in by_key.items():
        if brand != ALL:
            for name, fig in figures.items():
                brand_totals[(bucket, platform, name)] += fig.value
    out: dict[tuple, float] = {}
    for (bucket, platform, brand), figures in by_key.items():
        for name, fig in figures.items():
            if metrics[name].kind != "sum":
                continue
            if brand == ALL:
                if platform == ALL:
                    continue
                whole = by_key.get((bucket, ALL, ALL), {}).get(name)
                denominator = whole.value if whole else 0.0
            else:
                denominator = brand_totals[(bucket, platform, name)]
            if denominator > 0:
                out[(bucket, platform, brand, name)] = fig.value / denominator
    return out


def _limited(values: Iterable[Any]) -> tuple[list[Any], int]:
    items = sorted({v for v in values if v is not None})
    return items[:SAMPLE_LIST_LIMIT], len(items)


# --- public API ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ShareRow:
    """One stored figure, as read back from `share_snapshot`."""

    granularity: str
    period_start: datetime
    period_end: datetime
    platform: str
    brand: str
    metric: str
    value: float
    share: float | None
    definition_version: int
    sample: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping (times as UTC ISO-8601)."""
        return {
            "granularity": self.granularity,
            "period_start": self.period_start.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "period_end": self.period_end.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "platform": self.platform,
            "brand": self.brand,
            "metric": self.metric,
            "value": self.value,
            "share": self.share,
            "definition_version": self.definition_version,
            "posts": self.sample.get("posts"),
            "with_value": self.sample.get("with_value"),
        }


def _check(periods: Sequence[Period]) -> list[Period]:
    ordered = sorted(set(periods))
    for p in ordered:
        if p.granularity not in GRANULARITIES:
            raise ValueError(f"unknown granularity {p.granularity!r}")
        if p.end <= p.start:
            raise ValueError(f"empty period {p.label}")
    for a, b in pairwise(ordered):
        if b.start < a.end:
            raise ValueError(f"periods {a.label} and {b.label} overlap: compute them separately")
    return ordered


def _compute_rows(conn: Connection, periods: Sequence[Period], defs: Definitions) -> list[dict[str, Any]]:
    dialect = conn.dialect.name
    members = _members_cte(periods)
    tags = _tags_cte(dialect, members)
    metrics = defs.metrics
    by_key: dict[_Key, dict[str, _Figure]] = defaultdict(dict)
    for row in conn.execute(_figures_query(dialect, defs, members, tags)).mappings():
        by_key[(row["bucket"], row["platform"], row["brand"])] = _platform_figures(defs, row)
    targets: dict[tuple[int, str], set[str]] = defaultdict(set)
    runs: dict[tuple[int, str], set[int]] = defaultdict(set)
    for bucket, platform, target, run in conn.execute(_coverage_query(members)):
        targets[(bucket, platform)].add(target)
        runs[(bucket, platform)].add(run)
    for (bucket, platform, brand), figures in list(by_key.items()):
        _add(by_key[(bucket, ALL, brand)], figures)
        targets[(bucket, ALL)] |= targets[(bucket, platform)]
        runs[(bucket, ALL)] |= runs[(bucket, platform)]
    for figures in by_key.values():
        _finish(figures, metrics)
    shares = _shares(by_key, metrics)
    now = datetime.now(UTC)
    platforms_of: dict[tuple[int, str], list[str]] = defaultdict(list)
    for bucket, platform, brand in by_key:
        if platform != ALL:
            platforms_of[(bucket, brand)].append(platform)
    rows = []
    for (bucket, platform, brand), figures in sorted(by_key.items()):
        period = periods[bucket]
        target_list, target_total = _limited(targets[(bucket, platform)])
        run_list, run_total = _limited(runs[(bucket, platform)])
        for name, fig in sorted(figures.items()):
            sample: dict[str, Any] = {
                "posts": fig.posts,
                "with_value": fig.with_value,
                "targets": target_list,
                "targets_total": target_total,
                "crawl_runs": run_list,
                "crawl_runs_total": run_total,
            }
            if platform == ALL:
                sample["platforms"] = sorted(platforms_of[(bucket, brand)])
            if fig.params:
                sample["params"] = fig.params
            rows.append(
                {
                    "period_start": period.start,
                    "period_end": period.end,
                    "granularity": period.granularity,
                    "platform": platform,
                    "brand": brand,
                    "metric": name,
                    "value": round(fig.value, 6),
                    "share": shares.get((bucket, platform, brand, name)),
                    "definition_version": metrics[name].version,
                    "sample": sample,
                    "computed_at": now,
                }
            )
    return rows


def _stored(period: Period) -> ColumnElement[bool]:
    """The stored rows of one period (its granularity, start and end)."""
    return and_(
        SHARE.c.granularity == period.granularity,
        SHARE.c.period_start == period.start,
        SHARE.c.period_end == period.end,
    )


def compute(session: Session, periods: Sequence[Period], definitions: Definitions | None = None) -> int:
    """Compute and store the figures of `periods`, replacing what was stored for them; return the row count.

    Periods of one call must not overlap (a post belongs to one period). One transaction: the
    period's old rows are deleted and the new ones inserted together, so a recompute is exact.
    """
    ordered = _check(periods)
    if not ordered:
        return 0
    defs = definitions or default_definitions()
    conn = session.connection()
    try:
        rows = _compute_rows(conn, ordered, defs)
        for p in ordered:
            conn.execute(delete(SHARE).where(_stored(p)))
        if rows:
            conn.execute(insert(SHARE), rows)
        session.commit()
    except BaseException:
        session.rollback()
        raise
    return len(rows)


def read(
    session: Session,
    periods: Sequence[Period],
    *,
    platforms: Sequence[str] | None = None,
    brands: Sequence[str] | None = None,
    metrics: Sequence[str] | None = None,
) -> list[ShareRow]:
    """Return the stored figures of `periods`, optionally only some platforms, brands, metrics; sorted."""
    if not periods:
        return []
    stmt = select(SHARE).where(or_(*(_stored(p) for p in periods)))
    if platforms:
        stmt = stmt.where(SHARE.c.platform.in_(list(platforms)))
    if brands:
        stmt = stmt.where(SHARE.c.brand.in_(list(brands)))
    if metrics:
        stmt = stmt.where(SHARE.c.metric.in_(list(metrics)))
    stmt = stmt.order_by(SHARE.c.period_start, SHARE.c.platform, SHARE.c.brand, SHARE.c.metric)
    return [
        ShareRow(
            granularity=r["granularity"],
            period_start=r["period_start"],
            period_end=r["period_end"],
            platform=r["platform"],
            brand=r["brand"],
            metric=r["metric"],
            value=r["value"],
            share=r["share"],
            definition_version=r["definition_version"],
            sample=dict(r["sample"]),
        )
        for r in session.connection().execute(stmt).mappings()
    ]
