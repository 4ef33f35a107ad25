"""`reelscope crawl` keeps the crawl's stderr tail on its crawl_run, as the scheduler's crawls do."""

from __future__ import annotations

from typing import Any

from sandbox import Sandbox
from store import runs
from store.engine import get_engine, session


def all_runs(db: str) -> list[Any]:
    """Every crawl run, oldest first."""
    with session(get_engine(db)) as s:
        return list(reversed(runs.recent_runs(s)))


def test_cli_crawl_keeps_the_log_tail_on_its_run(reelscope, box: Sandbox, db: str) -> None:  # type: ignore[no-untyped-def]
    handle = box.world.accounts["x"][0].handle
    proc = reelscope(
        "crawl", "x", handle, "--kind", "account", "--db", db, "--base-url", box.base_url("x"),
        "-s", "LOG_LEVEL=INFO", "-s", "AUTOTHROTTLE_ENABLED=0", "-s", "DOWNLOAD_DELAY=0",
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-2000:]
    (run,) = all_runs(db)
    assert run.status == "ok" and run.posts > 0
    # The crawl's own closing log line, written by the subprocess after its last store.
    assert f"crawl run {run.id} finished: {run.pages} pages, {run.posts} posts" in run.stderr_tail
    assert "REELSCOPE-PROGRESS" not in run.stderr_tail


def test_cli_crawl_that_dies_before_its_run_is_recorded_failed_with_its_errors(  # type: ignore[no-untyped-def]
    reelscope, box: Sandbox, db: str
) -> None:
    proc = reelscope("crawl", "x", "@someone", "--db", db, "-s", "REELSCOPE_STORE_BATCH=notanumber")
    assert proc.returncode == 2
    (run,) = all_runs(db)
    assert run.status == "failed" and run.target == "@someone" and run.settings["exit"] == 1
    assert "ValueError" in run.stderr_tail and "notanumber" in run.stderr_tail
