"""YouTube platform plugin: parsers for watch, Shorts, channel and search pages, InnerTube responses
(/next, /player, /reel, /browse, /search), Data API v3 lists and NDJSON captures, and spider recipes."""

from plugins.builtin import platform_plugin

PLATFORM, register_platforms, plugin_info = platform_plugin(
    __name__,
    name="youtube",
    description="YouTube videos, Shorts and channels: counters, paid-promotion labels, links",
    signal_kinds=["platform_label"],
    counters=("views", "likes", "comments"),
)
