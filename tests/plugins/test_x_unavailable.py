"""X's answers about a suspended user or a deleted tweet are recognised as X: no posts and a warning."""

from __future__ import annotations

import orjson
import pytest

from plugins.platform import Page
from plugins.x import PLATFORM


def _page(data: object) -> Page:
    return Page(url="https://x.com/i/api/graphql/Q/TweetResultByRestId", body=orjson.dumps(data))


@pytest.mark.parametrize(
    ("result", "said"),
    [
        ({"__typename": "UserUnavailable"}, "user unavailable"),
        ({"__typename": "TweetUnavailable", "reason": "Protected"}, "tweet unavailable (Protected)"),
        (
            {"__typename": "TweetTombstone", "tombstone": {"text": {"text": "This Post was deleted"}}},
            "tweet unavailable (tombstone: This Post was deleted)",
        ),
    ],
)
def test_unavailable_user_or_tweet_gives_no_posts_and_says_why(result: dict[str, object], said: str) -> None:
    key = "user" if result["__typename"] == "UserUnavailable" else "tweetResult"
    page = _page({"data": {key: {"result": result}}})
    assert PLATFORM.sniff(page)
    parsed = PLATFORM.parse(page)
    assert parsed.posts == [] and parsed.format == "unavailable"
    assert parsed.warnings == [f"X says {said}: no posts"]


def test_another_platforms_typename_is_not_taken_for_x() -> None:
    assert not PLATFORM.sniff(_page({"data": {"node": {"__typename": "UserUnavailable"}}}))


@pytest.mark.parametrize("typename", [[], ["TweetTombstone"], {"kind": 1}])
def test_a_typename_that_is_not_a_string_is_read_as_no_typename(typename: object) -> None:
    # Found by the mutation test: `in` a frozenset or a dict raised TypeError on a list.
    from plugins.platform import ParseError

    with pytest.raises(ParseError):
        PLATFORM.parse(_page({"data": {"user": {"result": {"__typename": typename, "rest_id": "1"}}}}))
    found = PLATFORM.parse(
        _page({"data": {"tweetResult": {"result": {"__typename": typename, "rest_id": "1"}}}})
    )
    assert [p.post_id for p in found.posts] == ["1"]
    entry = {"tweet_results": {"result": {"__typename": typename, "rest_id": "1", "legacy": {}}}}
    instructions = [
        {"type": "TimelineAddEntries", "entries": [{"entryId": "tweet-1", "content": {"itemContent": entry}}]}
    ]
    detail = {"data": {"threaded_conversation_with_injections_v2": {"instructions": instructions}}}
    page = Page(url="https://x.com/i/api/graphql/Q/TweetDetail", body=orjson.dumps(detail))
    assert [p.post_id for p in PLATFORM.parse(page).posts] == ["1"]
