"""URL patterns and recipes: which URLs are Instagram targets, and the requests built for each."""

from __future__ import annotations

import pytest

from plugins.instagram import PLATFORM
from plugins.instagram.spider import RECIPES, handle_of
from plugins.platform import ParseResult

BASE = "https://www.instagram.com"


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("https://www.instagram.com/p/DUgjOD7D0br/", "post"),
        ("https://instagram.com/p/DUgjOD7D0br", "post"),
        ("https://www.instagram.com/reel/DDDYVXxCuae/?igsh=abc", "post"),
        ("https://www.instagram.com/reels/DDDYVXxCuae/", "post"),
        ("https://www.instagram.com/tv/B1tvcode12/", "post"),
        ("https://www.instagram.com/abc7ny/p/DUgjOD7D0br/", "post"),
        ("https://m.instagram.com/p/DUgjOD7D0br/", "post"),
        ("https://www.instagram.com/nordic.kitchen/", "account"),
        ("https://www.instagram.com/nordic.kitchen", "account"),
        ("https://www.instagram.com/nordic.kitchen/?hl=en", "account"),
        ("https://www.instagram.com/api/v1/users/web_profile_info/?username=nordic.kitchen", "account"),
        ("https://www.instagram.com/explore/tags/kaffe/", "hashtag"),
        ("https://www.instagram.com/explore/search/keyword/?q=espresso", "search"),
        ("https://www.instagram.com/explore/", None),
        ("https://www.instagram.com/accounts/login/", None),
        ("https://www.instagram.com/stories/nordic.kitchen/3800000000000000000/", None),
        ("https://www.instagram.com/p/", None),
        ("https://www.instagram.com/reels/", None),
        ("https://www.instagram.com/direct/inbox/", None),
        ("https://www.instagram.com/", None),
        ("https://www.tiktok.com/@someone/video/7287000000000000002", None),
        ("https://www.youtube.com/watch?v=DIsktwOQZuU", None),
        ("https://x.com/someone/status/1", None),
        ("https://www.facebook.com/nintendo/", None),
        ("https://notinstagram.com/p/DUgjOD7D0br/", None),
        ("https://www.instagram.com.evil.example/p/DUgjOD7D0br/", None),
    ],
)
def test_url_patterns(url: str, kind: str | None) -> None:
    assert PLATFORM.match(url) == kind


@pytest.mark.parametrize(
    ("target", "url"),
    [
        ("DUgjOD7D0br", f"{BASE}/p/DUgjOD7D0br/"),
        ("https://www.instagram.com/p/DUgjOD7D0br/?img_index=2", f"{BASE}/p/DUgjOD7D0br/"),
        ("https://www.instagram.com/reels/DDDYVXxCuae/", f"{BASE}/reel/DDDYVXxCuae/"),
        ("https://www.instagram.com/abc7ny/reel/DDDYVXxCuae/", f"{BASE}/reel/DDDYVXxCuae/"),
        ("https://www.instagram.com/tv/B1tvcode12/", f"{BASE}/p/B1tvcode12/"),
    ],
)
def test_post_start(target: str, url: str) -> None:
    assert RECIPES["post"].start_url(BASE, target) == url
    assert RECIPES["post"].browser is False


@pytest.mark.parametrize(
    "target",
    ["nordic.kitchen", "@nordic.kitchen", "https://www.instagram.com/nordic.kitchen/", "nordic.kitchen/"],
)
def test_account_start_is_the_profile_json(target: str) -> None:
    assert handle_of(target) == "nordic.kitchen"
    url = RECIPES["account"].start_url(BASE, target)
    assert url == f"{BASE}/api/v1/users/web_profile_info/?username=nordic.kitchen"
    assert PLATFORM.match(url) == "account"


def test_account_next_is_the_profile_page_when_more_posts_exist() -> None:
    recipe = RECIPES["account"]
    assert recipe.next_url is not None
    more = ParseResult(next_cursor="QVFC", has_more=True)
    assert recipe.next_url(BASE, "nordic.kitchen", more) == f"{BASE}/nordic.kitchen/"
    assert recipe.next_url(BASE, "nordic.kitchen", ParseResult(has_more=False)) is None
    assert "/graphql/query" in recipe.capture


def test_hashtag_and_search_need_a_browser() -> None:
    tag, search = RECIPES["hashtag"], RECIPES["search"]
    assert tag.start_url(BASE, "#Kaffe") == f"{BASE}/explore/tags/Kaffe/"
    assert tag.start_url(BASE, f"{BASE}/explore/tags/kaffe/") == f"{BASE}/explore/tags/kaffe/"
    assert search.start_url(BASE, "oat milk") == f"{BASE}/explore/search/keyword/?q=oat%20milk"
    for recipe in (tag, search):
        assert recipe.browser is True
        assert set(recipe.capture) == {"/graphql/query", "/api/v1/"}
        assert PLATFORM.match(recipe.start_url(BASE, "kaffe")) == recipe.kind
