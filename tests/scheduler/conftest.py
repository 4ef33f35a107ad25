"""Scheduler tests: a sandbox in a thread, a scratch database and job store, real APScheduler with
second-scale intervals, and real crawl subprocesses."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from reelscope.config import load_watchlist
from sandbox import Sandbox
from scheduler.runtime import RUNTIME, Runtime, configure
from store.engine import dispose_engines
from store.migrations import upgrade
from tests.conftest import scratch_pg_schema
from tests.scheduler.helpers import FAST, PLATFORMS


@pytest.fixture
def box(monkeypatch: pytest.MonkeyPatch, nowhere: None) -> Iterator[Sandbox]:
    """A sandbox every crawl subprocess reaches through REELSCOPE_BASE_URL_<PLATFORM>."""
    with Sandbox(seed=7, slow_seconds=2.0) as sandbox:
        for name, value in sandbox.env().items():
            monkeypatch.setenv(name, value)
        yield sandbox


@pytest.fixture
def db(tmp_path: Path) -> Iterator[str]:
    """A migrated scratch SQLite database, set as the jobs' database."""
    url = f"sqlite:///{tmp_path / 'reelscope.db'}"
    upgrade(url)
    yield url
    dispose_engines()


@pytest.fixture
def pg_jobstore() -> Iterator[str]:
    """A job store URL on a scratch schema of the test PostgreSQL server (skipped when unreachable)."""
    with scratch_pg_schema("jobs") as url:
        yield url


@pytest.fixture
def jobstore(tmp_path: Path) -> str:
    """A scratch job store URL."""
    return f"sqlite:///{tmp_path / 'jobs.db'}"


@pytest.fixture(autouse=True)
def nowhere(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every platform points at a closed local port unless a test's sandbox serves it."""
    for name in PLATFORMS:
        monkeypatch.setenv(f"REELSCOPE_BASE_URL_{name.upper()}", f"http://127.0.0.1:9/{name}")


@pytest.fixture(autouse=True)
def runtime(db: str, nowhere: None) -> Iterator[Runtime]:
    """Jobs write to the scratch database with fast crawl settings; reset afterwards."""
    saved = dict(vars(RUNTIME))
    configure(db=db, crawl_settings=dict(FAST), retries=0, retry_backoff=0.5, scheduler=None)
    yield RUNTIME
    for name in ("db", "crawl_settings", "env", "retries", "retry_backoff", "scheduler", "use_jobdir"):
        setattr(RUNTIME, name, saved[name])


WriteWatchlist = Callable[[str], Any]


@pytest.fixture
def watchlist(tmp_path: Path) -> WriteWatchlist:
    """Write a watchlist TOML and load it."""

    def write(text: str) -> Any:
        path = tmp_path / f"watchlist-{time.monotonic_ns()}.toml"
        path.write_text(text)
        return load_watchlist(path, PLATFORMS)

    return write
