"""The msgspec decode of GraphQL timelines gives exactly the orjson path's posts, or hands the body back."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any
from unittest import mock

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plugins.platform import Page, ParseError
from plugins.testing import KeyRecorder, real_pages, recording
from plugins.x import parser, schema
from plugins.x.schema import decode_timeline

FIXTURES = Path(__file__).parents[1] / "fixtures"
TIMELINES = [FIXTURES / name / "input.json" for name in ("tweet_detail", "search_timeline", "user_tweets")]
REAL = [p.path for p in real_pages() if p.platform == "x" and p.path.suffix == ".json"]


def _outcome(body: bytes) -> Any:
    """Everything a parse gives, as plain data: posts, counts, warnings, cursor; or the ParseError."""
    try:
        result = parser.parse(Page(url="https://x.com/i/api/graphql/x/TweetDetail", body=body))
    except ParseError as exc:
        return ("ParseError", str(exc))
    posts = [post.to_dict() for post in result.posts]
    missing = list(result.missing.items())
    return (posts, missing, result.warnings, result.next_cursor, result.has_more, result.format)


def _orjson_outcome(body: bytes) -> Any:
    with mock.patch.object(parser, "decode_timeline", lambda _body: None):
        return _outcome(body)


def _tweet(rest_id: str, **extra: Any) -> dict[str, Any]:
    user = {
        "rest_id": "77",
        "core": {"screen_name": "core_name"},
        "legacy": {"screen_name": "legacy_name", "followers_count": 12, "profile": "skipped"},
        "relationship_counts": {"followers": "13"},
    }
    legacy = {
        "id_str": rest_id,
        "full_text": "Hi #Tag @Someone https://t.co/x &amp; more",
        "created_at": "Wed Oct 10 20:19:24 +0000 2018",
        "lang": "en",
        "user_id_str": "77",
        "favorite_count": 5,
        "reply_count": "6",
        "retweet_count": 7,
        "bookmark_count": 8,
        "quote_count": 9,
        "entities": {
            "hashtags": [{"text": "Tag"}],
            "user_mentions": [{"screen_name": "Someone"}],
            "urls": [{"expanded_url": "https://shop.example/a"}],
            "media": [{"type": "photo"}],
        },
        "extended_entities": {"media": [{"type": "video"}, {"type": "photo"}]},
        "scopes": {"followers": False},
        "skipped": [1, 2, {"x": "y"}],
    }
    tweet = {
        "__typename": "Tweet",
        "rest_id": rest_id,
        "core": {"user_results": {"result": user}},
        "legacy": legacy,
        "views": {"count": "1000", "state": "EnabledWithCount"},
        "edit_control": {"skipped": True},
    }
    tweet.update(extra)
    return tweet


def _synthetic() -> dict[str, Any]:
    """A TweetDetail that uses every key the parser reads, in each of its layouts."""
    note = {"note_tweet_results": {"result": {"text": "Long #Note @Other", "entity_set": {"hashtags": []}}}}
    quoted = {"result": {"__typename": "TweetWithVisibilityResults", "tweet": _tweet("3")}}
    retweeted = {"result": _tweet("4")}
    first = _tweet("1", note_tweet=note, quoted_status_result=quoted)
    first["legacy"]["retweeted_status_result"] = retweeted
    first["legacy"]["quoted_status_id_str"] = "3"
    advertiser = {"advertiser_results": {"result": {"legacy": {"screen_name": "Brand"}}}}
    entries = [
        {"entryId": "tweet-1", "content": {"itemContent": {"tweet_results": {"result": first}}}},
        {
            "entryId": "tweet-2",
            "content": {
                "itemContent": {"tweet_results": {"result": _tweet("2")}, "promotedMetadata": advertiser}
            },
        },
        {
            "entryId": "tomb",
            "content": {"itemContent": {"tweet_results": {"result": {"__typename": "TweetTombstone"}}}},
        },
        {
            "entryId": "module",
            "content": {
                "items": [
                    {"entryId": "m-5", "item": {"itemContent": {"tweet_results": {"result": _tweet("5")}}}},
                    {"entryId": "m-6", "item": {"itemContent": {"promotedMetadata": {"impressionId": "x"}}}},
                ]
            },
        },
        {"entryId": "cursor-top", "content": {"cursorType": "Top", "value": "TOP"}},
        {"entryId": "cursor-bottom", "content": {"itemContent": {"cursorType": "Bottom", "value": "NEXT"}}},
    ]
    module = {"entryId": "m-7", "item": {"itemContent": {"tweet_results": {"result": _tweet("7")}}}}
    instructions = [
        {"type": "TimelineClearCache"},
        {"type": "TimelineAddEntries", "entries": entries},
        {"type": "TimelinePinEntry", "entry": {"entryId": "pin", "content": {"itemContent": {}}}},
        {"type": "TimelineAddToModule", "moduleItems": [module]},
    ]
    return {"data": {"threaded_conversation_with_injections_v2": {"instructions": instructions}}}


def _encode(data: Any) -> bytes:
    # json, not orjson: orjson cannot write integers past 64 bits.
    return json.dumps(data).encode()


SMALL = [_synthetic(), *(orjson.loads(path.read_bytes()) for path in TIMELINES)]
BASES = SMALL + [orjson.loads(path.read_bytes()) for path in REAL]


@pytest.mark.parametrize(
    "data", BASES, ids=["synthetic", *(p.parent.name for p in TIMELINES), *(p.name for p in REAL)]
)
def test_timelines_take_the_msgspec_path_and_give_the_orjson_posts(data: Any) -> None:
    body = _encode(data)
    assert decode_timeline(body) is not None
    assert _outcome(body) == _orjson_outcome(body)


def test_the_synthetic_timeline_reaches_every_branch() -> None:
    posts, _, warnings, cursor, _, _ = _outcome(_encode(_synthetic()))
    assert [p["post_id"] for p in posts] == ["1", "4", "2", "5", "7"]  # "4": the tweet "1" retweets
    assert posts[0]["metadata"]["quoted_id"] == "3" and posts[0]["metadata"]["retweet_of"] == "4"
    assert posts[2]["signals"][0]["evidence"] == "Brand"
    assert any("TweetTombstone" in w for w in warnings) and cursor == "NEXT"


def _first_legacy(data: dict[str, Any]) -> dict[str, Any]:
    entries = data["data"]["threaded_conversation_with_injections_v2"]["instructions"][1]["entries"]
    legacy: dict[str, Any] = entries[0]["content"]["itemContent"]["tweet_results"]["result"]["legacy"]
    return legacy


def test_integer_past_64_bits_in_a_skipped_key_keeps_the_msgspec_path() -> None:
    data = _synthetic()
    _first_legacy(data)["skipped"] = 2**70
    body = _encode(data)
    assert decode_timeline(body) is not None
    assert _outcome(body) == _orjson_outcome(body)


@pytest.mark.parametrize("value", [2**64, 2**63, -(2**63) - 1, 2**70])
def test_integer_past_int64_in_a_read_key_falls_back_to_orjson(value: int) -> None:
    data = _synthetic()
    _first_legacy(data)["favorite_count"] = value
    body = _encode(data)
    assert decode_timeline(body) is None
    assert _outcome(body) == _orjson_outcome(body)


@pytest.mark.parametrize("bad", [b"\xff", b"\xed\xa0\x80", b"\xc0\x80"])
@pytest.mark.parametrize("key", ["skipped", "full_text"])
def test_invalid_utf8_in_a_string_falls_back_to_orjson(bad: bytes, key: str) -> None:
    data = _synthetic()
    _first_legacy(data)[key] = "MARK"
    body = _encode(data).replace(b"MARK", b"a" + bad + b"b")
    assert decode_timeline(body) is None
    assert _outcome(body) == _orjson_outcome(body)


def test_not_a_timeline_falls_back_to_orjson() -> None:
    single = {"data": {"tweetResult": {"result": _tweet("9")}}}
    body = _encode(single)
    assert decode_timeline(body) is None
    assert _outcome(body) == _orjson_outcome(body)


def _schema_keys() -> list[str]:
    keys = set()
    for value in vars(schema).values():
        annotations = getattr(value, "__annotations__", None)
        if isinstance(value, type) and annotations and issubclass(value, dict):
            keys.update(annotations)
    return sorted(keys)


_KEYS = _schema_keys()
_EDGES = [0, -1, 2**63 - 1, 2**63, 2**64, -(2**63) - 1, 2**70]
_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.sampled_from(_EDGES),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=20),
    st.sampled_from(["", "123", " 45 ", "Tweet", "TweetTombstone", "TweetWithVisibilityResults", "Bottom"]),
)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(_KEYS), inner, max_size=3),
    max_leaves=6,
)


def _dicts(value: Any, out: list[dict[str, Any]]) -> list[dict[str, Any]]:
    if isinstance(value, dict):
        out.append(value)
        for inner in value.values():
            _dicts(inner, out)
    elif isinstance(value, list):
        for inner in value:
            _dicts(inner, out)
    return out


def _plausible(current: Any, data: st.DataObject) -> Any:
    """Mostly a value of the type already there (so the msgspec path runs), sometimes any value."""
    if data.draw(st.integers(0, 3)) == 0 or current is None:
        return data.draw(_VALUES)
    if isinstance(current, bool):
        return data.draw(st.booleans() | st.none())
    if isinstance(current, int):
        return data.draw(st.integers(-5, 2**40) | st.sampled_from(_EDGES) | st.none())
    if isinstance(current, str):
        return data.draw(st.text(max_size=20) | st.from_regex(r"\A[0-9]{1,20}\Z") | st.none())
    if isinstance(current, list):
        return data.draw(st.sampled_from([[], current[:1], current + current]))
    return data.draw(st.sampled_from([{}, current]))


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck), database=None)
@given(st.data())
def test_changed_keys_give_the_same_posts_on_both_paths(data: st.DataObject) -> None:
    document = copy.deepcopy(SMALL[data.draw(st.integers(0, len(SMALL) - 1))])
    nodes = _dicts(document, [])
    for _ in range(data.draw(st.integers(1, 4))):
        node = data.draw(st.sampled_from(nodes))
        key = data.draw(st.sampled_from(sorted(node) or _KEYS) | st.sampled_from(_KEYS))
        if data.draw(st.booleans()):
            node.pop(key, None)
        else:
            node[key] = _plausible(node.get(key), data)
    body = json.dumps(document, ensure_ascii=data.draw(st.booleans())).encode()
    assert _outcome(body) == _orjson_outcome(body)


def test_the_schema_holds_every_key_the_parser_reads() -> None:
    KeyRecorder.asked.clear()
    for base in BASES:
        parser.parse_json(recording(base))
    # promotedMetadata is decoded whole: what the parser reads inside it needs no key of its own.
    inside_promoted = {"advertiser_results"}
    assert KeyRecorder.asked - inside_promoted <= set(_KEYS)
