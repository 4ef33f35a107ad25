"""TikTok-shaped bodies: video pages (`__UNIVERSAL_DATA_FOR_REHYDRATION__` + rendered labels), profile
shells and the `/api/.../item_list` and `/api/search/item/full` JSON the web app fetches."""

from __future__ import annotations

import html
from typing import Any

import orjson

from sandbox.model import Account, Post

_I18N = {
    "Webapp": {
        "bc_new_disclosure": "Paid partnership",
        "tcm_closedLoop_commercialContent_brandOrganic_videoTag": "Promotional content",
    }
}


def _author(account: Account) -> dict[str, Any]:
    return {
        "id": account.account_id,
        "uniqueId": account.handle,
        "nickname": account.name,
        "verified": False,
        "secUid": f"MS4wLjABAAAA{account.account_id}",
    }


def item(post: Post) -> dict[str, Any]:
    """The itemStruct of a post, as the web app's JSON carries it."""
    c = post.counters
    extra: list[dict[str, Any]] = [
        {"hashtagName": tag, "type": 1, "isCommerce": False, "userUniqueId": ""} for tag in post.tags
    ]
    extra += [{"hashtagName": "", "type": 0, "isCommerce": False, "userUniqueId": m} for m in post.mentions]
    data: dict[str, Any] = {
        "id": post.post_id,
        "desc": post.text,
        "createTime": str(post.timestamp),
        "video": {"id": post.post_id, "height": 1024, "width": 576, "duration": 21},
        "author": _author(post.account),
        "challenges": [{"id": str(i), "title": t, "isCommerce": False} for i, t in enumerate(post.tags)],
        "stats": {
            "diggCount": c["likes"],
            "shareCount": c["shares"],
            "commentCount": c["comments"],
            "playCount": c["views"],
            "collectCount": str(c["saves"]),
        },
        "statsV2": {
            "diggCount": str(c["likes"]),
            "shareCount": str(c["shares"]),
            "commentCount": str(c["comments"]),
            "playCount": str(c["views"]),
            "collectCount": str(c["saves"]),
            "repostCount": "0",
        },
        "textExtra": extra,
        "isAd": False,
        "adLabelVersion": 2,
        "authorStats": {"followerCount": post.account.followers},
        "authorStatsV2": {"followerCount": str(post.account.followers)},
        "textLanguage": post.language,
    }
    if post.disclosure == "label":
        data["brandOrganicType"] = 1
    return data


def _universal(scope: dict[str, Any]) -> str:
    data = {
        "__DEFAULT_SCOPE__": {
            "webapp.app-context": {"language": "en"},
            "webapp.i18n-translation": _I18N,
            **scope,
        }
    }
    payload = orjson.dumps(data).decode().replace("</", "<\\/")
    return f'<script id="__UNIVERSAL_DATA_FOR_REHYDRATION__" type="application/json">{payload}</script>'


def video_page(post: Post) -> bytes:
    """The video page of a post, with the rendered "Paid partnership" tag when the platform labels it."""
    data = item(post)
    data.pop("brandOrganicType", None)  # the page shows the label in the DOM, not as a flag
    tag = ""
    if post.disclosure == "label":
        tag = (
            '<div class="css-3fgk4e-DivItemTagsContainer"><div data-e2e="sponsored-tag" '
            'data-tux-color-scheme="light" class="small css-1i0fajg-TagChipContainer">'
            '<p class="TUXText css-1769cnk-StyledTUXText" style="font-size: 12px;">Paid partnership</p>'
            "</div></div>"
        )
    desc = html.escape(post.text)
    scope = {
        "webapp.video-detail": {
            "itemInfo": {"itemStruct": data},
            "shareMeta": {"title": f"{post.account.name} on TikTok"},
            "statusCode": 0,
            "statusMsg": "",
        }
    }
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f'<title>{desc[:40]} | TikTok</title></head><body><div id="app">'
        '<article id="one-column-item-0" data-scroll-index="0" data-e2e="recommend-list-item-container">'
        f'<section id="media-card-0" data-e2e="feed-video"><div id="xgwrapper-0-{post.post_id}" '
        'class="xgplayer-container tiktok-web-player"></div>'
        f'<div data-e2e="video-desc"><span data-e2e="desc-span-0_-1">{desc}</span></div>{tag}'
        "</section></article></div>"
        f"{_universal(scope)}</body></html>"
    ).encode()


def profile_scope(account: Account, video_count: int) -> dict[str, Any]:
    """The `webapp.user-detail` scope of a profile page (its item list stays empty: the app fetches it)."""
    return {
        "webapp.user-detail": {
            "userInfo": {
                "user": {**_author(account), "signature": "", "privateAccount": False},
                "stats": {"followerCount": account.followers, "videoCount": video_count, "heartCount": 0},
                "statsV2": {"followerCount": str(account.followers), "videoCount": str(video_count)},
                "itemList": [],
            },
            "statusCode": 0,
            "statusMsg": "",
        }
    }


def embedded(scope: dict[str, Any]) -> str:
    """The rehydration script of a page scope."""
    return _universal(scope)


def item_list(posts: list[Post], cursor: int, has_more: bool) -> bytes:
    """An `/api/post/item_list` (or challenge item_list) response."""
    return orjson.dumps(
        {
            "cursor": str(cursor),
            "extra": {"fatal_item_ids": [], "logid": "20251120120000SANDBOX"},
            "hasMore": has_more,
            "itemList": [item(p) for p in posts],
            "log_pb": {"impr_id": "20251120120000SANDBOX"},
            "statusCode": 0,
            "status_code": 0,
            "status_msg": "",
        }
    )


def search_full(posts: list[Post], cursor: int, has_more: bool) -> bytes:
    """An `/api/search/item/full` response."""
    return orjson.dumps(
        {
            "backtrace": "",
            "cursor": cursor,
            "data": [{"type": 1, "item": item(p)} for p in posts],
            "has_more": 1 if has_more else 0,
            "status_code": 0,
        }
    )
