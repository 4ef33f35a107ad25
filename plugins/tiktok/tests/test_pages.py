"""HTML pages: universal data pages, both SIGI_STATE shapes, unavailable and damaged pages."""

from __future__ import annotations

from typing import Any

import orjson
import pytest

from plugins.platform import Page, ParseError
from plugins.tiktok import PLATFORM

UNIVERSAL = '<script id="__UNIVERSAL_DATA_FOR_REHYDRATION__" type="application/json">'
ITEM = {"id": "7000000000000000001", "author": "maker", "stats": {"diggCount": 3, "playCount": 9}}


def _universal(scope: dict[str, Any], html: str = "") -> Page:
    data = orjson.dumps({"__DEFAULT_SCOPE__": scope}).decode()
    return Page(
        url="https://www.tiktok.com/@maker", body=f"<html>{html}{UNIVERSAL}{data}</script></html>".encode()
    )


def _sigi(state: dict[str, Any], assigned: bool = False) -> Page:
    data = orjson.dumps(state).decode()
    if assigned:
        script = f"<script>window['SIGI_STATE']={data};window['SIGI_RETRY']={{}}</script>"
    else:
        script = f'<script id="SIGI_STATE" type="application/json">{data}</script>'
    return Page(url="https://www.tiktok.com/@maker", body=f"<html>{script}</html>".encode())


def test_unavailable_video_gives_a_warning_not_a_post() -> None:
    page = _universal(
        {"webapp.video-detail": {"itemInfo": {}, "statusCode": 10204, "statusMsg": "item doesn't exist"}}
    )
    result = PLATFORM.parse(page)
    assert result.posts == [] and result.format == "video_page"
    assert "10204" in result.warnings[0]


def test_profile_items_from_item_list_and_rounded_stats_only() -> None:
    user = {"uniqueId": "maker", "id": "6000000000000000001", "nickname": "Maker"}
    info = {"user": user, "stats": {"followerCount": 1200, "heart": 50, "videoCount": 2}, "itemList": [ITEM]}
    result = PLATFORM.parse(_universal({"webapp.user-detail": {"userInfo": info}}))
    assert [p.post_id for p in result.posts] == ["7000000000000000001"]
    account = result.accounts[0]
    # No statsV2 at all: the ints are what the page has, and are not marked approximate.
    assert (account.followers, account.likes, account.posts, account.following) == (1200, 50, 2, None)
    assert account.approximate == []


def test_profile_stats_v2_partial_marks_the_fallback_approximate() -> None:
    info = {
        "user": {"uniqueId": "maker"},
        "stats": {"followerCount": 783400},
        "statsV2": {"videoCount": "19"},
    }
    account = PLATFORM.parse(_universal({"webapp.user-detail": {"userInfo": info}})).accounts[0]
    assert (account.followers, account.posts) == (783400, 19)
    assert account.approximate == ["followers"]


def test_empty_profile_warns() -> None:
    result = PLATFORM.parse(_universal({"webapp.user-detail": {"userInfo": {"user": {"uniqueId": "maker"}}}}))
    assert result.posts == [] and "no posts" in result.warnings[0]


def test_other_universal_pages_warn() -> None:
    result = PLATFORM.parse(_universal({"webapp.app-context": {}}))
    assert result.posts == [] and result.format == "html_page" and result.warnings


def test_damaged_embedded_json_warns() -> None:
    page = Page(url="x", body=f'<html>{UNIVERSAL}{{"__DEFAULT_SCOPE__":{{</script>'.encode())
    result = PLATFORM.parse(page)
    assert result.posts == [] and "damaged" in result.warnings[0]


def test_html_without_tiktok_state_is_refused() -> None:
    with pytest.raises(ParseError):
        PLATFORM.parse(Page(url="x", body=b"<html><body>hello</body></html>"))


SIGI_VIDEO = {
    "ItemModule": {"7000000000000000001": ITEM},
    "UserModule": {"users": {"maker": {"uniqueId": "maker", "id": "6000000000000000001"}}},
    "ItemList": {"video": {"list": ["7000000000000000001"]}},
}


