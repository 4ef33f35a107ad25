"""The post record: JSON round trip, leniency for foreign records, and the contract's keys."""

from __future__ import annotations

import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

from plugins.post import COUNTERS, MEDIA_TYPES, SIGNAL_KINDS, Account, Post, Signal

text = st.text(max_size=40)
counter = st.none() | st.integers(min_value=0, max_value=2**53)
signals = st.builds(
    Signal,
    kind=st.sampled_from(sorted(SIGNAL_KINDS)),
    evidence=text,
    source=st.sampled_from(["label", "text", "link", "metadata"]),
    strength=st.floats(min_value=0, max_value=1),
    detail=st.dictionaries(st.text(max_size=5), st.integers(-(2**63), 2**63 - 1) | text, max_size=3),
)
posts = st.builds(
    Post,
    platform=st.sampled_from(["tiktok", "youtube", "instagram", "x"]),
    post_id=st.text(min_size=1, max_size=20),
    url=text,
    author=st.none() | text,
    published_at=st.none() | st.just("2025-11-12T17:03:11Z"),
    text=text,
    hashtags=st.lists(text, max_size=3),
    mentions=st.lists(text, max_size=3),
    media_type=st.none() | st.sampled_from(sorted(MEDIA_TYPES)),
    views=counter,
    likes=counter,
    comments=counter,
    shares=counter,
    saves=counter,
    approximate=st.lists(st.sampled_from(COUNTERS), unique=True),
    sponsored=st.booleans(),
    disclosed=st.booleans(),
    signals=st.lists(signals, max_size=3),
    brands=st.lists(text, max_size=2),
    metadata=st.dictionaries(
        st.text(max_size=5), st.integers(-(2**63), 2**63 - 1) | text | st.lists(text), max_size=3
    ),
)


@given(posts)
def test_json_round_trip_is_exact(post: Post) -> None:
    assert Post.from_json(post.to_json()) == post
    assert Post.from_json(post.to_json()).to_json() == post.to_json()


def test_contract_keys_in_order() -> None:
    keys = list(Post(platform="x", post_id="1", url="https://x.com/a/status/1").to_dict())
    assert keys[:19] == [
        "platform",
        "post_id",
        "url",
        "author",
        "published_at",
        "text",
        "hashtags",
        "mentions",
        "media_type",
        "views",
        "likes",
        "comments",
        "shares",
        "saves",
        "approximate",
        "sponsored",
        "disclosed",
        "signals",
        "brands",
    ]


def test_minimal_record_needs_only_platform() -> None:
    post = Post.from_dict({"platform": "tiktok", "text": "hello #ad"})
    assert (post.post_id, post.url, post.likes, post.hashtags) == ("", "", None, [])


@pytest.mark.parametrize(
    ("record", "message"),
    [
        ({"text": "no platform"}, "lacks 'platform'"),
        ({"platform": "x", "colour": "red"}, "unknown post field(s): colour"),
        ({"platform": "x", "text": 12}, "'text' must be a string"),
    ],
)
def test_bad_records_are_refused_with_a_reason(record: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        Post.from_dict(record)


def test_foreign_keys_are_ignored_when_not_strict() -> None:
    post = Post.from_dict({"platform": "x", "text": "t", "colour": "red"}, strict=False)
    assert post.text == "t"


def test_from_json_refuses_a_list() -> None:
    with pytest.raises(ValueError, match="JSON object"):
        Post.from_json(orjson.dumps([1]))


def test_account_round_trip() -> None:
    account = Account(platform="tiktok", handle="a", followers=783427, approximate=["likes"])
    assert Account.from_dict(account.to_dict()) == account
