"""Repository behaviour on both backends: idempotent upserts that never lose data, provenance, runs."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from plugins.post import Account, Post, Signal
from store import models, repo
from store.repo import (
    finish_run,
    get_account,
    get_post,
    get_run,
    iter_posts,
    list_brands,
    merge_post_rows,
    sightings,
    snapshots,
    start_run,
    upsert_accounts,
    upsert_brands,
    upsert_posts,
)

T0 = datetime(2025, 11, 12, 17, 0, tzinfo=UTC)


def _post(post_id: str = "7301", **kw: object) -> Post:
    base: dict[str, object] = {
        "platform": "tiktok",
        "post_id": post_id,
        "url": f"https://www.tiktok.com/@maker/video/{post_id}",
    }
    base.update(kw)
    return Post(**base)  # type: ignore[arg-type]


def _count(db: Session, table: str) -> int:
    return db.connection().execute(text(f"SELECT count(*) FROM {table}")).scalar_one()


def test_same_posts_twice_give_one_row_each_and_two_snapshots(db: Session) -> None:
    posts = [_post(str(i), views=100 + i, likes=i) for i in range(3)]
    first = upsert_posts(db, posts, observed_at=T0)
    second = upsert_posts(db, posts, observed_at=T0 + timedelta(hours=1))
    assert (first.inserted, first.updated, first.snapshots) == (3, 0, 3)
    assert (second.inserted, second.updated, second.snapshots) == (0, 3, 3)
    assert _count(db, "post") == 3
    assert _count(db, "engagement_snapshot") == 6
    assert [s.views for s in snapshots(db, "tiktok", "1")] == [101, 101]


def test_later_page_without_a_counter_keeps_it_and_new_values_update(db: Session) -> None:
    upsert_posts(db, [_post(views=1000, likes=50, comments=7)], observed_at=T0)
    upsert_posts(db, [_post(views=1500)], observed_at=T0 + timedelta(hours=1))
    stored = get_post(db, "tiktok", "7301")
    assert stored is not None
    assert (stored.views, stored.likes, stored.comments, stored.shares) == (1500, 50, 7, None)
    upsert_posts(db, [_post(likes=80)], observed_at=T0 + timedelta(hours=2))
    stored = get_post(db, "tiktok", "7301")
    assert stored is not None
    assert (stored.views, stored.likes, stored.comments) == (1500, 80, 7)
    # The snapshots keep what each page said, absences included.
    assert [(s.views, s.likes) for s in snapshots(db, "tiktok", "7301")] == [
        (1000, 50),
        (1500, None),
        (None, 80),
    ]


def test_optional_fields_are_only_replaced_by_present_values(db: Session) -> None:
    full = _post(
        author="maker",
        published_at="2025-11-10T08:00:00Z",
        media_type="video",
        text="New drop #ad @brand",
        hashtags=["ad"],
        mentions=["brand"],
        metadata={"is_ad": True},
    )
    upsert_posts(db, [full], observed_at=T0)
    upsert_posts(db, [_post(metadata={"duration": 12})], observed_at=T0 + timedelta(hours=1))
    stored = get_post(db, "tiktok", "7301")
    assert stored is not None
    assert (stored.author, stored.published_at, stored.media_type) == (
        "maker",
        "2025-11-10T08:00:00Z",
        "video",
    )
    assert (stored.text, stored.hashtags, stored.mentions) == ("New drop #ad @brand", ["ad"], ["brand"])
    assert stored.metadata == {"is_ad": True, "duration": 12}
    upsert_posts(
        db, [_post(text="Edited caption #new", hashtags=["new"])], observed_at=T0 + timedelta(hours=2)
    )
    stored = get_post(db, "tiktok", "7301")
    assert stored is not None
    assert (stored.text, stored.hashtags, stored.mentions) == ("Edited caption #new", ["new"], [])


def test_approximate_follows_the_counter_it_describes(db: Session) -> None:
    upsert_posts(db, [_post(views=228_000, likes=1200, approximate=["views"])], observed_at=T0)
    upsert_posts(db, [_post(likes=1300, approximate=["likes"])], observed_at=T0 + timedelta(hours=1))
    stored = get_post(db, "tiktok", "7301")
    assert stored is not None
    assert (stored.views, stored.likes, sorted(stored.approximate)) == (228_000, 1300, ["likes", "views"])
    upsert_posts(db, [_post(views=230_512, likes=1301)], observed_at=T0 + timedelta(hours=2))
    stored = get_post(db, "tiktok", "7301")
    assert stored is not None
    assert stored.approximate == []


def test_an_older_observation_only_fills_gaps(db: Session) -> None:
    upsert_posts(
        db, [_post(views=900, signals=[Signal("disclosure", "#ad", "text")], sponsored=True)], observed_at=T0
    )
    older = _post(views=100, likes=5, signals=[], sponsored=False)
    stats = upsert_posts(db, [older], observed_at=T0 - timedelta(days=1))
    assert stats.signals == 0
    stored = get_post(db, "tiktok", "7301")
    assert stored is not None
    assert (stored.views, stored.likes, stored.sponsored) == (900, 5, True)
    assert [s.kind for s in stored.signals] == ["disclosure"]
    row = db.connection().execute(text("SELECT first_seen_at, last_seen_at FROM post")).one()
    assert repo.parse_time(row[0]) == T0 - timedelta(days=1)
    assert repo.parse_time(row[1]) == T0
    assert [s.observed_at for s in snapshots(db, "tiktok", "7301")] == [T0 - timedelta(days=1), T0]


def test_signals_are_replaced_not_accumulated(db: Session) -> None:
    upsert_posts(
        db,
        [_post(signals=[Signal("disclosure", "#ad", "text"), Signal("promo_code", "SAVE10", "text")])],
        observed_at=T0,
    )
    upsert_posts(
        db,
        [_post(signals=[Signal("platform_label", "Paid partnership", "label")])],
        observed_at=T0 + timedelta(1),
    )
    stored = get_post(db, "tiktok", "7301")
    assert stored is not None
    assert [(s.kind, s.evidence) for s in stored.signals] == [("platform_label", "Paid partnership")]
    assert _count(db, "signal") == 1


def test_a_later_page_without_text_or_signals_keeps_the_findings(db: Session) -> None:
    found = [Signal("disclosure", "#ad", "text"), Signal("brand_mention", "@nike", "text")]
    upsert_posts(
        db,
        [_post(text="New drop #ad @nike", sponsored=True, disclosed=True, brands=["nike"], signals=found)],
        observed_at=T0,
    )
    # A listing that shows only counters: it cannot say the post is not sponsored.
    upsert_posts(db, [_post(views=900)], observed_at=T0 + timedelta(hours=1))
    stored = get_post(db, "tiktok", "7301")
    assert stored is not None
    assert (stored.views, stored.sponsored, stored.disclosed, stored.brands) == (900, True, True, ["nike"])
    assert [s.kind for s in stored.signals] == ["disclosure", "brand_mention"]
    # A later page with the (edited) caption does speak: its findings replace the old ones.
    upsert_posts(db, [_post(text="New drop")], observed_at=T0 + timedelta(hours=2))
    stored = get_post(db, "tiktok", "7301")
    assert stored is not None
    assert (stored.sponsored, stored.disclosed, stored.brands, stored.signals) == (False, False, [], [])


def test_a_bare_duplicate_in_one_batch_keeps_the_findings(db: Session) -> None:
    found = [Signal("disclosure", "#ad", "text")]
    upsert_posts(db, [_post(text="#ad", sponsored=True, signals=found), _post(views=3)], observed_at=T0)
    stored = get_post(db, "tiktok", "7301")
    assert stored is not None
    assert (stored.views, stored.sponsored, [s.kind for s in stored.signals]) == (3, True, ["disclosure"])


def test_sightings_record_run_target_rank_and_path(db: Session) -> None:
    run = start_run(db, platform="tiktok", target="#skincare", target_kind="hashtag", settings={"pages": 2})
    posts = [_post("a"), _post("b")]
    stats = upsert_posts(
        db, posts, observed_at=T0, crawl_run_id=run, target="#skincare", path="browser", ranks=[1, 2]
    )
    assert stats.sightings == 2
    upsert_posts(db, [_post("b")], observed_at=T0 + timedelta(1), target="https://www.tiktok.com/@maker")
    seen = sightings(db, "tiktok", "b")
    assert [(s.crawl_run_id, s.target, s.rank, s.path, s.seen_at) for s in seen] == [
        (run, "#skincare", 2, "browser", T0),
        (None, "https://www.tiktok.com/@maker", None, "http", T0 + timedelta(1)),
    ]


def test_snapshot_carries_the_run_and_is_skipped_without_counters(db: Session) -> None:
    run = start_run(db, platform="tiktok", target="#x", target_kind="hashtag", settings={})
    stats = upsert_posts(db, [_post("a", likes=3), _post("b")], observed_at=T0, crawl_run_id=run)
    assert stats.snapshots == 1
    assert [s.crawl_run_id for s in snapshots(db, "tiktok", "a")] == [run]
    assert snapshots(db, "tiktok", "b") == []


def test_round_trip_post_store_post_is_equal(db: Session) -> None:
    original = Post(
        platform="instagram",
        post_id="C9xYz_AbCdE",
        url="https://www.instagram.com/reel/C9xYz_AbCdE/",
        author="créatrice",
        published_at="2025-11-12T17:03:11.25Z",
        text="Nouvelle routine ✨ #skincare #ad avec @marque, code MARQUE15",
        hashtags=["skincare", "ad"],
        mentions=["marque"],
        media_type="short",
        views=6_870_691,
        likes=228_000,
        comments=1_204,
        shares=None,
        saves=0,
        approximate=["likes"],
        sponsored=True,
        disclosed=True,
        signals=[
            Signal("paid_partner", "Paid partnership with marque", "label", 1.0, {"partner": "marque"}),
            Signal("promo_code", "MARQUE15", "text", 0.6),
        ],
        brands=["marque"],
        metadata={"is_paid_partnership": True, "coauthors": ["marque"], "nested": {"a": [1, 2]}},
    )
    upsert_posts(db, [original], observed_at=T0)
    assert get_post(db, "instagram", "C9xYz_AbCdE") == original
    assert list(iter_posts(db)) == [original]


def test_published_at_is_stored_as_utc(db: Session) -> None:
    upsert_posts(db, [_post(published_at="2025-11-12T19:03:11+02:00")], observed_at=T0)
    stored = get_post(db, "tiktok", "7301")
    assert stored is not None
    assert stored.published_at == "2025-11-12T17:03:11Z"
    row = db.scalars(select(models.Post)).one()
    assert row.published_at == datetime(2025, 11, 12, 17, 3, 11, tzinfo=UTC)


def test_unreadable_date_is_refused_before_anything_is_written(db: Session) -> None:
    with pytest.raises(ValueError, match="7302: published_at 'yesterday'"):
        upsert_posts(db, [_post("7301"), _post("7302", published_at="yesterday")])
    assert _count(db, "post") == 0


def test_bad_arguments_are_refused(db: Session) -> None:
    with pytest.raises(ValueError, match="path"):
        upsert_posts(db, [_post()], path="ftp")
    with pytest.raises(ValueError, match="1 ranks for 2 posts"):
        upsert_posts(db, [_post("a"), _post("b")], ranks=[1])
    with pytest.raises(ValueError, match="post_id"):
        upsert_posts(db, [_post("")])
    assert _count(db, "post") == 0


def test_duplicates_in_one_batch_become_one_post_merged_in_page_order(db: Session) -> None:
    stats = upsert_posts(
        db, [_post(views=10, likes=1), _post(views=12), _post("other")], observed_at=T0, ranks=[3, 9, 4]
    )
    assert (stats.posts, stats.inserted, stats.snapshots, stats.sightings) == (2, 2, 1, 2)
    stored = get_post(db, "tiktok", "7301")
    assert stored is not None
    assert (stored.views, stored.likes) == (12, 1)
    assert [s.rank for s in sightings(db, "tiktok", "7301")] == [3]


def test_batches_larger_than_one_statement_chunk(db: Session) -> None:
    posts = [_post(str(i), views=i) for i in range(1234)]
    assert upsert_posts(db, posts, observed_at=T0).inserted == 1234
    stats = upsert_posts(db, posts[::-1], observed_at=T0 + timedelta(1))
    assert (stats.inserted, stats.updated, stats.snapshots) == (0, 1234, 1234)
    assert _count(db, "post") == 1234


def test_iter_posts_pages_through_everything_and_filters_by_platform(db: Session) -> None:
    posts = [_post(str(i)) for i in range(5)] + [Post(platform="youtube", post_id="dQw4w9WgXcQ", url="u")]
    upsert_posts(db, posts, observed_at=T0)
    assert [p.post_id for p in iter_posts(db, batch=2)] == ["0", "1", "2", "3", "4", "dQw4w9WgXcQ"]
    assert [p.post_id for p in iter_posts(db, "youtube", batch=2)] == ["dQw4w9WgXcQ"]


def test_unknown_post_reads_as_nothing(db: Session) -> None:
    assert get_post(db, "tiktok", "nope") is None
    assert snapshots(db, "tiktok", "nope") == []


def test_accounts_upsert_keeps_known_counters(db: Session) -> None:
    upsert_accounts(db, [Account("tiktok", "maker", account_id="66", followers=1000, likes=5, verified=True)])
    assert upsert_accounts(db, [Account("tiktok", "maker", followers=1200), Account("youtube", "maker")]) == 2
    stored = get_account(db, "tiktok", "maker")
    assert stored is not None
    assert (stored.account_id, stored.followers, stored.likes, stored.verified) == ("66", 1200, 5, True)
    assert _count(db, "account") == 2


def test_brands_are_normalised_and_replaced_by_name(db: Session) -> None:
    upsert_brands(db, [{"name": " Marque ", "aliases": ["MARQUE Paris"], "handles": {"tiktok": ["@Marque"]}}])
    upsert_brands(db, [{"name": "marque", "domains": ["Marque.com"]}, {"name": "other"}])
    brands = list_brands(db)
    assert [(b.name, b.aliases, b.handles, b.domains) for b in brands] == [
        ("marque", [], {}, ["marque.com"]),
        ("other", [], {}, []),
    ]
    with pytest.raises(ValueError, match="unknown brand field"):
        upsert_brands(db, [{"name": "x", "website": "x.com"}])
    with pytest.raises(ValueError, match="aliases"):
        upsert_brands(db, [{"name": "x", "aliases": [1]}])


def test_brand_handles_lose_their_at_sign(db: Session) -> None:
    upsert_brands(db, [{"name": "marque", "handles": {"tiktok": ["@Marque", "marque"], "x": "MarqueFR"}}])
    assert list_brands(db)[0].handles == {"tiktok": ["marque"], "x": ["marquefr"]}


def test_crawl_run_lifecycle(db: Session) -> None:
    run = start_run(db, platform="youtube", target="@chan", target_kind="account", settings={"scroll": 3})
    stored = get_run(db, run)
    assert stored is not None
    assert (stored.status, stored.finished_at, stored.settings) == ("running", None, {"scroll": 3})
    finish_run(
        db, run, status="ok", pages=3, posts=40, errors=1, missing={"likes": 2}, stderr_tail="x" * 30_000
    )
    db.expire_all()
    stored = get_run(db, run)
    assert stored is not None
    assert (stored.status, stored.pages, stored.posts, stored.errors, stored.missing) == (
        "ok",
        3,
        40,
        1,
        {"likes": 2},
    )
    assert stored.finished_at is not None and stored.finished_at >= stored.started_at
    assert len(stored.stderr_tail) == 20_000
    with pytest.raises(ValueError, match="status"):
        finish_run(db, run, status="running")
    with pytest.raises(ValueError, match="no crawl run"):
        finish_run(db, 999_999, status="failed")


def test_database_refuses_an_unknown_run_status(db: Session) -> None:
    run = start_run(db, platform="x", target="q", target_kind="search", settings={})
    with pytest.raises(IntegrityError):
        db.connection().execute(text("UPDATE crawl_run SET status = 'weird' WHERE id = :id"), {"id": run})
    db.rollback()


def test_deleting_a_post_takes_its_snapshots_signals_and_sightings(db: Session) -> None:
    upsert_posts(db, [_post(views=1, signals=[Signal("disclosure", "#ad", "text")])], observed_at=T0)
    db.connection().execute(text("DELETE FROM post"))
    db.commit()
    assert [_count(db, t) for t in ("engagement_snapshot", "signal", "sighting")] == [0, 0, 0]


def test_share_snapshot_key_is_unique(db: Session) -> None:
    def share() -> models.ShareSnapshot:
        return models.ShareSnapshot(
            period_start=T0,
            period_end=T0 + timedelta(days=7),
            granularity="week",
            platform="*",
            brand="marque",
            metric="views",
            value=10.0,
        )

    db.add(share())
    db.commit()
    db.add(share())
    with pytest.raises(IntegrityError):
        db.commit()
    db.rollback()
    assert db.scalar(select(func.count()).select_from(models.ShareSnapshot)) == 1
    # The period's end is part of the key: a custom period from the same start is another row.
    longer = share()
    longer.granularity = "custom"
    db.add(longer)
    db.commit()
    other_end = share()
    other_end.granularity = "custom"
    other_end.period_end = T0 + timedelta(days=3)
    db.add(other_end)
    db.commit()
    assert db.scalar(select(func.count()).select_from(models.ShareSnapshot)) == 3


def test_merge_prefers_the_newer_observation_but_never_an_absence() -> None:
    def row(seen: datetime, **kw: object) -> dict[str, object]:
        return repo._post_row(_post(**kw), seen)  # type: ignore[arg-type]

    old = row(T0, views=5, likes=2, approximate=["likes"], author="a", text="t", hashtags=["x"])
    new = row(T0 + timedelta(1), views=7, author=None, text="")
    merged = merge_post_rows(old, new)
    assert (merged["views"], merged["likes"], merged["approximate"]) == (7, 2, ["likes"])
    assert (merged["author"], merged["text"], merged["hashtags"]) == ("a", "t", ["x"])
    assert (merged["first_seen_at"], merged["last_seen_at"]) == (T0, T0 + timedelta(1))


def test_mixed_platform_batches_keep_each_platform_apart(db: Session) -> None:
    batch = [
        Post(platform="tiktok", post_id="42", url="t", views=1),
        Post(platform="youtube", post_id="42", url="y", views=2),
        Post(platform="x", post_id="9", url="x", views=3),
    ]
    upsert_posts(db, batch, observed_at=T0)
    batch[0].views, batch[1].views = 10, 20
    stats = upsert_posts(db, batch, observed_at=T0 + timedelta(1))
    assert (stats.inserted, stats.updated) == (0, 3)
    assert {(p.platform, p.post_id, p.views) for p in iter_posts(db)} == {
        ("tiktok", "42", 10),
        ("youtube", "42", 20),
        ("x", "9", 3),
    }
