"""Helpers of the scheduler tests."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from store import runs
from store.engine import get_engine, session

FAST = {"AUTOTHROTTLE_ENABLED": "0", "DOWNLOAD_DELAY": "0", "LOG_LEVEL": "INFO"}
PLATFORMS = {"tiktok", "youtube", "instagram", "x", "facebook", "reddit"}
ACCOUNT = "in_en_creator0"


def all_runs(db: str) -> list[Any]:
    """Every crawl run, oldest first."""
    with session(get_engine(db)) as s:
        return sorted(runs.recent_runs(s, limit=10_000), key=lambda r: r.id)


def wait_for(condition: Callable[[], Any], timeout: float, every: float = 0.3) -> Any:
    """Poll until `condition()` is truthy; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(every)
    raise AssertionError(f"not reached within {timeout}s")
