"""Faults: retried until the page comes through, or recorded as errors while the crawl completes."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from sandbox import Sandbox
from spiders.runner import run_crawl
from tests.crawl.helpers import COUNTERS, FAST, assert_matches_truth, run_of, stored

FULL = ("url", "author", "published_at", "text", "hashtags", "sponsored", "disclosed", *COUNTERS)


@pytest.fixture
def faulty() -> Iterator[Sandbox]:
    """A sandbox where a good share of first requests fail in every transient way."""
    with Sandbox(
        seed=7, faults="429:0.15,500:0.15,slow:0.1,truncate:0.1,malformed:0.1", slow_seconds=3.0
    ) as box:
        yield box


def test_transient_faults_are_retried_and_the_crawl_equals_truth(faulty: Sandbox, db: str) -> None:
    truth = [t for t in faulty.truth("youtube") if "recette" in t["hashtags"]]
    outcome = run_crawl(
        "youtube",
        "recette",
        kind="hashtag",
        db=db,
        base_url=faulty.base_url("youtube"),
        settings={**FAST, "DOWNLOAD_TIMEOUT": "1.5", "CONCURRENT_REQUESTS_PER_DOMAIN": "8"},
    )
    assert outcome.ok, outcome.stderr_tail[-2000:]
    assert len({h.fault for h in faulty.hits if h.fault}) >= 2
    assert_matches_truth(stored(db, "youtube"), truth, FULL)
    assert run_of(db, outcome.progress["run"]).errors == 0
    assert "retry" in outcome.stderr_tail.lower()


@pytest.mark.parametrize("fault", ["500", "slow", "truncate", "malformed"])
def test_each_transient_fault_is_overcome(box: Sandbox, db: str, fault: str) -> None:
    fact = box.truth("youtube")[3]
    outcome = run_crawl(
        "youtube",
        f"{box.base_url('youtube')}/watch?v={fact['post_id']}&_fault={fault}",
        kind="post",
        db=db,
        settings={**FAST, "DOWNLOAD_TIMEOUT": "1"},
    )
    assert outcome.ok
    assert [h.fault for h in box.requests_to(fact["post_id"])] == [fault, None]
    assert_matches_truth(stored(db, "youtube"), [fact], FULL)
    assert run_of(db, outcome.progress["run"]).errors == 0


def test_retry_after_is_honoured(box: Sandbox, db: str) -> None:
    box.faults.retry_after = 2
    fact = box.truth("youtube")[0]
    outcome = run_crawl(
        "youtube",
        f"{box.base_url('youtube')}/watch?v={fact['post_id']}&_fault=429",
        kind="post",
        db=db,
        settings={**FAST, "RETRY_BACKOFF_BASE": "0"},
    )
    assert outcome.ok
    hits = box.requests_to(fact["post_id"])
    assert [h.status for h in hits] == [429, 200]
    assert "retry 1 in 2.0s" in outcome.stderr_tail
    assert list(stored(db, "youtube")) == [fact["post_id"]]


def test_a_page_that_never_comes_is_an_error_and_the_crawl_completes(box: Sandbox, db: str) -> None:
    outcome = run_crawl(
        "youtube", "NoSuchVideo", kind="post", db=db, base_url=box.base_url("youtube"), settings=FAST
    )
    assert outcome.ok
    run = run_of(db, outcome.progress["run"])
    assert (run.status, run.errors, run.posts) == ("failed", 1, 0)


def test_layout_drift_leaves_the_counter_missing_and_counts_it(db: str) -> None:
    with Sandbox(seed=7, faults="drift") as box:
        handle = box.world.accounts["instagram"][0].handle
        outcome = run_crawl(
            "instagram",
            handle,
            kind="post",
            db=db,
            base_url=box.base_url("instagram"),
            settings=FAST,
            details="no",
        )
        video = next(t for t in box.truth("instagram", handle) if t["views"] is not None)
        outcome = run_crawl(
            "instagram",
            video["post_id"],
            kind="post",
            db=db,
            base_url=box.base_url("instagram"),
            settings=FAST,
        )
    assert outcome.ok
    post = stored(db, "instagram")[video["post_id"]]
    assert (post.views, post.likes) == (None, video["likes"])
    assert run_of(db, outcome.progress["run"]).missing.get("views") == 1
