"""What the jobs of this process share but the job store must not hold: the database URL, crawl
settings, the live scheduler (for retries) and the crawl subprocesses now running (for shutdown)."""

from __future__ import annotations

import signal
import subprocess
import threading
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Runtime:
    """Process-wide settings of the scheduler's jobs."""

    db: str | None = None
    crawl_settings: dict[str, str] = field(default_factory=dict)
    env: dict[str, str] = field(default_factory=dict)
    scheduler: Any = None
    use_jobdir: bool = True
    retry_backoff: float = 60.0
    retries: int = 2
    # Set while the service shuts down: jobs then add no retry, since APScheduler's shutdown holds the
    # job-store lock while it waits for running jobs, and a job adding one would wait forever.
    stopping: threading.Event = field(default_factory=threading.Event)
    _procs: set[subprocess.Popen[str]] = field(default_factory=set)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def started(self, proc: subprocess.Popen[str]) -> None:
        """Remember a running crawl subprocess."""
        with self._lock:
            self._procs.add(proc)

    def ended(self, proc: subprocess.Popen[str]) -> None:
        """Forget a finished crawl subprocess."""
        with self._lock:
            self._procs.discard(proc)

    def running(self) -> int:
        """How many crawl subprocesses are running."""
        with self._lock:
            return len(self._procs)

    def terminate_all(self) -> int:
        """Send SIGTERM to every running crawl (Scrapy then closes cleanly, keeping its JOBDIR)."""
        with self._lock:
            procs = [p for p in self._procs if p.poll() is None]
        for proc in procs:
            proc.send_signal(signal.SIGTERM)
        return len(procs)


RUNTIME = Runtime()


def configure(**values: Any) -> Runtime:
    """Set runtime values (db, crawl_settings, env, scheduler, retries, …)."""
    for name, value in values.items():
        if not hasattr(RUNTIME, name) or name.startswith("_"):
            raise AttributeError(f"unknown runtime setting {name!r}")
        setattr(RUNTIME, name, value)
    return RUNTIME
