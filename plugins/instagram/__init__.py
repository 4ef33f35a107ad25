"""Instagram platform plugin: parsers for v1 media (browser captures, feed, Reels, explore grids,
media info), web_profile_info and GraphQL responses, legacy and current post pages, and spider recipes."""

from plugins.builtin import platform_plugin

PLATFORM, register_platforms, plugin_info = platform_plugin(
    __name__,
    name="instagram",
    description="Instagram posts, Reels and profiles: counters, hidden likes, paid-partnership labels",
    signal_kinds=["platform_label", "paid_partner", "promoted"],
)
