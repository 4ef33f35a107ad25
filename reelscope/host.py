"""The process-wide plugin host, loaded once on first use."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from plugins.host import PluginHost
from reelscope.errors import UserError

if TYPE_CHECKING:
    from reelscope.config import Watchlist


@cache
def host() -> PluginHost:
    """The loaded plugins of this process (built-ins, entry points, REELSCOPE_PLUGINS allow-list)."""
    return PluginHost.load()


def use_watchlist_brands(config: Path | None) -> int:
    """Load the watchlist's brands (given path or $REELSCOPE_CONFIG) into the detector; return how many."""
    from reelscope.config import load_watchlist

    return use_brands(load_watchlist(config, platforms=set(host().platforms)))


def use_brands(watchlist: Watchlist) -> int:
    """Load a loaded watchlist's brands into the detector (crawls: the spider's); return how many."""
    if not watchlist.brands:
        return 0
    if not any(p.name == "sponsorship" for p in host().registry.loaded):
        raise UserError("brands need the sponsorship plugin, which is not loaded")
    from plugins.sponsorship import load_brands

    try:
        load_brands([brand.to_dict() for brand in watchlist.brands])
    except ValueError as exc:
        raise UserError(f"{watchlist.path}: {exc}") from None
    return len(watchlist.brands)
