"""Reddit platform plugin: parsers for listing JSON (front page, subreddits, users, search) and post
pages, and spider recipes over the `.json` listings."""

from plugins.builtin import platform_plugin

PLATFORM, register_platforms, plugin_info = platform_plugin(
    __name__,
    name="reddit",
    description="Reddit links from listings and post pages: votes, comments, promoted posts",
    signal_kinds=["promoted"],
)
