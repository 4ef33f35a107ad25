"""TikTok platform plugin: parsers for video/profile pages (universal data and SIGI_STATE), web API
item lists and search results, NDJSON browser captures, and spider recipes."""

from collections.abc import Callable
from typing import Any

from plugins.hookspecs import hookimpl
from plugins.platform import Platform
from plugins.tiktok.parser import FORMATS, parse, sniff
from plugins.tiktok.spider import BASE_URL, DOMAINS, RECIPES, URL_PATTERNS

PLATFORM = Platform(
    name="tiktok",
    domains=DOMAINS,
    url_patterns=URL_PATTERNS,
    parse=parse,
    sniff=sniff,
    base_url=BASE_URL,
    recipes=RECIPES,
    formats=FORMATS,
    version="1",
)


@hookimpl
def register_platforms(register: Callable[[Platform], None]) -> None:
    """Register the TikTok platform."""
    register(PLATFORM)


@hookimpl
def plugin_info() -> dict[str, Any]:
    """Declare what the plugin provides."""
    return {
        "version": "1",
        "description": "TikTok videos, photo posts and profiles: counters and sponsorship labels",
        "signal_kinds": ["platform_label", "promoted", "paid_partner", "spark_ads"],
    }
