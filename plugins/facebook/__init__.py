"""Facebook platform plugin: parsers for m.facebook.com / mbasic story pages, page post listings and
photo pages (HTML, gzip-encoded bodies included), and spider recipes."""

from collections.abc import Callable
from typing import Any

from plugins.facebook.parser import FORMATS, parse, sniff
from plugins.facebook.spider import BASE_URL, DOMAINS, RECIPES, URL_PATTERNS
from plugins.hookspecs import hookimpl
from plugins.platform import Platform

PLATFORM = Platform(
    name="facebook",
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
    """Register the Facebook platform."""
    register(PLATFORM)


@hookimpl
def plugin_info() -> dict[str, Any]:
    """Declare what the plugin provides."""
    return {
        "version": "1",
        "description": "Facebook page posts from mobile story, listing and photo pages: counters, labels",
        "signal_kinds": ["platform_label", "paid_partner"],
    }
