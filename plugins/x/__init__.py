"""X platform plugin: parsers for GraphQL timelines (TweetDetail, SearchTimeline, UserTweets,
HomeTimeline) and NDJSON browser captures, and spider recipes."""

from collections.abc import Callable
from typing import Any

from plugins.hookspecs import hookimpl
from plugins.platform import Platform
from plugins.x.parser import FORMATS, parse, sniff
from plugins.x.spider import BASE_URL, DOMAINS, RECIPES, URL_PATTERNS

PLATFORM = Platform(
    name="x",
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
    """Register the X platform."""
    register(PLATFORM)


@hookimpl
def plugin_info() -> dict[str, Any]:
    """Declare what the plugin provides."""
    return {
        "version": "1",
        "description": "X (Twitter) posts from GraphQL timelines and captures: counters and promoted tweets",
        "signal_kinds": ["promoted"],
    }
