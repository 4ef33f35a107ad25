"""TikTok platform plugin: parsers for video/profile pages (universal data and SIGI_STATE), web API
item lists and search results, NDJSON browser captures, and spider recipes."""

from plugins.builtin import platform_plugin

PLATFORM, register_platforms, plugin_info = platform_plugin(
    __name__,
    name="tiktok",
    description="TikTok videos, photo posts and profiles: counters and sponsorship labels",
    signal_kinds=["platform_label", "promoted", "paid_partner", "spark_ads"],
)
