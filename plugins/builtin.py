"""The hooks every built-in platform plugin shares, built from its `parser` and `spider` modules."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from typing import Any

from plugins.hookspecs import hookimpl
from plugins.platform import Platform
from plugins.post import COUNTERS


def platform_plugin(
    package: str,
    *,
    name: str,
    description: str,
    signal_kinds: Sequence[str],
    counters: tuple[str, ...] = COUNTERS,
    version: str = "1",
) -> tuple[Platform, Callable[..., None], Callable[[], dict[str, Any]]]:
    """The Platform of `package` (its parser's FORMATS/parse/sniff, its spider's DOMAINS/BASE_URL/
    URL_PATTERNS/RECIPES) and its two hook implementations, to bind as module attributes."""
    parser = importlib.import_module(f"{package}.parser")
    spider = importlib.import_module(f"{package}.spider")
    platform = Platform(
        name=name,
        domains=spider.DOMAINS,
        url_patterns=spider.URL_PATTERNS,
        parse=parser.parse,
        sniff=parser.sniff,
        base_url=spider.BASE_URL,
        recipes=spider.RECIPES,
        formats=parser.FORMATS,
        counters=counters,
        version=version,
    )
    info = {"version": version, "description": description, "signal_kinds": list(signal_kinds)}

    @hookimpl
    def register_platforms(register: Callable[[Platform], None]) -> None:
        """Register the platform."""
        register(platform)

    @hookimpl
    def plugin_info() -> dict[str, Any]:
        """Declare what the plugin provides."""
        return dict(info)

    return platform, register_platforms, plugin_info
