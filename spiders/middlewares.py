"""Downloader middlewares: retries with exponential backoff that honour Retry-After, refusal of login
pages, and a proxy from the environment."""

from __future__ import annotations

import asyncio
import logging
import os
import random
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

from scrapy import Request, Spider
from scrapy.downloadermiddlewares.retry import RetryMiddleware, get_retry_request
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response

from spiders.manners import is_login_page

logger = logging.getLogger(__name__)
PROXY_ENV = "REELSCOPE_PROXY"


def retry_after_seconds(value: bytes | str | None, now: datetime | None = None) -> float | None:
    """Seconds a Retry-After header asks to wait (delta-seconds or an HTTP date), or None."""
    if not value:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    text = text.strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def backoff_seconds(attempt: int, base: float, cap: float) -> float:
    """Exponential backoff with jitter for the n-th retry (1-based), capped."""
    return float(min(cap, base * 2 ** (attempt - 1)) * random.uniform(0.8, 1.2))


def wait_before_retry(retry_after: bytes | str | None, attempt: int, base: float, cap: float) -> float:
    """Seconds before the n-th retry: what Retry-After asks for, else a backoff; never more than `cap`."""
    wait = retry_after_seconds(retry_after)
    if wait is None:
        wait = backoff_seconds(attempt, base, cap)
    return min(wait, cap)


class BackoffRetryMiddleware(RetryMiddleware):
    """Scrapy's retries, waiting between attempts: Retry-After when the server gives it, else backoff."""

    def __init__(self, settings: Any) -> None:
        super().__init__(settings)
        self.base = settings.getfloat("RETRY_BACKOFF_BASE", 1.0)
        self.cap = settings.getfloat("RETRY_BACKOFF_MAX", 60.0)

    async def process_response(  # type: ignore[override]
        self, request: Request, response: Response, spider: Spider | None = None
    ) -> Request | Response:
        """Retry 429/5xx after the wait the server asks for (or a backoff)."""
        if request.meta.get("dont_retry", False) or response.status not in self.retry_http_codes:
            return response
        attempt = request.meta.get("retry_times", 0) + 1
        retry = get_retry_request(
            request,
            spider=self.crawler.spider,  # type: ignore[arg-type]
            reason=f"{response.status}",
            max_retry_times=self.max_retry_times,
        )
        if retry is None:
            return response
        wait = wait_before_retry(response.headers.get(b"Retry-After"), attempt, self.base, self.cap)
        logger.info("HTTP %s on %s: retry %d in %.1fs", response.status, request.url, attempt, wait)
        await asyncio.sleep(wait)
        return retry

    async def process_exception(  # type: ignore[override]
        self, request: Request, exception: Exception, spider: Spider | None = None
    ) -> Request | None:
        """Retry network failures (timeouts, dropped connections) after a backoff."""
        if not isinstance(exception, self.exceptions_to_retry) or request.meta.get("dont_retry", False):
            return None
        attempt = request.meta.get("retry_times", 0) + 1
        retry = get_retry_request(
            request,
            spider=self.crawler.spider,  # type: ignore[arg-type]
            reason=type(exception).__name__,
            max_retry_times=self.max_retry_times,
        )
        if retry is not None:
            await asyncio.sleep(backoff_seconds(attempt, self.base, self.cap))
        return retry


class ProxyMiddleware:
    """Send requests through $REELSCOPE_PROXY when set (http_proxy/https_proxy work as in Scrapy)."""

    def __init__(self) -> None:
        self.proxy = os.environ.get(PROXY_ENV, "").strip() or None

    def process_request(self, request: Request, spider: Spider | None = None) -> None:
        """Refuse login pages; set the proxy unless the request has one."""
        if is_login_page(request.url):
            raise IgnoreRequest(f"refusing a login page: {request.url}")
        if self.proxy and "proxy" not in request.meta and not request.meta.get("playwright"):
            request.meta["proxy"] = self.proxy