@pytest.mark.parametrize("assigned", [False, True], ids=["script-id", "window-assignment"])
def test_sigi_video_page_in_both_shapes(assigned: bool) -> None:
    result = PLATFORM.parse(_sigi(SIGI_VIDEO, assigned))
    assert result.format == "sigi_state"
    post = result.posts[0]
    assert (post.post_id, post.author, post.likes, post.views) == ("7000000000000000001", "maker", 3, 9)
    assert post.metadata["author_id"] == "6000000000000000001"
    assert result.missing["saves"] == 1 and result.accounts == []


def test_sigi_profile_gives_account_posts_in_order_and_cursor() -> None:
    second = dict(ITEM, id="7000000000000000002")
    state = {
        "ItemModule": {"7000000000000000002": second, "7000000000000000001": ITEM},
        "UserModule": {
            "users": {"maker": {"uniqueId": "maker", "nickname": "Maker", "verified": False}},
            "stats": {"maker": {"followerCount": 10, "followingCount": 2, "heartCount": 30, "videoCount": 2}},
        },
        "UserPage": {"uniqueId": "maker"},
        "ItemList": {
            "user-post": {
                "list": ["7000000000000000002", "7000000000000000001"],
                "hasMore": True,
                "cursor": "1650000000000",
            }
        },
    }
    result = PLATFORM.parse(_sigi(state))
    assert [p.post_id for p in result.posts] == ["7000000000000000002", "7000000000000000001"]
    account = result.accounts[0]
    assert (account.handle, account.followers, account.following, account.likes, account.posts) == (
        "maker",
        10,
        2,
        30,
        2,
    )
    assert (result.next_cursor, result.has_more) == ("1650000000000", True)


def test_sigi_label_is_applied_to_the_page_video() -> None:
    page = _sigi(SIGI_VIDEO)
    body = page.body.replace(b"<html>", b'<html><div data-e2e="sponsored-tag"><p>Paid partnership</p></div>')
    post = PLATFORM.parse(Page(url=page.url, body=body)).posts[0]
    assert post.metadata["labels"] == ["Paid partnership"]
    assert post.metadata["paid_partnership"] is True


@pytest.mark.parametrize("junk", [None, 5, "x", [], {"a": 1}])
def test_sigi_modules_of_wrong_type(junk: object) -> None:
    state = {"ItemModule": junk, "UserModule": junk, "UserPage": junk, "ItemList": junk}
    result = PLATFORM.parse(_sigi(state))
    assert result.posts == [] and result.warnings


def _tile(href: str, alt: str, views: str) -> str:
    return (
        f'<div data-e2e="user-post-item"><a href="{href}"><img alt="{alt}">'
        f'<strong data-e2e="video-views" class="video-count">{views}</strong></a></div>'
    )


def test_grid_tiles_in_another_language_keep_no_guessed_caption() -> None:
    grid = _tile("/@maker/video/7000000000000000003", "Receta #pasta creado por Maker con sonido", "1,2 M")
    result = PLATFORM.parse(
        _universal({"webapp.user-detail": {"userInfo": {"user": {"uniqueId": "maker"}}}}, grid)
    )
    post = result.posts[0]
    assert (post.post_id, post.author, post.url) == (
        "7000000000000000003",
        "maker",
        "https://www.tiktok.com/@maker/video/7000000000000000003",
    )
    assert (post.views, post.approximate) == (1_200_000, ["views"])
    assert post.text == "" and result.missing["text"] == 1


def test_grid_tile_without_link_is_skipped_and_without_views_is_counted() -> None:
    grid = _tile("/foo", "x", "1K") + _tile("/@maker/photo/7000000000000000004", "y", "")
    result = PLATFORM.parse(
        _universal({"webapp.user-detail": {"userInfo": {"user": {"uniqueId": "maker"}}}}, grid)
    )
    assert [p.post_id for p in result.posts] == ["7000000000000000004"]
    assert result.posts[0].views is None and result.missing["views"] == 1
    assert result.posts[0].media_type is None and result.missing["media_type"] == 1
