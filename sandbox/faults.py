"""Faults the sandbox injects on demand: 429 with Retry-After, 500s, slow, truncated and malformed bodies
(each on a URL's first attempt only, so a client that retries gets the real page), and layout drift
(a renamed JSON key, on every response)."""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass, field

TRANSIENT: tuple[str, ...] = ("429", "500", "slow", "truncate", "malformed")
KINDS: tuple[str, ...] = (*TRANSIENT, "drift")
# Layout drift: a key each platform's API stops spelling the way parsers know.
DRIFT: dict[str, tuple[bytes, bytes]] = {
    "tiktok": (b'"playCount"', b'"playCnt"'),
    "youtube": (b'"viewCount"', b'"viewCnt"'),
    "instagram": (b'"video_view_count"', b'"video_views"'),
    "x": (b'"favorite_count"', b'"favourite_count"'),
}


def parse_faults(spec: str | None) -> dict[str, float]:
    """Read "429:0.2,500:0.1,drift" (kind[:rate], rate 1.0 when omitted) into kind -> rate."""
    rates: dict[str, float] = {}
    for part in (spec or "").split(","):
        part = part.strip()
        if not part:
            continue
        kind, _, rate = part.partition(":")
        if kind not in KINDS:
            raise ValueError(f"unknown fault {kind!r} (known: {', '.join(KINDS)})")
        value = float(rate) if rate else 1.0
        if not 0.0 <= value <= 1.0:
            raise ValueError(f"fault rate {value} is not between 0 and 1")
        rates[kind] = value
    return rates


@dataclass
class FaultPlan:
    """Which fault (if any) a request gets: decided from the URL and a seed, on its first attempt."""

    rates: dict[str, float] = field(default_factory=dict)
    seed: int = 0
    slow_seconds: float = 3.0
    retry_after: int = 1
    _attempts: dict[str, int] = field(default_factory=dict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def _roll(self, key: str, kind: str) -> float:
        digest = hashlib.sha256(f"{self.seed}|{kind}|{key}".encode()).digest()
        return int.from_bytes(digest[:8], "big") / 2**64

    def attempt(self, key: str) -> int:
        """Count one more request for `key`; return its attempt number (1 for the first)."""
        with self._lock:
            self._attempts[key] = self._attempts.get(key, 0) + 1
            return self._attempts[key]

    def choose(self, key: str, forced: str | None = None) -> str | None:
        """The transient fault this request gets (only on the URL's first attempt), or None."""
        if self.attempt(key) > 1:
            return None
        if forced in TRANSIENT:
            return forced
        # One roll over the kinds' stacked rates: each kind gets its own share of first requests.
        roll, edge = self._roll(key, "fault"), 0.0
        for kind in TRANSIENT:
            edge += self.rates.get(kind, 0.0)
            if roll < edge:
                return kind
        return None

    def drift(self, platform: str, body: bytes, forced: bool = False) -> bytes:
        """The body with the platform's drifted key, when drift is on."""
        if not (forced or self.rates.get("drift")) or platform not in DRIFT:
            return body
        old, new = DRIFT[platform]
        return body.replace(old, new)

    @property
    def faulted(self) -> int:
        """How many URLs were asked more than once (each retry after a fault)."""
        with self._lock:
            return sum(1 for n in self._attempts.values() if n > 1)
