"""Helpers of the scale tests: worker processes, waiting on the shared store, reading back what it holds."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from store import repo
from store.engine import get_engine, session
from store.models import CrawlRun

REDIS = os.environ.get("REELSCOPE_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
# Against the local sandbox no politeness delays are needed; a short TTL makes a dead worker's work
# come back within seconds.
FAST = {
    "AUTOTHROTTLE_ENABLED": "0",
    "DOWNLOAD_DELAY": "0",
    "RETRY_BACKOFF_BASE": "0.1",
    "REELSCOPE_WORKER_TTL": "3",
    "LOG_LEVEL": "INFO",
}


class Workers:
    """`reelscope worker` processes started by a test, stopped (by pid) at its end."""

    def __init__(self, env: dict[str, str], logs: Path) -> None:
        self.env, self.logs = env, logs
        self.procs: list[subprocess.Popen[bytes]] = []

    def start(
        self,
        platforms: list[str],
        db: str,
        settings: dict[str, str] | None = None,
        *options: str,
        env: dict[str, str] | None = None,
    ) -> subprocess.Popen[bytes]:
        """Start one worker (`options`: more command-line options, e.g. --no-browser; `env`: more
        environment variables)."""
        args = [sys.executable, "-m", "reelscope.cli", "worker", "--redis", REDIS, "--db", db, *options]
        for platform in platforms:
            args += ["--platform", platform]
        for name, value in {**FAST, **(settings or {})}.items():
            args += ["--set", f"{name}={value}"]
        log = (self.logs / f"worker-{len(self.procs)}.log").open("wb")
        proc = subprocess.Popen(args, env={**self.env, **(env or {})}, stdout=subprocess.DEVNULL, stderr=log)
        self.procs.append(proc)
        return proc

    def log(self, n: int) -> str:
        """A worker's stderr so far."""
        return (self.logs / f"worker-{n}.log").read_text(errors="replace")

    def stop(self) -> None:
        """SIGTERM each worker still running, then wait (SIGKILL after 30 s)."""
        for proc in self.procs:
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        for proc in self.procs:
            try:
                proc.wait(30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def wait_until(check: Callable[[], Any], timeout: float, what: str, every: float = 0.3) -> Any:
    """Poll `check` until it returns something true; fail naming `what` after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(every)
    raise AssertionError(f"timed out after {timeout:.0f}s waiting for {what}")


def runs(db: str) -> list[CrawlRun]:
    """Every crawl run."""
    with session(get_engine(db)) as s:
        return list(s.exec(select(CrawlRun).order_by(CrawlRun.id)).scalars())  # type: ignore[call-overload]


def finished_runs(db: str, expected: int) -> list[CrawlRun] | None:
    """The runs, once `expected` of them exist and none is still running."""
    found = runs(db)
    if len(found) == expected and all(r.status != "running" for r in found):
        return found
    return None


def post_count(db: str) -> int:
    """How many posts are stored."""
    with session(get_engine(db)) as s:
        return int(s.connection().execute(select(func.count()).select_from(repo.POST)).scalar() or 0)


def stored_ids(db: str, platform: str) -> list[str]:
    """The stored post ids of a platform (a list: a duplicate row would show)."""
    with session(get_engine(db)) as s:
        return [p.post_id for p in repo.iter_posts(s, platform)]


def observations(db: str, platform: str, post_id: str) -> tuple[list[int | None], int]:
    """The crawl runs of a post's sightings, and how many engagement snapshots it has."""
    with session(get_engine(db)) as s:
        seen = [x.crawl_run_id for x in repo.sightings(s, platform, post_id)]
        return seen, len(repo.snapshots(s, platform, post_id))
