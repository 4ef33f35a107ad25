"""Small hand-made data sets for the comparison tests: posts re-observed over time, hidden counters."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlmodel import Session

from plugins.engagement.settings import build
from plugins.post import Post
from store.compare import Definitions
from store.repo import upsert_posts

WEEK1 = datetime(2025, 11, 10, tzinfo=UTC)  # a Monday
H = timedelta(hours=1)
D = timedelta(days=1)


def definitions(overlay: dict[str, Any] | None = None) -> Definitions:
    """The rates.json definitions, untouched by the environment, with an optional overlay."""
    return Definitions(build(overlay, environ={}))


def _iso(value: datetime) -> str:
    return value.strftime("%Y-%m-%dT%H:%M:%SZ")


def post(platform: str, post_id: str, published: datetime, **kw: Any) -> Post:
    """A post record as a parser would give it."""
    return Post(
        platform=platform,
        post_id=post_id,
        url=f"https://example.test/{platform}/{post_id}",
        published_at=_iso(published),
        **kw,
    )


def observe(db: Session, base: Post, at: datetime, target: str = "watch", **counters: int | None) -> None:
    """Store one sighting of `base` at `at` with these counters (absent ones unknown)."""
    seen = replace(
        base, **{name: counters.get(name) for name in ("views", "likes", "comments", "shares", "saves")}
    )
    upsert_posts(db, [seen], observed_at=at, target=target)


def load_week(db: Session) -> None:
    """The tricky week of 2025-11-10 (see test_compare for the hand computation), and one post after it."""
    t1 = post("tiktok", "t1", WEEK1, author="ana", sponsored=True, disclosed=True, brands=["nike"])
    observe(db, t1, WEEK1 + 12 * H, views=100, likes=10, comments=1, shares=0, saves=0)
    observe(db, t1, WEEK1 + 36 * H, views=300, likes=30, comments=3, shares=1, saves=1)
    # After the week: must not count in it (the latest snapshot *in the period* counts).
    observe(db, t1, WEEK1 + 8 * D + 12 * H, views=900, likes=90, comments=9, shares=3, saves=3)

    t2_pub = WEEK1 + 2 * D + 6 * H
    t2 = post("tiktok", "t2", t2_pub, author="ana", sponsored=True, brands=["nike", "adidas"])
    observe(db, t2, t2_pub + 12 * H, views=1000, likes=50)
    observe(db, t2, t2_pub + 24 * H, views=1500, likes=80)

    t3_pub = WEEK1 + 3 * D
    t3 = post("tiktok", "t3", t3_pub, author="bo")
    observe(db, t3, t3_pub + 12 * H, likes=20, comments=5)  # views hidden

    t4 = post("tiktok", "t4", WEEK1 + 4 * D, brands=["adidas"])  # no author, no counters
    upsert_posts(db, [t4], observed_at=WEEK1 + 4 * D + H, target="watch")

    y1_pub = WEEK1 + D
    y1 = post("youtube", "y1", y1_pub, author="cy", sponsored=True, disclosed=True, brands=["nike", "nike"])
    observe(db, y1, y1_pub + 24 * H, target="yt-search", views=500, likes=40, comments=10, shares=7)

    r1_pub = WEEK1 + 2 * D
    r1 = post("reddit", "r1", r1_pub, author="dee", brands=["puma"])
    observe(db, r1, r1_pub + 12 * H, target="r/sneakers", likes=7, comments=3)

    i1_pub = WEEK1 + 10 * D
    i1 = post("instagram", "i1", i1_pub, author="eve", brands=["puma"])
    observe(db, i1, i1_pub + H, views=50, likes=5)


PLATFORMS = ("tiktok", "youtube", "instagram", "x", "reddit")
BRANDS = ("nike", "adidas", "puma", "asics")


def load_random(db: Session, n: int = 120, seed: int = 7) -> None:
    """A seeded mix over three weeks: hidden counters, several snapshots, posts without dates or brands."""
    rng = random.Random(seed)
    for i in range(n):
        pub = WEEK1 + timedelta(minutes=rng.randrange(0, 21 * 24 * 60))
        sponsored = rng.random() < 0.4
        p = post(
            rng.choice(PLATFORMS),
            f"p{i}",
            pub,
            author=rng.choice(["a", "b", "c", "d", None]),
            sponsored=sponsored,
            disclosed=sponsored and rng.random() < 0.6,
            brands=rng.sample(BRANDS, rng.randrange(0, 3)),
        )
        if rng.random() < 0.1:
            p.published_at = None
        views = rng.randrange(10, 5000)
        likes = rng.randrange(0, 500)
        at = pub + timedelta(minutes=rng.randrange(1, 600))
        for _ in range(rng.randrange(1, 5)):
            observe(
                db,
                p,
                at,
                target=f"target-{i % 3}",
                views=views if rng.random() < 0.8 else None,
                likes=likes,
                comments=rng.randrange(0, 50) if rng.random() < 0.7 else None,
                shares=rng.randrange(0, 20),
            )
            at += timedelta(minutes=rng.randrange(60, 3 * 24 * 60))
            views += rng.randrange(0, 3000)
            likes += rng.randrange(0, 200)
