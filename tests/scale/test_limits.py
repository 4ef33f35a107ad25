"""Politeness and budgets hold across workers together: the Redis rate spaces every worker's requests to
a platform, and the Redis budget caps their sum."""

from __future__ import annotations

import time
from typing import Any

from sandbox import Sandbox
from spiders import frontier
from tests.scale.helpers import REDIS, Workers, finished_runs, wait_until

TAGS = ("recette", "voyage")


def enqueue(queue: Any) -> None:
    client, keys = queue
    for tag in TAGS:
        frontier.enqueue_target(client, keys, {"platform": "youtube", "target": tag, "kind": "hashtag"})


def test_a_shared_rate_spaces_requests_of_all_workers(
    box: Sandbox, pg: str, queue: Any, prefix: str, workers: Workers
) -> None:
    enqueue(queue)
    for _ in range(3):
        workers.start(["youtube"], pg, {"REELSCOPE_RATE": "youtube=6", "CONCURRENT_REQUESTS": "8"})
    wait_until(lambda: finished_runs(pg, len(TAGS)), 120, "both crawls to finish")
    times = sorted(hit.at for hit in box.hits)
    assert len(times) > 20
    # 6 requests/s for the platform as a whole, whichever worker sends them: any 13 consecutive requests
    # span at least 2 seconds, less a margin for a busy machine delaying a send after its slot (without
    # the shared limit, three workers send them all within a fraction of a second).
    spans = [b - a for a, b in zip(times, times[12:], strict=False)]
    assert min(spans) > 1.4, sorted(spans)[:5]
    assert len(times) / (times[-1] - times[0]) < 6.5


def test_a_shared_budget_caps_the_sum_of_all_workers(
    box: Sandbox, pg: str, queue: Any, prefix: str, workers: Workers
) -> None:
    enqueue(queue)
    for _ in range(3):
        workers.start(["youtube"], pg, {"REELSCOPE_BUDGET": "youtube=12"})
    wait_until(lambda: len(box.hits) >= 12, 60, "the budget to be spent")
    time.sleep(3)
    assert len(box.hits) == 12  # robots.txt included: every request to the platform counts
    depth = frontier.queue_depths(REDIS, prefix)["youtube"]
    assert depth["queued"] + depth["in_flight"] > 0  # the rest waits for the next window, not dropped
    workers.stop()
    depth = frontier.queue_depths(REDIS, prefix)["youtube"]
    assert depth["in_flight"] == 0 and depth["queued"] > 0  # stopped workers handed their requests back
    assert frontier.live_workers(REDIS, prefix) == []


def test_robots_txt_holds_for_every_request_waiting_for_it(
    box: Sandbox, pg: str, queue: Any, prefix: str, workers: Workers
) -> None:
    client, keys = queue
    hidden = next(a.handle for a in box.world.accounts["instagram"] if a.disallowed)
    workers.start(["instagram"], pg, None, "--no-browser")
    wait_until(lambda: frontier.live_workers(REDIS, prefix), 60, "a live worker")
    # Six first requests at once; the last is one robots.txt forbids (Scrapy 2.19 let all but the first
    # two of the requests waiting for robots.txt through unchecked).
    for fact in box.truth("instagram")[:5]:
        frontier.enqueue_target(
            client, keys, {"platform": "instagram", "target": fact["post_id"], "kind": "post"}
        )
    frontier.enqueue_target(client, keys, {"platform": "instagram", "target": hidden, "kind": "account"})
    asked = f"username={hidden}"
    ended = wait_until(lambda: box.requests_to(asked) or finished_runs(pg, 6), 60, "the six crawls")
    assert not box.requests_to(asked)
    run = next(r for r in ended if r.target == hidden)
    assert (run.status, run.pages, run.errors) == ("failed", 0, 1)
