"""A spider loader that lists the plugin host's platforms: every registered Platform is a crawlable
spider (`scrapy crawl tiktok -a target=…`) without a line of Scrapy code in its plugin."""

from __future__ import annotations

import builtins
from typing import Any

from scrapy import Request
from scrapy.interfaces import ISpiderLoader
from zope.interface import implementer

from plugins.host import PluginHost
from reelscope.host import host
from spiders.base import PlatformSpider


def plugin_host() -> PluginHost:
    """The plugins of this crawl process, loaded once (the process-wide host whose detector the
    watchlist's brands go into)."""
    return host()


def spider_class(name: str) -> type[PlatformSpider]:
    """The spider class of a registered platform."""
    platform = plugin_host().platform(name)
    cls_name = "".join(part.capitalize() for part in name.replace("-", "_").split("_")) + "Spider"
    return type(
        cls_name,
        (PlatformSpider,),
        {
            "name": platform.name,
            "platform_name": platform.name,
            "__doc__": f"Crawl public {platform.name} pages.",
        },
    )


@implementer(ISpiderLoader)
class PlatformSpiderLoader:
    """Spiders generated from the registered platforms' recipes."""

    def __init__(self, settings: Any = None) -> None:
        self._classes: dict[str, type[PlatformSpider]] = {}

    @classmethod
    def from_settings(cls, settings: Any) -> PlatformSpiderLoader:
        """Scrapy's constructor hook."""
        return cls(settings)

    def load(self, spider_name: str) -> type[PlatformSpider]:
        """The spider class of a platform; KeyError for an unknown one."""
        if spider_name not in self._classes:
            if spider_name not in plugin_host().platforms:
                raise KeyError(f"Spider not found: {spider_name}")
            self._classes[spider_name] = spider_class(spider_name)
        return self._classes[spider_name]

    def list(self) -> list[str]:
        """Every platform name."""
        return sorted(plugin_host().platforms)

    def find_by_request(self, request: Request) -> builtins.list[str]:
        """The platforms whose URL patterns match a request."""
        found = plugin_host().platform_for_url(request.url)
        return [found[0].name] if found else []
