"""Scheduled crawls of the sandbox with real APScheduler and crawl subprocesses: runs are recorded,
never overlap for one target, produce comparisons, fail visibly and are retried, revisit recent posts,
and a layout change raises a drift alert."""

from __future__ import annotations

from itertools import pairwise
from typing import Any

from sqlmodel import select

from reelscope.cli import main
from sandbox import Sandbox
from scheduler.crawl import crawl_job
from scheduler.runtime import Runtime
from scheduler.service import Service
from scheduler.upkeep import revisit_job
from store import repo
from store.engine import get_engine, session
from store.models import ShareSnapshot
from tests.scheduler.conftest import WriteWatchlist
from tests.scheduler.helpers import ACCOUNT, all_runs, wait_for

EVERY_2S = f"""
[[targets]]
name = "ig"
platform = "instagram"
kind = "account"
values = ["{ACCOUNT}"]
every = "2s"
max_posts = 3

[compare]
every = "2s"
"""


def share_rows(db: str) -> int:
    with session(get_engine(db)) as s:
        return len(s.exec(select(ShareSnapshot)).all())


def test_scheduled_crawls_are_recorded_never_overlap_and_feed_comparisons(
    box: Sandbox, db: str, jobstore: str, watchlist: WriteWatchlist
) -> None:
    service = Service(watchlist(EVERY_2S), url=jobstore, db=db)
    service.start()
    try:
        wait_for(lambda: len([r for r in all_runs(db) if r.status != "running"]) >= 2, timeout=45)
        wait_for(lambda: share_rows(db) > 0, timeout=15)
    finally:
        service.stop()
    finished = [r for r in all_runs(db) if r.status != "running"]
    assert all(r.status == "ok" and r.posts == 3 and r.target == ACCOUNT for r in finished)
    assert all(r.settings["job"] == f"crawl:ig:{ACCOUNT}" and r.settings["exit"] == 0 for r in finished)
    assert all(r.finished_at is not None and r.stderr_tail for r in finished)
    # Every 2 s, but a crawl takes longer: one run at a time, each after the previous one ended.
    for earlier, later in pairwise(finished):
        assert later.started_at >= earlier.finished_at
    assert not [r for r in all_runs(db) if r.status == "running"]


def test_a_crashing_crawl_is_recorded_as_failed_retried_and_run_again(
    db: str, jobstore: str, watchlist: WriteWatchlist, runtime: Runtime
) -> None:
    runtime.retries = 1
    # The spider refuses a login page before it opens a run: the crawl process exits with an error.
    crash = EVERY_2S.replace(f'"{ACCOUNT}"', '"https://www.instagram.com/accounts/login/"').replace(
        '[compare]\nevery = "2s"\n', ""
    )
    service = Service(watchlist(crash), url=jobstore, db=db)
    service.start()
    try:
        wait_for(lambda: len(all_runs(db)) >= 3, timeout=45)
    finally:
        service.stop()
    recorded = all_runs(db)
    assert {r.status for r in recorded} == {"failed"}
    assert all(r.settings["exit"] != 0 and "login" in r.stderr_tail for r in recorded)
    assert {r.settings["attempt"] for r in recorded} == {0, 1}  # scheduled runs and a retry
    assert len([r for r in recorded if r.settings["attempt"] == 0]) >= 2  # the next run still happened


def test_revisits_recrawl_recent_posts_as_post_crawls(box: Sandbox, db: str, runtime: Runtime) -> None:
    first = crawl_job(
        {"job_id": "crawl:ig", "platform": "instagram", "kind": "account", "target": ACCOUNT, "max_posts": 1}
    )
    assert first["status"] == "ok"
    with session(get_engine(db)) as s:
        (post,) = list(repo.iter_posts(s, "instagram"))
    box.bump("instagram")
    wait_for(lambda: revisit_job({"ages": [1]})["due"] == 1 or None, timeout=5, every=1.1)
    with session(get_engine(db)) as s:
        snapshots = repo.snapshots(s, "instagram", post.post_id)
        revisited = repo.get_post(s, "instagram", post.post_id)
    likes = [snapshot.likes or 0 for snapshot in snapshots]
    assert len(likes) == 2 and likes[1] > likes[0] > 0
    assert revisited is not None and revisited.likes == snapshots[1].likes
    assert revisit_job({"ages": [1]})["due"] == 0  # done once per age
    runs = all_runs(db)
    assert (runs[-1].target_kind, runs[-1].target, runs[-1].status) == ("post", post.post_id, "ok")


def test_status_shows_a_drift_alert_when_the_layout_changes(
    box: Sandbox, db: str, jobstore: str, capsys: Any
) -> None:
    spec = {"job_id": "ig", "platform": "instagram", "kind": "account", "target": ACCOUNT, "max_posts": 3}
    for _ in range(2):
        assert crawl_job(spec)["status"] == "ok"
    assert main(["status", "--db", db, "--jobstore", jobstore]) == 0
    assert "Drift alerts: 0" in capsys.readouterr().out
    box.faults.rates["drift"] = 1.0
    assert crawl_job(spec)["status"] == "ok"
    assert main(["status", "--db", db, "--jobstore", jobstore]) == 0
    out = capsys.readouterr().out
    assert "Drift alerts: 1" in out and "DRIFT instagram (account crawls): views missing" in out
