"""The msgspec decode of listings gives exactly the posts of the orjson path, or hands the body back to it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from unittest import mock

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plugins.platform import Page, ParseError
from plugins.reddit import parser
from plugins.reddit.link import link_to_post
from plugins.reddit.schema import _Link, _Media, _RedditVideo, decode_listing
from plugins.testing import KeyRecorder, real_pages, recording

LISTING = Path(__file__).parents[1] / "fixtures" / "listing" / "input.json"
REAL = [p for p in real_pages() if p.platform == "reddit"]


def _outcome(body: bytes) -> Any:
    """Everything a parse gives, as plain data: posts, counts, warnings, cursor; or the ParseError."""
    try:
        result = parser.parse(Page(url="https://www.reddit.com/.json", body=body))
    except ParseError as exc:
        return ("ParseError", str(exc))
    posts = [post.to_dict() for post in result.posts]
    return (posts, dict(result.missing), result.warnings, result.next_cursor, result.has_more, result.format)


def _orjson_outcome(body: bytes) -> Any:
    with mock.patch.object(parser, "decode_listing", lambda _body: None):
        return _outcome(body)


def _listing() -> dict[str, Any]:
    data = orjson.loads(LISTING.read_bytes())
    assert isinstance(data, dict)
    return data


def _encode(listing: Any) -> bytes:
    # json, not orjson: orjson cannot write integers past 64 bits.
    return json.dumps(listing).encode()


@pytest.mark.parametrize("body", [LISTING.read_bytes(), *[p.path.read_bytes() for p in REAL]], ids=str)
def test_listings_take_the_msgspec_path_and_give_the_orjson_posts(body: bytes) -> None:
    assert decode_listing(body) is not None
    assert _outcome(body) == _orjson_outcome(body)


def test_integer_past_64_bits_in_a_skipped_key_keeps_the_msgspec_path() -> None:
    listing = _listing()
    listing["data"]["children"][0]["data"]["gilded"] = 2**70
    body = _encode(listing)
    assert decode_listing(body) is not None
    assert _outcome(body) == _orjson_outcome(body)


@pytest.mark.parametrize("value", [2**64, 2**63, -(2**63) - 1, 2**70])
def test_integer_past_int64_in_a_read_key_falls_back_to_orjson(value: int) -> None:
    listing = _listing()
    listing["data"]["children"][0]["data"]["ups"] = value
    body = _encode(listing)
    assert decode_listing(body) is None
    assert _outcome(body) == _orjson_outcome(body)


@pytest.mark.parametrize("bad", [b"\xff", b"\xed\xa0\x80", b"\xc0\x80", b"\xf4\x90\x80\x80"])
@pytest.mark.parametrize("key", ["domain", "title"])  # skipped, read
def test_invalid_utf8_in_a_string_falls_back_to_orjson(bad: bytes, key: str) -> None:
    listing = _listing()
    listing["data"]["children"][0]["data"][key] = "MARK"
    body = _encode(listing).replace(b"MARK", b"v." + bad + b".it")
    assert decode_listing(body) is None
    assert _outcome(body) == _orjson_outcome(body) == ("ParseError", "damaged Reddit JSON")


def test_non_ascii_valid_utf8_keeps_the_msgspec_path() -> None:
    listing = _listing()
    listing["data"]["children"][0]["data"]["title"] = "Première sortie 🚲"
    body = json.dumps(listing, ensure_ascii=False).encode()
    assert decode_listing(body) is not None
    assert _outcome(body) == _orjson_outcome(body)


def test_deep_nesting_in_a_skipped_key_falls_back_to_orjson() -> None:
    body = _encode(_listing()).replace(b'"geo_filter": ""', b'"geo_filter": ' + b"[" * 5000 + b"]" * 5000)
    assert decode_listing(body) is None
    assert _outcome(body) == _orjson_outcome(body)


@pytest.mark.parametrize(
    "body",
    [b'{"kind": "t3", "data": {"id": "abc12", "subreddit": "x"}}', b"[]", b'{"kind": "Listing", "data": {}}'],
)
def test_other_shapes_than_a_listing_fall_back_to_orjson(body: bytes) -> None:
    assert decode_listing(body) is None
    assert _outcome(body) == _orjson_outcome(body)


def test_the_schema_holds_every_key_the_parser_reads() -> None:
    video = {"reddit_video": {"duration": 3}}
    variants: list[dict[str, Any]] = [
        {
            "id": "abc12",
            "title": "u/x https://a.example/ x",
            "selftext": "see https://b.example",
            "media": {},
        },
        {
            "id": 5,
            "name": "t3_abc12",
            "secure_media": video,
            "post_hint": "link",
            "url": "https://c.example/",
        },
        {
            "id": "abc12",
            "promoted": False,
            "is_created_from_ads_ui": True,
            "hide_score": False,
            "media": video,
        },
    ]
    KeyRecorder.asked.clear()
    for variant in variants:
        link_to_post(recording(variant))
    assert KeyRecorder.asked <= {
        *_Link.__annotations__,
        *_Media.__annotations__,
        *_RedditVideo.__annotations__,
    }


_READ_KEYS = sorted(_Link.__annotations__)
_SKIPPED_KEYS = ["gilded", "domain", "thumbnail", "edited", "preview", "all_awardings"]
_EDGES = [
    0,
    -1,
    2**63 - 1,
    2**63,
    2**64 - 1,
    2**64,
    -(2**63),
    -(2**63) - 1,
    2**70,
    1_100_000_000,
    4_102_444_801,
]
_NUMBERS = st.one_of(
    st.integers(-(2**70), 2**70),
    st.sampled_from(_EDGES),
    st.floats(allow_nan=False, allow_infinity=False),
    st.floats(1e9, 5e9),
)
_TEXTS = st.one_of(
    st.text(max_size=30),
    st.sampled_from(
        ["", "[deleted]", "image", "hosted:video", "/r/x/comments/abc12/t/", "t3_zz9", "https://redd.it/x"]
    ),
)
_SCALARS = st.one_of(st.none(), st.booleans(), _NUMBERS, _TEXTS)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.sampled_from(["reddit_video", "duration", "a"]), inner, max_size=3)
    ),
    max_leaves=6,
)


def _value(key: str, data: st.DataObject) -> Any:
    """Mostly a value of the type Reddit writes for `key` (so the msgspec path runs), sometimes any."""
    if data.draw(st.integers(0, 3)) == 0:
        return data.draw(_VALUES)
    kind = str(_Link.__annotations__.get(key, "str"))
    if "_Media" in kind:
        return {"reddit_video": {"duration": data.draw(st.none() | _NUMBERS)}, "type": "x"}
    if "_Int" in kind:
        return data.draw(st.none() | _NUMBERS)
    if "bool" in kind:
        return data.draw(st.none() | st.booleans())
    return data.draw(st.none() | _TEXTS)


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck), database=None)
@given(st.data())
def test_changed_keys_give_the_same_posts_on_both_paths(data: st.DataObject) -> None:
    listing = _listing()
    children = listing["data"]["children"]
    for _ in range(data.draw(st.integers(1, 4))):
        link = children[data.draw(st.integers(0, len(children) - 1))]["data"]
        key = data.draw(st.sampled_from(_READ_KEYS + _SKIPPED_KEYS))
        if data.draw(st.booleans()):
            link.pop(key, None)
        else:
            link[key] = _value(key, data)
    if data.draw(st.booleans()):
        listing["data"]["after"] = data.draw(_SCALARS)
    body = json.dumps(listing, ensure_ascii=data.draw(st.booleans())).encode()
    assert _outcome(body) == _orjson_outcome(body)


def test_a_crosspost_parents_media_read_on_both_paths() -> None:
    listing = _listing()
    first = listing["data"]["children"][0]["data"]
    first.update(is_video=False, post_hint="link", media=None, secure_media=None)
    first["crosspost_parent_list"] = [{"is_video": True, "post_hint": "hosted:video", "title": "skipped"}]
    body = _encode(listing)
    assert decode_listing(body) is not None
    fast = _outcome(body)
    assert fast == _orjson_outcome(body)
    assert fast[0][0]["media_type"] == "video"
