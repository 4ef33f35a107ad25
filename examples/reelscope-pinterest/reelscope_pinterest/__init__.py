"""Pinterest platform plugin for reelscope: pin pages (`__PWS_DATA__`) and recipes."""

from collections.abc import Callable
from typing import Any

from plugins.hookspecs import hookimpl
from plugins.platform import Platform
from reelscope_pinterest.parser import FORMATS, parse, sniff
from reelscope_pinterest.spider import BASE_URL, DOMAINS, RECIPES, URL_PATTERNS

PLATFORM = Platform(
    name="pinterest",
    domains=DOMAINS,
    url_patterns=URL_PATTERNS,
    parse=parse,
    sniff=sniff,
    base_url=BASE_URL,
    recipes=RECIPES,
    formats=FORMATS,
    version="2",
)


@hookimpl
def register_platforms(register: Callable[[Platform], None]) -> None:
    """Register the Pinterest platform."""
    register(PLATFORM)


@hookimpl
def plugin_info() -> dict[str, Any]:
    """Declare what this plugin provides."""
    return {"version": "0.2.0", "description": "Pinterest pins", "signal_kinds": ["promoted"]}
