"""The crawl job: one crawl of one target in a subprocess, recorded as a `crawl_run`, never two at once
for one target, retried with backoff when it fails.

The job target takes plain data (a dict the job store pickles), so a job survives restarts and
upgrades; what must not be stored (database URL, crawl settings) comes from `scheduler.runtime`.
"""

from __future__ import annotations

import logging
import os
import subprocess
from collections import deque
from datetime import UTC, datetime, timedelta
from typing import Any

import orjson

from scheduler.locks import LockHeld, target_lock
from scheduler.paths import jobdir_for, lock_dir
from scheduler.runtime import RUNTIME
from store import repo, runs
from store.engine import database_url, get_engine, session
from store.migrations import ensure_schema

logger = logging.getLogger(__name__)

SETTINGS_MODULE = "spiders.settings"
TAIL_LINES = 200


def _command(spec: dict[str, Any], db: str) -> tuple[list[str], str]:
    """The crawl's command line (built by the spiders package, imported lazily) and progress prefix."""
    # Only the command builder is imported: the crawl itself, and Twisted's reactor, live in the child.
    from spiders.pipelines import PROGRESS_PREFIX
    from spiders.runner import crawl_command

    jobdir = None
    # A post crawl is one page with nothing to resume; a JOBDIR per revisited post would only pile up.
    if RUNTIME.use_jobdir and spec["kind"] != "post":
        jobdir = str(jobdir_for(spec["platform"], spec["kind"], spec["target"]))
    command = crawl_command(
        spec["platform"],
        spec["target"],
        kind=spec["kind"],
        max_posts=spec.get("max_posts"),
        since=spec.get("since"),
        db=db,
        jobdir=jobdir,
        settings=RUNTIME.crawl_settings,
    )
    return command, PROGRESS_PREFIX


def _run_subprocess(spec: dict[str, Any], db: str) -> tuple[int, dict[str, Any], str]:
    """Run the crawl to its end; return (exit code, last progress record, stderr tail)."""
    command, prefix = _command(spec, db)
    env = {**os.environ, **RUNTIME.env, "SCRAPY_SETTINGS_MODULE": SETTINGS_MODULE}
    try:
        proc = subprocess.Popen(
            command,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            bufsize=1,
            start_new_session=True,  # a Ctrl-C on the scheduler's terminal is the scheduler's to relay
        )
    except OSError as exc:
        return 127, {}, f"cannot start the crawl: {exc}\n"
    RUNTIME.started(proc)
    tail: deque[str] = deque(maxlen=TAIL_LINES)
    progress: dict[str, Any] = {}
    try:
        assert proc.stderr is not None
        for line in proc.stderr:
            if line.startswith(prefix):
                try:
                    progress = orjson.loads(line[len(prefix) :])
                except orjson.JSONDecodeError:
                    continue
                continue
            tail.append(line)
        code = proc.wait()
    finally:
        RUNTIME.ended(proc)
    return code, progress, "".join(tail)


def _record(
    spec: dict[str, Any], db: str, code: int, progress: dict[str, Any], tail: str, began: datetime
) -> tuple[int, str]:
    """Complete the run the crawl reported (or record a failed one); return (run id, status)."""
    extra = {"job": spec.get("job_id"), "attempt": spec.get("attempt", 0), "exit": code}
    engine = get_engine(db)
    ensure_schema(engine)
    with session(engine) as s:
        run_id = progress.get("run")
        if run_id is None and code == 0:
            # A resumed crawl with nothing left to fetch reports no progress: find the run it closed.
            latest = runs.latest_run(s, platform=spec["platform"], kind=spec["kind"], target=spec["target"])
            if latest is not None and latest.finished_at is not None and latest.finished_at >= began:
                run_id = latest.id
        if isinstance(run_id, int) and repo.get_run(s, run_id) is not None:
            # The process is gone, so a run still open was stopped early (a JOBDIR resumes it later).
            status = "failed" if code > 0 else "killed"
            run = runs.close_run(s, run_id, status=status, stderr_tail=tail, settings=extra)
            return run_id, run.status if run is not None else "failed"
        # The crawl died before it could open a run: record the failure ourselves.
        run_id = repo.start_run(
            s,
            platform=spec["platform"],
            target=spec["target"],
            target_kind=spec["kind"],
            settings={"max_posts": spec.get("max_posts"), "since": spec.get("since"), **extra},
        )
        repo.finish_run(s, run_id, status="failed", stderr_tail=tail or f"exit {code}, no output\n")
        return run_id, "failed"


def _schedule_retry(spec: dict[str, Any]) -> str | None:
    """Add a one-off retry of a failed crawl, with exponential backoff; return its job id."""
    attempt = int(spec.get("attempt", 0))
    retries = int(spec.get("retries", RUNTIME.retries))
    scheduler = RUNTIME.scheduler
    if scheduler is None or attempt >= retries or RUNTIME.stopping.is_set():
        return None
    delay = RUNTIME.retry_backoff * (2**attempt)
    job_id = f"retry:{spec['job_id']}"
    scheduler.add_job(
        crawl_job,
        "date",
        run_date=datetime.now(UTC) + timedelta(seconds=delay),
        kwargs={"spec": {**spec, "attempt": attempt + 1}},
        id=job_id,
        name=f"retry {attempt + 1} of {spec['job_id']}",
        replace_existing=True,
    )
    logger.warning("crawl %s failed; retry %d in %.0fs", spec["job_id"], attempt + 1, delay)
    return job_id


def crawl_job(spec: dict[str, Any]) -> dict[str, Any]:
    """Run one scheduled crawl (platform, kind, target, max_posts, since, job_id); return its outcome.

    With Redis configured, a target the workers can crawl is queued for them instead (scheduler/queue.py).
    Skips when a crawl of the same target is already running anywhere on this machine.
    """
    from scheduler import queue

    queued = queue.offer(spec)
    if queued is not None:
        return queued
    db = RUNTIME.db or database_url()
    lock = target_lock(lock_dir(), spec["platform"], spec["kind"], spec["target"])
    try:
        lock.acquire()
    except LockHeld as exc:
        logger.info("crawl %s skipped: %s", spec.get("job_id"), exc)
        return {"job": spec.get("job_id"), "status": "skipped", "run": None}
    try:
        began = datetime.now(UTC)
        code, progress, tail = _run_subprocess(spec, db)
        run_id, status = _record(spec, db, code, progress, tail, began)
    finally:
        lock.release()
    retry = _schedule_retry(spec) if status == "failed" else None
    logger.info("crawl %s: run %s %s (exit %s)", spec.get("job_id"), run_id, status, code)
    return {
        "job": spec.get("job_id"),
        "status": status,
        "run": run_id,
        "exit": code,
        "retry": retry,
        **{k: progress.get(k, 0) for k in ("pages", "posts", "errors")},
    }
