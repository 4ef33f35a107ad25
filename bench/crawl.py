"""Crawl bench: posts stored per second end to end against the sandbox, against a bare Scrapy spider that
only downloads the same pages (measured in the same run), and pages per second on the browser path.

Each crawl stores into a database of its own, brought to the schema's head before the clock starts, as
every crawl but a store's very first finds it; --empty-db times the first crawl's schema creation too.

    python bench/crawl.py [--posts-per-account N] [--repeats N] [--empty-db]
"""

from __future__ import annotations

import argparse
import gc
import os
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

from sandbox import Sandbox, build_world
from spiders.runner import run_crawl
from store.engine import dispose_engines
from store.migrations import upgrade

FAST = {
    "AUTOTHROTTLE_ENABLED": "0",
    "DOWNLOAD_DELAY": "0",
    "LOG_LEVEL": "WARNING",
    "CONCURRENT_REQUESTS_PER_DOMAIN": "16",
    "ROBOTSTXT_OBEY": "1",
}

BARE_SPIDER = textwrap.dedent("""
    import sys, scrapy
    from scrapy.crawler import CrawlerProcess

    class Bare(scrapy.Spider):
        name = "bare"
        def __init__(self, urls):
            self.urls = urls
        async def start(self):
            for url in self.urls:
                yield scrapy.Request(url, dont_filter=True)
            self.first = self.last = None
        def parse(self, response):
            import time
            now = time.perf_counter()
            self.first = self.first or now
            self.last = now
        def closed(self, reason):
            print(self.first, self.last)

    urls = open(sys.argv[1]).read().split()
    process = CrawlerProcess({"LOG_LEVEL": "WARNING", "ROBOTSTXT_OBEY": True, "DOWNLOAD_DELAY": 0,
                              "CONCURRENT_REQUESTS_PER_DOMAIN": 16, "AUTOTHROTTLE_ENABLED": False,
                              "TWISTED_REACTOR": "twisted.internet.asyncioreactor.AsyncioSelectorReactor"})
    process.crawl(Bare, urls=urls)
    process.start()
""")


def timed(fn: object) -> float:
    """Seconds a call takes."""
    start = time.perf_counter()
    fn()  # type: ignore[operator]
    return time.perf_counter() - start


def database(path: Path, empty: bool) -> str:
    """A new SQLite database's URL, at the schema's head unless `empty`."""
    url = f"sqlite:///{path}"
    if not empty:
        upgrade(url)
        dispose_engines()
    return url


def bare_run(box: Sandbox, work: Path) -> tuple[float, float]:
    """The bare spider's (total, steady) seconds: process start to exit, first to last request."""
    box.hits.clear()
    total = timed(
        lambda: subprocess.run(
            [sys.executable, str(work / "bare.py"), str(work / "urls.txt")],
            env={**os.environ},
            check=True,
            capture_output=True,
            text=True,
        )
    )
    hits = [h.at for h in box.hits if "/youtube/" in h.path]
    return total, hits[-1] - hits[0]


def full_run(box: Sandbox, work: Path, n: int, tag: str, empty: bool) -> tuple[float, float, int]:
    """A reelscope crawl's (total, steady, posts stored) into a new database: process start to exit,
    first request to last page stored."""
    db = database(work / f"bench-{n}.db", empty)
    box.hits.clear()
    stamps: list[float] = []
    outcome = None

    def full() -> None:
        nonlocal outcome
        outcome = run_crawl(
            "youtube",
            tag,
            kind="hashtag",
            db=db,
            base_url=box.base_url("youtube"),
            settings=FAST,
            on_progress=lambda _p: stamps.append(time.perf_counter()),
        )

    total = timed(full)
    assert outcome is not None and outcome.ok, outcome.stderr_tail if outcome else ""
    steady = stamps[-1] - next(h.at for h in box.hits if "/youtube/" in h.path)
    return total, steady, int(outcome.progress.get("posts", 0))


