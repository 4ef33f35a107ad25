"""URL patterns match YouTube targets only; recipes build the first URL of each target kind."""

from __future__ import annotations

import pytest

from plugins.platform import Page, ParseResult
from plugins.youtube import PLATFORM
from plugins.youtube.spider import RECIPES

BASE = PLATFORM.base_url


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("https://www.youtube.com/watch?v=dQw4w9WgXcQ", "post"),
        ("https://m.youtube.com/watch?feature=share&v=dQw4w9WgXcQ", "post"),
        ("https://youtu.be/dQw4w9WgXcQ", "post"),
        ("https://www.youtube.com/shorts/dQw4w9WgXcQ", "post"),
        ("https://www.youtube.com/@OneMedia.", "account"),
        ("https://www.youtube.com/@Doobydobap/shorts", "account"),
        ("https://www.youtube.com/channel/UCzcRQ3vRNr6fJ1A9rqFn7QA", "account"),
        ("https://www.youtube.com/c/SomeName", "account"),
        ("https://www.youtube.com/user/FlippyCat", "account"),
        ("https://www.youtube.com/hashtag/knitting", "hashtag"),
        ("https://www.youtube.com/results?search_query=trail+running", "search"),
    ],
)
def test_url_kinds(url: str, kind: str) -> None:
    assert PLATFORM.match(url) == kind


@pytest.mark.parametrize(
    "url",
    [
        "https://www.tiktok.com/@user/video/123",
        "https://www.instagram.com/p/abc/",
        "https://www.youtube.com/watch?v=short",
        "https://notyoutube.com/watch?v=dQw4w9WgXcQ",
        "https://www.youtube.com/feed/trending",
    ],
)
def test_other_urls_do_not_match(url: str) -> None:
    assert PLATFORM.match(url) is None


def test_recipes() -> None:
    assert RECIPES["post"].start_url(BASE, "dQw4w9WgXcQ") == "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
    assert RECIPES["post"].start_url(BASE, "https://youtu.be/dQw4w9WgXcQ") == "https://youtu.be/dQw4w9WgXcQ"
    assert RECIPES["account"].start_url(BASE, "@OneMedia.") == "https://www.youtube.com/@OneMedia./videos"
    assert (
        RECIPES["account"].start_url(BASE, "UCzcRQ3vRNr6fJ1A9rqFn7QA")
        == "https://www.youtube.com/channel/UCzcRQ3vRNr6fJ1A9rqFn7QA/videos"
    )
    assert RECIPES["account"].start_url(BASE, "https://www.youtube.com/user/FlippyCat") == (
        "https://www.youtube.com/user/FlippyCat/videos"
    )
    assert RECIPES["hashtag"].start_url(BASE, "#Knitting") == "https://www.youtube.com/hashtag/knitting"
    assert RECIPES["search"].start_url(BASE, "trail running") == (
        "https://www.youtube.com/results?search_query=trail+running"
    )
    assert RECIPES["account"].browser and RECIPES["account"].capture == ("/youtubei/v1/browse",)
    assert not any(RECIPES[kind].browser for kind in ("post", "hashtag", "search"))
    for kind in ("account", "hashtag", "search"):
        next_url = RECIPES[kind].next_url
        assert next_url is not None and next_url(BASE, "x", ParseResult(next_cursor="T")) is None


def test_sniff_claims_youtube_bodies_only() -> None:
    assert PLATFORM.sniff(Page(url="", body=b'{"responseContext":{"visitorData":"x"}}'))
    assert PLATFORM.sniff(Page(url="", body=b'{\n "kind": "youtube#videoListResponse", "items": []}'))
    assert PLATFORM.sniff(Page(url="", body=b"<script>var ytInitialData = {};</script>"))
    assert not PLATFORM.sniff(Page(url="", body=b'{"statusCode":0,"itemList":[],"hasMore":false}'))
    assert not PLATFORM.sniff(Page(url="", body=b"<script>window._sharedData = {};</script>"))
    assert not PLATFORM.sniff(Page(url="", body=b"<p>uses ytInitialData in prose</p>"))
