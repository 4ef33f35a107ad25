"""X-shaped bodies: GraphQL UserTweets, SearchTimeline and TweetDetail responses with Bottom cursors."""

from __future__ import annotations

from typing import Any

import orjson

from sandbox.model import Account, Post


def _user(account: Account) -> dict[str, Any]:
    return {
        "__typename": "User",
        "rest_id": account.account_id,
        "is_blue_verified": False,
        "legacy": {"name": account.name, "screen_name": account.handle, "followers_count": account.followers},
    }


def tweet(post: Post) -> dict[str, Any]:
    """A tweet result with its legacy counters and views."""
    c = post.counters
    hashtags, offset = [], 0
    for tag in post.tags:
        at = post.text.find("#" + tag, offset)
        if at >= 0:
            hashtags.append({"indices": [at, at + len(tag) + 1], "text": tag})
            offset = at + 1
    return {
        "__typename": "Tweet",
        "rest_id": post.post_id,
        "core": {"user_results": {"result": _user(post.account)}},
        "views": {"count": str(c["views"]), "state": "EnabledWithCount"},
        "legacy": {
            "bookmark_count": c["saves"],
            "created_at": post.published.strftime("%a %b %d %H:%M:%S +0000 %Y"),
            "conversation_id_str": post.post_id,
            "entities": {"hashtags": hashtags, "symbols": [], "urls": [], "user_mentions": []},
            "favorite_count": c["likes"],
            "full_text": post.text,
            "id_str": post.post_id,
            "is_quote_status": False,
            "lang": post.language,
            "quote_count": 0,
            "reply_count": c["comments"],
            "retweet_count": c["shares"],
            "user_id_str": post.account.account_id,
        },
    }


def _entry(post: Post) -> dict[str, Any]:
    return {
        "entryId": f"tweet-{post.post_id}",
        "sortIndex": post.post_id,
        "content": {
            "__typename": "TimelineTimelineItem",
            "entryType": "TimelineTimelineItem",
            "itemContent": {
                "__typename": "TimelineTweet",
                "itemType": "TimelineTweet",
                "tweetDisplayType": "Tweet",
                "tweet_results": {"result": tweet(post)},
            },
        },
    }


def _instructions(posts: list[Post], cursor: str | None) -> list[dict[str, Any]]:
    entries = [_entry(p) for p in posts]
    if cursor is not None:
        entries.append(
            {
                "entryId": f"cursor-bottom-{cursor}",
                "sortIndex": "0",
                "content": {
                    "__typename": "TimelineTimelineCursor",
                    "entryType": "TimelineTimelineCursor",
                    "cursorType": "Bottom",
                    "value": cursor,
                },
            }
        )
    return [{"type": "TimelineAddEntries", "entries": entries}]


def user_tweets(posts: list[Post], cursor: str | None) -> bytes:
    """A UserTweets response."""
    timeline = {"timeline": {"instructions": _instructions(posts, cursor)}}
    return orjson.dumps({"data": {"user": {"result": {"__typename": "User", "timeline_v2": timeline}}}})


def search_timeline(posts: list[Post], cursor: str | None) -> bytes:
    """A SearchTimeline response."""
    timeline = {"timeline": {"instructions": _instructions(posts, cursor)}}
    return orjson.dumps({"data": {"search_by_raw_query": {"search_timeline": timeline}}})


def tweet_detail(post: Post) -> bytes:
    """A TweetDetail response for one tweet."""
    instructions = _instructions([post], None)
    return orjson.dumps(
        {"data": {"threaded_conversation_with_injections_v2": {"instructions": instructions}}}
    )
