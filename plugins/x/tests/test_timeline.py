"""GraphQL instructions: entry kinds, modules, cursors, duplicates, unavailable tweets, formats."""

from __future__ import annotations

from typing import Any

import orjson
import pytest

from plugins.platform import Page, ParseError, ParseResult
from plugins.x import PLATFORM
from plugins.x.timeline import find_instructions, read_instructions


def _result(rest_id: str) -> dict[str, Any]:
    return {
        "__typename": "Tweet",
        "rest_id": rest_id,
        "core": {"user_results": {"result": {"legacy": {"screen_name": "a"}}}},
        "legacy": {"full_text": "t", "favorite_count": 1},
    }


def _item(rest_id: str, **extra: Any) -> dict[str, Any]:
    return {"itemType": "TimelineTweet", "tweet_results": {"result": _result(rest_id)}, **extra}


def _read(instructions: list[Any]) -> ParseResult:
    result = ParseResult()
    read_instructions(instructions, result)
    return result


def test_module_items_and_add_to_module_are_read() -> None:
    result = _read(
        [
            {
                "type": "TimelineAddEntries",
                "entries": [{"content": {"items": [{"item": {"itemContent": _item("1")}}]}}],
            },
            {
                "type": "TimelineAddToModule",
                "moduleItems": [{"entryId": "m", "item": {"itemContent": _item("2")}}],
            },
        ]
    )
    assert [p.post_id for p in result.posts] == ["1", "2"]


def test_duplicate_entries_give_one_post() -> None:
    entry = {"content": {"itemContent": _item("1")}}
    result = _read(
        [
            {"type": "TimelineAddEntries", "entries": [entry, entry]},
            {"type": "TimelinePinEntry", "entry": entry},
        ]
    )
    assert [p.post_id for p in result.posts] == ["1"]


def test_bottom_cursor_in_either_layout() -> None:
    flat = {"content": {"cursorType": "Bottom", "value": "B1"}}
    nested = {
        "content": {
            "itemContent": {"itemType": "TimelineTimelineCursor", "cursorType": "Bottom", "value": "B2"}
        }
    }
    top = {"content": {"cursorType": "Top", "value": "T"}}
    assert _read([{"entries": [{"content": {"itemContent": _item("1")}}, top, flat]}]).next_cursor == "B1"
    assert _read([{"entries": [nested]}]).next_cursor == "B2"


def test_a_page_of_cursors_only_has_no_more() -> None:
    result = _read([{"entries": [{"content": {"cursorType": "Bottom", "value": "B"}}]}])
    assert result.next_cursor == "B" and result.has_more is False


def test_unavailable_tweets_warn_with_the_entry_id() -> None:
    result = _read(
        [
            {
                "entries": [
                    {
                        "entryId": "tweet-9",
                        "content": {
                            "itemContent": {"tweet_results": {"result": {"__typename": "TweetUnavailable"}}}
                        },
                    }
                ]
            }
        ]
    )
    assert result.posts == [] and result.warnings == ["tweet-9: TweetUnavailable skipped"]


@pytest.mark.parametrize(
    "junk", [None, "x", 5, [], {"entries": "x"}, {"entries": [None, {"content": "x"}]}, {"entry": []}]
)
def test_damaged_instructions_are_ignored(junk: Any) -> None:
    assert _read([junk]).posts == []


def test_non_tweet_items_are_ignored() -> None:
    who_to_follow = {
        "content": {"items": [{"item": {"itemContent": {"itemType": "TimelineUser", "user_results": {}}}}]}
    }
    assert _read([{"entries": [who_to_follow]}]).posts == []


@pytest.mark.parametrize(
    ("data", "name"),
    [
        ({"data": {"threaded_conversation_with_injections_v2": {"instructions": []}}}, "tweet_detail"),
        (
            {"data": {"search_by_raw_query": {"search_timeline": {"timeline": {"instructions": []}}}}},
            "search_timeline",
        ),
        ({"data": {"user": {"result": {"timeline_v2": {"timeline": {"instructions": []}}}}}}, "user_tweets"),
        ({"data": {"user": {"result": {"timeline": {"timeline": {"instructions": []}}}}}}, "user_tweets"),
        ({"data": {"home": {"home_timeline_urt": {"instructions": []}}}}, "home_timeline"),
    ],
)
def test_each_operation_is_found(data: dict[str, Any], name: str) -> None:
    found = find_instructions(data)
    assert found is not None and found[0] == name


def test_home_timeline_response_parses() -> None:
    body = {
        "data": {
            "home": {
                "home_timeline_urt": {
                    "instructions": [
                        {"type": "TimelineAddEntries", "entries": [{"content": {"itemContent": _item("5")}}]}
                    ]
                }
            }
        }
    }
    result = PLATFORM.parse(Page(url="https://x.com/home", body=orjson.dumps(body)))
    assert result.format == "home_timeline" and [p.post_id for p in result.posts] == ["5"]


def test_single_tweet_result_parses() -> None:
    body = {"data": {"tweetResult": {"result": _result("77")}}}
    result = PLATFORM.parse(Page(url="https://x.com/i/status/77", body=orjson.dumps(body)))
    assert result.format == "tweet_result" and [p.post_id for p in result.posts] == ["77"]


@pytest.mark.parametrize(
    "body", [b"[1, 2]", b'{"data": {"user": {}}}', b"<html></html>", b"", b'{"errors": [{"message": "x"}]}']
)
def test_other_bodies_raise_parse_error(body: bytes) -> None:
    with pytest.raises(ParseError):
        PLATFORM.parse(Page(url="https://x.com/", body=body))


def test_ndjson_with_no_tweet_raises_parse_error_and_bad_lines_warn() -> None:
    with pytest.raises(ParseError):
        PLATFORM.parse(Page(url="", body=b'{"data": {"id": "1"}}\n{"data": 5}\n'))
    good = orjson.dumps({"source_platform": "twitter.com", "data": _result("3")})
    result = PLATFORM.parse(Page(url="", body=good + b"\nnot json\n" + good + b"\n"))
    assert [p.post_id for p in result.posts] == ["3"] and result.warnings == ["line 2: not JSON, skipped"]
