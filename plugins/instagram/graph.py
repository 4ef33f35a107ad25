"""GraphQL media nodes (profile timeline, post pages) and the profile user, as Posts and an Account."""

from __future__ import annotations

from typing import Any

from plugins.instagram.commerce import read_commerce
from plugins.instagram.media import PLATFORM, fill_metadata, missing_fields
from plugins.instagram.text import hashtags_in, mentions_in
from plugins.instagram.urls import is_shortcode, post_url, shortcode_of
from plugins.instagram.values import as_handle, edge_count, epoch_to_iso
from plugins.post import Account, Post, new_post
from plugins.values import as_bool, as_count, as_dict, as_id, as_text, dig

# __typename -> media_type; newer responses prefix the names with "XDT".
_TYPENAMES = {"GraphImage": "image", "GraphVideo": "video", "GraphSidecar": "carousel"}


def is_node(value: Any) -> bool:
    """Whether a JSON value looks like a GraphQL media node (a shortcode and GraphQL fields)."""
    if not isinstance(value, dict) or not is_shortcode(value.get("shortcode")):
        return False
    return "__typename" in value or "taken_at_timestamp" in value or "edge_media_preview_like" in value


def _media_type(node: dict[str, Any]) -> str | None:
    name = node.get("__typename")
    if isinstance(name, str):
        found = _TYPENAMES.get(name.removeprefix("XDT"))
        if found:
            return found
    if isinstance(node.get("edge_sidecar_to_children"), dict):
        return "carousel"
    video = node.get("is_video")
    return ("video" if video else "image") if isinstance(video, bool) else None


def _caption(node: dict[str, Any]) -> str:
    text = dig(node, "edge_media_to_caption", "edges", 0, "node", "text")
    if not isinstance(text, str):
        text = dig(node, "caption", "text") if isinstance(node.get("caption"), dict) else node.get("caption")
    return text if isinstance(text, str) else ""


def _likes(node: dict[str, Any]) -> int | None:
    likes = edge_count(node, "edge_liked_by")
    return likes if likes is not None else edge_count(node, "edge_media_preview_like")


def _comments(node: dict[str, Any]) -> int | None:
    for key in ("edge_media_to_comment", "edge_media_preview_comment", "edge_media_to_parent_comment"):
        count = edge_count(node, key)
        if count is not None:
            return count
    return None


def _views(node: dict[str, Any]) -> int | None:
    views = as_count(node.get("video_view_count"))
    return views if views is not None else as_count(node.get("video_play_count"))


def node_to_post(
    node: dict[str, Any], followers: dict[str, int] | None = None
) -> tuple[Post, list[str]] | None:
    """The post and its missing fields, or None when the node has no shortcode.

    `followers` maps an author handle to its follower count when the page states it elsewhere.
    """
    code = shortcode_of(node.get("shortcode"))
    if code is None:
        return None
    owner = as_dict(node.get("owner"))
    author = as_handle(owner.get("username"))
    text = _caption(node)
    hidden = node.get("like_and_view_counts_disabled") is True
    commerce = read_commerce(node, author)
    follower_count = edge_count(owner, "edge_followed_by")
    if follower_count is None and author and followers:
        follower_count = followers.get(author)
    metadata = commerce.metadata()
    fill_metadata(metadata, node, as_id(owner.get("id")), follower_count)
    post = new_post(
        PLATFORM,
        code,
        post_url(code, reel=node.get("product_type") == "clips"),
        author=author,
        published_at=epoch_to_iso(node.get("taken_at_timestamp")),
        text=text,
        hashtags=hashtags_in(text),
        mentions=mentions_in(text),
        media_type=_media_type(node),
        views=None if hidden else _views(node),
        likes=None if hidden else _likes(node),
        comments=_comments(node),
        signals=commerce.signals(),
        metadata=metadata,
    )
    return post, missing_fields(post)


def user_account(user: dict[str, Any], handle: str | None = None) -> Account | None:
    """The Account of a GraphQL user object; `handle` stands in when the object lacks its username."""
    name = as_handle(user.get("username")) or handle
    if not name:
        return None
    verified = user.get("is_verified")
    return Account(
        platform=PLATFORM,
        handle=name,
        account_id=as_id(user.get("id")) or as_id(user.get("pk")),
        display_name=as_text(user.get("full_name")),
        followers=edge_count(user, "edge_followed_by"),
        following=edge_count(user, "edge_follow"),
        posts=edge_count(user, "edge_owner_to_timeline_media"),
        verified=as_bool(verified),
    )
