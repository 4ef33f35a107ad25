"""Comparison math against hand-computed values, on SQLite and PostgreSQL (the shared `db` fixture).

The week of 2025-11-10 (data.load_week):
  tiktok  t1 ana  sponsored+disclosed [nike]        latest in week: views 300, eng 30+3+1+1 = 35
                                                     (a later snapshot, views 900, is after the week)
          t2 ana  sponsored            [nike adidas] latest: views 1500, likes 80 -> eng 80
          t3 bo   organic              []            views hidden, eng 20+5 = 25
          t4 -    organic              [adidas]      no counters at all
  youtube y1 cy   sponsored+disclosed  [nike nike]   views 500, eng likes+comments = 40+10 = 50
  reddit  r1 dee  organic              [puma]        views hidden, eng 7+3 = 10
  instagram: nothing this week (i1 is published the week after).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select
from sqlmodel import Session

from store import compare
from store.compare import ALL, METRICS, Period, compute, read

from .data import WEEK1, D, H, definitions, load_week, observe, post

WEEK = compare.period_of("week", WEEK1)


def _figures(db: Session, period: Period = WEEK) -> dict[tuple[str, str, str], compare.ShareRow]:
    return {(r.platform, r.brand, r.metric): r for r in read(db, [period])}


@pytest.fixture
def week(db: Session) -> dict[tuple[str, str, str], compare.ShareRow]:
    load_week(db)
    compute(db, [WEEK], definitions())
    return _figures(db)


def test_platform_totals_count_the_latest_snapshot_in_the_period(week) -> None:
    def value(platform: str, metric: str) -> float:
        return week[(platform, ALL, metric)].value

    assert value("tiktok", "posts") == 4
    assert value("tiktok", "creators") == 2  # ana twice, bo; t4 has no author
    assert value("tiktok", "views") == 300 + 1500
    assert value("tiktok", "engagements") == 35 + 80 + 25
    assert value("tiktok", "sponsored_posts") == 2
    assert value("tiktok", "organic_posts") == 2
    assert value("tiktok", "sponsored_engagements") == 35 + 80
    assert value("tiktok", "disclosed_posts") == 1
    assert value("tiktok", "disclosed_share") == 0.5
    assert value("tiktok", "emv") == pytest.approx((300 + 1500) * 4.0 / 1000)
    assert value("youtube", "engagements") == 40 + 10  # shares are not engagement on YouTube
    assert value("youtube", "emv") == pytest.approx(500 * 9.0 / 1000)
    assert value(ALL, "posts") == 6
    assert value(ALL, "creators") == 4
    assert value(ALL, "views") == 300 + 1500 + 500
    assert value(ALL, "engagements") == 140 + 50 + 10
    assert value(ALL, "disclosed_share") == pytest.approx(2 / 3)


def test_hidden_counters_are_unknown_not_zero(week) -> None:
    views = week[("tiktok", ALL, "views")]
    assert views.sample["with_value"] == 2 and views.sample["posts"] == 4
    # Reddit hid every view count and values no EMV without views: no figure at all, not a zero.
    assert ("reddit", ALL, "views") not in week
    assert ("reddit", ALL, "emv") not in week
    assert ("reddit", ALL, "disclosed_share") not in week  # no sponsored post: no ratio
    assert week[("reddit", ALL, "engagements")].value == 10
    assert week[(ALL, ALL, "views")].sample["platforms"] == ["reddit", "tiktok", "youtube"]


def test_empty_platform_has_no_rows_and_no_share(week) -> None:
    assert not [key for key in week if key[0] == "instagram"]
    shares = [r.share or 0 for (p, b, m), r in week.items() if b == ALL and p != ALL and m == "posts"]
    assert len(shares) == 3 and sum(shares) == pytest.approx(1)


def test_platform_shares_of_the_total(week) -> None:
    assert week[("tiktok", ALL, "posts")].share == pytest.approx(4 / 6)
    assert week[("youtube", ALL, "posts")].share == pytest.approx(1 / 6)
    assert week[("tiktok", ALL, "views")].share == pytest.approx(1800 / 2300)
    assert week[("reddit", ALL, "engagements")].share == pytest.approx(10 / 200)
    assert week[(ALL, ALL, "posts")].share is None


def test_brand_share_of_voice_within_a_platform_with_ties(week) -> None:
    # t2 names both brands: it counts for each (share of voice is per mention).
    assert week[("tiktok", "nike", "posts")].value == 2
    assert week[("tiktok", "adidas", "posts")].value == 2
    assert week[("tiktok", "nike", "posts")].share == week[("tiktok", "adidas", "posts")].share == 0.5
    assert week[("tiktok", "nike", "views")].share == pytest.approx(1800 / (1800 + 1500))
    assert week[("tiktok", "adidas", "engagements")].share == pytest.approx(80 / (115 + 80))
    # A brand listed twice in one post counts once.
    assert week[("youtube", "nike", "posts")].value == 1
    assert week[("youtube", "nike", "posts")].share == 1.0
    # A brand present on one platform only.
    assert [k[0] for k in week if k[1] == "puma" and k[2] == "posts"] == [ALL, "reddit"]
    assert week[(ALL, "nike", "posts")].value == 3
    assert week[(ALL, "puma", "posts")].share == pytest.approx(1 / 6)


def test_same_age_values_are_read_or_interpolated(week) -> None:
    # t1: views 100 at 12 h, 300 at 36 h -> 200 at 24 h; t2 and y1 were observed exactly at 24 h.
    assert week[("tiktok", ALL, "views_at_24h")].value == pytest.approx((200 + 1500) / 2)
    assert week[("tiktok", ALL, "engagements_at_24h")].value == pytest.approx(((11 + 35) / 2 + 80) / 2)
    assert week[("tiktok", ALL, "sponsored_views_at_24h")].value == pytest.approx(850)
    assert ("tiktok", ALL, "organic_views_at_24h") not in week  # t3 was seen once: no bracket
    assert week[(ALL, ALL, "views_at_24h")].value == pytest.approx((200 + 1500 + 500) / 3)
    assert week[(ALL, ALL, "views_at_24h")].sample["with_value"] == 3
    # 7 d: only t1 brackets it (36 h: 300, 204 h: 900) even though 204 h lies after the week.
    assert week[("tiktok", ALL, "views_at_7d")].value == pytest.approx(300 + 600 * (168 - 36) / (204 - 36))
    assert week[("tiktok", ALL, "engagements_at_7d")].value == pytest.approx(
        35 + 70 * (168 - 36) / (204 - 36)
    )
    assert week[("tiktok", ALL, "views_at_7d")].sample["params"]["age_seconds"] == 7 * 86400


def test_every_figure_records_its_definition_version_and_coverage(week) -> None:
    for row in week.values():
        assert row.definition_version == METRICS[row.metric].version
        assert row.sample["posts"] >= row.sample["with_value"] >= 1 or row.metric.endswith("posts")
    tiktok = week[("tiktok", ALL, "posts")].sample
    assert tiktok["targets"] == ["watch"] and tiktok["targets_total"] == 1
    assert week[(ALL, ALL, "posts")].sample["targets"] == ["r/sneakers", "watch", "yt-search"]
    assert week[("youtube", ALL, "engagements")].sample["params"] == {
        "counters": {"youtube": ["likes", "comments"]}
    }
    emv = week[(ALL, ALL, "emv")].sample["params"]
    assert emv["cpm"] == {"tiktok": 4.0, "youtube": 9.0} and emv["currency"] == "USD"


def test_configured_definitions_change_the_figures(db: Session) -> None:
    load_week(db)
    overlay = {"platforms": {"tiktok": {"counters": ["likes"], "cpm": 10.0}}}
    compute(db, [WEEK], definitions(overlay))
    week = _figures(db)
    assert week[("tiktok", ALL, "engagements")].value == 30 + 80 + 20
    assert week[("tiktok", ALL, "emv")].value == pytest.approx(1800 * 10.0 / 1000)
    assert week[("tiktok", ALL, "engagements")].sample["params"] == {"counters": {"tiktok": ["likes"]}}


def test_recompute_replaces_the_period_exactly(db: Session) -> None:
    load_week(db)
    first = compute(db, [WEEK], definitions())
    before = {k: (r.value, r.share, r.sample) for k, r in _figures(db).items()}
    assert compute(db, [WEEK], definitions()) == first
    assert {k: (r.value, r.share, r.sample) for k, r in _figures(db).items()} == before
    stored = db.connection().execute(select(func.count()).select_from(compare.SHARE)).scalar_one()
    assert stored == first
    # The data changes: t4 drops its brand and t2 names only nike (edited captions: the store takes
    # findings from observations with text). Adidas rows must vanish, not linger.
    t4 = post("tiktok", "t4", WEEK1 + 4 * D, brands=[], text="edited")
    observe(db, t4, WEEK1 + 5 * D)
    t2 = post(
        "tiktok", "t2", WEEK1 + 2 * D + 6 * H, author="ana", sponsored=True, brands=["nike"], text="edited"
    )
    observe(db, t2, WEEK1 + 5 * D, views=2000, likes=90)
    compute(db, [WEEK], definitions())
    after = _figures(db)
    assert not [k for k in after if k[1] == "adidas"]
    assert after[("tiktok", ALL, "views")].value == 300 + 2000


def test_snapshots_at_the_same_instant_count_once(db: Session) -> None:
    p = post("x", "x1", WEEK1, author="zed")
    observe(db, p, WEEK1 + H, views=10, likes=1)
    observe(db, p, WEEK1 + H, views=10, likes=1)
    compute(db, [WEEK], definitions())
    assert _figures(db)[("x", ALL, "views")].value == 10


def test_periods_of_one_call_are_each_replaced_and_the_next_week_is_separate(db: Session) -> None:
    load_week(db)
    weeks = compare.periods_between("week", WEEK1, WEEK1 + 14 * D)
    assert [w.start for w in weeks] == [WEEK1, WEEK1 + 7 * D]
    compute(db, weeks, definitions())
    second = _figures(db, weeks[1])
    assert second[("instagram", ALL, "posts")].value == 1
    assert second[("instagram", ALL, "posts")].share == 1.0
    assert _figures(db)[(ALL, ALL, "posts")].value == 6


def test_day_month_and_custom_periods() -> None:
    thursday = datetime(2025, 11, 13, 15, 30, tzinfo=UTC)
    assert compare.period_of("day", thursday).start == datetime(2025, 11, 13, tzinfo=UTC)
    assert compare.period_of("week", thursday).start == WEEK1
    month = compare.period_of("month", thursday)
    assert (month.start, month.end) == (datetime(2025, 11, 1, tzinfo=UTC), datetime(2025, 12, 1, tzinfo=UTC))
    feb = compare.period_of("month", datetime(2024, 2, 10, tzinfo=UTC))
    assert feb.end - feb.start == timedelta(days=29)
    assert [
        p.label for p in compare.periods_between("month", datetime(2025, 11, 20), datetime(2026, 1, 2))
    ] == [
        "2025-11",
        "2025-12",
        "2026-01",
    ]
    custom = compare.custom_period(WEEK1, WEEK1 + 3 * D)
    assert custom.granularity == "custom"
    with pytest.raises(ValueError):
        compare.custom_period(WEEK1, WEEK1)
    with pytest.raises(ValueError):
        compare.period_of("year", thursday)


def test_custom_period_and_overlap_check(db: Session) -> None:
    load_week(db)
    three_days = compare.custom_period(WEEK1, WEEK1 + 3 * D)  # t1, y1, t2, r1
    compute(db, [three_days], definitions())
    assert _figures(db, three_days)[(ALL, ALL, "posts")].value == 4
    with pytest.raises(ValueError, match="overlap"):
        compute(db, [three_days, WEEK], definitions())


def test_age_labels() -> None:
    assert [compare.age_label(s) for s in (3600, 86400, 2 * 86400, 5400)] == ["1h", "24h", "2d", "5400s"]


def test_custom_periods_from_one_start_are_stored_side_by_side(db: Session) -> None:
    load_week(db)
    three_days = compare.custom_period(WEEK1, WEEK1 + 3 * D)  # t1, y1, t2, r1
    five_days = compare.custom_period(WEEK1, WEEK1 + 5 * D)  # and t3, t4
    compute(db, [three_days], definitions())
    compute(db, [five_days], definitions())
    assert _figures(db, three_days)[(ALL, ALL, "posts")].value == 4
    assert _figures(db, five_days)[(ALL, ALL, "posts")].value == 6
    # A recompute replaces its own period only.
    compute(db, [three_days], definitions())
    assert {r.period_end for r in read(db, [three_days, five_days])} == {three_days.end, five_days.end}


def test_a_post_crawled_after_its_period_counts_its_first_snapshot(db: Session) -> None:
    """Backfills: a post of last week first seen today is read at the snapshot closest to the week's end."""
    p = post("x", "x9", WEEK1 + D, author="zed")
    observe(db, p, WEEK1 + 10 * D, views=40, likes=4)
    observe(db, p, WEEK1 + 20 * D, views=90, likes=9)
    compute(db, [WEEK], definitions())
    figures = _figures(db)
    assert figures[("x", ALL, "views")].value == 40
    assert figures[("x", ALL, "views")].definition_version == 2


