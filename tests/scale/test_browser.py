"""Browser recipes on workers (real Chromium): a worker with the browser renders listings whose posts
arrive only through the page's XHR, and stores them once; a worker without it leaves browser targets and
requests waiting for one that has it; a browser worker killed mid-listing loses nothing."""

from __future__ import annotations

import os
import signal
from pathlib import Path
from typing import Any

import pytest

from sandbox import Sandbox
from spiders import frontier
from spiders.recorder import Recorder
from tests.crawl.helpers import assert_matches_truth, sighting_runs, stored
from tests.crawl.test_browser import FULL
from tests.scale.helpers import REDIS, Workers, finished_runs, post_count, runs, wait_until
from tests.scale.test_workers import assert_stored_once

pytestmark = pytest.mark.browser


def depth(prefix: str) -> dict[str, int]:
    """The TikTok row of the queue depths."""
    return frontier.queue_depths(REDIS, prefix).get("tiktok", {})


def test_browser_listings_wait_for_a_browser_worker_and_are_stored_once(
    box: Sandbox, pg: str, queue: Any, prefix: str, workers: Workers
) -> None:
    client, keys = queue
    first, second = (a.handle for a in box.world.accounts["tiktok"][:2])
    listed = [f for h in (first, second) for f in box.truth("tiktok", h)]
    single = next(f for f in box.truth("tiktok") if f not in listed)  # a post page of another account
    post = single["post_id"]
    # A worker that died after opening a run, before queueing its first request.
    orphan = Recorder(pg).start(platform="tiktok", target="gone", kind="account", settings={})
    client.sadd(keys.members("tiktok"), "w-dead")
    frontier.opening(client, keys, "tiktok", "w-dead", orphan)
    # Workers without the browser: one told so, one on a machine without Chromium.
    workers.start(["tiktok"], pg, None, "--no-browser")
    workers.start(["tiktok"], pg, env={"REELSCOPE_CHROMIUM": "/nonexistent/chromium"})
    wait_until(lambda: len(frontier.live_workers(REDIS, prefix)) == 2, 60, "two live workers")
    frontier.enqueue_target(
        client, keys, {"platform": "tiktok", "target": first, "kind": "account"}, browser=True
    )
    # As an older scheduler queued it: in the plain target list; its first request is a browser one.
    frontier.enqueue_target(client, keys, {"platform": "tiktok", "target": second, "kind": "account"})
    frontier.enqueue_target(client, keys, {"platform": "tiktok", "target": post, "kind": "post"})
    wait_until(lambda: depth(prefix).get("browser_queued") == 1, 60, "the browser request to be queued")
    wait_until(lambda: [r for r in runs(pg) if r.status == "ok"], 60, "the post page's run")
    # The plain workers crawled the post page and closed the orphan, but took no browser work.
    assert depth(prefix) == {
        "targets": 1,
        "queued": 1,
        "in_flight": 0,
        "browser_targets": 1,
        "browser_queued": 1,
    }
    by_id = {r.id: r for r in runs(pg)}
    assert by_id[orphan].status == "failed" and "worker died" in (by_id[orphan].stderr_tail or "")
    assert {r.target for r in by_id.values() if r.status == "running"} == {second}

    workers.start(["tiktok"], pg)
    done = wait_until(lambda: finished_runs(pg, 4), 120, "both listings to finish")
    assert [r.status for r in done if r.id != orphan] == ["ok"] * 3
    facts = [*listed, single]
    assert_matches_truth(stored(pg, "tiktok"), facts, FULL)  # every field, as a local browser crawl stores it
    assert_stored_once(pg, "tiktok", {f["post_id"] for f in facts}, max(r.id for r in done))
    assert {s.path for s in sighting_runs(pg, "tiktok", box.truth("tiktok", first)[-1]["post_id"])} == {
        "browser"
    }
    assert len(box.requests_to("/api/post/item_list")) == 6  # three pages of each, fetched by the pages
    assert depth(prefix) == dict.fromkeys(
        ("targets", "queued", "in_flight", "browser_targets", "browser_queued"), 0
    )
    assert "browser off: Chromium at /nonexistent/chromium does not start" in workers.log(1)
    assert not any("scrapy-playwright" in workers.log(n) for n in (0, 1))
    # One Playwright driver for http and https (scrapy-playwright alone would start one per scheme).
    assert workers.log(2).count("Starting download handler") == 1


def test_a_browser_worker_killed_mid_listing_loses_nothing(
    pg: str, queue: Any, prefix: str, tmp_path: Path
) -> None:
    client, keys = queue
    # Every URL's first answer takes 3 s: the listing is still in flight after its first page is stored.
    with Sandbox(seed=7, faults="slow:1.0", slow_seconds=3.0) as box:
        workers = Workers({**os.environ, **box.env(), frontier.PREFIX_ENV: prefix}, tmp_path)
        try:
            handle = box.world.accounts["tiktok"][0].handle
            truth = {f["post_id"] for f in box.truth("tiktok", handle)}
            target = {"platform": "tiktok", "target": handle, "kind": "account"}
            frontier.enqueue_target(client, keys, target, browser=True)
            victim = workers.start(["tiktok"], pg, {"REELSCOPE_SCROLL_WAIT": "5"})
            wait_until(lambda: post_count(pg) > 0, 60, "the first stored posts")
            victim_id = next(w["id"] for w in frontier.live_workers(REDIS, prefix) if w["pid"] == victim.pid)
            held = client.hkeys(keys.inflight("tiktok", victim_id))
            os.kill(victim.pid, signal.SIGKILL)
            victim.wait()
            assert [h[:2] for h in held] == [b"b:"] and post_count(pg) < len(truth)
            workers.start(["tiktok"], pg)
            [run] = wait_until(lambda: finished_runs(pg, 1), 90, "the listing to finish")
        finally:
            workers.stop()
    assert run.status == "ok"
    assert_stored_once(pg, "tiktok", truth, run.id)
    assert "reclaimed" in workers.log(1)
