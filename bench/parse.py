"""Parse speed per platform on the real captures, as a ratio to the floor measured in the same run.

The floor is what any parser must pay: locating the embedded JSON in the page and `orjson.loads` of
it (per line for NDJSON; the whole body for JSON; for HTML pages without embedded JSON, one pass that
finds the script blocks). Goal: parsing costs at most 1.5x the floor. Parse and floor runs alternate
and each keeps its fastest run, so a busy shared machine slows both alike.

    python bench/parse.py [--seconds 0.3] [--files]
"""

from __future__ import annotations

import argparse
import re
import time
from collections import defaultdict
from collections.abc import Callable
from functools import partial

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


def best_times(
    run_parse: Callable[[], object], run_floor: Callable[[], object], seconds: float
) -> tuple[float, float]:
    """The fastest run of each of parse and floor, run alternately (at least 9 runs each) within the budget.

    Alternating exposes both to the same load on a shared machine, so their ratio stays steady.
    """
    best_parse, best_floor, spent, runs = float("inf"), float("inf"), 0.0, 0
    while runs < 9 or spent < seconds:
        start = time.perf_counter()
        run_parse()
        middle = time.perf_counter()
        run_floor()
        end = time.perf_counter()
        best_parse, best_floor = min(best_parse, middle - start), min(best_floor, end - middle)
        spent, runs = spent + end - start, runs + 1
    return best_parse, best_floor


def _parse_all(parse: Callable[[Page], object], bodies: list[Page]) -> None:
    for page in bodies:
        parse(page)


def _floor_all(bodies: list[Page]) -> None:
    for page in bodies:
        floor(page.body)


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
        parse_time, floor_time = best_times(
            partial(_parse_all, platform.parse, bodies), partial(_floor_all, bodies), 2 * args.seconds
        )
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
    for name, (count, parsing, flooring) in sorted(totals.items()):
        print(
            f"{name:<10} {int(count):>6} {count / parsing:>14,.0f} {count / flooring:>14,.0f} "
            f"{parsing / flooring:>6.2f}"
        )


if __name__ == "__main__":
    main()
