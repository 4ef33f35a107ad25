"""File locks: one live scheduler per job store, and one crawl at a time per target, across processes.

`fcntl.flock` locks die with their process, so a crashed scheduler or crawl never leaves a stale lock.
They hold between processes of one machine; a PostgreSQL job store is guarded by a lease in the
database instead, which holds across machines.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
from pathlib import Path


class LockHeld(RuntimeError):
    """Another live process holds the lock."""


class FileLock:
    """An exclusive, non-blocking lock on a file; the holder's pid is written into it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    def acquire(self) -> FileLock:
        """Take the lock or raise LockHeld naming the holder's pid."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode(errors="replace").strip() or "?"
            os.close(fd)
            raise LockHeld(f"{self.path} is held by process {holder}") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        self._fd = fd
        return self

    def release(self) -> None:
        """Give the lock back (idempotent)."""
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> FileLock:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()


def target_lock(lock_dir: Path, platform: str, kind: str, target: str) -> FileLock:
    """The lock of one crawl target (platform, kind, value)."""
    digest = hashlib.sha256(f"{platform}\0{kind}\0{target}".encode()).hexdigest()[:20]
    return FileLock(lock_dir / f"crawl-{platform}-{digest}.lock")


class JobStoreLease:
    """The lease of a job store held in its PostgreSQL database: it holds across machines."""

    def __init__(self, url: str) -> None:
        from store.lease import AdvisoryLease

        self.lease = AdvisoryLease(url, "reelscope-scheduler")

    def acquire(self) -> JobStoreLease:
        """Take the lease or raise LockHeld naming the holder."""
        if not self.lease.try_acquire():
            raise LockHeld(f"the job store is held by {self.lease.holder()}")
        return self

    def release(self) -> None:
        """Give the lease back (idempotent)."""
        self.lease.release()


def service_lock(url: str, path: Path) -> FileLock | JobStoreLease:
    """The lock one live scheduler holds: a lease in a PostgreSQL job store, else a file lock."""
    if url.startswith(("postgresql", "postgres")):
        return JobStoreLease(url)
    return FileLock(path)
