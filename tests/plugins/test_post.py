"""new_post, the parsers' constructor, builds exactly the Post that Post(...) builds."""

from __future__ import annotations

import inspect
from dataclasses import MISSING, fields
from typing import Any

from plugins.post import Post, Signal, new_post


def test_new_post_takes_every_field_with_the_same_default() -> None:
    params = inspect.signature(new_post).parameters
    assert list(params) == [f.name for f in fields(Post)]
    for f in fields(Post):
        expected = f.default if f.default is not MISSING else None  # list/dict factories come as None
        assert params[f.name].default in (expected, inspect.Parameter.empty), f.name


def test_new_post_equals_post_with_every_field_set() -> None:
    values: dict[str, Any] = {
        "platform": "x",
        "post_id": "1",
        "url": "https://x.com/a/status/1",
        "author": "a",
        "published_at": "2025-01-02T03:04:05Z",
        "text": "hi #tag @b",
        "hashtags": ["tag"],
        "mentions": ["b"],
        "media_type": "text",
        "views": 1,
        "likes": 2,
        "comments": 3,
        "shares": 4,
        "saves": 5,
        "approximate": ["views"],
        "sponsored": True,
        "disclosed": True,
        "signals": [Signal("promoted", "ad", "label")],
        "brands": ["acme"],
        "metadata": {"is_ad": True},
    }
    assert new_post(**values) == Post(**values)
    assert new_post(**values).to_dict() == Post(**values).to_dict()


def test_new_post_defaults_are_fresh_empty_containers() -> None:
    first, second = new_post("x", "1", "u"), new_post("x", "2", "u")
    assert first == Post("x", "1", "u") and isinstance(first, Post)
    first.hashtags.append("a")
    first.metadata["k"] = 1
    first.signals.append(Signal("promoted", "ad", "label"))
    assert second.hashtags == [] and second.metadata == {} and second.signals == []
