"""Browser crawls (real Chromium): listings whose data only arrives through the page's own XHR."""

from __future__ import annotations

import pytest

from sandbox import Sandbox
from tests.crawl.helpers import COUNTERS, Crawl, assert_matches_truth, run_of, sighting_runs, stored

pytestmark = pytest.mark.browser
FULL = ("url", "author", "published_at", "text", "hashtags", "sponsored", "disclosed", *COUNTERS)


def test_tiktok_account_scrolled_and_captured_equals_truth(box: Sandbox, crawl: Crawl, db: str) -> None:
    handle = box.world.accounts["tiktok"][0].handle
    truth = box.truth("tiktok", handle)
    outcome = crawl("tiktok", handle, kind="account")
    assert_matches_truth(stored(db, "tiktok"), truth, FULL)
    assert len(box.requests_to("/api/post/item_list")) == 3  # three pages of 10, fetched by the page
    run = run_of(db, outcome.progress["run"])
    assert (run.status, run.posts, run.errors) == ("ok", len(truth), 0)
    assert {s.path for s in sighting_runs(db, "tiktok", truth[-1]["post_id"])} == {"browser"}


def test_x_account_equals_truth(box: Sandbox, crawl: Crawl, db: str) -> None:
    handle = box.world.accounts["x"][1].handle
    crawl("x", handle, kind="account")
    assert_matches_truth(stored(db, "x"), box.truth("x", handle), FULL)


def test_instagram_profile_continues_in_the_browser(box: Sandbox, crawl: Crawl, db: str) -> None:
    handle = box.world.accounts["instagram"][1].handle
    crawl("instagram", handle, kind="account")
    assert_matches_truth(stored(db, "instagram"), box.truth("instagram", handle), FULL)
    assert box.requests_to("/graphql/query")  # the posts after the first 12 came from the page's XHR


def test_http_only_crawl_does_not_start_chromium(box: Sandbox, crawl: Crawl, db: str) -> None:
    fact = box.truth("youtube")[0]
    outcome = crawl("youtube", fact["post_id"], kind="post")
    assert "scrapy-playwright" not in outcome.stderr_tail
    assert list(stored(db, "youtube")) == [fact["post_id"]]
