"""Instagram-shaped bodies: web_profile_info JSON (first posts + end_cursor), the web app's GraphQL timeline
query, and legacy post pages with `window._sharedData`."""

from __future__ import annotations

import hashlib
from typing import Any

import orjson

from sandbox.model import Account, Post


def _pk(post: Post) -> str:
    """A stable numeric media id for a shortcode."""
    return str(int(hashlib.sha1(post.post_id.encode()).hexdigest()[:15], 16))


def _owner(account: Account) -> dict[str, Any]:
    return {"id": account.account_id, "username": account.handle}


def node(post: Post) -> dict[str, Any]:
    """A GraphVideo/GraphImage node of a post (as profile JSON and post pages carry it)."""
    c = post.counters
    video = post.media_type == "video"
    data: dict[str, Any] = {
        "__typename": "GraphVideo" if video else "GraphImage",
        "id": _pk(post),
        "shortcode": post.post_id,
        "owner": _owner(post.account),
        "is_video": video,
        "edge_media_to_caption": {"edges": [{"node": {"text": post.text}}]},
        "edge_media_to_comment": {"count": c["comments"]},
        "comments_disabled": False,
        "taken_at_timestamp": post.timestamp,
        "edge_media_preview_like": {"count": c["likes"]},
        "edge_liked_by": {"count": c["likes"]},
        "coauthor_producers": [],
    }
    if video:
        data["video_view_count"] = c["views"]
        data["product_type"] = "clips"
    if post.disclosure == "label":
        data["is_paid_partnership"] = True
        data["edge_media_to_sponsor_user"] = {
            "edges": [{"node": {"sponsor": {"id": "1", "username": post.brand or "brand"}}}]
        }
    return data


def web_profile_info(account: Account, posts: list[Post], total: int, cursor: str | None) -> bytes:
    """`/api/v1/users/web_profile_info/?username=`: the profile and its first posts."""
    user = {
        "biography": "",
        "full_name": account.name,
        "id": account.account_id,
        "username": account.handle,
        "is_verified": False,
        "is_private": False,
        "edge_followed_by": {"count": account.followers},
        "edge_follow": {"count": 100},
        "edge_owner_to_timeline_media": {
            "count": total,
            "page_info": {"has_next_page": cursor is not None, "end_cursor": cursor},
            "edges": [{"node": node(p)} for p in posts],
        },
    }
    return orjson.dumps({"data": {"user": user}, "status": "ok"})


def _media(post: Post) -> dict[str, Any]:
    c = post.counters
    video = post.media_type == "video"
    owner = {"pk": post.account.account_id, "id": post.account.account_id, "username": post.account.handle}
    data: dict[str, Any] = {
        "code": post.post_id,
        "pk": _pk(post),
        "id": f"{_pk(post)}_{post.account.account_id}",
        "caption": {"text": post.text},
        "taken_at": post.timestamp,
        "media_type": 2 if video else 1,
        "product_type": "clips" if video else "feed",
        "like_count": c["likes"],
        "comment_count": c["comments"],
        "like_and_view_counts_disabled": False,
        "is_paid_partnership": post.disclosure == "label",
        "sponsor_tags": [{"sponsor": {"username": post.brand}}] if post.disclosure == "label" else None,
        "coauthor_producers": [],
        "user": owner,
        "owner": owner,
        "__typename": "XDTMediaDict",
    }
    if video:
        data["play_count"] = c["views"]
    return data


def timeline_query(posts: list[Post], cursor: str | None) -> bytes:
    """The GraphQL user-timeline response the profile page fetches while scrolling."""
    edges = [{"node": _media(p), "cursor": p.post_id, "__typename": "XDTMediaDictEdge"} for p in posts]
    return orjson.dumps(
        {
            "data": {
                "xdt_api__v1__feed__user_timeline_graphql_connection": {
                    "edges": edges,
                    "page_info": {"end_cursor": cursor, "has_next_page": cursor is not None},
                }
            },
            "extensions": {"is_final": True},
        }
    )


def post_page(post: Post) -> bytes:
    """A post page with `window._sharedData` (the legacy server-side form)."""
    shared = {
        "config": {"viewer": None, "viewerId": None},
        "entry_data": {"PostPage": [{"graphql": {"shortcode_media": node(post)}}]},
    }
    payload = orjson.dumps(shared).decode().replace("</", "<\\/")
    return (
        '<!DOCTYPE html><html lang="en" class="no-js not-logged-in client-root"><head><meta charset="utf-8">'
        f"<title>{post.account.name} on Instagram</title>"
        f'<link rel="canonical" href="https://www.instagram.com/p/{post.post_id}/"></head>'
        '<body><span id="react-root"></span>'
        f'<script type="text/javascript">window._sharedData = {payload};</script></body></html>'
    ).encode()
