"""Reddit platform plugin: parsers for listing JSON (front page, subreddits, users, search) and post
pages, and spider recipes over the `.json` listings."""

from collections.abc import Callable
from typing import Any

from plugins.hookspecs import hookimpl
from plugins.platform import Platform
from plugins.reddit.parser import FORMATS, parse, sniff
from plugins.reddit.spider import BASE_URL, DOMAINS, RECIPES, URL_PATTERNS

PLATFORM = Platform(
    name="reddit",
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
    """Register the Reddit platform."""
    register(PLATFORM)


@hookimpl
def plugin_info() -> dict[str, Any]:
    """Declare what the plugin provides."""
    return {
        "version": "1",
        "description": "Reddit links from listings and post pages: votes, comments, promoted posts",
        "signal_kinds": ["promoted"],
    }
