"""Instagram platform plugin: parsers for v1 media (browser captures, feed, Reels, explore grids,
media info), web_profile_info and GraphQL responses, legacy and current post pages, and spider recipes."""

from collections.abc import Callable
from typing import Any

from plugins.hookspecs import hookimpl
from plugins.instagram.parser import FORMATS, parse, sniff
from plugins.instagram.spider import BASE_URL, DOMAINS, RECIPES, URL_PATTERNS
from plugins.platform import Platform

PLATFORM = Platform(
    name="instagram",
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
    """Register the Instagram platform."""
    register(PLATFORM)


@hookimpl
def plugin_info() -> dict[str, Any]:
    """Declare what the plugin provides."""
    return {
        "version": "1",
        "description": "Instagram posts, Reels and profiles: counters, hidden likes, paid-partnership labels",
        "signal_kinds": ["platform_label", "paid_partner", "promoted"],
    }
