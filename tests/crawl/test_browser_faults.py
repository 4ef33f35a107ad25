"""Browser crawls (real Chromium) against a faulty sandbox: the page itself and the API responses it
captures are retried with backoff on 429 and 5xx, honouring Retry-After, like plain HTTP requests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from sandbox import Sandbox
from spiders.runner import run_crawl
from tests.crawl.helpers import COUNTERS, FAST, assert_matches_truth, run_of, stored

pytestmark = pytest.mark.browser
FULL = ("url", "author", "published_at", "text", "hashtags", "sponsored", "disclosed", *COUNTERS)


@pytest.fixture
def failing_first() -> Iterator[Sandbox]:
    """A sandbox where every URL's first request fails: half with 429 + Retry-After, half with 500."""
    with Sandbox(seed=7, faults="429:0.5,500:0.5") as box:
        yield box


def test_page_and_captured_responses_are_retried_and_the_crawl_equals_truth(
    failing_first: Sandbox, db: str
) -> None:
    box = failing_first
    handle = box.world.accounts["tiktok"][0].handle
    truth = box.truth("tiktok", handle)
    outcome = run_crawl(
        "tiktok", handle, kind="account", db=db, base_url=box.base_url("tiktok"), settings=FAST
    )
    assert outcome.ok, outcome.stderr_tail[-3000:]
    pages = [h for h in box.requests_to(f"/@{handle}") if "/api/" not in h.path]
    api = box.requests_to("/api/post/item_list")
    # The shell page and each of the three API pages: one fault, then the real answer.
    assert [h.status for h in pages][:1] in ([429], [500]) and pages[-1].status == 200
    assert sorted(h.status for h in api) == sorted([200] * 3 + [h.status for h in api if h.fault])
    assert len([h for h in api if h.fault]) == 3 and {h.status for h in api if h.fault} <= {429, 500}
    assert all(h.headers["user-agent"].startswith("reelscope/") for h in api)  # retried as reelscope
    assert_matches_truth(stored(db, "tiktok"), truth, FULL)
    run = run_of(db, outcome.progress["run"])
    assert (run.status, run.posts, run.errors) == ("ok", len(truth), 0)
    assert "(captured)" in outcome.stderr_tail


def test_retry_after_of_a_captured_response_is_honoured(db: str) -> None:
    with Sandbox(seed=7, faults="429:1.0") as box:
        box.faults.retry_after = 2
        handle = box.world.accounts["tiktok"][0].handle
        outcome = run_crawl(
            "tiktok",
            handle,
            kind="account",
            db=db,
            base_url=box.base_url("tiktok"),
            settings={**FAST, "RETRY_BACKOFF_BASE": "0"},
            max_posts=10,
        )
        api = box.requests_to("/api/post/item_list")
    assert outcome.ok, outcome.stderr_tail[-3000:]
    assert [h.status for h in api[:2]] == [429, 200]
    assert api[1].at - api[0].at >= 1.9
    assert "HTTP 429 on" in outcome.stderr_tail and "retry 1 in 2.0s (captured)" in outcome.stderr_tail
    assert len(stored(db, "tiktok")) == 10
