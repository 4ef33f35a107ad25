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
    return CrawlOutcome(proc.wait(), progress, "".join(tail))
