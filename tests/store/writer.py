"""A separate writer process for the concurrency tests: stores the same posts, round after round.

Usage: writer.py URL WORKER ROUNDS COUNT. Prints "ready", waits for a line on stdin (so every writer
starts together), then prints its summed UpsertStats as JSON.
"""

from __future__ import annotations

import dataclasses
import json
import sys
from datetime import UTC, datetime, timedelta

from plugins.post import Post, Signal
from store.engine import get_engine, session
from store.repo import UpsertStats, upsert_posts

OWN_COUNTER = ("likes", "comments", "shares", "saves")
ROUND_TIME = datetime(2025, 11, 12, tzinfo=UTC)


def make_posts(worker: int, round_no: int, count: int) -> list[Post]:
    """The same post ids for every writer; counters and signals vary by writer and round."""
    posts = []
    for i in range(count):
        post = Post(
            platform="tiktok",
            post_id=f"73{i:05d}",
            url=f"https://www.tiktok.com/@maker/video/73{i:05d}",
            text=f"post {i} #ad code W{worker}R{round_no}",
            views=1000 * round_no + worker,
            signals=[
                Signal("disclosure", "#ad", "text"),
                Signal("promo_code", f"W{worker}R{round_no}", "text"),
            ],
        )
        # Only this writer gives this counter; the others' pages lack it and must keep it.
        setattr(post, OWN_COUNTER[worker % len(OWN_COUNTER)], round_no + 1)
        posts.append(post)
    # Writers see the page in different orders; the store sorts, so no lock cycles.
    return posts if worker % 2 else posts[::-1]


def main() -> None:
    """Run the rounds and report the total stats."""
    url, worker, rounds, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    engine = get_engine(url)
    print("ready", flush=True)
    sys.stdin.readline()
    total = UpsertStats()
    for round_no in range(rounds):
        posts = make_posts(worker, round_no, count)
        with session(engine) as db:
            stats = upsert_posts(
                db,
                posts,
                # One time per round, so "the latest observation" does not depend on lock order.
                observed_at=ROUND_TIME + timedelta(hours=round_no),
                target=f"writer-{worker}",
                ranks=list(range(1, count + 1)),
            )
        for field in dataclasses.fields(UpsertStats):
            setattr(total, field.name, getattr(total, field.name) + getattr(stats, field.name))
    print(json.dumps(dataclasses.asdict(total)), flush=True)


if __name__ == "__main__":
    main()
