"""Retention on SQLite and PostgreSQL: `purge` removes exactly what its policy says (text past
retain_text_days, posts past retain_posts_days, by publication age), --dry-run changes nothing, and the
comparisons already computed (share_snapshot rows) stay exactly as they were."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select
from sqlmodel import Session

from plugins.post import Post, Signal
from reelscope.cli import main
from reelscope.config import load_watchlist
from scheduler.jobs import desired_jobs
from scheduler.runtime import configure
from scheduler.upkeep import compare_job, purge_job
from spiders.privacy import CrawlPrivacy
from store import compare, repo
from store.repo import POST, SIGHTING, SIGNAL, SNAPSHOT
from store.retention import purge

NOW = datetime(2026, 6, 1, tzinfo=UTC)
D = timedelta(days=1)
AGES = {"fresh": 5, "text_old": 40, "posts_old": 400, "undated_old": None}


def _iso(value: datetime) -> str:
    return value.strftime("%Y-%m-%dT%H:%M:%SZ")


def _load(db: Session) -> None:
    """One post per age: 5 days, 40 days, 400 days old, and one undated but first seen 400 days ago."""
    for name, days in AGES.items():
        published = NOW - (days or 0) * D
        post = Post(
            platform="tiktok",
            post_id=name,
            url=f"https://example.test/{name}",
            author="ana",
            published_at=_iso(published) if days is not None else None,
            text=f"caption of {name} #tag",
            hashtags=["tag"],
            views=100,
            likes=10,
            sponsored=True,
            brands=["nike"],
            signals=[Signal("disclosure", f"#ad in {name}", "text")],
            metadata={"title": f"title {name}", "duration": 9},
        )
        seen = NOW - 400 * D if days is None else published + D
        repo.upsert_posts(db, [post], observed_at=seen, target="ana")


def _state(engine: Engine) -> dict[str, Any]:
    with engine.connect() as conn:
        posts = {r.post_id: (r.text, r.meta, r.hashtags, r.views) for r in conn.execute(select(POST))}
        evidence = {r.post_pk: r.evidence for r in conn.execute(select(SIGNAL))}
        counts = {t.name: len(conn.execute(select(t)).all()) for t in (SIGNAL, SIGHTING, SNAPSHOT)}
        shares = [tuple(r) for r in conn.execute(select(compare.SHARE).order_by(compare.SHARE.c.id))]
    return {"posts": posts, "evidence": evidence, "counts": counts, "shares": shares}


def _compute_shares(db: Session) -> None:
    periods = compare.periods_between("month", NOW - 500 * D, NOW)
    assert compare.compute(db, periods) > 0


def test_purge_removes_exactly_what_the_policy_says_and_keeps_comparisons(
    engine: Engine, db: Session
) -> None:
    _load(db)
    _compute_shares(db)
    before = _state(engine)

    dry = purge(db, text_days=30, posts_days=365, dry_run=True, now=NOW)
    assert _state(engine) == before
    assert (dict(dry.posts), dict(dry.texts)) == ({"tiktok": 2}, {"tiktok": 1})

    report = purge(db, text_days=30, posts_days=365, now=NOW)
    assert (dict(report.posts), dict(report.texts)) == ({"tiktok": 2}, {"tiktok": 1})
    after = _state(engine)
    assert set(after["posts"]) == {"fresh", "text_old"}
    assert after["posts"]["fresh"] == before["posts"]["fresh"]
    text, meta, hashtags, views = after["posts"]["text_old"]
    assert (text, hashtags, views) == ("", ["tag"], 100)
    assert meta == {"duration": 9, "text_removed": True}
    assert sorted(after["evidence"].values()) == ["", "#ad in fresh"]
    # The old posts' snapshots, signals and sightings went with them.
    assert after["counts"] == {name: count - 2 for name, count in before["counts"].items()}
    assert after["shares"] == before["shares"]

    again = purge(db, text_days=30, posts_days=365, now=NOW)
    assert (sum(again.posts.values()), sum(again.texts.values())) == (0, 0)


def test_text_only_policy_keeps_every_post(engine: Engine, db: Session) -> None:
    _load(db)
    report = purge(db, text_days=30, posts_days=None, now=NOW)
    assert dict(report.texts) == {"tiktok": 3} and not report.posts
    posts = _state(engine)["posts"]
    assert len(posts) == 4 and [k for k, v in posts.items() if v[0]] == ["fresh"]


def test_reelscope_purge_uses_the_watchlist_policy(
    db_url: str, engine: Engine, db: Session, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _load(db)  # published up to 2026-05-27: every post is more than 30 days old by now
    watchlist = tmp_path / "w.toml"
    watchlist.write_text("[privacy]\nretain_posts_days = 30\n")
    assert main(["purge", "--config", str(watchlist), "--db", db_url, "--dry-run"]) == 0
    assert "would remove whole posts older than" in capsys.readouterr().err
    assert len(_state(engine)["posts"]) == 4
    assert main(["purge", "--config", str(watchlist), "--db", db_url]) == 0
    assert "removed whole posts" in capsys.readouterr().err
    assert len(_state(engine)["posts"]) == 0
    assert main(["purge", "--db", db_url]) == 2
    assert "no retention policy" in capsys.readouterr().err


def test_the_scheduled_purge_job(db_url: str, engine: Engine, db: Session, tmp_path: Path) -> None:
    watchlist = tmp_path / "w.toml"
    watchlist.write_text('[privacy]\nretain_text_days = 1\npurge_every = "6h"\n')
    job = next(j for j in desired_jobs(load_watchlist(watchlist)) if j.id == "purge")
    assert job.spec["schedule"]["every"] == 6 * 3600
    _load(db)
    configure(db=db_url)
    try:
        assert purge_job(job.spec) == {"texts": 4, "posts": 0}
    finally:
        configure(db=None)
    assert not any(text for text, *_ in _state(engine)["posts"].values())


def test_retention_applies_at_storage_too(write_watchlist: Callable[..., Path]) -> None:
    """A crawl does not store posts past retain_posts_days, and stores older ones without text."""
    policy = "retain_text_days = 30\nretain_posts_days = 365"
    privacy = CrawlPrivacy.for_crawl("tiktok", str(write_watchlist(policy)))
    privacy.now = NOW
    posts = [
        Post(platform="tiktok", post_id=name, url="u", published_at=_iso(NOW - days * D), text="hello")
        for name, days in (("new", 1), ("month", 40), ("year", 400))
    ]
    kept, _ = privacy.apply(posts, [])
    assert [(p.post_id, p.text) for p in kept] == [("new", "hello"), ("month", "")]
    assert kept[1].metadata["text_removed"] is True


def _shares_before(engine: Engine, cutoff: datetime) -> list[tuple[Any, ...]]:
    with engine.connect() as conn:
        stmt = select(compare.SHARE).order_by(compare.SHARE.c.id)
        return [tuple(r) for r in conn.execute(stmt) if repo.parse_time(r.period_start) < cutoff]  # type: ignore[operator]


def test_scheduled_comparisons_keep_the_figures_of_purged_periods(
    db_url: str, engine: Engine, db: Session
) -> None:
    _load(db)
    now = datetime.now(UTC)
    # Two posts a minute either side of the posts cutoff: their week and month straddle it.
    for name, shift in (("edge_old", -1), ("edge_new", 1)):
        published = now - 365 * D + timedelta(minutes=shift)
        edge = Post(platform="x", post_id=name, url="u", published_at=_iso(published), views=5, likes=1)
        repo.upsert_posts(db, [edge], observed_at=published + D / 4)
    for granularity in ("week", "month"):
        compare.compute(db, compare.periods_between(granularity, NOW - 500 * D, now))
    cutoff = now - 365 * D
    old_figures = _shares_before(engine, cutoff)
    assert old_figures
    assert sum(purge(db, text_days=None, posts_days=365).posts.values()) == 3
    configure(db=db_url)
    try:
        assert compare_job({"window_days": 1000, "retain_posts_days": 365})["figures"] > 0
        assert _shares_before(engine, cutoff) == old_figures
        compare_job({"window_days": 1000})  # without the policy the purged periods are rewritten
        assert _shares_before(engine, cutoff) != old_figures
    finally:
        configure(db=None)


def test_report_keeps_the_stored_figures_of_periods_older_than_the_posts_retention(
    db_url: str,
    db: Session,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _load(db)
    old = compare.periods_between("month", NOW - 420 * D, NOW - 380 * D)
    compare.compute(db, old)
    before = [tuple(r) for r in db.connection().execute(select(compare.SHARE).order_by(compare.SHARE.c.id))]
    db.commit()
    purge(db, text_days=None, posts_days=365)
    watchlist = tmp_path / "w.toml"
    watchlist.write_text("[privacy]\nretain_posts_days = 365\n")
    monkeypatch.setenv("REELSCOPE_CONFIG", str(watchlist))
    since, until = old[0].start.date().isoformat(), old[-1].end.date().isoformat()
    args = [
        "report",
        "--period",
        "month",
        "--since",
        since,
        "--until",
        until,
        "--db",
        db_url,
        "-o",
        "/dev/null",
    ]
    assert main(args) == 0
    assert f"kept the stored figures of {len(old)} period(s)" in capsys.readouterr().err
    after = [tuple(r) for r in db.connection().execute(select(compare.SHARE).order_by(compare.SHARE.c.id))]
    assert after == before and before
