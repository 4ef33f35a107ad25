"""The shared crawl frontier in Redis, without Scrapy: key names, crawl targets waiting for a worker,
worker heartbeats, and the reclaim of a dead worker's in-flight requests and claimed targets.

Importable by the scheduler (plain `redis`, no Twisted); the Scrapy side is spiders/worker.py and
spiders/redis_queue.py. Work only a worker with Chromium can do (targets of browser recipes, requests
Chromium renders) waits in separate lists per platform, which only browser workers take from; a
browser request in flight is marked by the "b:" prefix of its id, so a reclaim puts it back in its list.
Every key starts with a prefix (`REELSCOPE_REDIS_PREFIX`, default "reelscope"), so one Redis serves
several deployments, and each test its own.
"""

from __future__ import annotations

import os
import socket
import time
import uuid
from dataclasses import dataclass
from typing import Any

import orjson
import redis

REDIS_URL_ENV = "REELSCOPE_REDIS_URL"
PREFIX_ENV = "REELSCOPE_REDIS_PREFIX"
DEFAULT_PREFIX = "reelscope"
TASK_KEEP_SECONDS = 86_400  # a finished task's done set outlives stale copies of its requests


def redis_url(given: str | None = None) -> str | None:
    """The Redis URL given, or $REELSCOPE_REDIS_URL, or None (then crawls run as local subprocesses)."""
    return (given or os.environ.get(REDIS_URL_ENV, "")).strip() or None


# redis-py's annotations type every reply as "bytes | str | Awaitable"; the client is used synchronously.
Client = Any


def connect(url: str) -> Client:
    """A client on the Redis at `url`."""
    return redis.Redis.from_url(url, socket_connect_timeout=5, socket_timeout=30)


@dataclass(frozen=True, slots=True)
class Keys:
    """The Redis key names of one deployment."""

    prefix: str = DEFAULT_PREFIX

    @classmethod
    def from_env(cls, prefix: str | None = None) -> Keys:
        """The keys under `prefix`, or $REELSCOPE_REDIS_PREFIX, or "reelscope"."""
        return cls(prefix or os.environ.get(PREFIX_ENV, "") or DEFAULT_PREFIX)

    def requests(self, platform: str) -> str:
        """The platform's shared request queue (a list: pushed left, popped right)."""
        return f"{self.prefix}:{platform}:requests"

    def browser_requests(self, platform: str) -> str:
        """The platform's shared queue of requests Chromium renders (browser workers only)."""
        return f"{self.prefix}:{platform}:requests:browser"

    def dupefilter(self, platform: str) -> str:
        """The platform's request fingerprints."""
        return f"{self.prefix}:{platform}:dupefilter"

    def targets(self, platform: str) -> str:
        """Crawl targets waiting for a worker (JSON, pushed left, taken right)."""
        return f"{self.prefix}:{platform}:targets"

    def browser_targets(self, platform: str) -> str:
        """Crawl targets of browser recipes waiting for a browser worker."""
        return f"{self.prefix}:{platform}:targets:browser"

    def inflight(self, platform: str, worker: str) -> str:
        """A worker's requests popped and not yet stored (hash: id -> request)."""
        return f"{self.prefix}:{platform}:inflight:{worker}"

    def claimed(self, platform: str, worker: str, browser: bool = False) -> str:
        """Targets a worker took (from the browser targets if `browser`) and has not yet turned into a
        first request."""
        return f"{self.prefix}:{platform}:claimed:{worker}" + (":browser" if browser else "")

    def opening(self, platform: str, worker: str) -> str:
        """Crawl runs a worker opened and has not yet turned into a first request (hash: run -> target)."""
        return f"{self.prefix}:{platform}:opening:{worker}"

    @property
    def orphans(self) -> str:
        """Crawl runs whose worker died while opening them (run ids, for a living worker to close)."""
        return f"{self.prefix}:orphans"

    def members(self, platform: str) -> str:
        """Workers that ever served the platform (reclaimed and removed once dead)."""
        return f"{self.prefix}:{platform}:workers"

    @property
    def workers(self) -> str:
        """Every registered worker id."""
        return f"{self.prefix}:workers"

    def heartbeat(self, worker: str) -> str:
        """A worker's heartbeat (expires unless renewed; its value describes the worker)."""
        return f"{self.prefix}:worker:{worker}"

    def task(self, run_id: int, part: str) -> str:
        """A part of one crawl task (pending, done, popped, stats)."""
        return f"{self.prefix}:task:{run_id}:{part}"

    def rate(self, platform: str) -> str:
        """The time of the platform's next allowed request, shared by all workers."""
        return f"{self.prefix}:{platform}:rate"

    def budget(self, platform: str) -> str:
        """Requests sent to the platform in the current budget window."""
        return f"{self.prefix}:{platform}:budget"


