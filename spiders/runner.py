"""Run one crawl as a subprocess (`python -m spiders.main`, the `scrapy crawl` of one crawl): Twisted's
reactor never lives in the caller, progress lines come back as they happen, and the stderr tail is kept
for the record."""

from __future__ import annotations

import os
import subprocess
import sys
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import orjson

from spiders.pipelines import PROGRESS_PREFIX

SETTINGS_MODULE = "spiders.settings"


@dataclass
class CrawlOutcome:
    """How a crawl subprocess ended."""

    returncode: int
    progress: dict[str, Any] = field(default_factory=dict)
    stderr_tail: str = ""
    began: datetime = field(default_factory=lambda: datetime.now(UTC))

    @property
    def ok(self) -> bool:
        """Whether the subprocess exited cleanly."""
        return self.returncode == 0


def crawl_command(
    platform: str,
    target: str,
    *,
    kind: str | None = None,
    max_posts: int | None = None,
    since: str | None = None,
    db: str | None = None,
    base_url: str | None = None,
    jobdir: str | None = None,
    details: str | None = None,
    settings: Mapping[str, Any] | None = None,
) -> list[str]:
    """The command line of one crawl (`scrapy crawl`'s arguments)."""
    args = [sys.executable, "-m", "spiders.main", platform, "-a", f"target={target}"]
    for name, value in (
        ("kind", kind),
        ("max_posts", max_posts),
        ("since", since),
        ("db", db),
        ("base_url", base_url),
        ("details", details),
    ):
        if value is not None:
            args += ["-a", f"{name}={value}"]
    if jobdir:
        args += ["-s", f"JOBDIR={jobdir}"]
    for name, value in (settings or {}).items():
        args += ["-s", f"{name}={value}"]
    return args


def run_crawl(
    platform: str,
    target: str,
    *,
    env: Mapping[str, str] | None = None,
    on_progress: Callable[[dict[str, Any]], None] | None = None,
    on_line: Callable[[str], None] | None = None,
    tail_lines: int = 200,
    **options: Any,
) -> CrawlOutcome:
    """Run one crawl to its end; call `on_progress` with each progress record it reports."""
    began = datetime.now(UTC)
    full_env = {**os.environ, "SCRAPY_SETTINGS_MODULE": SETTINGS_MODULE, **(env or {})}
    proc = subprocess.Popen(
        crawl_command(platform, target, **options),
        env=full_env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        bufsize=1,
    )
    tail: deque[str] = deque(maxlen=tail_lines)
    progress: dict[str, Any] = {}
    assert proc.stderr is not None
    for line in proc.stderr:
        if line.startswith(PROGRESS_PREFIX):
            try:
                progress = orjson.loads(line[len(PROGRESS_PREFIX) :])
            except orjson.JSONDecodeError:
                continue
            if on_progress is not None:
                on_progress(progress)
            continue
        tail.append(line)
        if on_line is not None:
            on_line(line)
    return CrawlOutcome(proc.wait(), progress, "".join(tail), began)


def record_outcome(
    outcome: CrawlOutcome, platform: str, target: str, *, kind: str | None = None, db: str | None = None
) -> int | None:
    """Keep a crawl's stderr tail on its crawl_run, as the scheduler does: a run the process left open
    is closed (failed on an error exit, else killed), and a crawl that died before opening a run is
    recorded as a failed one. Return the run's id (None for a clean crawl that opened no run)."""
    from store import repo, runs
    from store.engine import get_engine, session
    from store.migrations import ensure_schema

    engine = get_engine(db)
    ensure_schema(engine)
    code, tail = outcome.returncode, outcome.stderr_tail
    with session(engine) as s:
        run_id = outcome.progress.get("run")
        if not isinstance(run_id, int):
            # No progress line (a crawl that stored nothing): its run is the one it opened for the target.
            found = [
                r for r in runs.recent_runs(s, platform=platform, since=outcome.began) if r.target == target
            ]
            run_id = found[-1].id if found else None
        if run_id is not None and repo.get_run(s, run_id) is not None:
            runs.close_run(s, run_id, status="failed" if code > 0 else "killed", stderr_tail=tail)
            return run_id
        if code == 0:
            return None
        run_id = repo.start_run(
            s, platform=platform, target=target, target_kind=kind or "unknown", settings={"exit": code}
        )
        repo.finish_run(s, run_id, status="failed", stderr_tail=tail or f"exit {code}, no output\n")
        return run_id
