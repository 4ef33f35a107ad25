"""Scrapy's robots.txt middleware, with every request that arrives while a host's robots.txt is being
fetched checked against it. Scrapy 2.19 parks those requests on one shared Deferred, whose result only
its first waiter receives (maybe_deferred_to_future leaves None behind, and None allows everything):
a worker starting many crawl tasks at once sent forbidden pages."""

from __future__ import annotations

from typing import Any

from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware as ScrapyRobotsTxtMiddleware
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet.defer import Deferred


class RobotsTxtMiddleware(ScrapyRobotsTxtMiddleware):
    """robots.txt for every request, also those waiting for the host's robots.txt to arrive."""

    async def robot_parser(self, request: Any) -> Any:
        """The host's parser (None: robots.txt unavailable, everything allowed); waits for it if needed."""
        pending = self._parsers.get(urlparse_cached(request).netloc)
        if not isinstance(pending, Deferred):
            return await super().robot_parser(request)
        mine: Deferred[Any] = Deferred()

        def relay(result: Any) -> Any:
            mine.callback(result)
            return result  # passed on to the next waiter

        pending.addBoth(relay)
        return await maybe_deferred_to_future(mine)
