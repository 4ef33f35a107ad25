"""Re-crawls add only new posts and snapshots; a crawl killed with SIGKILL resumes to the ground truth."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import orjson
import pytest

from sandbox import Sandbox
from spiders.pipelines import PROGRESS_PREFIX
from spiders.runner import SETTINGS_MODULE, crawl_command
from tests.crawl.helpers import (
    COUNTERS,
    FAST,
    Crawl,
    assert_matches_truth,
    run_of,
    sighting_runs,
    snapshot_count,
    stored,
)

FULL = ("url", "author", "published_at", "text", "hashtags", "sponsored", "disclosed", *COUNTERS)


@pytest.mark.browser
def test_recrawl_adds_only_new_posts_and_new_snapshots(box: Sandbox, crawl: Crawl, db: str) -> None:
    handle = box.world.accounts["tiktok"][1].handle
    first = crawl("tiktok", handle, kind="account")
    before = box.truth("tiktok", handle)
    fresh = box.publish("tiktok", handle, text="Brand new drop #new")
    box.bump("tiktok")
    second = crawl("tiktok", handle, kind="account")
    after = box.truth("tiktok", handle)
    posts = stored(db, "tiktok")
    assert sorted(posts) == sorted(t["post_id"] for t in after)
    assert len(posts) == len(before) + 1 and fresh.post_id in posts
    # The second crawl stopped after its first page: older posts were stored by the first crawl.
    run2 = run_of(db, second.progress["run"])
    assert run2.status == "ok" and run2.posts == 10
    assert len(box.requests_to("/api/post/item_list")) == 3 + 1
    page_one = [t["post_id"] for t in after[:10]]
    counts = snapshot_count(db, "tiktok", [t["post_id"] for t in after])
    assert counts == {
        t["post_id"]: 1 + (t["post_id"] in page_one and t["post_id"] != fresh.post_id) for t in after
    }
    assert_matches_truth({k: v for k, v in posts.items() if k in page_one}, after[:10], FULL)  # new counters
    assert {s.crawl_run_id for s in sighting_runs(db, "tiktok", page_one[1])} == {
        first.progress["run"],
        second.progress["run"],
    }


def test_killed_crawl_resumes_without_duplicates_or_losses(box: Sandbox, db: str, tmp_path: Path) -> None:
    truth = [t for t in box.truth("youtube") if "recette" in t["hashtags"]]
    jobdir = tmp_path / "job"
    slow = {
        **FAST,
        "CONCURRENT_REQUESTS_PER_DOMAIN": "1",
        "DOWNLOAD_DELAY": "0.4",
        "RANDOMIZE_DOWNLOAD_DELAY": "0",
    }
    args = crawl_command(
        "youtube",
        "recette",
        kind="hashtag",
        db=db,
        base_url=box.base_url("youtube"),
        jobdir=str(jobdir),
        settings=slow,
    )
    env = {**os.environ, "SCRAPY_SETTINGS_MODULE": SETTINGS_MODULE}
    proc = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    assert proc.stderr is not None
    deadline = time.monotonic() + 60
    for line in proc.stderr:
        if line.startswith(PROGRESS_PREFIX) and orjson.loads(line[len(PROGRESS_PREFIX) :])["pages"] >= 3:
            break
        if time.monotonic() > deadline:
            break
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    partial = stored(db, "youtube")
    assert 0 < len(partial) < len(truth)
    resumed = subprocess.run(args, env=env, capture_output=True, text=True, timeout=120)
    assert resumed.returncode == 0, resumed.stderr[-2000:]
    assert "resuming crawl run 1" in resumed.stderr
    assert_matches_truth(stored(db, "youtube"), truth, FULL)
    ids = [t["post_id"] for t in truth]
    assert set(snapshot_count(db, "youtube", ids).values()) == {1}
    assert all(len(sighting_runs(db, "youtube", i)) == 1 for i in ids)
    run = run_of(db, 1)
    assert (run.status, run.posts, run.errors) == ("ok", len(truth), 0)
