"""Plain-HTTP crawls against the sandbox: stored posts equal the ground truth, provenance, limits."""

from __future__ import annotations

from sandbox import Sandbox
from tests.crawl.helpers import COUNTERS, Crawl, assert_matches_truth, run_of, sighting_runs, stored

FULL = ("url", "author", "published_at", "text", "hashtags", "sponsored", "disclosed", *COUNTERS)


def test_youtube_hashtag_listing_followed_to_watch_pages_equals_truth(
    box: Sandbox, crawl: Crawl, db: str
) -> None:
    truth = [t for t in box.truth("youtube") if "recette" in t["hashtags"]]
    outcome = crawl("youtube", "recette", kind="hashtag")
    posts = stored(db, "youtube")
    assert_matches_truth(posts, truth, FULL)
    run = run_of(db, outcome.progress["run"])
    assert (run.status, run.posts, run.errors, run.target_kind) == ("ok", len(truth), 0, "hashtag")
    assert run.pages == len(truth) + 1  # the listing and one watch page per video
    sighting = sighting_runs(db, "youtube", truth[0]["post_id"])
    assert [(s.crawl_run_id, s.target, s.path) for s in sighting] == [(run.id, "recette", "http")]
    assert sighting[0].rank == 0


def test_single_post_pages_of_each_http_platform(box: Sandbox, crawl: Crawl, db: str) -> None:
    for platform in ("tiktok", "youtube", "instagram"):
        fact = box.truth(platform)[5]
        crawl(platform, fact["post_id"], kind="post")
        assert_matches_truth(stored(db, platform), [fact], FULL)


def test_max_posts_stops_the_crawl(box: Sandbox, crawl: Crawl, db: str) -> None:
    outcome = crawl("youtube", "recette", kind="hashtag", max_posts=3)
    assert len(stored(db, "youtube")) == 3
    assert run_of(db, outcome.progress["run"]).posts == 3


def test_since_keeps_only_newer_posts(box: Sandbox, crawl: Crawl, db: str) -> None:
    handle = box.world.accounts["instagram"][0].handle
    facts = box.truth("instagram", handle)
    since = facts[5]["published_at"]
    crawl("instagram", handle, kind="account", since=since)
    assert_matches_truth(stored(db, "instagram"), [t for t in facts if t["published_at"] >= since], FULL[:4])


def test_robots_disallow_is_respected(box: Sandbox, crawl: Crawl, db: str) -> None:
    hidden = next(a for a in box.world.accounts["instagram"] if a.disallowed)
    outcome = crawl("instagram", hidden.handle, kind="account")
    assert stored(db) == {}
    assert box.requests_to(hidden.handle) == []
    assert any(h.path == "/robots.txt" for h in box.hits)
    assert run_of(db, outcome.progress["run"]).errors == 1


def test_a_login_page_target_is_refused(box: Sandbox, db: str) -> None:
    from spiders.runner import run_crawl

    login = box.base_url("instagram") + "/accounts/login/"
    outcome = run_crawl("instagram", login, kind="account", db=db, base_url=box.base_url("instagram"))
    assert not outcome.ok
    assert "refusing a login page" in outcome.stderr_tail
    assert box.requests_to("/accounts/login") == []


def test_a_crawl_opens_no_telnet_console_or_remote_control(box: Sandbox, crawl: Crawl) -> None:
    fact = box.truth("youtube")[0]
    outcome = crawl("youtube", fact["post_id"], kind="post")
    enabled = outcome.stderr_tail.split("Enabled extensions:", 1)[1].split("]", 1)[0]
    assert "scrapy.extensions.logstats.LogStats" in enabled  # the list was read
    assert "TelnetConsole" not in enabled and "RemoteControl" not in enabled
    assert "Telnet console listening" not in outcome.stderr_tail
