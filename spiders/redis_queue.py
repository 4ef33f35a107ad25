"""scrapy-redis, made safe against a worker killed mid-page: its FIFO request queue with a reliable pop
(each popped request is copied, in the same atomic step, into the worker's in-flight hash until its
page is stored; a dead worker's hash goes back to the queue), and its duplicate filter keyed per crawl
task, so two crawls of the same target each fetch their pages.

A request is in exactly one place: the queue, or one worker's in-flight hash. A retry or redirect of an
in-flight request moves it back to the queue in one transaction. Requests Chromium renders wait in the
platform's browser queue, which only a worker with the browser pops from, REELSCOPE_BROWSER_PAGES at a
time, each rendered in a Chromium context of its own; their in-flight ids start with "b:" so a reclaim
returns them there."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from scrapy_redis.dupefilter import RFPDupeFilter
from scrapy_redis.queue import FifoQueue
from w3lib.url import canonicalize_url

from spiders.frontier import Keys

# Pop the oldest request and, atomically, keep a copy under its hash (prefixed with ARGV[1]) in the
# worker's in-flight hash.
_POP = """
local data = redis.call('RPOP', KEYS[1])
if not data then return nil end
local id = ARGV[1] .. redis.sha1hex(data)
redis.call('HSET', KEYS[2], id, data)
return {id, data}
"""
# A request key of a task still to do: pending, unless its page is already stored.
_PLAN = """
if redis.call('SISMEMBER', KEYS[2], ARGV[1]) == 1 then return 0 end
return redis.call('SADD', KEYS[1], ARGV[1])
"""
# A request's page is stored: it is done; return the requests still pending (-1 if it was done before).
_DONE = """
redis.call('SADD', KEYS[2], ARGV[1])
local removed = redis.call('SREM', KEYS[1], ARGV[1])
if removed == 0 then return -1 end
return redis.call('SCARD', KEYS[1])
"""


def browser_pages(settings: Any) -> int:
    """How many browser requests a worker renders at once (one Chromium context each)."""
    return max(1, settings.getint("REELSCOPE_BROWSER_PAGES", 2))


def request_key(run_id: int, method: str, url: str, body: bytes = b"") -> str:
    """The identity of one request of one crawl task (its pending/done key and its fingerprint)."""
    data = json.dumps([run_id, method, canonicalize_url(url), body.hex()])
    return hashlib.sha1(data.encode()).hexdigest()[:20]


class ReliableQueue(FifoQueue):
    """scrapy-redis's FIFO queue whose pop leaves a copy in the worker's in-flight hash; browser
    requests go to the browser queue, popped first by a worker with the browser while it has a page free."""

    def __init__(self, server: Any, spider: Any, key: str, serializer: Any = None) -> None:
        super().__init__(server, spider, key, serializer)
        self.worker: str = spider.worker_id
        self.inflight_key = spider.keys.inflight(spider.name, self.worker)
        self.browser_key = spider.keys.browser_requests(spider.name)
        self.browser = bool(spider.browser)
        self.browser_pages = browser_pages(spider.settings)
        self.browser_held: dict[str, int] = {}  # in-flight id of a browser request -> its page slot
        self._pop = server.register_script(_POP)
        spider.reliable_queue = self  # the worker hands its in-flight requests back on a clean stop

    def __len__(self) -> int:
        """Requests this worker could pop."""
        browser = int(self.server.llen(self.browser_key)) if self.browser else 0
        return int(self.server.llen(self.key)) + browser

    def push(self, request: Any) -> None:
        """Queue a request; a retry of one this worker holds leaves its in-flight hash at the same time."""
        page = request.meta.get("playwright_page")
        if page is not None:
            # A browser request retried (e.g. a 429 on its document): the page is not data; another
            # worker may render it, with a page of its own.
            request = request.replace(meta={k: v for k, v in request.meta.items() if k != "playwright_page"})
            self.spider.drop_page(page)
        data = self._encode_request(request)
        held = request.meta.get("inflight")
        pipe = self.server.pipeline(transaction=True)
        pipe.lpush(self.browser_key if request.meta.get("playwright") else self.key, data)
        if held:
            pipe.hdel(self.inflight_key, held)
        pipe.execute()

    def pop(self, timeout: int = 0) -> Any:
        """The oldest request not already done, recorded as in flight on this worker."""
        while True:
            popped = self._take()
            if not popped:
                return None
            held, data = popped[0].decode(), popped[1]
            request = self._decode_request(data)
            request.meta["inflight"] = held
            if held in self.browser_held:
                # One page per Chromium context: a page sharing its window with others is a background
                # tab, whose infinite scroll (IntersectionObserver) may never fire.
                request.meta["playwright_context"] = f"{self.spider.name}-{self.browser_held[held]}"
            task = request.meta.get("task") or {}
            run, key = task.get("run"), request.meta.get("key")
            if run is None or key is None:
                return request
            done_key = self.spider.keys.task(run, "done")
            first = self.server.sadd(self.spider.keys.task(run, "popped"), key)
            if self.server.sismember(done_key, key):
                # A stale copy (a reclaimed request whose page was stored): nothing to do.
                self.server.hdel(self.inflight_key, held)
                continue
            request.meta["rerun"] = not first
            return request

    def _take(self) -> Any:
        """Pop a browser request if this worker renders them and has a page free, else a plain one."""
        if self.browser and self._pages_free():
            popped = self._pop(keys=[self.browser_key, self.inflight_key], args=["b:"])
            if popped:
                free = set(range(self.browser_pages)) - set(self.browser_held.values())
                self.browser_held[popped[0].decode()] = min(free)
                return popped
        return self._pop(keys=[self.key, self.inflight_key], args=[""])

    def _pages_free(self) -> bool:
        """Whether fewer than REELSCOPE_BROWSER_PAGES browser requests are in flight on this worker."""
        if len(self.browser_held) >= self.browser_pages:
            held = sorted(self.browser_held)
            pipe = self.server.pipeline(transaction=False)
            for name in held:
                pipe.hexists(self.inflight_key, name)
            there = pipe.execute()
            self.browser_held = {
                name: self.browser_held[name] for name, up in zip(held, there, strict=True) if up
            }
        return len(self.browser_held) < self.browser_pages

    def return_all(self) -> int:
        """Hand every request this worker holds back to the front of its queue (a clean stop)."""
        flat = self.server.hgetall(self.inflight_key)
        pipe = self.server.pipeline(transaction=True)
        for held, data in flat.items():
            pipe.rpush(self.browser_key if held.startswith(b"b:") else self.key, data)
        pipe.delete(self.inflight_key)
        pipe.execute()
        return len(flat)


class TaskDupeFilter(RFPDupeFilter):
    """scrapy-redis's Redis duplicate filter, with one crawl task's requests as the unit of identity:
    a task's fingerprints live in a set of the task, which expires with the task's other keys."""

    keys: Keys

    def request_fingerprint(self, request: Any) -> str:
        """The request's key within its task (plain URL fingerprint for requests outside a task)."""
        run = (request.meta.get("task") or {}).get("run", 0)
        return request_key(run, request.method, request.url, request.body or b"")

    def request_seen(self, request: Any) -> bool:
        """Whether the request's task already queued it."""
        run = (request.meta.get("task") or {}).get("run")
        key = self.keys.task(run, "fingerprints") if run is not None else self.key
        return int(self.server.sadd(key, self.request_fingerprint(request))) == 0

    @classmethod
    def from_spider(cls, spider: Any) -> TaskDupeFilter:
        """The filter of the spider's platform under the deployment's prefix."""
        from scrapy_redis.connection import get_redis_from_settings

        server = get_redis_from_settings(spider.settings)
        debug = spider.settings.getbool("DUPEFILTER_DEBUG")
        found = cls(server, key=spider.keys.dupefilter(spider.name), debug=debug)
        found.keys = spider.keys
        return found

    def close(self, reason: str = "") -> None:
        """Keep the fingerprints: other workers share them (scrapy-redis clears on close)."""


