"""Crawls handed to the Redis workers: when `REELSCOPE_REDIS_URL` is set (in the scheduler's environment
or its runtime env), a scheduled crawl or revisit is queued in Redis for `reelscope worker` processes
instead of run as a local subprocess. Targets of browser recipes go to the platform's browser target
list, which only workers running Chromium take from."""

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


def recipe_of(platform: str, kind: str) -> Any:
    """The platform's recipe for a target kind, or None when no worker could crawl it (it runs locally)."""
    host = _host()
    if platform not in host.platforms:
        return None
    return host.platform(platform).recipes.get(kind)


def offer(spec: dict[str, Any]) -> dict[str, Any] | None:
    """Queue a crawl for the workers and return its outcome; None when it must run locally."""
    url = configured_redis()
    recipe = recipe_of(spec["platform"], spec["kind"]) if url is not None else None
    if url is None or recipe is None:
        return None
    from spiders.frontier import Keys, connect, enqueue_target

    browser = bool(recipe.browser or recipe.capture)
    fresh = enqueue_target(connect(url), Keys.from_env(_prefix()), spec, browser=browser)
    status = "queued" if fresh else "skipped"
    logger.info("crawl %s %s for the Redis %sworkers", spec.get("job_id"), status, "browser " * browser)
    return {"job": spec.get("job_id"), "status": status, "run": None}
