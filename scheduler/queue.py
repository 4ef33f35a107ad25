"""Crawls handed to the Redis workers: when `REELSCOPE_REDIS_URL` is set (in the scheduler's environment
or its runtime env), a scheduled crawl or revisit of a plain-HTTP target is queued in Redis for
`reelscope worker` processes instead of run as a local subprocess. Browser recipes keep running locally:
workers do not drive Chromium."""

from __future__ import annotations

import logging
import os
from functools import cache
from typing import Any

from scheduler.runtime import RUNTIME

logger = logging.getLogger(__name__)


def configured_redis() -> str | None:
    """The Redis URL crawls are queued on, or None (then they run as local subprocesses)."""
    from spiders.frontier import REDIS_URL_ENV

    return (RUNTIME.env.get(REDIS_URL_ENV) or os.environ.get(REDIS_URL_ENV, "")).strip() or None


def _prefix() -> str | None:
    from spiders.frontier import PREFIX_ENV

    return RUNTIME.env.get(PREFIX_ENV) or None


@cache
def _host() -> Any:
    from plugins.host import PluginHost

    return PluginHost.load()


def workers_can_crawl(platform: str, kind: str) -> bool:
    """Whether a target is plain HTTP (a worker crawls it) rather than a browser recipe."""
    host = _host()
    if platform not in host.platforms:
        return False
    recipe = host.platform(platform).recipes.get(kind)
    return recipe is not None and not recipe.browser and not recipe.capture


def offer(spec: dict[str, Any]) -> dict[str, Any] | None:
    """Queue a crawl for the workers and return its outcome; None when it must run locally."""
    url = configured_redis()
    if url is None or not workers_can_crawl(spec["platform"], spec["kind"]):
        return None
    from spiders.frontier import Keys, connect, enqueue_target

    fresh = enqueue_target(connect(url), Keys.from_env(_prefix()), spec)
    status = "queued" if fresh else "skipped"
    logger.info("crawl %s %s for the Redis workers", spec.get("job_id"), status)
    return {"job": spec.get("job_id"), "status": status, "run": None}