def browser_run(box: Sandbox, work: Path, n: int, empty: bool) -> tuple[float, dict[str, int]]:
    """Seconds and last progress record of a TikTok account scrolled in Chromium (item_list captured)."""
    handle = box.world.accounts["tiktok"][0].handle
    db = database(work / f"browser-{n}.db", empty)
    outcome = None

    def browse() -> None:
        nonlocal outcome
        outcome = run_crawl(
            "tiktok",
            handle,
            kind="account",
            db=db,
            base_url=box.base_url("tiktok"),
            settings={**FAST, "REELSCOPE_SCROLL_WAIT": "0.5"},
        )

    seconds = timed(browse)
    assert outcome is not None and outcome.ok, outcome.stderr_tail if outcome else ""
    return seconds, outcome.progress


def main() -> None:
    """Run the bench (best of --repeats, bare and reelscope alternating) and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts-per-account", type=int, default=150)
    parser.add_argument("--repeats", type=int, default=5, help="runs of each side; the best one counts")
    parser.add_argument(
        "--empty-db", action="store_true", help="crawl into empty databases (schema creation timed too)"
    )
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="reelscope-bench-"))
    with Sandbox(seed=7) as box:
        # A larger world: one hashtag listing followed to every watch page (plain HTTP, YouTube).
        box.world.posts.clear()
        big = build_world(7, posts_per_account=args.posts_per_account)
        box.world.posts.update(big.posts)
        box.world.accounts.update(big.accounts)
        box.world._by_id.update(big._by_id)
        gc.freeze()  # the sandbox serves both sides from this process: no collector pauses over its world
        tag = "recipe"
        facts = [t for t in box.truth("youtube") if tag in t["hashtags"]]
        urls = [box.base_url("youtube") + f"/hashtag/{tag}"] + [
            box.base_url("youtube") + f"/watch?v={t['post_id']}" for t in facts
        ]
        (work / "urls.txt").write_text("\n".join(urls))
        (work / "bare.py").write_text(BARE_SPIDER)
        bares, fulls, browsers = [], [], []
        for n in range(args.repeats):
            bares.append(bare_run(box, work))
            fulls.append(full_run(box, work, n, tag, args.empty_db))
            browsers.append(browser_run(box, work, n, args.empty_db))
    pages = len(urls)
    bare, bare_steady = min(b[0] for b in bares), min(b[1] for b in bares)
    ours, ours_steady = min(f[0] for f in fulls), min(f[1] for f in fulls)
    stored = min(f[2] for f in fulls)
    print(f"best of {args.repeats} runs each (bare and reelscope alternating, same sandbox)")
    print(
        "databases: " + ("empty (schema created by the crawl)" if args.empty_db else "at the schema's head")
    )
    print(f"pages: {pages} (1 listing + {len(facts)} watch pages); posts stored: {stored} of {len(facts)}")
    print(f"bare Scrapy download: {bare:.2f}s  ({pages / bare:.1f} pages/s)")
    print(f"reelscope crawl:      {ours:.2f}s  ({stored / ours:.1f} posts stored/s)")
    print(f"ratio end to end, process start included (reelscope / bare): {ours / bare:.2f}x  (goal <= 1.5x)")
    print(
        f"steady state, first request to last page stored: bare {bare_steady:.2f}s "
        f"({pages / bare_steady:.1f} pages/s), "
        f"reelscope {ours_steady:.2f}s ({stored / ours_steady:.1f} posts stored/s)"
    )
    print(f"ratio steady state (reelscope / bare): {ours_steady / bare_steady:.2f}x")
    browser_time, bp = min(browsers, key=lambda b: b[0])
    print(
        f"browser path: {bp.get('pages')} pages ({bp.get('posts')} posts) in {browser_time:.2f}s "
        f"= {bp.get('pages', 0) / browser_time:.2f} pages/s, {bp.get('posts', 0) / browser_time:.1f} posts/s "
        "(process start and Chromium launch included)"
    )


if __name__ == "__main__":
    main()
