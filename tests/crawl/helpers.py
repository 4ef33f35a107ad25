"""Helpers of the crawl tests: read back what a crawl stored, compare it with the sandbox's truth."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from spiders.runner import CrawlOutcome
from store import repo
from store.engine import get_engine, session

# Against a local sandbox no politeness delays are needed; a short timeout makes slow faults cheap.
FAST = {"AUTOTHROTTLE_ENABLED": "0", "DOWNLOAD_DELAY": "0", "LOG_LEVEL": "INFO", "RETRY_BACKOFF_BASE": "0.1"}
Crawl = Callable[..., CrawlOutcome]  # the `crawl` fixture


def stored(db: str, platform: str | None = None) -> dict[str, Any]:
    """The stored posts of a platform by post id."""
    with session(get_engine(db)) as s:
        return {p.post_id: p for p in repo.iter_posts(s, platform)}


def run_of(db: str, run_id: int) -> Any:
    """A crawl run row."""
    with session(get_engine(db)) as s:
        return repo.get_run(s, run_id)


def snapshot_count(db: str, platform: str, post_ids: list[str]) -> dict[str, int]:
    """How many engagement snapshots each post has."""
    with session(get_engine(db)) as s:
        return {i: len(repo.snapshots(s, platform, i)) for i in post_ids}


def sighting_runs(db: str, platform: str, post_id: str) -> list[Any]:
    """The sightings of a post (run, target, rank, path)."""
    with session(get_engine(db)) as s:
        return list(repo.sightings(s, platform, post_id))


COUNTERS = ("views", "likes", "comments", "shares", "saves")


def assert_matches_truth(posts: dict[str, Any], truth: list[dict[str, Any]], fields: tuple[str, ...]) -> None:
    """Stored posts are exactly the truth's ids, with the truth's values for `fields`."""
    assert sorted(posts) == sorted(t["post_id"] for t in truth)
    for fact in truth:
        post = posts[fact["post_id"]]
        for name in fields:
            assert getattr(post, name) == fact[name], (fact["post_id"], name)
