"""Recognising X bodies (and not others), URL patterns and spider recipes."""

from __future__ import annotations

import orjson
import pytest

from plugins.platform import Page
from plugins.x import PLATFORM
from plugins.x.spider import RECIPES


def _sniff(body: bytes) -> bool:
    return PLATFORM.sniff(Page(url="", body=body))


def test_sniff_accepts_graphql_and_captures() -> None:
    graphql = (
        b'{"data":{"search_by_raw_query":{"tweet_results":'
        b'{"result":{"rest_id":"1","legacy":{"favorite_count":1}}}}}}'
    )
    assert _sniff(graphql)
    capture = {
        "source_platform": "twitter.com",
        "data": {"__typename": "Tweet", "rest_id": "1", "legacy": {}},
    }
    assert _sniff(orjson.dumps(capture) + b"\n")


@pytest.mark.parametrize(
    "body",
    [
        b'{"source_platform": "tiktok.com", "data": {"id": "1", "stats": {"diggCount": 1}}}\n',
        b'{"kind": "Listing", "data": {"children": []}}',
        b'{"data": {"user": {"edge_owner_to_timeline_media": {"edges": []}}}}',
        b"<!DOCTYPE html><html></html>",
        b"",
        b'{"source_platform": "twitter.com", "data": ',
    ],
)
def test_sniff_rejects_other_bodies(body: bytes) -> None:
    assert not _sniff(body)


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("https://x.com/acme/status/1800000000000000001", "post"),
        ("https://twitter.com/acme/status/1800000000000000001?s=20", "post"),
        ("https://mobile.twitter.com/acme/status/1800000000000000001", "post"),
        ("https://x.com/i/web/status/1800000000000000001", "post"),
        ("https://x.com/acme", "account"),
        ("https://www.twitter.com/acme/", "account"),
        ("https://x.com/hashtag/running?src=hashtag_click", "hashtag"),
        ("https://x.com/search?q=soup&f=live", "search"),
    ],
)
def test_url_patterns(url: str, kind: str) -> None:
    assert PLATFORM.match(url) == kind


@pytest.mark.parametrize(
    "url",
    [
        "https://x.com/home",
        "https://x.com/explore",
        "https://www.tiktok.com/@acme/video/1",
        "https://www.reddit.com/r/acme/",
        "https://www.facebook.com/acme",
        "https://notx.com/acme/status/1",
    ],
)
def test_url_patterns_reject_other_pages(url: str) -> None:
    assert PLATFORM.match(url) is None


def test_recipes_build_start_urls() -> None:
    base = PLATFORM.base_url
    assert (
        RECIPES["post"].start_url(base, "1800000000000000001") == "https://x.com/i/status/1800000000000000001"
    )
    assert (
        RECIPES["post"].start_url(base, "https://twitter.com/a/status/5") == "https://twitter.com/a/status/5"
    )
    assert RECIPES["account"].start_url(base, "@nordicbikes") == "https://x.com/nordicbikes"
    assert (
        RECIPES["account"].start_url(base, "https://twitter.com/nordicbikes") == "https://x.com/nordicbikes"
    )
    assert RECIPES["hashtag"].start_url(base, "#run fast") == "https://x.com/hashtag/run%20fast"
    assert RECIPES["search"].start_url(base, "soup bowl").startswith("https://x.com/search?q=soup%20bowl")
    for kind in ("post", "account", "hashtag", "search"):
        assert (
            PLATFORM.match(
                RECIPES[kind].start_url(
                    base, {"post": "5", "account": "a", "hashtag": "t", "search": "q"}[kind]
                )
            )
            == kind
        )


def test_recipes_capture_the_graphql_operations_in_a_browser() -> None:
    assert RECIPES["post"].capture == ("/TweetDetail",)
    assert RECIPES["account"].capture == ("/UserTweets",)
    assert RECIPES["search"].capture == ("/SearchTimeline",)
    assert all(recipe.browser for recipe in RECIPES.values())
    assert all(recipe.next_url is None for recipe in RECIPES.values())
