"""The scheduler queues crawls for the workers when Redis is configured (browser recipes for browser
workers only), a dead worker's work goes back where it came from, `reelscope status` shows queue depths
and live workers, and `reelscope worker` names a missing or bad input in one line."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import Any

import orjson
import pytest

from scheduler.crawl import crawl_job
from scheduler.runtime import configure
from spiders import frontier
from tests.scale.helpers import REDIS


@pytest.fixture
def redis_runtime(prefix: str) -> Iterator[None]:
    """The scheduler's runtime pointed at this test's Redis prefix."""
    configure(env={frontier.REDIS_URL_ENV: REDIS, frontier.PREFIX_ENV: prefix})
    yield
    configure(env={})


def test_scheduled_http_crawls_and_revisits_are_queued_for_workers(redis_runtime: None, queue: Any) -> None:
    client, keys = queue
    spec = {"job_id": "crawl:food:recette", "platform": "youtube", "kind": "hashtag", "target": "recette"}
    assert crawl_job(spec) == {"job": "crawl:food:recette", "status": "queued", "run": None}
    assert crawl_job(spec)["status"] == "skipped"  # the same target already waits
    revisit = {"job_id": "revisit:tiktok:1", "platform": "tiktok", "kind": "post", "target": "1"}
    assert crawl_job(revisit)["status"] == "queued"
    waiting = [orjson.loads(m) for m in client.lrange(keys.targets("youtube"), 0, -1)]
    assert waiting == [
        {"job_id": "crawl:food:recette", "kind": "hashtag", "platform": "youtube", "target": "recette"}
    ]
    assert client.llen(keys.targets("tiktok")) == 1


def test_scheduled_browser_crawls_are_queued_for_browser_workers(redis_runtime: None, queue: Any) -> None:
    client, keys = queue
    spec = {"job_id": "crawl:t:a", "platform": "tiktok", "kind": "account", "target": "someone"}
    assert crawl_job(spec)["status"] == "queued"
    assert crawl_job(spec)["status"] == "skipped"  # queued once, in one list
    profile = {"job_id": "crawl:i:a", "platform": "instagram", "kind": "account", "target": "someone"}
    assert crawl_job(profile)["status"] == "queued"  # first page over HTTP, then scrolled in Chromium
    assert client.llen(keys.browser_targets("tiktok")) == 1 and client.llen(keys.targets("tiktok")) == 0
    assert client.llen(keys.browser_targets("instagram")) == 1
    from scheduler.queue import offer

    assert offer({**spec, "platform": "nosuch"}) is None  # no worker could crawl it: it runs locally


def test_a_dead_workers_browser_work_goes_back_to_the_browser_lists(queue: Any) -> None:
    client, keys = queue
    client.sadd(keys.members("tiktok"), "w-dead")  # a worker whose heartbeat is gone
    client.hset(keys.inflight("tiktok", "w-dead"), mapping={"b:1": b"rendered", "2": b"plain"})
    client.lpush(keys.claimed("tiktok", "w-dead", browser=True), b"browser-target")
    client.lpush(keys.claimed("tiktok", "w-dead"), b"plain-target")
    frontier.opening(client, keys, "tiktok", "w-dead", 41)
    assert frontier.reclaim_dead(client, keys, "tiktok") == 4
    assert client.lrange(keys.browser_requests("tiktok"), 0, -1) == [b"rendered"]
    assert client.lrange(keys.requests("tiktok"), 0, -1) == [b"plain"]
    assert client.lrange(keys.browser_targets("tiktok"), 0, -1) == [b"browser-target"]
    assert client.lrange(keys.targets("tiktok"), 0, -1) == [b"plain-target"]
    assert frontier.take_orphan(client, keys) == 41 and frontier.take_orphan(client, keys) is None
    assert frontier.reclaim_dead(client, keys, "tiktok") == 0  # a second reclaimer finds nothing left


def test_status_shows_queue_depth_per_platform_and_live_workers(
    queue: Any, prefix: str, reelscope: Callable[..., Any], tmp_path: Any
) -> None:
    client, keys = queue
    for tag in ("recette", "voyage"):
        frontier.enqueue_target(client, keys, {"platform": "youtube", "target": tag, "kind": "hashtag"})
    client.lpush(keys.requests("instagram"), b"r1", b"r2", b"r3")
    client.lpush(keys.browser_requests("instagram"), b"r5")
    client.hset(keys.inflight("instagram", "w-dead"), "a", b"r4")
    frontier.beat(client, keys, "w-1", ["youtube", "instagram"], ttl=30)
    frontier.beat(client, keys, "w-gone", ["youtube"], ttl=0.001)
    env = {frontier.REDIS_URL_ENV: REDIS, frontier.PREFIX_ENV: prefix}
    done = reelscope("status", "--db", f"sqlite:///{tmp_path / 's.db'}", **env)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert any(line.split()[:3] == ["youtube", "targets", "2"] for line in lines), done.stdout
    row = next(line.split() for line in lines if line.split()[:1] == ["instagram"] and "queued" in line)
    assert row[row.index("queued") + 1 : row.index("queued") + 3] == ["4", "(1)"] and row[-1] == "1"
    assert "Live workers: 1" in done.stdout
    assert any(line.strip().startswith("w-1 ") and f"pid {os.getpid()}" in line for line in lines)


def test_worker_without_redis_or_with_an_unknown_platform_says_so(reelscope: Callable[..., Any]) -> None:
    env = {k: v for k, v in os.environ.items() if k != frontier.REDIS_URL_ENV}
    missing = reelscope("worker", **{**env, frontier.REDIS_URL_ENV: ""})
    assert missing.returncode == 2 and "needs Redis" in missing.stderr and "Traceback" not in missing.stderr
    unknown = reelscope("worker", "--redis", REDIS, "--platform", "myspace")
    assert unknown.returncode == 2 and "--platform myspace" in unknown.stderr
    down = reelscope("worker", "--redis", "redis://127.0.0.1:1/0", "--platform", "youtube")
    assert down.returncode == 2 and "cannot reach Redis" in down.stderr


def test_a_worker_detects_the_brands_of_its_watchlist(
    box: Any, pg: str, queue: Any, prefix: str, workers: Any, tmp_path: Any
) -> None:
    from tests.crawl.helpers import stored
    from tests.scale.helpers import finished_runs, wait_until

    brand_of = {t["post_id"]: t["brand"] for t in box.truth("youtube")}
    tag = "recette"  # seed 7: a hashtag listing (plain HTTP) with GlowLab posts among others
    listed = {p.post_id for p in box.world.tagged("youtube", tag)}
    glowlab = {post_id for post_id in listed if brand_of[post_id] == "glowlab"}
    assert glowlab and listed - glowlab
    config = tmp_path / "reelscope.toml"
    config.write_text('[[brands]]\nname = "GlowLab"\nhandles = { youtube = ["glowlab"] }\n')
    workers.start(["youtube"], pg, None, "--no-browser", env={"REELSCOPE_CONFIG": str(config)})
    client, keys = queue
    frontier.enqueue_target(client, keys, {"platform": "youtube", "target": tag, "kind": "hashtag"})
    wait_until(lambda: finished_runs(pg, 1), 90, "the hashtag's crawl")
    posts = stored(pg, "youtube")
    assert set(posts) == listed
    assert {post_id for post_id, post in posts.items() if "glowlab" in post.brands} == glowlab
