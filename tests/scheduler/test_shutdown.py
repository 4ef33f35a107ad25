"""`reelscope scheduler` as a service process: SIGTERM during a crawl stops the crawl cleanly, leaves a
consistent database, and the target's next crawl resumes it from its JOBDIR."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from sqlmodel import select

from sandbox import Sandbox
from scheduler.crawl import crawl_job
from store.engine import get_engine, session
from store.models import Sighting
from tests.scheduler.helpers import ACCOUNT, all_runs, wait_for

SLOW_WATCHLIST = f"""
[[targets]]
name = "ig"
platform = "instagram"
kind = "account"
values = ["{ACCOUNT}"]
every = "1h"
max_posts = 20
"""


def sighted_posts(db: str, run_id: int) -> int:
    with session(get_engine(db)) as s:
        rows = s.exec(select(Sighting).where(Sighting.crawl_run_id == run_id)).all()
        return len({row.post_pk for row in rows})


def test_sigterm_during_a_crawl_leaves_a_consistent_database(
    box: Sandbox, db: str, jobstore: str, tmp_path: Path
) -> None:
    config = tmp_path / "watchlist.toml"
    config.write_text(SLOW_WATCHLIST)
    command = [
        sys.executable, "-c", "import sys; from reelscope.cli import main; sys.exit(main())",
        "scheduler", "--config", str(config), "--db", db, "--jobstore", jobstore, "--grace", "0.5",
        "--set", "AUTOTHROTTLE_ENABLED=0", "--set", "DOWNLOAD_DELAY=2", "--set", "LOG_LEVEL=INFO",
    ]  # fmt: skip
    service = subprocess.Popen(command, env=dict(os.environ), stderr=subprocess.PIPE, text=True)
    try:
        running = wait_for(
            lambda: [r for r in all_runs(db) if r.status == "running" and r.pages >= 1], timeout=40
        )
        service.send_signal(signal.SIGTERM)
        _, log = service.communicate(timeout=40)
    finally:
        if service.poll() is None:
            service.kill()
    assert service.returncode == 0, log[-3000:]
    (run,) = all_runs(db)
    assert run.id == running[0].id
    assert (run.status, run.finished_at is not None) == ("killed", True)
    assert 0 < run.posts <= 20 and run.posts == sighted_posts(db, run.id)
    assert "sent SIGTERM to 1 running crawl" in log

    # The target's next crawl resumes the stopped run from its JOBDIR and completes it.
    spec = {"job_id": "ig", "platform": "instagram", "kind": "account", "target": ACCOUNT, "max_posts": 20}
    outcome = crawl_job(spec)
    assert outcome["status"] == "ok", all_runs(db)[-1].stderr_tail[-3000:]
    assert outcome["run"] == run.id
    assert [(r.id, r.status) for r in all_runs(db)] == [(run.id, "ok")]
