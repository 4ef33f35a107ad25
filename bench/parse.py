"""Parse speed per platform on the real captures, as a ratio to the floor measured in the same run.

The floor is what any parser must pay: locating the embedded JSON in the page and `orjson.loads` of
it (per line for NDJSON; the whole body for JSON; for HTML pages without embedded JSON, one pass that
finds the script blocks). Goal: parsing costs at most 1.5x the floor.

    python bench/parse.py [--seconds 0.3] [--files]
"""

from __future__ import annotations

import argparse
import re
import time
from collections import defaultdict
from collections.abc import Callable

import orjson

from plugins.containers import is_container, unpack
from plugins.host import PluginHost
from plugins.platform import Page
from plugins.testing import real_pages

_SCRIPT_JSON = (
    b'<script id="__UNIVERSAL_DATA_FOR_REHYDRATION__" type="application/json">',
    b'<script id="SIGI_STATE" type="application/json">',
)
_ASSIGNED_JSON = (b"var ytInitialPlayerResponse = ", b"var ytInitialData = ", b"window._sharedData = ")
_SCRIPTS = re.compile(rb"<script[^>]*>(.*?)</script>", re.S)


def _load_embedded(data: bytes) -> object:
    """orjson.loads of an embedded document, cut where the document ends if more script follows it."""
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        text = data.decode("utf-8", errors="replace")
        return orjson.loads(text[: exc.pos])


def floor(body: bytes) -> int:
    """Locate the embedded JSON and load it; return how many JSON documents were loaded."""
    stripped = body.lstrip()[:1]
    if stripped in (b"{", b"["):
        try:
            orjson.loads(body)
            return 1
        except orjson.JSONDecodeError:
            return sum(1 for line in body.splitlines() if line.strip() and orjson.loads(line) is not None)
    loaded = 0
    for marker in _SCRIPT_JSON:
        start = body.find(marker)
        if start >= 0:
            start += len(marker)
            _load_embedded(body[start : body.find(b"</script>", start)])
            loaded += 1
    for marker in _ASSIGNED_JSON:
        start = body.find(marker)
        if start >= 0:
            start += len(marker)
            _load_embedded(body[start : body.find(b";</script>", start)])
            loaded += 1
    if not loaded:
        loaded = len(_SCRIPTS.findall(body))
    return loaded


def best_time(fn: Callable[[], object], seconds: float) -> float:
    """The fastest of repeated runs of fn within the time budget (at least 5 runs)."""
    best, spent, runs = float("inf"), 0.0, 0
    while runs < 5 or spent < seconds:
        start = time.perf_counter()
        fn()
        elapsed = time.perf_counter() - start
        best, spent, runs = min(best, elapsed), spent + elapsed, runs + 1
    return best


def main() -> None:
    """Print the table: per platform, posts per second for parsing and for the floor, and the ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=0.3, help="time budget per file and method")
    parser.add_argument("--files", action="store_true", help="also print one row per capture file")
    args = parser.parse_args()
    pages = real_pages()
    if not pages:
        raise SystemExit("../shared/real-pages is absent: nothing to measure")
    host = PluginHost.load(entry_points=False)
    totals: dict[str, list[float]] = defaultdict(lambda: [0, 0.0, 0.0])
    for real in pages:
        if real.platform not in host.platforms:
            print(f"skipped {real.id}: no {real.platform} plugin is loaded")
            continue
        outer = Page(url=real.path.as_uri(), body=real.path.read_bytes())
        inner = unpack(outer) if is_container(outer) else [outer]
        platform = host.platform(real.platform)
        bodies = [p for p in inner if platform.sniff(p)]
        posts = sum(len(platform.parse(p).posts) for p in bodies)
        parse_time = best_time(lambda b=bodies, pl=platform: [pl.parse(p) for p in b], args.seconds)
        floor_time = best_time(lambda b=bodies: [floor(p.body) for p in b], args.seconds)
        row = totals[real.platform]
        row[0] += posts
        row[1] += parse_time
        row[2] += floor_time
        if args.files:
            rate = f"{posts / parse_time:>14,.0f}" if posts else f"{'-':>14}"
            print(f"{real.platform:<10} {posts:>6} {rate} {parse_time / floor_time:>6.2f}  {real.id}")
    if args.files:
        print()
    print(f"{'platform':<10} {'posts':>6} {'parse posts/s':>14} {'floor posts/s':>14} {'ratio':>6}")
    for name, (posts, parse_time, floor_time) in sorted(totals.items()):
        print(
            f"{name:<10} {int(posts):>6} {posts / parse_time:>14,.0f} {posts / floor_time:>14,.0f} "
            f"{parse_time / floor_time:>6.2f}"
        )


if __name__ == "__main__":
    main()
