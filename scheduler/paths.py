"""Where the scheduler keeps its state: the job store, its lock, per-target locks and crawl JOBDIRs."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

JOBSTORE_ENV = "REELSCOPE_JOBSTORE_URL"


def state_dir() -> Path:
    """$XDG_DATA_HOME/reelscope (~/.local/share/reelscope if unset), created."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    path = Path(base) / "reelscope"
    path.mkdir(parents=True, exist_ok=True)
    return path


def jobstore_url(given: str | None = None) -> str:
    """The job store URL: given, else $REELSCOPE_JOBSTORE_URL, else a SQLite file jobs.db in the state dir."""
    url = (given or os.environ.get(JOBSTORE_ENV, "")).strip()
    return url or f"sqlite:///{state_dir() / 'jobs.db'}"


def service_lock_path(url: str) -> Path:
    """The lock file that one live scheduler holds for a job store (beside a SQLite file)."""
    if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
        return Path(url.removeprefix("sqlite:///") + ".lock")
    digest = hashlib.sha256(url.encode()).hexdigest()[:20]
    return state_dir() / "locks" / f"scheduler-{digest}.lock"


def lock_dir() -> Path:
    """The folder of per-target crawl locks."""
    return state_dir() / "locks"


def jobdir_for(platform: str, kind: str, target: str) -> Path:
    """The Scrapy JOBDIR of one target: a crawl stopped by a shutdown resumes from it next time."""
    digest = hashlib.sha256(f"{platform}\0{kind}\0{target}".encode()).hexdigest()[:20]
    return state_dir() / "jobdirs" / f"{platform}-{kind}-{digest}"
