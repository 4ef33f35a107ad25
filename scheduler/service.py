"""The scheduler service: a persistent job store, jobs reconciled from the watchlist while paused,
then resumed; on SIGTERM/SIGINT it stops taking jobs, lets running crawls finish (SIGTERM after a
grace period, so Scrapy closes cleanly and its JOBDIR resumes the crawl next time) and exits."""

from __future__ import annotations

import logging
import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.base import STATE_RUNNING, BaseScheduler

from reelscope.config import Watchlist
from scheduler.jobs import SyncReport, reconcile
from scheduler.locks import service_lock
from scheduler.paths import jobstore_url, service_lock_path
from scheduler.runtime import RUNTIME

logger = logging.getLogger(__name__)

MISFIRE_GRACE = 3600  # a run missed by up to an hour (downtime, busy workers) still happens, once
WAKE_SECONDS = 5.0  # how often the service re-reads the job store (pause/resume from other processes)


class ServiceScheduler(BackgroundScheduler):
    """A BackgroundScheduler that never processes jobs once shut down.

    APScheduler 3's loop runs one last pass after `shutdown()` and would advance due jobs it can no
    longer submit, losing their runs.
    """

    def _process_jobs(self) -> float | None:
        if self.state != STATE_RUNNING:
            return None
        return super()._process_jobs()


class OfflineScheduler(BaseScheduler):
    """A scheduler without a loop: it edits the job store and never runs or advances a job."""

    def wakeup(self) -> None:
        """Nothing runs here, so there is nothing to wake."""

    def shutdown(self, wait: bool = True) -> None:
        """Close the job store."""
        super().shutdown(wait)


def _options(url: str | None, workers: int, misfire_grace: int) -> dict[str, Any]:
    return dict(
        jobstores={"default": SQLAlchemyJobStore(url=jobstore_url(url), tablename="reelscope_jobs")},
        executors={"default": ThreadPoolExecutor(max_workers=workers)},
        job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": misfire_grace},
        timezone="UTC",
    )


def build_scheduler(url: str | None = None, workers: int = 4, misfire_grace: int = MISFIRE_GRACE) -> Any:
    """A background scheduler on a persistent SQLAlchemy job store, one run at a time per job."""
    return ServiceScheduler(**_options(url, workers, misfire_grace))


@contextmanager
def offline(url: str | None = None) -> Iterator[Any]:
    """The job store opened by a paused scheduler that never runs a job (for sync, list, pause…)."""
    scheduler = OfflineScheduler(**_options(url, 1, MISFIRE_GRACE))
    scheduler.start(paused=True)
    try:
        yield scheduler
    finally:
        scheduler.shutdown(wait=False)


def sync(watchlist: Watchlist, url: str | None = None, start_new: bool = True) -> SyncReport:
    """Reconcile the job store from the watchlist without running anything."""
    with offline(url) as scheduler:
        return reconcile(scheduler, watchlist, start_new=start_new)


@dataclass
class Service:
    """A running scheduler service and how to stop it."""

    watchlist: Watchlist
    url: str | None = None
    db: str | None = None
    workers: int = 4
    grace: float = 60.0
    misfire_grace: int = MISFIRE_GRACE
    start_new: bool = True
    listeners: list[tuple[Callable[[Any], None], int]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.stopping = threading.Event()
        self.scheduler: Any = None
        url = jobstore_url(self.url)
        self.lock = service_lock(url, service_lock_path(url))

    def start(self) -> SyncReport:
        """Take the job store's lock (LockHeld if another scheduler has it), reconcile, resume."""
        self.lock.acquire()
        try:
            RUNTIME.db = self.db
            self.scheduler = build_scheduler(self.url, self.workers, self.misfire_grace)
            RUNTIME.scheduler = self.scheduler
            RUNTIME.stopping.clear()
            for callback, mask in self.listeners:
                self.scheduler.add_listener(callback, mask)
            self.scheduler.start(paused=True)
            report = reconcile(self.scheduler, self.watchlist, self.misfire_grace, self.start_new)
            self.scheduler.resume()
        except BaseException:
            self.lock.release()
            raise
        return report

    def wait(self) -> None:
        """Block until stop() (or a signal) is asked for, waking the scheduler now and then."""
        while not self.stopping.wait(WAKE_SECONDS):
            self.scheduler.wakeup()

    def stop(self) -> None:
        """Stop taking jobs, let running crawls finish within the grace period, then shut down."""
        self.stopping.set()
        RUNTIME.stopping.set()
        if self.scheduler is None:
            return
        self.scheduler.pause()
        timer = threading.Timer(self.grace, self._terminate)
        timer.daemon = True
        timer.start()
        try:
            self.scheduler.shutdown(wait=True)
        finally:
            timer.cancel()
            RUNTIME.scheduler = None
            self.lock.release()

    def _terminate(self) -> None:
        count = RUNTIME.terminate_all()
        if count:
            logger.warning("grace period over: sent SIGTERM to %d running crawl(s)", count)


def serve(service: Service) -> None:
    """Run the service in the foreground until SIGTERM or SIGINT."""

    def on_signal(signum: int, _frame: Any) -> None:
        logger.info("signal %s: stopping after the running crawls", signal.Signals(signum).name)
        service.stopping.set()

    previous = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        report = service.start()
        logger.info(
            "scheduler started: %d jobs added, %d replaced, %d kept, %d removed",
            len(report.added),
            len(report.replaced),
            len(report.kept),
            len(report.removed),
        )
        from scheduler.queue import configured_redis

        if configured_redis():
            logger.info("crawls and revisits are queued in Redis for `reelscope worker`")
        service.wait()
    finally:
        service.stop()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
