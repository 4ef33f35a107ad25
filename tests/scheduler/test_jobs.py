"""Job store behaviour without crawling: reconciliation, persistence across restarts, one scheduler per
job store, coalesced misfires, the per-target lock, and the drift rule."""

from __future__ import annotations

import subprocess
import sys
import threading
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace
from typing import Any

import pytest
from apscheduler.events import EVENT_JOB_EXECUTED, EVENT_JOB_MAX_INSTANCES, EVENT_JOB_SUBMITTED

from scheduler.crawl import crawl_job
from scheduler.drift import drift_alerts
from scheduler.locks import LockHeld, target_lock
from scheduler.paths import lock_dir
from scheduler.service import Service, offline, sync
from tests.scheduler.conftest import WriteWatchlist
from tests.scheduler.helpers import all_runs

TWO_GROUPS = """
[[targets]]
name = "ig"
platform = "instagram"
kind = "account"
values = ["in_en_creator0", "in_de_creator2"]
every = "1h"

[[targets]]
name = "yt"
platform = "youtube"
kind = "hashtag"
values = ["recette"]
cron = "0 6 * * *"

[revisit]
after = ["1h", "24h", "7d"]

[compare]
every = "6h"
"""


def next_runs(jobstore: str) -> dict[str, datetime | None]:
    with offline(jobstore) as scheduler:
        return {job.id: job.next_run_time for job in scheduler.get_jobs()}


def test_sync_derives_job_ids_from_the_watchlist(watchlist: WriteWatchlist, jobstore: str) -> None:
    report = sync(watchlist(TWO_GROUPS), jobstore)
    assert sorted(report.added) == [
        "compare",
        "crawl:ig:in_de_creator2",
        "crawl:ig:in_en_creator0",
        "crawl:yt:recette",
        "revisit",
    ]
    with offline(jobstore) as scheduler:
        job = scheduler.get_job("crawl:yt:recette")
        assert (job.coalesce, job.max_instances) == (True, 1)
        assert job.kwargs["spec"]["target"] == "recette"
        assert str(job.trigger).startswith("cron[")


def test_a_restart_keeps_the_jobs_and_their_next_run_times(watchlist: WriteWatchlist, jobstore: str) -> None:
    wl = watchlist(TWO_GROUPS)
    sync(wl, jobstore, start_new=False)
    before = next_runs(jobstore)
    service = Service(wl, url=jobstore, start_new=False)
    report = service.start()
    try:
        assert report.added == [] and report.removed == [] and len(report.kept) == 5
        assert next_runs(jobstore) == before
    finally:
        service.stop()
    assert next_runs(jobstore) == before


def test_a_changed_watchlist_replaces_and_removes_jobs(watchlist: WriteWatchlist, jobstore: str) -> None:
    sync(watchlist(TWO_GROUPS), jobstore, start_new=False)
    smaller = TWO_GROUPS.replace('"in_en_creator0", ', "").replace('every = "1h"', 'every = "2h"')
    report = sync(watchlist(smaller), jobstore)
    assert report.removed == ["crawl:ig:in_en_creator0"]
    assert report.replaced == ["crawl:ig:in_de_creator2"]
    with offline(jobstore) as scheduler:
        assert str(scheduler.get_job("crawl:ig:in_de_creator2").trigger) == "interval[2:00:00]"


def test_a_second_scheduler_on_one_job_store_is_refused(watchlist: WriteWatchlist, jobstore: str) -> None:
    wl = watchlist(TWO_GROUPS)
    first = Service(wl, url=jobstore, start_new=False)
    first.start()
    try:
        with pytest.raises(LockHeld):
            Service(wl, url=jobstore, start_new=False).start()
    finally:
        first.stop()
    second = Service(wl, url=jobstore, start_new=False)
    second.start()  # free again once the first has stopped
    second.stop()


def test_missed_runs_coalesce_into_one(watchlist: WriteWatchlist, jobstore: str) -> None:
    wl = watchlist('[compare]\nevery = "60s"\n')
    sync(wl, jobstore)
    with offline(jobstore) as scheduler:
        # The scheduler was down for five periods.
        scheduler.modify_job("compare", next_run_time=datetime.now(UTC) - timedelta(minutes=5))
    events: list[Any] = []
    done = threading.Event()

    def listen(event: Any) -> None:
        events.append(event)
        if event.code == EVENT_JOB_EXECUTED:
            done.set()

    mask = EVENT_JOB_SUBMITTED | EVENT_JOB_MAX_INSTANCES | EVENT_JOB_EXECUTED
    service = Service(wl, url=jobstore, listeners=[(listen, mask)])
    service.start()
    try:
        assert done.wait(20)
    finally:
        service.stop()
    submitted = [e for e in events if e.code == EVENT_JOB_SUBMITTED]
    assert len(submitted) == 1 and len(submitted[0].scheduled_run_times) == 1
    assert not [e for e in events if e.code == EVENT_JOB_MAX_INSTANCES]
    upcoming = next_runs(jobstore)["compare"]
    assert upcoming is not None and upcoming > datetime.now(UTC)


def test_a_target_already_being_crawled_is_skipped(db: str) -> None:
    spec = {"job_id": "crawl:ig:x", "platform": "instagram", "kind": "account", "target": "someone"}
    with target_lock(lock_dir(), "instagram", "account", "someone"):
        outcome = crawl_job(spec)
    assert outcome["status"] == "skipped"
    assert all_runs(db) == []


def run(run_id: int, missing: dict[str, int], posts: int = 10, errors: int = 0) -> Any:
    started = datetime(2025, 1, 1, tzinfo=UTC) + timedelta(hours=run_id)
    return SimpleNamespace(
        id=run_id,
        platform="x",
        target_kind="account",
        status="ok",
        started_at=started,
        posts=posts,
        pages=2,
        errors=errors,
        missing=missing,
    )


def test_drift_is_a_jump_against_the_recent_median() -> None:
    steady = [run(i, {"views": 1, "saves": 10}) for i in range(1, 5)]
    assert drift_alerts(steady) == []
    alerts = drift_alerts([*steady, run(5, {"views": 9, "saves": 10})])
    assert [(a.platform, a.field, a.run_id) for a in alerts] == [("x", "views", 5)]
    errors = drift_alerts([*steady, run(5, {"views": 1, "saves": 10}, errors=6)])
    assert [a.field for a in errors] == ["errors"]
    # Two runs are not yet a history.
    assert drift_alerts([steady[0], run(5, {"views": 9})]) == []


@pytest.mark.postgres
def test_a_postgresql_job_store_keeps_jobs_and_is_leased_to_one_scheduler(
    watchlist: WriteWatchlist, pg_jobstore: str
) -> None:
    wl = watchlist(TWO_GROUPS)
    sync(wl, pg_jobstore, start_new=False)
    before = next_runs(pg_jobstore)
    assert len(before) == 5
    first = Service(wl, url=pg_jobstore, start_new=False)
    assert sorted(first.start().kept) == sorted(before)
    try:
        with pytest.raises(LockHeld, match="held by server pid"):
            Service(wl, url=pg_jobstore, start_new=False).start()
    finally:
        first.stop()
    assert next_runs(pg_jobstore) == before
    second = Service(wl, url=pg_jobstore, start_new=False)
    second.start()
    second.stop()


def test_twisted_reactor_never_lives_in_the_scheduler_process() -> None:
    probe = (
        "import sys, scheduler.service, scheduler.upkeep, scheduler.crawl as c;"
        "c._command({'platform': 'instagram', 'kind': 'account', 'target': 'a'}, 'sqlite://');"
        "print('twisted.internet.reactor' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
