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
