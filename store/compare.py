"""Market-share comparisons: per period × platform × brand figures and shares, stored in `share_snapshot`.

A post belongs to the period holding its publication time (its first sighting when the platform gave
none). Its counters are those of its latest engagement snapshot observed within the period (never a
sum of snapshots); hidden counters stay unknown (NULL) and each figure records how many posts had a
value. Same-age figures read each post's counters at a fixed age after publication, interpolated
linearly between the two snapshots around that age. Everything heavy runs as SQL aggregates over all
requested periods at once (sums per list of brands, distinct creators, coverage); only the per-group
results are combined, and fanned out to brands, here. Each post's snapshots are found by a few walks
of the (post_pk, observed_at) index on SQLite and by one window pass on PostgreSQL: the same snapshots
either way, and the same figures (tests/compare/test_backends.py). The queries run on one
connection per core at once (REELSCOPE_COMPARE_THREADS): creators and coverage as a task each, the
group sums in slices of the posts that add up; the figures are those of one connection.

Periods (store/periods.py) and what each metric means (store/metrics.py) live in their own modules;
the names callers use are re-exported here ("import X as X").

Definitions (which counters make up engagement on each platform, CPMs for earned media value) come
from the engagement plugin's settings; every stored figure carries its metric's `definition_version`
and, in `sample`, the parameters used and the coverage behind it (posts, targets, crawl runs).
"""

from __future__ import annotations

import json
import os
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import chain, pairwise
from typing import Any