def new_worker_id() -> str:
    """A worker id unique across machines: host, pid and a random suffix."""
    return f"{socket.gethostname()}-{os.getpid()}-{uuid.uuid4().hex[:6]}"


# --- targets ------------------------------------------------------------------------------------


def target_message(spec: dict[str, Any]) -> bytes:
    """The JSON of one crawl target (platform, target, kind, max_posts, since, job)."""
    keep = ("platform", "target", "kind", "max_posts", "since", "details", "job_id", "base_url", "config")
    return orjson.dumps({k: spec[k] for k in keep if spec.get(k) is not None}, option=orjson.OPT_SORT_KEYS)


def enqueue_target(client: Client, keys: Keys, spec: dict[str, Any], *, browser: bool = False) -> bool:
    """Queue a crawl target for the workers (for browser workers only if `browser`); False when the
    same target already waits."""
    message = target_message(spec)
    key = (keys.browser_targets if browser else keys.targets)(spec["platform"])
    if client.lpos(key, message) is not None:
        return False
    client.lpush(key, message)
    return True


def claim_target(
    client: Client, keys: Keys, platform: str, worker: str, *, browser: bool = False
) -> dict[str, Any] | None:
    """Move the oldest waiting target (of browser recipes if `browser`) into this worker's claimed list
    and return it (None if none)."""
    source = (keys.browser_targets if browser else keys.targets)(platform)
    raw = client.lmove(source, keys.claimed(platform, worker, browser), "RIGHT", "LEFT")
    if raw is None:
        return None
    target: dict[str, Any] = orjson.loads(raw)
    target["_raw"], target["_browser"] = raw, browser
    return target


def opening(client: Client, keys: Keys, platform: str, worker: str, run_id: int) -> None:
    """Note a run this worker opened for a claimed target (closed as failed if the worker dies now)."""
    client.hset(keys.opening(platform, worker), str(run_id), b"1")


def release_target(
    client: Client, keys: Keys, platform: str, worker: str, target: dict[str, Any], run_id: int | None = None
) -> None:
    """Forget a claimed target, and the run it opened, once its first request is in the shared queue."""
    pipe = client.pipeline(transaction=True)
    pipe.lrem(keys.claimed(platform, worker, target["_browser"]), 1, target["_raw"])
    if run_id is not None:
        pipe.hdel(keys.opening(platform, worker), str(run_id))
    pipe.execute()


# --- workers ------------------------------------------------------------------------------------


def beat(client: Client, keys: Keys, worker: str, platforms: list[str], ttl: float) -> None:
    """Register the worker and renew its heartbeat for `ttl` seconds."""
    info = {"id": worker, "host": socket.gethostname(), "pid": os.getpid(), "platforms": platforms}
    pipe = client.pipeline()
    pipe.set(keys.heartbeat(worker), orjson.dumps({**info, "at": time.time()}), px=int(ttl * 1000))
    pipe.sadd(keys.workers, worker)
    for platform in platforms:
        pipe.sadd(keys.members(platform), worker)
    pipe.execute()


def leave(client: Client, keys: Keys, worker: str, platforms: list[str]) -> None:
    """Unregister a worker that stopped cleanly (after it handed its in-flight requests back)."""
    pipe = client.pipeline()
    pipe.delete(keys.heartbeat(worker))
    pipe.srem(keys.workers, worker)
    for platform in platforms:
        pipe.srem(keys.members(platform), worker)
    pipe.execute()


