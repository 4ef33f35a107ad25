"""Facebook URL patterns and recipes."""

from __future__ import annotations

import pytest

from plugins.facebook import PLATFORM
from plugins.facebook.spider import RECIPES
from plugins.platform import ParseResult


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("https://www.facebook.com/Nintendo/posts/3065154550235644", "post"),
        ("https://m.facebook.com/story.php?story_fbid=3065154550235644&id=119240841493711", "post"),
        ("https://mbasic.facebook.com/story.php?id=1&story_fbid=2", "post"),
        ("https://www.facebook.com/Nintendo/videos/nintendo-rewind/286348296528911/", "post"),
        ("https://www.facebook.com/photo.php?fbid=3065146500236449", "post"),
        ("https://www.facebook.com/Nintendo", "account"),
        ("https://m.facebook.com/Nintendo/posts/", "account"),
        ("https://www.facebook.com/profile.php?id=100004071004949", "account"),
        ("https://www.facebook.com/hashtag/camping", "hashtag"),
        ("https://www.facebook.com/search/posts?q=tents", "search"),
        ("https://mbasic.facebook.com/search/posts/?q=tents", "search"),
    ],
)
def test_url_patterns(url: str, kind: str) -> None:
    assert PLATFORM.match(url) == kind


@pytest.mark.parametrize(
    "url",
    [
        "https://www.facebook.com/login.php",
        "https://www.facebook.com/watch",
        "https://x.com/Nintendo",
        "https://www.reddit.com/r/nintendo/",
        "https://notfacebook.com/Nintendo",
    ],
)
def test_url_patterns_reject_other_pages(url: str) -> None:
    assert PLATFORM.match(url) is None


def test_recipes() -> None:
    base = PLATFORM.base_url
    assert RECIPES["post"].start_url(base, "https://www.facebook.com/story.php?story_fbid=2&id=1") == (
        "https://m.facebook.com/story.php?story_fbid=2&id=1"
    )
    assert RECIPES["post"].start_url(base, "https://www.facebook.com/Nintendo/posts/3") == (
        "https://m.facebook.com/Nintendo/posts/3"
    )
    assert RECIPES["post"].start_url(base, "3065154550235644") == "https://m.facebook.com/3065154550235644"
    assert RECIPES["account"].start_url(base, "https://www.facebook.com/Nintendo") == (
        "https://m.facebook.com/Nintendo/posts/"
    )
    assert RECIPES["hashtag"].start_url(base, "#camping") == "https://m.facebook.com/hashtag/camping"
    assert (
        RECIPES["search"].start_url(base, "camp stove")
        == "https://m.facebook.com/search/posts/?q=camp%20stove"
    )
    assert not any(recipe.browser for recipe in RECIPES.values())


def test_next_url_follows_the_see_more_pager() -> None:
    recipe = RECIPES["account"]
    assert recipe.next_url is not None
    page = ParseResult(next_cursor="/page_content_list_view/more/?page_id=1&start_cursor=x", has_more=True)
    assert recipe.next_url(PLATFORM.base_url, "Shop", page) == (
        "https://m.facebook.com/page_content_list_view/more/?page_id=1&start_cursor=x"
    )
    assert recipe.next_url(PLATFORM.base_url, "Shop", ParseResult()) is None
