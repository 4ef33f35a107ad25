"""The process-wide plugin host, loaded once on first use."""

from __future__ import annotations

from functools import cache

from plugins.host import PluginHost


@cache
def host() -> PluginHost:
    """The loaded plugins of this process (built-ins, entry points, REELSCOPE_PLUGINS allow-list)."""
    return PluginHost.load()
