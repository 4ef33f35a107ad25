"""One v1 media object (feed, Reels, explore grid, media info, browser captures) as a Post."""

from __future__ import annotations

from operator import attrgetter
from typing import Any

from plugins.instagram.commerce import read_commerce, tagged_handles
from plugins.instagram.text import hashtags_in, mentions_in
from plugins.instagram.urls import is_shortcode, post_url, shortcode_of
from plugins.instagram.values import as_handle, as_seconds, epoch_to_iso
from plugins.post import Post, new_post
from plugins.values import as_count, as_dict, as_id, as_text, dig

PLATFORM = "instagram"
OPTIONAL: tuple[str, ...] = (
    "author",
    "published_at",
    "media_type",
    "views",
    "likes",
    "comments",
    "shares",
    "saves",
)
# Reels report plays under several names; the first one present wins.
_VIEW_KEYS = ("play_count", "ig_play_count", "view_count", "video_view_count")
_MEDIA_TYPES = {1: "image", 2: "video", 8: "carousel"}
_PRODUCT_TYPES = {"carousel_container": "carousel", "clips": "video", "igtv": "video"}


def is_media(value: Any) -> bool:
    """Whether a JSON value looks like a v1 media object (a shortcode and v1 media fields)."""
    if not isinstance(value, dict) or not is_shortcode(value.get("code")):
        return False
    return "taken_at" in value or "media_type" in value or "pk" in value


_OPTIONAL_VALUES = attrgetter(*OPTIONAL)


def missing_fields(post: Post) -> list[str]:
    """The optional fields a post lacks."""
    return [name for name, value in zip(OPTIONAL, _OPTIONAL_VALUES(post), strict=True) if value is None]


def media_type_of(media: dict[str, Any]) -> str | None:
    """image, video or carousel from product_type (feed/clips/carousel_container) or media_type 1/2/8."""
    product = media.get("product_type")
    if isinstance(product, str) and product in _PRODUCT_TYPES:
        return _PRODUCT_TYPES[product]
    kind = media.get("media_type")
    return _MEDIA_TYPES.get(kind) if isinstance(kind, int) and not isinstance(kind, bool) else None


def _views(media: dict[str, Any]) -> int | None:
    for key in _VIEW_KEYS:
        value = as_count(media.get(key))
        if value is not None:
            return value
    return None


def media_id(media: dict[str, Any]) -> str | None:
    """The numeric media id; strings are exact, numbers come last as JavaScript may have rounded them."""
    raw, pk = media.get("id"), media.get("pk")
    if isinstance(raw, str) and "_" in raw:  # "<media pk>_<owner pk>"
        raw = raw.split("_", 1)[0]
    for value in (raw, pk):
        if isinstance(value, str) and as_id(value):
            return as_id(value)
    return as_id(pk) or as_id(raw)


def caption_text(media: dict[str, Any]) -> str:
    """The caption text ("" when the caption is null or damaged)."""
    text = dig(media, "caption", "text")
    return text if isinstance(text, str) else ""


def media_to_post(media: dict[str, Any]) -> tuple[Post, list[str]] | None:
    """The post and its missing fields, or None when the object has no shortcode."""
    code = shortcode_of(media.get("code"))
    if code is None:
        return None
    user = as_dict(media.get("user")) or as_dict(media.get("owner"))
    author = as_handle(user.get("username")) or as_handle(dig(media, "owner", "username"))
    text = caption_text(media)
    media_type = media_type_of(media)
    hidden = media.get("like_and_view_counts_disabled") is True
    commerce = read_commerce(media, author)
    author_id = as_id(user.get("pk")) or as_id(user.get("id")) or as_id(dig(media, "owner", "id"))
    metadata = commerce.metadata()
    fill_metadata(metadata, media, author_id, as_count(user.get("follower_count")))
    post = new_post(
        PLATFORM,
        code,
        post_url(code, reel=media.get("product_type") == "clips"),
        author=author,
        published_at=epoch_to_iso(media.get("taken_at")),
        text=text,
        hashtags=hashtags_in(text),
        mentions=mentions_in(text),
        media_type=media_type,
        # Hidden counters: the number beside the flag is a placeholder, not the count.
        views=None if hidden else _views(media),
        likes=None if hidden else as_count(media.get("like_count")),
        comments=as_count(media.get("comment_count")),
        # The author can hide the share count; the number beside the flag is then not the count.
        shares=None if media.get("share_count_disabled") is True else as_count(media.get("share_count")),
        signals=commerce.signals(),
        metadata=metadata,
    )
    return post, missing_fields(post)


def fill_metadata(
    meta: dict[str, Any], media: dict[str, Any], author_id: str | None, followers: int | None
) -> None:
    """Add the facts every media format states alike: ids, followers, duration, tags, hidden counts."""
    if author_id:
        meta["author_id"] = author_id
    if followers is not None:
        meta["author_followers"] = followers
    native = media_id(media)
    if native:
        meta["media_id"] = native
    duration = as_seconds(media.get("video_duration"))
    if duration is not None:
        meta["duration"] = duration
    tagged = tagged_handles(media)
    if tagged:
        meta["tagged"] = tagged
    if media.get("like_and_view_counts_disabled") is True:
        meta["counts_hidden"] = True
    product = as_text(media.get("product_type"))
    if product:
        meta["product_type"] = product