# Atomically, and only if the worker's heartbeat is gone: its in-flight requests go back to the front
# of their queue (browser ones, "b:" ids, to the browser queue), its claimed targets back to the
# targets, the runs it was opening to the orphans, and it leaves the platform's members.
_RECLAIM = """
if redis.call('EXISTS', KEYS[1]) == 1 then return -1 end
local moved = 0
local flat = redis.call('HGETALL', KEYS[2])
for i = 1, #flat, 2 do
  local queue = KEYS[3]
  if string.sub(flat[i], 1, 2) == 'b:' then queue = KEYS[7] end
  redis.call('RPUSH', queue, flat[i + 1]); moved = moved + 1
end
redis.call('DEL', KEYS[2])
while redis.call('LMOVE', KEYS[4], KEYS[5], 'RIGHT', 'RIGHT') do moved = moved + 1 end
while redis.call('LMOVE', KEYS[10], KEYS[11], 'RIGHT', 'RIGHT') do moved = moved + 1 end
local runs = redis.call('HKEYS', KEYS[8])
for i = 1, #runs do redis.call('RPUSH', KEYS[9], runs[i]) end
redis.call('DEL', KEYS[8])
redis.call('SREM', KEYS[6], ARGV[1])
return moved
"""


def reclaim_dead(client: Client, keys: Keys, platform: str) -> int:
    """Give the work of every dead worker of a platform back to the living; return how much moved."""
    moved = 0
    script = client.register_script(_RECLAIM)
    for raw in client.smembers(keys.members(platform)):
        worker = raw.decode()
        n = int(
            script(
                keys=[
                    keys.heartbeat(worker),
                    keys.inflight(platform, worker),
                    keys.requests(platform),
                    keys.claimed(platform, worker),
                    keys.targets(platform),
                    keys.members(platform),
                    keys.browser_requests(platform),
                    keys.opening(platform, worker),
                    keys.orphans,
                    keys.claimed(platform, worker, browser=True),
                    keys.browser_targets(platform),
                ],
                args=[worker],
            )
        )
        if n >= 0:
            client.srem(keys.workers, worker)
            moved += n
    return moved


def take_orphan(client: Client, keys: Keys) -> int | None:
    """The id of one run a dead worker left half-opened, taken for this worker to close (None if none)."""
    raw = client.lpop(keys.orphans)
    return None if raw is None else int(raw)


# --- inspection (reelscope status) ----------------------------------------------------------------


def queue_depths(url: str, prefix: str | None = None) -> dict[str, dict[str, int]]:
    """Per platform: targets waiting, requests queued, requests in flight on workers; and of the
    targets and queued requests, those only browser workers take."""
    client, keys = connect(url), Keys.from_env(prefix)
    out: dict[str, dict[str, int]] = {}
    for raw in client.scan_iter(match=f"{keys.prefix}:*:*", count=500):
        name = raw.decode()
        parts = name[len(keys.prefix) + 1 :].split(":")
        if len(parts) < 2 or parts[0] in ("task", "worker"):
            continue
        platform, kind = parts[0], parts[1]
        row = out.setdefault(
            platform, {"targets": 0, "queued": 0, "in_flight": 0, "browser_targets": 0, "browser_queued": 0}
        )
        if kind == "inflight":
            row["in_flight"] += int(client.hlen(name))
        elif kind in ("targets", "requests") and parts[2:] in ([], ["browser"]):
            depth = int(client.llen(name))
            column = "targets" if kind == "targets" else "queued"
            row[column] += depth
            if parts[2:]:
                row["browser_" + column] += depth
    return dict(sorted(out.items()))


def live_workers(url: str, prefix: str | None = None) -> list[dict[str, Any]]:
    """The workers whose heartbeat is current: id, host, pid, platforms, seconds since the last beat."""
    client, keys = connect(url), Keys.from_env(prefix)
    out = []
    for raw in sorted(client.smembers(keys.workers)):
        value = client.get(keys.heartbeat(raw.decode()))
        if value is None:
            continue
        info = orjson.loads(value)
        info["age"] = round(max(0.0, time.time() - float(info.pop("at", time.time()))), 1)
        out.append(info)
    return out


def clear(url: str, prefix: str) -> int:
    """Delete every key of a deployment prefix (tests and benches); return how many."""
    client = connect(url)
    names = list(client.scan_iter(match=f"{prefix}:*", count=1000))
    for start in range(0, len(names), 500):
        client.delete(*names[start : start + 500])
    return len(names)