def test_snapshots_at_one_instant_the_last_stored_counts(db: Session) -> None:
    """Two snapshots at the same instant with different counters: the one stored last is read."""
    p = post("x", "x2", WEEK1, author="zed")
    observe(db, p, WEEK1 + 24 * H, views=10, likes=1)
    observe(db, p, WEEK1 + 24 * H, views=30, likes=3)
    compute(db, [WEEK], definitions())
    figures = _figures(db)
    assert figures[("x", ALL, "views")].value == 30
    assert figures[("x", ALL, "views_at_24h")].value == 30


def test_periods_with_a_gap_leave_the_gap_out(db: Session) -> None:
    first, third = compare.period_of("week", WEEK1), compare.period_of("week", WEEK1 + 14 * D)
    for i, day in enumerate((1, 8, 15)):  # one post in each of three weeks
        observe(db, post("x", f"g{i}", WEEK1 + day * D, author="zed"), WEEK1 + day * D + H, views=10**i)
    compute(db, [first, third], definitions())
    assert _figures(db, first)[("x", ALL, "views")].value == 1
    assert _figures(db, third)[("x", ALL, "views")].value == 100
    assert read(db, [compare.period_of("week", WEEK1 + 7 * D)]) == []


def test_ages_are_seconds_whatever_the_session_time_zone(db: Session) -> None:
    """24 hours after publication across a daylight-saving change is not "one local day" later."""
    if db.connection().dialect.name == "postgresql":
        db.connection().exec_driver_sql("SET TIME ZONE 'Europe/Paris'")  # 2025-03-30: 23-hour day
    pub = datetime(2025, 3, 29, 12, tzinfo=UTC)
    p = post("x", "dst", pub, author="zed")
    observe(db, p, pub + 12 * H, views=50)
    observe(db, p, pub + 23 * H + 30 * timedelta(minutes=1), views=90)
    observe(db, p, pub + 48 * H, views=300)
    week = compare.period_of("week", pub)
    compute(db, [week], definitions())
    # Between the 23.5 h and 48 h snapshots; a 23-hour "day" would extrapolate from 12 h and 23.5 h.
    expected = 90 + (300 - 90) * (24 - 23.5) / (48 - 23.5)
    assert _figures(db, week)[("x", ALL, "views_at_24h")].value == pytest.approx(expected)
