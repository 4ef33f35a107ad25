"""Politeness and request budgets that hold across all workers together: before each request a worker
takes a slot from Redis, so N workers send no more to a platform than one polite crawler would.

`REELSCOPE_RATE` (requests per second per platform, e.g. "youtube=2,default=1") spaces requests to a
platform evenly across workers; `REELSCOPE_BUDGET` (e.g. "youtube=5000") caps requests per platform in
each `REELSCOPE_BUDGET_WINDOW` seconds (default 3600). A request over budget waits for the next window:
it is not dropped, and a worker killed while it waits loses nothing (the request is in flight)."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from scrapy import Request, Spider
from scrapy.exceptions import IgnoreRequest

logger = logging.getLogger(__name__)
HANDED_BACK = "worker stopping while waiting for the budget"

# Returns the milliseconds to wait before sending (>= 0), or minus the milliseconds until the budget
# window ends when the budget is spent. Slots are handed out in order from one shared "next" time.
_TAKE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local budget, window, interval = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
if budget > 0 then
  local used = redis.call('INCR', KEYS[2])
  if used == 1 then redis.call('PEXPIRE', KEYS[2], window) end
  if used > budget then
    redis.call('DECR', KEYS[2])
    local left = redis.call('PTTL', KEYS[2])
    if left < 0 then redis.call('PEXPIRE', KEYS[2], window); left = window end
    return -left
  end
end
if interval <= 0 then return 0 end
local nxt = tonumber(redis.call('GET', KEYS[1]) or '0')
local at = math.max(now, nxt)
redis.call('SET', KEYS[1], at + interval, 'PX', at - now + interval + 60000)
return at - now
"""


def per_platform(value: Any) -> dict[str, float]:
    """Parse "youtube=2,default=1" (or a dict, or one number for every platform)."""
    if isinstance(value, dict):
        return {str(k): float(v) for k, v in value.items()}
    text = str(value or "").strip()
    if not text:
        return {}
    if "=" not in text:
        return {"default": float(text)}
    out = {}
    for part in text.split(","):
        name, _, number = part.partition("=")
        out[name.strip()] = float(number)
    return out


class SharedLimitsMiddleware:
    """Take a slot of the platform's shared rate and budget from Redis before each request."""

    def __init__(self, crawler: Any) -> None:
        settings = crawler.settings
        self.crawler = crawler
        self.rates = per_platform(settings.get("REELSCOPE_RATE"))
        self.budgets = per_platform(settings.get("REELSCOPE_BUDGET"))
        self.window = settings.getfloat("REELSCOPE_BUDGET_WINDOW", 3600.0)
        self._script: Any = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> SharedLimitsMiddleware:
        """Scrapy's constructor hook."""
        return cls(crawler)

    def _limits(self, platform: str) -> tuple[int, int, int]:
        rate = self.rates.get(platform, self.rates.get("default", 0.0))
        budget = self.budgets.get(platform, self.budgets.get("default", 0.0))
        return int(budget), int(self.window * 1000), int(1000 / rate) if rate > 0 else 0

    async def process_request(self, request: Request, spider: Spider | None = None) -> None:
        """Wait for the platform's next shared slot (and for a new budget window when it is spent)."""
        worker: Any = spider or self.crawler.spider
        server = getattr(worker, "server", None)
        if server is None:
            return
        platform = worker.name
        budget, window, interval = self._limits(platform)
        if budget <= 0 and interval <= 0:
            return
        if self._script is None:
            self._script = server.register_script(_TAKE)
        keys = [worker.keys.rate(platform), worker.keys.budget(platform)]
        while True:
            wait = int(self._script(keys=keys, args=[budget, window, interval]))
            if wait >= 0:
                break
            logger.info("%s budget of %d requests spent: waiting %.0fs", platform, budget, -wait / 1000)
            await asyncio.sleep(min(-wait / 1000, 1.0))
            if not self.crawler.engine.running:
                # The worker is stopping: the request stays in its in-flight hash and is handed back.
                raise IgnoreRequest(HANDED_BACK)
        if wait:
            await asyncio.sleep(wait / 1000)
