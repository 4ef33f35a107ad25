"""A retweet has no engagement of its own: null counters, the original's full text, the original as a post."""

from __future__ import annotations

from typing import Any
from unittest import mock

import orjson
import pytest

from plugins.platform import Page, ParseResult
from plugins.x import PLATFORM, parser

LONG = "Trains suspended until further notice because of the storm warning. " * 5


def _user(rest_id: str, handle: str, followers: int) -> dict[str, Any]:
    # The 2025+ user schema: screen name under `core`, followers under `relationship_counts`.
    return {
        "__typename": "User",
        "rest_id": rest_id,
        "core": {"screen_name": handle, "name": handle.title()},
        "relationship_counts": {"followers": followers},
    }


def _original() -> dict[str, Any]:
    return {
        "__typename": "Tweet",
        "rest_id": "900",
        "core": {"user_results": {"result": _user("11", "railway", 5000)}},
        "views": {"count": "21473", "state": "EnabledWithCount"},
        "note_tweet": {"note_tweet_results": {"result": {"text": LONG + "#storm", "entity_set": {}}}},
        "legacy": {
            "id_str": "900",
            "full_text": LONG[:120] + "…",
            "created_at": "Sun Oct 04 02:30:11 +0000 2026",
            "favorite_count": 49,
            "reply_count": 15,
            "retweet_count": 18,
            "bookmark_count": 2,
            "quote_count": 6,
            "lang": "en",
            "entities": {"hashtags": [{"text": "storm"}], "user_mentions": []},
            "extended_entities": {"media": [{"type": "photo"}]},
        },
    }


def _retweet() -> dict[str, Any]:
    return {
        "__typename": "Tweet",
        "rest_id": "901",
        "core": {"user_results": {"result": _user("22", "localnews", 300)}},
        "views": {"count": "43", "state": "EnabledWithCount"},
        "legacy": {
            "id_str": "901",
            "full_text": "RT @railway: " + LONG[:100] + "…",
            "created_at": "Sun Oct 04 06:47:59 +0000 2026",
            "favorite_count": 0,
            "reply_count": 0,
            "retweet_count": 18,
            "bookmark_count": 0,
            "quote_count": 0,
            "lang": "en",
            "entities": {"hashtags": [], "user_mentions": [{"screen_name": "railway"}]},
            "retweeted_status_result": {"result": _original()},
        },
    }


def _timeline() -> bytes:
    content = {"itemContent": {"tweet_results": {"result": _retweet()}}}
    entries = [{"entryId": "tweet-901", "content": content}]
    timeline = {"timeline": {"instructions": [{"type": "TimelineAddEntries", "entries": entries}]}}
    return orjson.dumps({"data": {"user": {"result": {"__typename": "User", "timeline": timeline}}}})


def _parse(body: bytes, orjson_path: bool) -> ParseResult:
    page = Page(url="https://x.com/localnews", body=body)
    if not orjson_path:
        return PLATFORM.parse(page)
    with mock.patch.object(parser, "decode_timeline", lambda _body: None):
        return PLATFORM.parse(page)


@pytest.mark.parametrize(
    "body", [_timeline(), orjson.dumps({"data": _retweet()})], ids=["timeline", "capture"]
)
@pytest.mark.parametrize("orjson_path", [False, True])
def test_retweet_keeps_no_counters_and_the_original_is_its_own_post(body: bytes, orjson_path: bool) -> None:
    result = _parse(body, orjson_path)
    retweet, original = result.posts
    assert (retweet.post_id, retweet.author, retweet.metadata["retweet_of"]) == ("901", "localnews", "900")
    counters = (retweet.views, retweet.likes, retweet.comments, retweet.shares, retweet.saves)
    assert counters == (None, None, None, None, None)
    assert "quotes" not in retweet.metadata
    assert retweet.text == LONG + "#storm"  # the original's full text, not the cut "RT @railway: …"
    assert (retweet.hashtags, retweet.media_type) == (["storm"], "image")
    assert (original.post_id, original.author, original.text) == ("900", "railway", LONG + "#storm")
    counters = (original.views, original.likes, original.comments, original.shares, original.saves)
    assert counters == (21473, 49, 15, 18, 2)
    assert original.metadata["quotes"] == 6 and "retweet_of" not in original.metadata
    assert result.missing == {}  # a retweet's null counters are by design, not missing from the page


def test_original_already_in_the_timeline_is_kept_once() -> None:
    first = {"entryId": "tweet-900", "content": {"itemContent": {"tweet_results": {"result": _original()}}}}
    second = {"entryId": "tweet-901", "content": {"itemContent": {"tweet_results": {"result": _retweet()}}}}
    timeline = {"timeline": {"instructions": [{"type": "TimelineAddEntries", "entries": [first, second]}]}}
    body = orjson.dumps({"data": {"user": {"result": {"timeline": timeline}}}})
    assert [post.post_id for post in _parse(body, False).posts] == ["900", "901"]
