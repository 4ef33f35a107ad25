"""Three `reelscope worker` processes share one crawl through Redis and PostgreSQL: every post of the
ground truth is stored exactly once, also when one worker is killed with SIGKILL mid-crawl."""

from __future__ import annotations

import os
import re
import signal
from typing import Any

from sandbox import Sandbox
from sandbox.model import HASHTAGS
from spiders import frontier
from tests.scale.helpers import (
    REDIS,
    Workers,
    finished_runs,
    observations,
    post_count,
    stored_ids,
    wait_until,
)

PLATFORMS = ["youtube", "tiktok", "instagram"]


def youtube_tags() -> list[str]:
    """Every hashtag the sandbox's YouTube posts carry."""
    return sorted({tag for tags in HASHTAGS.values() for tag in tags})


def youtube_truth(box: Sandbox) -> set[str]:
    """The YouTube posts reachable from those hashtag listings (robots.txt-hidden accounts excluded)."""
    return {p.post_id for tag in youtube_tags() for p in box.world.tagged("youtube", tag)}


def enqueue(queue: Any, targets: list[dict[str, str]]) -> None:
    client, keys = queue
    for target in targets:
        assert frontier.enqueue_target(client, keys, target)


def assert_stored_once(db: str, platform: str, truth: set[str], runs: int) -> None:
    """The stored posts are the truth, one row each; no run saw or counted a post twice."""
    ids = stored_ids(db, platform)
    assert sorted(ids) == sorted(truth)
    for post_id in ids:
        seen, snapshots = observations(db, platform, post_id)
        assert len(seen) == len(set(seen)) and snapshots == len(seen), (post_id, seen, snapshots)
        assert all(run is not None and 1 <= run <= runs for run in seen)


def test_three_workers_store_the_ground_truth_exactly_once(
    box: Sandbox, pg: str, queue: Any, prefix: str, workers: Workers
) -> None:
    targets = [{"platform": "youtube", "target": tag, "kind": "hashtag"} for tag in youtube_tags()]
    picked = {name: [t["post_id"] for t in box.truth(name)[::15]] for name in ("tiktok", "instagram")}
    targets += [{"platform": n, "target": i, "kind": "post"} for n, ids in picked.items() for i in ids]
    for _ in range(3):
        workers.start(PLATFORMS, pg)
    # Work is queued once all three run: a worker slow to start on a busy machine would find none left.
    wait_until(lambda: len(frontier.live_workers(REDIS, prefix)) == 3, 60, "three live workers")
    enqueue(queue, targets)
    runs = wait_until(lambda: finished_runs(pg, len(targets)), 180, "every crawl run to finish")
    assert {r.status for r in runs} == {"ok"} and sum(r.errors for r in runs) == 0
    assert_stored_once(pg, "youtube", youtube_truth(box), len(runs))
    for name, ids in picked.items():
        assert_stored_once(pg, name, set(ids), len(runs))
    assert not any(frontier.queue_depths(REDIS, prefix)["youtube"].values())
    client, keys = queue
    for run in runs:  # each task's fingerprints and ledger stay a day after it ends, then go
        assert client.scard(keys.task(run.id, "fingerprints")) == run.pages
        assert 0 < client.ttl(keys.task(run.id, "done")) <= frontier.TASK_KEEP_SECONDS
        assert client.scard(keys.task(run.id, "pending")) == 0
    workers.stop()
    for n in range(3):  # every worker fetched pages of the shared queue
        fetched = [int(x) for x in re.findall(r"'scheduler/dequeued/redis': (\d+)", workers.log(n))]
        assert sum(fetched) > 0, workers.log(n)[-2000:]


def test_a_worker_killed_mid_crawl_loses_nothing(
    box: Sandbox, pg: str, queue: Any, prefix: str, workers: Workers
) -> None:
    truth = youtube_truth(box)
    targets = [{"platform": "youtube", "target": tag, "kind": "hashtag"} for tag in youtube_tags()]
    enqueue(queue, targets)
    # A shared rate keeps the crawl going long enough to kill a worker holding requests in flight.
    slow = {"REELSCOPE_RATE": "youtube=12"}
    procs = [workers.start(["youtube"], pg, slow) for _ in range(3)]
    live = wait_until(lambda: frontier.live_workers(REDIS, prefix), 60, "live workers")
    wait_until(lambda: post_count(pg) >= 15, 120, "the first stored posts")
    victim = procs[0]
    victim_id = next(w["id"] for w in frontier.live_workers(REDIS, prefix) if w["pid"] == victim.pid)
    client, keys = queue
    held = client.hlen(keys.inflight("youtube", victim_id))
    os.kill(victim.pid, signal.SIGKILL)
    victim.wait()
    at_kill = post_count(pg)
    assert held > 0 and at_kill < len(truth), (held, at_kill)
    assert live
    runs = wait_until(lambda: finished_runs(pg, len(targets)), 180, "every crawl run to finish")
    assert {r.status for r in runs} == {"ok"}
    assert_stored_once(pg, "youtube", truth, len(runs))
    assert not client.exists(keys.inflight("youtube", victim_id))
    assert victim_id not in {w["id"] for w in frontier.live_workers(REDIS, prefix)}
    assert "reclaimed" in workers.log(1) + workers.log(2)
