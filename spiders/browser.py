"""The browser path: Chromium launch options, which requests a page may make, the meta of a request
that scrolls a listing while its JSON API responses are captured, and the retries of those responses."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import subprocess
from collections.abc import Awaitable, Callable
from typing import Any

from spiders.middlewares import wait_before_retry

logger = logging.getLogger(__name__)

CHROMIUM_ENV = "REELSCOPE_CHROMIUM"
DEFAULT_CHROMIUM = "/usr/bin/chromium"
BLOCKED_RESOURCES = frozenset({"image", "media", "font"})
HANDLERS = {
    "http": "spiders.browser_handler.SharedPlaywrightHandler",
    "https": "spiders.browser_handler.SharedPlaywrightHandler",
}


def install(settings: Any) -> None:
    """Make Chromium (scrapy-playwright) the crawl's download handler; plain requests still go over HTTP."""
    handlers = dict(settings.getdict("DOWNLOAD_HANDLERS"))
    handlers.update(HANDLERS)
    settings.set("DOWNLOAD_HANDLERS", handlers, priority="spider")


def unavailable(settings: Any) -> str | None:
    """Why Chromium cannot start with the crawl's PLAYWRIGHT_LAUNCH_OPTIONS, or None when it can (the
    executable is run once with --version: missing, not executable or missing libraries all show)."""
    try:
        import scrapy_playwright  # noqa: F401
    except ImportError as exc:
        return f"scrapy-playwright missing ({exc})"
    path = (settings.getdict("PLAYWRIGHT_LAUNCH_OPTIONS") or {}).get("executable_path")
    if not path:
        return None  # Playwright's own Chromium
    try:
        done = subprocess.run([path, "--version"], capture_output=True, timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"Chromium at {path} does not start ({exc}; set {CHROMIUM_ENV})"
    if done.returncode != 0:
        return f"Chromium at {path} does not start (exit {done.returncode}; set {CHROMIUM_ENV})"
    return None


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


def browser_meta(
    context: str, handler: Any, init: Callable[[Any, Any], Awaitable[None]] | str | None = None
) -> dict[str, Any]:
    """Meta of a request rendered by Chromium: one context per platform, the page kept for scrolling,
    `handler` called with every response the page receives, and `init` with each new page (by name,
    a spider method and a dotted path, for requests that travel through Redis as data)."""
    meta = {
        "playwright": True,
        "playwright_include_page": True,
        "playwright_context": context,
        "playwright_context_kwargs": {"java_script_enabled": True, "ignore_https_errors": False},
        "playwright_page_event_handlers": {"response": handler},
    }
    if init is not None:
        meta["playwright_page_init_callback"] = init
    return meta


class CapturedRetry:
    """Route of a page's captured API requests: fetched again with backoff on 429/5xx (Retry-After
    honoured) like the HTTP path's requests, so the page's script, and the capture, only see the answer."""

    def __init__(self, settings: Any) -> None:
        self.enabled = settings.getbool("RETRY_ENABLED", True)
        self.times = settings.getint("RETRY_TIMES", 2)
        self.codes = {int(c) for c in settings.getlist("RETRY_HTTP_CODES")}
        self.base = settings.getfloat("RETRY_BACKOFF_BASE", 1.0)
        self.cap = settings.getfloat("RETRY_BACKOFF_MAX", 60.0)
        self.user_agent = settings.get("USER_AGENT")

    async def install(self, page: Any, matches: Callable[[str], bool]) -> None:
        """Route the page's requests whose URL `matches` through the retries. A page request retried
        after a 429 keeps its page, whose routes scrapy-playwright then sets again: ours goes last, so
        it is asked first."""
        if self.enabled:
            await page.unroute(matches, self.handle)
            await page.route(matches, self.handle)

    async def handle(self, route: Any, request: Any) -> None:
        """Fetch until the answer is not a retryable status or the retries are spent; fulfil with it."""
        try:
            headers = await request.all_headers()
            if self.user_agent:  # as scrapy-playwright does for the requests it routes
                headers["user-agent"] = self.user_agent
            attempt = 0
            while True:
                response = await route.fetch(headers=headers)
                if response.status not in self.codes or attempt >= self.times:
                    break
                attempt += 1
                wait = wait_before_retry(response.headers.get("retry-after"), attempt, self.base, self.cap)
                logger.info(
                    "HTTP %s on %s: retry %d in %.1fs (captured)", response.status, request.url, attempt, wait
                )
                await response.dispose()
                await asyncio.sleep(wait)
            await route.fulfill(response=response)
        except Exception as exc:  # the page closed meanwhile, or the network failed: let the page see it
            logger.debug("captured %s not retried: %s", request.url, exc)
            with contextlib.suppress(Exception):
                await route.fallback()


SCROLL_SCRIPT = "window.scrollTo(0, document.body.scrollHeight)"
