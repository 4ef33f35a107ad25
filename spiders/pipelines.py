"""Item pipelines: every post through the detectors (`host.detect`), then each page into the store."""

from __future__ import annotations

import logging
import sys
import time
from typing import TYPE_CHECKING, Any

import orjson

from spiders.items import PostPage, RequestDone

if TYPE_CHECKING:
    # Only for annotations: the CLI and the scheduler import PROGRESS_PREFIX from here without Scrapy.
    from scrapy import Spider

logger = logging.getLogger(__name__)
PROGRESS_PREFIX = "REELSCOPE-PROGRESS "


class DetectPipeline:
    """Fill `signals`, `sponsored`, `disclosed` and `brands` (the watchlist's included) of every post."""

    def __init__(self) -> None:
        from spiders.loader import plugin_host

        self.host = plugin_host()

    @classmethod
    def from_crawler(cls, crawler: Any) -> DetectPipeline:
        """Give the detector the brands of the crawl's watchlist (-a config=FILE, else $REELSCOPE_CONFIG)."""
        from reelscope.host import use_brands

        use_brands(crawler.spider.privacy.watchlist)
        return cls()

    def process_item(self, item: Any, spider: Spider | None = None) -> Any:
        """Run the detectors on a page's posts."""
        if isinstance(item, PostPage):
            for post in item.posts:
                self.host.detect(post)
        return item


class StorePipeline:
    """Store pages in batches (one transaction per batch), count them in the crawl run, mark their
    requests done in the journal only once committed, and report progress on stderr."""

    def __init__(self, crawler: Any = None) -> None:
        self.crawler = crawler
        self.started = time.monotonic()
        settings = crawler.settings if crawler is not None else {}
        self.batch_posts = int(settings.get("REELSCOPE_STORE_BATCH", 200))
        self.batch_seconds = float(settings.get("REELSCOPE_STORE_SECONDS", 1.0))
        self.pending: list[PostPage] = []
        self.pending_done: list[RequestDone] = []
        self.pending_posts = 0
        self.last_flush = time.monotonic()

    @classmethod
    def from_crawler(cls, crawler: Any) -> StorePipeline:
        """Keep the crawler: its spider owns the recorder and the journal."""
        return cls(crawler)

    def process_item(self, item: Any, spider: Spider | None = None) -> Any:
        """Queue a page (or a finished request) and write the queue when it is big or old enough."""
        crawl: Any = spider or self.crawler.spider
        if isinstance(item, PostPage):
            # Retention and pseudonymisation as soon as the page arrives (after detection), so that
            # neither the store nor a log line of the item ever sees what they remove.
            ranked = dict(zip(map(id, item.posts), item.ranks, strict=True))
            item.posts, item.accounts = crawl.privacy.apply(item.posts, item.accounts)
            item.ranks = [ranked[id(post)] for post in item.posts]
            self.pending.append(item)
            self.pending_posts += len(item.posts)
        elif isinstance(item, RequestDone):
            self.pending_done.append(item)
        else:
            return item
        if self.pending_posts >= self.batch_posts or time.monotonic() - self.last_flush >= self.batch_seconds:
            self.flush(crawl)
        return item

    def close_spider(self, spider: Spider | None = None) -> None:
        """Write what is left."""
        self.flush(spider or self.crawler.spider)

    def flush(self, crawl: Any) -> None:
        """Store the queued pages, grouped by path, then journal their requests as done."""
        recorder, tally = crawl.recorder, crawl.recorder.tally
        for path in ("http", "browser"):
            pages = [p for p in self.pending if p.path == path]
            if not pages:
                continue
            posts = [post for p in pages for post in p.posts]
            ranks = [rank for p in pages for rank in p.ranks]
            accounts = [a for p in pages for a in p.accounts]
            tally.posts += recorder.store(
                posts, ranks, target=crawl.stored_target, path=path, accounts=accounts
            )
        for page in self.pending:
            tally.pages += 1
            tally.missing.update(page.missing)
        for done in self.pending_done:
            if done.error:
                tally.errors += 1
            if done.key is not None:
                crawl.journal.done(done.key)
        if self.pending and crawl.journal.path is not None:
            recorder.checkpoint()
        if self.pending or self.pending_done:
            self.progress(crawl)
        self.pending, self.pending_done, self.pending_posts = [], [], 0
        self.last_flush = time.monotonic()

    def progress(self, crawl: Any) -> None:
        """One machine-readable progress line on stderr (the CLI draws it)."""
        t = crawl.recorder.tally
        elapsed = max(time.monotonic() - self.started, 1e-6)
        line = {
            "run": crawl.recorder.run_id,
            "pages": t.pages,
            "posts": t.posts,
            "errors": t.errors,
            "rate": round(t.posts / elapsed, 2),
        }
        sys.stderr.write(PROGRESS_PREFIX + orjson.dumps(line).decode() + "\n")
        sys.stderr.flush()
