"""X platform plugin: parsers for GraphQL timelines (TweetDetail, SearchTimeline, UserTweets,
HomeTimeline) and NDJSON browser captures, and spider recipes."""

from plugins.builtin import platform_plugin

PLATFORM, register_platforms, plugin_info = platform_plugin(
    __name__,
    name="x",
    description="X (Twitter) posts from GraphQL timelines and captures: counters and promoted tweets",
    signal_kinds=["promoted"],
)
