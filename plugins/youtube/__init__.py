"""YouTube platform plugin: parsers for watch, Shorts, channel and search pages, InnerTube responses
(/next, /player, /reel, /browse, /search), Data API v3 lists and NDJSON captures, and spider recipes."""

from collections.abc import Callable
from typing import Any

from plugins.hookspecs import hookimpl
from plugins.platform import Platform
from plugins.youtube.parser import FORMATS, parse, sniff
from plugins.youtube.spider import BASE_URL, DOMAINS, RECIPES, URL_PATTERNS

PLATFORM = Platform(
    name="youtube",
    domains=DOMAINS,
    url_patterns=URL_PATTERNS,
    parse=parse,
    sniff=sniff,
    base_url=BASE_URL,
    recipes=RECIPES,
    formats=FORMATS,
    version="1",
    counters=("views", "likes", "comments"),
)


@hookimpl
def register_platforms(register: Callable[[Platform], None]) -> None:
    """Register the YouTube platform."""
    register(PLATFORM)


@hookimpl
def plugin_info() -> dict[str, Any]:
    """Declare what the plugin provides."""
    return {
        "version": "1",
        "description": "YouTube videos, Shorts and channels: counters, paid-promotion labels, links",
        "signal_kinds": ["platform_label"],
    }
