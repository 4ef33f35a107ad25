"""The browser path: Chromium launch options, which requests a page may make, and the meta of a
request that scrolls a listing while its JSON API responses are captured."""

from __future__ import annotations

import os
from typing import Any

CHROMIUM_ENV = "REELSCOPE_CHROMIUM"
DEFAULT_CHROMIUM = "/usr/bin/chromium"
BLOCKED_RESOURCES = frozenset({"image", "media", "font"})
HANDLERS = {
    "http": "scrapy_playwright.handler.ScrapyPlaywrightDownloadHandler",
    "https": "scrapy_playwright.handler.ScrapyPlaywrightDownloadHandler",
}


def launch_options() -> dict[str, Any]:
    """Headless Chromium from $REELSCOPE_CHROMIUM (default /usr/bin/chromium), quiet in the background."""
    return {
        "headless": True,
        "executable_path": os.environ.get(CHROMIUM_ENV) or DEFAULT_CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


def should_abort(request: Any) -> bool:
    """Skip images, media and fonts: the crawl needs the page's data, not its pixels."""
    return bool(request.resource_type in BLOCKED_RESOURCES)


def browser_meta(context: str, handler: Any) -> dict[str, Any]:
    """Meta of a request rendered by Chromium: one context per platform, the page kept for scrolling,
    and `handler` called with every response the page receives."""
    return {
        "playwright": True,
        "playwright_include_page": True,
        "playwright_context": context,
        "playwright_context_kwargs": {"java_script_enabled": True, "ignore_https_errors": False},
        "playwright_page_event_handlers": {"response": handler},
    }


SCROLL_SCRIPT = "window.scrollTo(0, document.body.scrollHeight)"
