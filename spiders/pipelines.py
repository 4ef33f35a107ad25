"""Item pipelines: every post through the detectors (`host.detect`), then each page into the store."""

from __future__ import annotations

import logging
import sys
import time
from typing import Any

import orjson
from scrapy import Spider

from spiders.items import PostPage, RequestDone

logger = logging.getLogger(__name__)
PROGRESS_PREFIX = "REELSCOPE-PROGRESS "


class DetectPipeline:
    """Fill `signals`, `sponsored`, `disclosed` and `brands` of every post."""

    def process_item(self, item: Any, spider: Spider | None = None) -> Any:
        """Run the detectors on a page's posts."""
        if isinstance(item, PostPage):
            from spiders.loader import plugin_host

            host = plugin_host()
            for post in item.posts:
                host.detect(post)
        return item


class StorePipeline:
    """Upsert each page (one transaction), count it in the crawl run, and report progress on stderr."""

    def __init__(self, crawler: Any = None) -> None:
        self.crawler = crawler
        self.started = time.monotonic()

    @classmethod
    def from_crawler(cls, crawler: Any) -> StorePipeline:
        """Keep the crawler: its spider owns the recorder and the journal."""
        return cls(crawler)

    def process_item(self, item: Any, spider: Spider | None = None) -> Any:
        """Store a page, or mark a finished request in the journal."""
        crawl: Any = spider or self.crawler.spider
        if isinstance(item, RequestDone):
            if item.error:
                crawl.recorder.tally.errors += 1
            if item.key is not None:
                crawl.journal.done(item.key)
            self.progress(crawl)
            return item
        if not isinstance(item, PostPage):
            return item
        tally = crawl.recorder.tally
        stored = crawl.recorder.store(
            item.posts, item.ranks, target=crawl.target, path=item.path, accounts=item.accounts
        )
        tally.pages += 1
        tally.posts += stored
        tally.missing.update(item.missing)
        if crawl.journal.path is not None:
            crawl.recorder.checkpoint()
        self.progress(crawl)
        return item

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
