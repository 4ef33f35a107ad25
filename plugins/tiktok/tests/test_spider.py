"""URL patterns and recipes: each TikTok URL kind is recognised, other sites' URLs are not."""

from __future__ import annotations

import pytest

from plugins.platform import ParseResult
from plugins.tiktok import PLATFORM
from plugins.tiktok.spider import RECIPES

BASE = PLATFORM.base_url
KINDS = {
    "https://www.tiktok.com/@illojuan/video/7571863205253778710": "post",
    "https://www.tiktok.com/@user.name/photo/7400000000000000001?lang=es": "post",
    "https://tiktok.com/@/video/7400000000000000001": "post",
    "https://vm.tiktok.com/ZMabc123/": "post",
    "https://m.tiktok.com/v/7400000000000000001.html": "post",
    "https://www.tiktok.com/@illojuan": "account",
    "https://www.tiktok.com/@illojuan/": "account",
    "https://www.tiktok.com/@illojuan?lang=en": "account",
    "https://www.tiktok.com/tag/fyp": "hashtag",
    "https://www.tiktok.com/search?q=burger%20king": "search",
    "https://www.tiktok.com/search/video?q=fosfor&t=1697108650470": "search",
}
NOT_TIKTOK = [
    "https://www.instagram.com/illojuan/",
    "https://www.youtube.com/@illojuan",
    "https://x.com/illojuan/status/123",
    "https://www.tiktok.com.evil.example/@a/video/1",
    "https://www.tiktok.com/api/post/item_list/?secUid=x",
    "https://notiktok.com/@a/video/1",
]


@pytest.mark.parametrize("url", sorted(KINDS))
def test_url_kinds(url: str) -> None:
    assert PLATFORM.match(url) == KINDS[url]


@pytest.mark.parametrize("url", NOT_TIKTOK)
def test_foreign_urls_do_not_match(url: str) -> None:
    assert PLATFORM.match(url) is None


@pytest.mark.parametrize(
    ("kind", "target", "url"),
    [
        ("post", "7400000000000000001", f"{BASE}/@/video/7400000000000000001"),
        ("post", "https://vm.tiktok.com/ZMabc/", "https://vm.tiktok.com/ZMabc/"),
        ("post", "@maker/video/7400000000000000001", f"{BASE}/@maker/video/7400000000000000001"),
        ("account", "@illojuan", f"{BASE}/@illojuan"),
        ("account", "https://www.tiktok.com/@illojuan?lang=es", f"{BASE}/@illojuan"),
        ("hashtag", "#BurgerKing", f"{BASE}/tag/BurgerKing"),
        ("hashtag", "https://www.tiktok.com/tag/fyp", f"{BASE}/tag/fyp"),
        ("search", "burger king", f"{BASE}/search/video?q=burger%20king"),
    ],
)
def test_start_urls(kind: str, target: str, url: str) -> None:
    assert RECIPES[kind].start_url(BASE, target) == url


def test_start_urls_are_tiktok_urls_of_their_kind() -> None:
    targets = {"post": "7400000000000000001", "account": "maker", "hashtag": "fyp", "search": "a b"}
    for kind, target in targets.items():
        assert PLATFORM.match(RECIPES[kind].start_url(BASE, target)) == kind


def test_listings_need_a_browser_and_capture_their_api() -> None:
    assert not RECIPES["post"].browser
    assert RECIPES["account"].browser and RECIPES["account"].capture == ("/api/post/item_list",)
    assert RECIPES["hashtag"].browser and RECIPES["hashtag"].capture == ("/api/challenge/item_list",)
    assert RECIPES["search"].browser and RECIPES["search"].capture == ("/api/search/item/full",)


def test_search_next_url_follows_the_cursor() -> None:
    next_url = RECIPES["search"].next_url
    assert next_url is not None
    page = ParseResult(next_cursor="12", has_more=True)
    assert next_url(BASE, "burger king", page) == (
        f"{BASE}/api/search/item/full/?keyword=burger%20king&offset=12&cursor=12"
    )
    assert next_url(BASE, "x", ParseResult(next_cursor=None)) is None
    assert next_url(BASE, "x", ParseResult(next_cursor="12", has_more=False)) is None