import orjson
from sqlalchemy import (
    Float,
    Integer,
    Interval,
    Select,
    String,
    Subquery,
    Text,
    and_,
    case,
    cast,
    delete,
    distinct,
    func,
    insert,
    literal,
    literal_column,
    not_,
    null,
    or_,
    select,
    true,
    union_all,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.engine import Connection
from sqlalchemy.sql import ColumnElement
from sqlmodel import Session

from plugins.engagement.settings import PlatformRates
from store import models
from store.metrics import AGE_METHOD, Metric
from store.metrics import METRICS as METRICS
from store.metrics import Definitions as Definitions
from store.metrics import age_label as age_label
from store.metrics import default_definitions as default_definitions
from store.periods import GRANULARITIES
from store.periods import Period as Period
from store.periods import custom_period as custom_period
from store.periods import period_of as period_of
from store.periods import periods_between as periods_between
from store.types import UTCDateTime

_TABLES = models.SQLModel.metadata.tables
POST = _TABLES["post"]
SNAPSHOT = _TABLES["engagement_snapshot"]
SIGHTING = _TABLES["sighting"]
SHARE = _TABLES["share_snapshot"]

ALL = "*"
# Connections that read a comparison at once (default: one per core, at most 4).
THREADS_ENV = "REELSCOPE_COMPARE_THREADS"
SAMPLE_LIST_LIMIT = 20


# --- dialect: the one place where SQLite and PostgreSQL differ -----------------------------------


def _seconds_between(
    dialect: str, later: ColumnElement[Any], earlier: ColumnElement[Any]
) -> ColumnElement[Any]:
    """Seconds from `earlier` to `later`, rounded to the millisecond, as a float."""
    if dialect == "postgresql":
        # In floats: numeric's round(x, 3) is exact but turns into a float through text, which cost
        # ~5% of the comparison. The interval's whole microseconds (exact in a float for ages under a
        # century), then whole milliseconds rounded half away from zero, as numeric rounds.
        us = func.round(func.date_part("epoch", later - earlier) * 1_000_000)
        return cast(func.sign(us) * func.floor((func.abs(us) + 500) / 1000) / 1000, Float)
    # SQLite's times are whole milliseconds: round() to the millisecond count, then scale. This is the
    # double nearest to the decimal, as the PostgreSQL branch gives, without round(x, 3)'s slow printf.
    return func.round((func.julianday(later) - func.julianday(earlier)) * 86400000.0) / 1000.0


def _aged_at_most(
    dialect: str, later: ColumnElement[Any], earlier: ColumnElement[Any], age: int
) -> ColumnElement[bool]:
    """Whether `_seconds_between(later, earlier) <= age`, without rounding: unrounded, < age + 0.0005 s."""
    if dialect == "postgresql":
        # In seconds, not "N days": adding days converts to local time and back (slow, and DST-dependent).
        return later < earlier + literal_column(f"interval '{int(age)}.0005 seconds'", Interval)
    return (func.julianday(later) - func.julianday(earlier)) * 86400.0 < age + 0.0005


def _tune(conn: Connection) -> None:
    """Per-backend settings for this transaction's queries.

    PostgreSQL: JIT-compiled expressions, but neither inlined nor optimised. The per-post work is
    expression-heavy (a fifth faster compiled at 1M posts), while LLVM's optimisation passes cost
    ~1 s per query, more than a query over a few thousand posts takes. Streamed results are planned
    for all their rows (cursor_tuple_fraction), as a plain query is, not for the first tenth.
    """
    if conn.dialect.name == "postgresql":
        settings = {
            "jit": "on",
            "jit_inline_above_cost": "-1",
            "jit_optimize_above_cost": "-1",
            "cursor_tuple_fraction": "1",
        }
        calls = ", ".join(f"set_config('{name}', '{value}', true)" for name, value in settings.items())
        conn.exec_driver_sql(f"SELECT {calls}")


def _author_brands(dialect: str, periods: Sequence[Period]) -> Subquery:
    """One (bucket, platform, brand, author) row per member and brand of it, and one with brand "*".

    PostgreSQL: one scan, fanning out the list with "*" appended; text compared bytewise (COLLATE
    "C": the same equality, without the locale's slower comparisons in the sorts).
    SQLite: a scan per kind of row, which measured faster there than editing each list.
    """
    m = _members(periods)
    if dialect == "postgresql":
        everything = m.c.brands.op("||")(cast(literal(json.dumps([ALL])), JSONB))
        elements = func.jsonb_array_elements_text(everything).table_valued("value")
        platform, brand, author = (c.collate("C") for c in (m.c.platform, elements.c.value, m.c.author))
        return (
            select(m.c.bucket, platform.label("platform"), brand.label("brand"), author.label("author"))
            .select_from(m)
            .join(elements, true())
            .subquery("pairs")
        )
    everyone, tagged = m, _members(periods)
    elements = func.json_each(tagged.c.brands).table_valued("value")
    return union_all(
        select(
            everyone.c.bucket, everyone.c.platform, literal(ALL, String).label("brand"), everyone.c.author
        ),
        select(tagged.c.bucket, tagged.c.platform, cast(elements.c.value, String), tagged.c.author)
        .select_from(tagged)
        .join(elements, true()),
    ).subquery("pairs")


# --- SQL ----------------------------------------------------------------------------------------


def _fenced(query: Select[Any], name: str) -> Subquery:
    """`query` as a subquery the planner keeps whole (OFFSET 0), so each of its columns is computed once
    per row instead of being inlined into, and recomputed at, every place the outer query uses it."""
    return query.offset(0).subquery(name)


# A condition on the post table that keeps one connection's slice of the members (None: all of them).
_Only = ColumnElement[bool] | None


# The member columns every per-post row carries ("bucket" is the index of the member's period).
_ATTRIBUTES = ("id", "bucket", "platform", "author", "sponsored", "disclosed", "brands")


def _members(periods: Sequence[Period], *, with_start: bool = False, only: _Only = None) -> Subquery:
    """Posts published (or first seen) in one of the periods, with the period's bucket and end (and start).

    The period is picked by a CASE over the sorted, disjoint periods rather than by a join, so the
    posts are read in one pass in primary-key order, which the per-post snapshot reads then follow.
    """
    when = func.coalesce(POST.c.published_at, POST.c.first_seen_at)
    # The first period ending after `when` holds it, if `when` is not before its start (a gap).
    ending_after = [when < p.end for p in periods]

    def per_period(values: Iterable[ColumnElement[Any]]) -> ColumnElement[Any]:
        return case(*zip(ending_after, values, strict=True))

    start = per_period(literal(p.start, UTCDateTime) for p in periods)
    columns = [
        *(POST.c[k] for k in _ATTRIBUTES if k != "bucket"),
        POST.c.published_at,
        per_period(literal(i, Integer) for i in range(len(periods))).label("bucket"),
        per_period(literal(p.end, UTCDateTime) for p in periods).label("p_end"),
    ]
    # The range written on the two columns rather than on `when`, so planners can estimate it.
    since, until = periods[0].start, periods[-1].end
    published, first_seen = POST.c.published_at, POST.c.first_seen_at
    query = select(*columns, *([start.label("p_start")] if with_start else [])).where(
        or_(
            and_(published >= since, published < until),
            and_(published.is_(None), first_seen >= since, first_seen < until),
        )
    )
    if any(a.end < b.start for a, b in pairwise(periods)):
        query = query.where(when >= start)
    if only is not None:
        query = query.where(only)
    return query.subquery("members")


def _known_sum(columns: Sequence[ColumnElement[Any]]) -> ColumnElement[Any]:
    """Sum of the known values; NULL only when every one is unknown."""
    if not columns:
        return null()
    total: ColumnElement[Any] = func.coalesce(columns[0], 0)
    for col in columns[1:]:
        total = total + func.coalesce(col, 0)
    return case((and_(*(c.is_(None) for c in columns)), null()), else_=total)


def _engagement(defs: Definitions, platform: ColumnElement[Any], cols: Any) -> ColumnElement[Any]:
    """Engagements of one row under each platform's counter definition.

    One branch per distinct set of counters (platforms counting the default ones take the ELSE), so
    each row makes a few platform comparisons rather than one per configured platform.
    """
    default_counters = defs.settings.default.counters
    by_counters: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for name in sorted(defs.settings.overrides):
        counters = tuple(defs.rates(name).counters)
        if counters != tuple(default_counters):
            by_counters[counters].append(name)
    whens = [
        (platform.in_(names), _known_sum([cols[c] for c in counters]))
        for counters, names in by_counters.items()
    ]
    default = _known_sum([cols[c] for c in default_counters])
    return case(*whens, else_=default) if whens else default


def _counters(defs: Definitions, platform: ColumnElement[Any], cols: Any) -> dict[str, ColumnElement[Any]]:
    """The two counters read at an age, by metric name: views and engagements."""
    return {"views": cols.views, "engagements": _engagement(defs, platform, cols)}


def _at_age(
    age: int,
    value: ColumnElement[Any],
    value_age: ColumnElement[Any],
    next_value: ColumnElement[Any],
    next_age: ColumnElement[Any],
) -> ColumnElement[Any]:
    """A counter at `age`, given the post's last snapshot at or before it and the next one (or NULLs).

    Read as is when that snapshot is exactly at the age, else linear towards the next one; NULL when
    there is no next one or either snapshot hides the counter.
    """
    v, nv = cast(value, Float), cast(next_value, Float)
    return case(
        (value_age == age, v),
        (value_age < age, v + (nv - v) * (age - value_age) / (next_age - value_age)),
    )


def _read_by_lookups(dialect: str, defs: Definitions, periods: Sequence[Period], only: _Only) -> Subquery:
    """The snapshots each member's figures read, from a few indexed walks per post (the SQLite plan).

    Per post, the id of its latest snapshot before the period's end (else of its first one) and, per
    age, of its last snapshot at or before the age and of the first one after it: each a short walk
    of the (post_pk, observed_at) index in (observed_at, id) order; the rows are then read by id.
    SQLite runs these walks much faster than a window pass over every snapshot.
    """
    m = _members(periods, only=only)

    def snapshot_id(last: bool, where: Any = None) -> ColumnElement[Any]:
        x = SNAPSHOT.alias("x")
        order = (x.c.observed_at.desc(), x.c.id.desc()) if last else (x.c.observed_at, x.c.id)
        query = select(x.c.id).where(x.c.post_pk == m.c.id).order_by(*order).limit(1)
        return (query.where(where(x.c)) if where else query).scalar_subquery()

    picks: dict[str, ColumnElement[Any]] = {
        "latest": func.coalesce(snapshot_id(True, lambda x: x.observed_at < m.c.p_end), snapshot_id(False))
    }
    for a in defs.ages:

        def by_then(x: Any, a: int = a) -> ColumnElement[bool]:
            return _aged_at_most(dialect, x.observed_at, m.c.published_at, a)

        picks[f"before_{a}"] = snapshot_id(True, by_then)
        picks[f"after_{a}"] = snapshot_id(False, lambda x, by_then=by_then: not_(by_then(x)))
    ids = select(*m.c, *(v.label(k) for k, v in picks.items())).subquery("ids")
    rows = {k: SNAPSHOT.alias(f"s_{k}") for k in picks}
    joined: Any = ids
    for k, row in rows.items():
        joined = joined.outerjoin(row, row.c.id == ids.c[k])
    read: list[Any] = [*(ids.c[k] for k in _ATTRIBUTES)]
    for k, row in rows.items():
        read += [v.label(f"{k}_{c}") for c, v in _counters(defs, ids.c.platform, row.c).items()]
        if k != "latest":
            read.append(_seconds_between(dialect, row.c.observed_at, ids.c.published_at).label(f"{k}_age"))
    return _fenced(select(*read).select_from(joined), "snapshots_read")


def _read_by_window(dialect: str, defs: Definitions, periods: Sequence[Period], only: _Only) -> Subquery:
    """The snapshots each member's figures read, from one window pass over them (the PostgreSQL plan).

    The window walks each post's snapshots in (observed_at, id) order, giving each its previous and
    next times only: the latest before the period's end is the one whose next is past the end (or
    absent); the first one stands in when all are past it; the one at or before an age is the one
    whose next is past the age (or absent), and the one after it is the one whose previous is not.
    """
    m = _members(periods, only=only)
    snap = SNAPSHOT
    base = (
        select(
            m.c.id,
            m.c.p_end,
            m.c.published_at,
            snap.c.id.label("sid"),
            snap.c.observed_at,
            snap.c.views,
            _engagement(defs, m.c.platform, snap.c).label("eng"),
        )
        .select_from(m.outerjoin(snap, snap.c.post_pk == m.c.id))
        .subquery("base")
    )
    b = base.c
    w: dict[str, Any] = {"partition_by": b.id, "order_by": (b.observed_at, b.sid)}
    timeline = select(
        *b,
        func.lead(b.observed_at).over(**w).label("next_at"),
        func.lag(b.observed_at).over(**w).label("prev_at"),
    ).subquery("timeline")
    t = timeline.c
    # Each row's roles, computed once per row (the fence keeps the planner from repeating them in
    # every aggregate): the latest before the end, and per age the last at or before that age.
    flags = [
        or_(
            and_(t.observed_at < t.p_end, or_(t.next_at.is_(None), t.next_at >= t.p_end)),
            and_(t.prev_at.is_(None), t.observed_at >= t.p_end),
        ).label("is_latest")
    ]
    for a in defs.ages:
        by_then = _aged_at_most(dialect, t.observed_at, t.published_at, a)
        flags += [
            and_(
                by_then, or_(t.next_at.is_(None), not_(_aged_at_most(dialect, t.next_at, t.published_at, a)))
            ).label(f"before_{a}"),
            and_(not_(by_then), _aged_at_most(dialect, t.prev_at, t.published_at, a)).label(f"after_{a}"),
        ]
    f = _fenced(select(*t, *flags).order_by(t.id), "roles").c  # in post order: no re-sort to group
    cols: list[Any] = [
        f.id,
        func.max(case((f.is_latest, f.views))).label("latest_views"),
        func.max(case((f.is_latest, f.eng))).label("latest_engagements"),
    ]
    # Ages are rounded only on the snapshots per post and age that are read.
    age = _seconds_between(dialect, f.observed_at, f.published_at)
    for a in defs.ages:
        for role in ("before", "after"):
            read = f[f"{role}_{a}"]
            cols += [
                func.max(case((read, f.views))).label(f"{role}_{a}_views"),
                func.max(case((read, f.eng))).label(f"{role}_{a}_engagements"),
                func.max(case((read, age))).label(f"{role}_{a}_age"),
            ]
    values = select(*cols).group_by(f.id).subquery("post_values")
    attributes = _members(periods, only=only)
    return (
        select(*(attributes.c[k] for k in _ATTRIBUTES), *(c for c in values.c if c.key != "id"))
        .select_from(values.join(attributes, attributes.c.id == values.c.id))
        .subquery("snapshots_read")
    )


_READ = {"sqlite": _read_by_lookups, "postgresql": _read_by_window}


def _per_post(dialect: str, defs: Definitions, periods: Sequence[Period], only: _Only = None) -> Subquery:
    """One row per member: its attributes, counters as of the period's end, and counters at each age."""
    r = _READ.get(dialect, _read_by_window)(dialect, defs, periods, only).c
    cols: list[Any] = [
        *(r[k] for k in _ATTRIBUTES),
        r.latest_views.label("views"),
        r.latest_engagements.label("eng"),
    ]
    for a in defs.ages:
        for counter in ("views", "engagements"):
            before, after = f"before_{a}_", f"after_{a}_"
            value = _at_age(a, r[before + counter], r[before + "age"], r[after + counter], r[after + "age"])
            cols.append(value.label(f"{counter}_at_{age_label(a)}"))
    return _fenced(select(*cols), "per_post")


def _groups_query(defs: Definitions, per_post: Subquery) -> Select[Any]:
    """Sums and counts per period × platform × list of brands × sponsored (fanned out to brands later)."""
    r = per_post.c
    cols: list[Any] = [
        r.bucket,
        r.platform,
        # As text: the drivers' JSON decoding per group row costs more than parsing each distinct list once.
        cast(r.brands, Text).label("brands"),
        r.sponsored,
        func.count().label("posts"),
        func.count(r.author).label("with_author"),
        func.sum(r.views).label("views"),
        func.count(r.views).label("n_views"),
        func.sum(r.eng).label("eng"),
        func.count(r.eng).label("n_eng"),
        func.sum(case((or_(r.views.is_not(None), r.eng.is_not(None)), 1), else_=0)).label("n_any"),
        func.sum(case((r.disclosed, 1), else_=0)).label("disclosed"),
    ]
    for name in _age_names(defs):
        cols += [func.sum(r[name]).label(f"sum_{name}"), func.count(r[name]).label(f"n_{name}")]
    return select(*cols).group_by(r.bucket, r.platform, r.brands, r.sponsored)


def _age_names(defs: Definitions) -> list[str]:
    """The same-age counter names, as per-post columns: views_at_24h, engagements_at_24h, ..."""
    return [f"{counter}_at_{age_label(a)}" for a in defs.ages for counter in ("views", "engagements")]


# Group columns that also count, for sponsored posts, under a sponsored-only name.
_SPONSORED_ALSO = {
    "posts": "sponsored",
    **{k: f"s_{k}" for k in ("views", "n_views", "eng", "n_eng", "n_any")},
}


def _sum_names(column: str, sponsored: bool, ages: Sequence[str]) -> tuple[str, ...]:
    """The figure inputs a group column adds to, for sponsored or organic posts."""
    kind, _, age_name = column.partition("_")
    if age_name in ages:  # sum_views_at_24h -> sponsored_sum_views_at_24h or organic_sum_...
        return (f"{'sponsored' if sponsored else 'organic'}_{kind}_{age_name}",)
    if column == "disclosed":  # disclosure counts among sponsored posts only
        return (column,) if sponsored else ()
    also = _SPONSORED_ALSO.get(column) if sponsored else None
    return (column, also) if also else (column,)


def _creators_query(dialect: str, periods: Sequence[Period]) -> Select[Any]:
    """Distinct authors per period × platform × brand ("*": all posts); a brand named twice is harmless."""
    p = _author_brands(dialect, periods).c
    return select(p.bucket, p.platform, p.brand, func.count(distinct(p.author))).group_by(
        p.bucket, p.platform, p.brand
    )


def _coverage_query(periods: Sequence[Period]) -> Select[Any]:
    """The distinct (target, crawl run) pairs that saw the members within their period."""
    m = _members(periods, with_start=True)
    return (
        select(m.c.bucket, m.c.platform, SIGHTING.c.target, SIGHTING.c.crawl_run_id)
        .select_from(m.join(SIGHTING, SIGHTING.c.post_pk == m.c.id))
        .where(SIGHTING.c.seen_at >= m.c.p_start, SIGHTING.c.seen_at < m.c.p_end)
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


def _brand_sums(conn: Connection, defs: Definitions, per_post: Subquery) -> dict[_Key, Mapping[str, Any]]:
    """The group sums per period × platform × brand ("*": every post), a post counting once per brand.

    SQL sums per list of brands; the few lists are fanned out to their distinct brands here, group by
    group as they arrive (in key order, so that floats add up in the same order on every run).
    """
    query = _groups_query(defs, per_post)
    # Streamed (a server-side cursor on PostgreSQL): memory holds a batch, not every group.
    result = conn.execute(query.order_by(*query.selected_columns[:4]).execution_options(yield_per=1000))
    columns, ages = list(result.keys())[4:], _age_names(defs)
    adds_to = {sp: [_sum_names(c, sp, ages) for c in columns] for sp in (False, True)}
    lists: dict[str | None, tuple[str, ...]] = {}
    sums: dict[_Key, dict[str, Any]] = {}
    for bucket, platform, text, sponsored, *values in result:
        brands = lists.get(text)
        if brands is None:
            brands = lists[text] = tuple(str(b) for b in json.loads(text or "null") or ())
        for brand in {ALL, *brands}:
            into = sums.setdefault((bucket, platform, brand), defaultdict(int, platform=platform))
            for names, value in zip(adds_to[bool(sponsored)], values, strict=True):
                if value is not None:
                    for name in names:
                        into[name] += value
    return dict(sums)


_Coverage = dict[tuple[int, str], set[Any]]


@dataclass(frozen=True)
class _Slice:
    """One of `n` disjoint slices of the members' posts, whose group sums one connection reads: on SQLite
    every n-th id (each connection still walks the table in key order); on PostgreSQL a range of ids
    (its planner misjudges a modulo's selectivity), open at both ends of the split so that a post
    stored meanwhile still falls in one."""

    n: int
    k: int
    bounds: tuple[int, ...] = ()  # PostgreSQL: the n - 1 ids where one slice ends and the next begins

    def posts(self) -> ColumnElement[bool]:
        """The slice's posts."""
        ids = POST.c.id
        if not self.bounds:
            return ids % self.n == self.k
        if self.k == 0:
            return ids < self.bounds[0]
        if self.k == self.n - 1:
            return ids >= self.bounds[-1]
        return and_(ids >= self.bounds[self.k - 1], ids < self.bounds[self.k])


def _bounds(conn: Connection, periods: Sequence[Period], n: int) -> tuple[int, ...]:
    """Ids that split the members' id range into `n` equal parts."""
    m = _members(periods)
    low, high = conn.execute(select(func.min(m.c.id), func.max(m.c.id))).one()
    low, high = int(low or 0), int(high or 0)
    return tuple(low + (high - low + 1) * i // n for i in range(1, n))


@dataclass
class _Reads:
    """What the queries return: group sums, and the targets and runs behind them."""

    sums: dict[_Key, Mapping[str, Any]] = field(default_factory=dict)
    targets: _Coverage = field(default_factory=lambda: defaultdict(set))
    runs: _Coverage = field(default_factory=lambda: defaultdict(set))

    def add(self, other: _Reads) -> None:
        """Add another slice's figures (sums add up; targets and runs join)."""
        for key, row in other.sums.items():
            into = self.sums.get(key)
            if into is None:
                self.sums[key] = row
                continue
            for name, value in row.items():
                if name != "platform":
                    into[name] += value  # type: ignore[index]
        for cover, found in other.targets.items():
            self.targets[cover] |= found
        for cover, found in other.runs.items():
            self.runs[cover] |= found


_QUERIES = ("groups", "creators", "coverage")


def _read(
    conn: Connection,
    periods: Sequence[Period],
    defs: Definitions,
    queries: Sequence[str] = _QUERIES,
    part: _Slice | None = None,
) -> _Reads:
    """Run some of the group (of one slice of the posts), creator and coverage queries on one connection."""
    dialect = conn.dialect.name
    _tune(conn)
    reads = _Reads()
    if "groups" in queries:
        only = None if part is None else part.posts()
        reads.sums = _brand_sums(conn, defs, _per_post(dialect, defs, periods, only))
    if "creators" in queries:
        creators = _Reads()
        for bucket, platform, brand, count in conn.execute(_creators_query(dialect, periods)):
            creators.sums[(bucket, platform, brand)] = defaultdict(int, platform=platform, creators=count)
        reads.add(creators)
    if "coverage" in queries:
        for bucket, platform, target, run in conn.execute(_coverage_query(periods)):
            reads.targets[(bucket, platform)].add(target)
            reads.runs[(bucket, platform)].add(run)
    return reads


def _threads(conn: Connection) -> int:
    """How many connections read at once: one per core up to REELSCOPE_COMPARE_THREADS; one for an
    in-memory SQLite database, which other connections would not see."""
    database = conn.engine.url.database or ":memory:"
    if conn.dialect.name == "sqlite" and (database == ":memory:" or "mode=memory" in database):
        return 1
    return max(1, int(os.environ.get(THREADS_ENV) or min(4, os.cpu_count() or 1)))


def _read_parallel(conn: Connection, periods: Sequence[Period], defs: Definitions, n: int) -> _Reads:
    """The reads on `n` connections at once (every core at work): the creators and the coverage each
    as one task, the group sums in n + 1 slices of the posts (first: together the longest). All read one
    snapshot on PostgreSQL (this transaction's, exported); on SQLite each query reads the latest
    commit, as it does on one connection."""
    snapshot = None
    if conn.dialect.name == "postgresql":
        snapshot = conn.exec_driver_sql("SELECT pg_export_snapshot()").scalar_one()
    bounds = _bounds(conn, periods, n + 1) if snapshot is not None else ()
    tasks: list[tuple[tuple[str, ...], _Slice | None]] = [
        *((("groups",), _Slice(n + 1, k, bounds)) for k in range(n + 1)),
        (("creators",), None),
        (("coverage",), None),
    ]

    def run(task: tuple[tuple[str, ...], _Slice | None]) -> _Reads:
        with conn.engine.connect() as other:
            if snapshot is not None:
                other.exec_driver_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
                other.exec_driver_sql(f"SET TRANSACTION SNAPSHOT '{snapshot}'")
            try:
                return _read(other, periods, defs, *task)
            finally:
                other.rollback()

    reads = _Reads()
    with ThreadPoolExecutor(max_workers=n) as pool:
        for found in pool.map(run, tasks):
            reads.add(found)
    return reads


def _compute_rows(conn: Connection, periods: Sequence[Period], defs: Definitions) -> Iterator[dict[str, Any]]:
    """Read and combine the figures of `periods` now; the rows to store are made as they are iterated."""
    threads = _threads(conn)
    reads = _read(conn, periods, defs) if threads == 1 else _read_parallel(conn, periods, defs, threads)
    metrics = defs.metrics
    by_key: dict[_Key, dict[str, _Figure]] = defaultdict(dict)
    # In key order: the all-platform figures then add up floats in the same order however they were read.
    for key in sorted(reads.sums):
        by_key[key] = _platform_figures(defs, reads.sums[key])
    targets, runs = reads.targets, reads.runs
    for (bucket, platform, brand), figures in list(by_key.items()):
        _add(by_key[(bucket, ALL, brand)], figures)
        targets[(bucket, ALL)] |= targets[(bucket, platform)]
        runs[(bucket, ALL)] |= runs[(bucket, platform)]
    for figures in by_key.values():
        _finish(figures, metrics)
    shares = _shares(by_key, metrics)
    platforms_of: dict[tuple[int, str], list[str]] = defaultdict(list)
    for bucket, platform, brand in by_key:
        if platform != ALL:
            platforms_of[(bucket, brand)].append(platform)

    def rows() -> Iterator[dict[str, Any]]:
        """One row per figure, made as it is stored (PostgreSQL parses each while the next is made)."""
        now = datetime.now(UTC)
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
                yield {
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

    return rows()


def _stored(period: Period) -> ColumnElement[bool]:
    """The stored rows of one period (its granularity, start and end)."""
    return and_(
        SHARE.c.granularity == period.granularity,
        SHARE.c.period_start == period.start,
        SHARE.c.period_end == period.end,
    )


def _insert(conn: Connection, rows: Iterator[dict[str, Any]]) -> int:
    """Store the computed rows, return how many: with COPY on PostgreSQL (15k rows: 0.6 s as INSERTs,
    0.2 s as COPY)."""
    if conn.dialect.name != "postgresql":
        values = list(rows)
        if values:
            conn.execute(insert(SHARE), values)
        return len(values)
    first = next(rows, None)
    if first is None:
        return 0
    count = 0
    raw: Any = conn.connection.driver_connection
    with raw.cursor() as cur, cur.copy(f"COPY {SHARE.name} ({', '.join(first)}) FROM STDIN") as copy:
        for row in chain((first,), rows):
            copy.write_row([orjson.dumps(v).decode() if k == "sample" else v for k, v in row.items()])
            count += 1
    return count


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
        count = _insert(conn, rows)
        session.commit()
    except BaseException:
        session.rollback()
        raise
    return count


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
