"""The shared crawl frontier in Redis, without Scrapy: key names, crawl targets waiting for a worker,
worker heartbeats, and the reclaim of a dead worker's in-flight requests and claimed targets.

Importable by the scheduler (plain `redis`, no Twisted); the Scrapy side is spiders/redis_worker.py.
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

    def dupefilter(self, platform: str) -> str:
        """The platform's request fingerprints."""
        return f"{self.prefix}:{platform}:dupefilter"

    def targets(self, platform: str) -> str:
        """Crawl targets waiting for a worker (JSON, pushed left, taken right)."""
        return f"{self.prefix}:{platform}:targets"

    def inflight(self, platform: str, worker: str) -> str:
        """A worker's requests popped and not yet stored (hash: id -> request)."""
        return f"{self.prefix}:{platform}:inflight:{worker}"

    def claimed(self, platform: str, worker: str) -> str:
        """Targets a worker took and has not yet turned into a first request."""
        return f"{self.prefix}:{platform}:claimed:{worker}"

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


def enqueue_target(client: Client, keys: Keys, spec: dict[str, Any]) -> bool:
    """Queue a crawl target for the workers; False when the same target already waits."""
    message = target_message(spec)
    key = keys.targets(spec["platform"])
    if client.lpos(key, message) is not None:
        return False
    client.lpush(key, message)
    return True


def claim_target(client: Client, keys: Keys, platform: str, worker: str) -> dict[str, Any] | None:
    """Move the oldest waiting target into this worker's claimed list and return it (None if none)."""
    raw = client.lmove(keys.targets(platform), keys.claimed(platform, worker), "RIGHT", "LEFT")
    if raw is None:
        return None
    target: dict[str, Any] = orjson.loads(raw)
    target["_raw"] = raw
    return target


def release_target(client: Client, keys: Keys, platform: str, worker: str, raw: bytes) -> None:
    """Forget a claimed target once its first request is in the shared queue."""
    client.lrem(keys.claimed(platform, worker), 1, raw)


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
# of the queue, its claimed targets back to the targets, and it leaves the platform's members.
_RECLAIM = """
if redis.call('EXISTS', KEYS[1]) == 1 then return -1 end
local moved = 0
local flat = redis.call('HGETALL', KEYS[2])
for i = 2, #flat, 2 do redis.call('RPUSH', KEYS[3], flat[i]); moved = moved + 1 end
redis.call('DEL', KEYS[2])
while redis.call('LMOVE', KEYS[4], KEYS[5], 'RIGHT', 'RIGHT') do moved = moved + 1 end
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
                ],
                args=[worker],
            )
        )
        if n >= 0:
            client.srem(keys.workers, worker)
            moved += n
    return moved


# --- inspection (reelscope status) ----------------------------------------------------------------


def queue_depths(url: str, prefix: str | None = None) -> dict[str, dict[str, int]]:
    """Per platform: targets waiting, requests queued, requests in flight on workers."""
    client, keys = connect(url), Keys.from_env(prefix)
    out: dict[str, dict[str, int]] = {}
    for raw in client.scan_iter(match=f"{keys.prefix}:*:*", count=500):
        name = raw.decode()
        parts = name[len(keys.prefix) + 1 :].split(":")
        if len(parts) < 2 or parts[0] in ("task", "worker"):
            continue
        platform, kind = parts[0], parts[1]
        row = out.setdefault(platform, {"targets": 0, "queued": 0, "in_flight": 0})
        if kind == "targets" and len(parts) == 2:
            row["targets"] += int(client.llen(name))
        elif kind == "requests" and len(parts) == 2:
            row["queued"] += int(client.llen(name))
        elif kind == "inflight":
            row["in_flight"] += int(client.hlen(name))
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
