"""Reddit formats, sniffing, damaged bodies, URL patterns and recipes."""

from __future__ import annotations

from typing import Any

import orjson
import pytest

from plugins.platform import Page, ParseError, ParseResult
from plugins.reddit import PLATFORM
from plugins.reddit.spider import RECIPES

T3 = {"kind": "t3", "data": {"id": "k1", "subreddit": "a", "title": "x", "ups": 2}}


def _page(data: Any) -> Page:
    return Page(url="https://www.reddit.com/", body=orjson.dumps(data))


def test_single_thing_is_a_link() -> None:
    result = PLATFORM.parse(_page(T3))
    assert result.format == "link" and [p.post_id for p in result.posts] == ["k1"]


def test_listing_without_after_has_no_more_and_skips_other_kinds() -> None:
    listing = {
        "kind": "Listing",
        "data": {"after": None, "children": [T3, {"kind": "t5", "data": {}}, "junk", T3]},
    }
    result = PLATFORM.parse(_page(listing))
    assert [p.post_id for p in result.posts] == ["k1"]
    assert result.next_cursor is None and result.has_more is False


def test_link_without_id_warns() -> None:
    listing = {"kind": "Listing", "data": {"children": [{"kind": "t3", "data": {"title": "x"}}]}}
    result = PLATFORM.parse(_page(listing))
    assert result.posts == [] and result.warnings == ["link without an id skipped"]


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"<html>",
        b"[]",
        b"{}",
        b'{"kind": "Listing", "data": []}',
        b'{"kind": "Listing", "data": {"chi',
        b"[1]",
    ],
)
def test_other_bodies_raise_parse_error(body: bytes) -> None:
    with pytest.raises(ParseError):
        PLATFORM.parse(Page(url="", body=body))


def test_sniff_accepts_reddit_and_rejects_others() -> None:
    assert PLATFORM.sniff(_page({"kind": "Listing", "data": {"children": [T3]}}))
    assert not PLATFORM.sniff(_page({"data": {"threaded_conversation_with_injections_v2": {}}}))
    assert not PLATFORM.sniff(_page({"kind": "youtube#videoListResponse", "items": []}))
    assert not PLATFORM.sniff(Page(url="", body=b"<html>Listing subreddit</html>"))


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("https://www.reddit.com/r/bikes/comments/1a2b3c/first_ride/", "post"),
        ("https://old.reddit.com/r/bikes/comments/1a2b3c/", "post"),
        ("https://redd.it/1a2b3c", "post"),
        ("https://www.reddit.com/user/velo_anna/", "account"),
        ("https://www.reddit.com/u/velo_anna", "account"),
        ("https://www.reddit.com/r/bikes/", "hashtag"),
        ("https://www.reddit.com/r/bikes/new/", "hashtag"),
        ("https://www.reddit.com/search/?q=lube", "search"),
        ("https://www.reddit.com/r/bikes/search?q=lube&restrict_sr=1", "search"),
    ],
)
def test_url_patterns(url: str, kind: str) -> None:
    assert PLATFORM.match(url) == kind


@pytest.mark.parametrize(
    "url",
    [
        "https://x.com/reddit",
        "https://www.facebook.com/reddit",
        "https://notreddit.com/r/a/",
        "https://redd.it/",
    ],
)
def test_url_patterns_reject_other_sites(url: str) -> None:
    assert PLATFORM.match(url) is None


def test_recipes_use_json_listings() -> None:
    base = PLATFORM.base_url
    assert (
        RECIPES["post"].start_url(base, "https://redd.it/1a2b3c")
        == f"{base}/comments/1a2b3c/.json?raw_json=1"
    )
    assert RECIPES["post"].start_url(base, "t3_1a2b3c") == f"{base}/comments/1a2b3c/.json?raw_json=1"
    assert (
        RECIPES["account"]
        .start_url(base, "u/velo_anna")
        .startswith(f"{base}/user/velo_anna/submitted/.json?")
    )
    assert RECIPES["hashtag"].start_url(base, "#bikes").startswith(f"{base}/r/bikes/new/.json?")
    assert (
        RECIPES["hashtag"]
        .start_url(base, "https://www.reddit.com/r/bikes/")
        .startswith(f"{base}/r/bikes/new/")
    )
    assert RECIPES["search"].start_url(base, "chain lube").startswith(f"{base}/search/.json?q=chain%20lube")
    assert RECIPES["search"].start_url(base, "https://www.reddit.com/search/?q=lube") == (
        f"{base}/search/.json?q=lube&raw_json=1"
    )
    assert not any(recipe.browser for recipe in RECIPES.values())


def test_next_url_follows_after() -> None:
    base = PLATFORM.base_url
    recipe = RECIPES["hashtag"]
    assert recipe.next_url is not None
    page = ParseResult(next_cursor="t3_1a2b3g", has_more=True)
    assert recipe.next_url(base, "bikes", page) == f"{recipe.start_url(base, 'bikes')}&after=t3_1a2b3g"
    assert recipe.next_url(base, "bikes", ParseResult()) is None
    assert RECIPES["post"].next_url is None
