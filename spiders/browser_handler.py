"""scrapy-playwright's download handler, one instance per crawl for both http and https: Scrapy builds a
handler per scheme, and each scrapy-playwright instance starts a Playwright driver (a Node process of
its own, ~120 MB) although only one of them ever launches Chromium."""

from __future__ import annotations

from typing import Any

from scrapy_playwright.handler import ScrapyPlaywrightDownloadHandler


class SharedPlaywrightHandler(ScrapyPlaywrightDownloadHandler):
    """The crawl's one scrapy-playwright handler, whichever scheme asks for it; closed once."""

    _closed = False

    @classmethod
    def from_crawler(cls, crawler: Any) -> Any:
        """The handler already built for this crawl, or a new one."""
        found = crawler.__dict__.get("_reelscope_playwright")
        if found is None:
            found = crawler.__dict__["_reelscope_playwright"] = super().from_crawler(crawler)
        return found

    async def close(self) -> None:
        """Close the browser and the driver (Scrapy asks once per scheme)."""
        if not self._closed:
            self._closed = True
            await super().close()