class TaskLedger:
    """The pending and done sets of crawl tasks: a task ends when its last pending request is done."""

    def __init__(self, server: Any, keys: Keys) -> None:
        self.server, self.keys = server, keys
        self._plan = server.register_script(_PLAN)
        self._done = server.register_script(_DONE)

    def plan(self, run_id: int, key: str) -> None:
        """Record a request the task will make (before its parent's page counts as done)."""
        self._plan(keys=[self.keys.task(run_id, "pending"), self.keys.task(run_id, "done")], args=[key])

    def done(self, run_id: int, key: str) -> int:
        """Mark a request done; return how many are still pending, -1 if it was done already."""
        keys = [self.keys.task(run_id, "pending"), self.keys.task(run_id, "done")]
        return int(self._done(keys=keys, args=[key]))

    def count(self, run_id: int, **values: int) -> None:
        """Add to the task's counters (pages, posts, errors)."""
        pipe = self.server.pipeline()
        for name, value in values.items():
            if value:
                pipe.hincrby(self.keys.task(run_id, "stats"), name, value)
        pipe.execute()

    def stats(self, run_id: int) -> dict[str, int]:
        """The task's counters."""
        raw = self.server.hgetall(self.keys.task(run_id, "stats"))
        return {k.decode(): int(v) for k, v in raw.items()}

    def expire(self, run_id: int, seconds: int) -> None:
        """Let a finished task's keys go after a while."""
        pipe = self.server.pipeline()
        for part in ("pending", "done", "popped", "stats", "fingerprints"):
            pipe.expire(self.keys.task(run_id, part), seconds)
        pipe.execute()
