"""YouTube Data API v3 list responses (videos.list, search.list): exact statistics as strings."""

from __future__ import annotations

import html
from typing import Any

from plugins.platform import ParseResult
from plugins.post import Post, Signal, new_post
from plugins.values import as_count, as_dict, as_list, as_text, dig
from plugins.youtube.text import hashtags, mentions
from plugins.youtube.values import as_video_id, duration_seconds, to_utc
from plugins.youtube.watch import OPTIONAL, PLATFORM, compose_text, post_url

_STATISTICS = (("viewCount", "views"), ("likeCount", "likes"), ("commentCount", "comments"))
# The item kind of each list response, for items that do not say theirs.
_ITEM_KINDS = {
    "youtube#searchListResponse": "youtube#searchResult",
    "youtube#playlistItemListResponse": "youtube#playlistItem",
}
_PLAYLIST_ITEM = "youtube#playlistItem"


def is_api_response(data: Any) -> bool:
    """Whether a JSON object is a Data API v3 list response ("kind": "youtube#...ListResponse")."""
    kind = dig(data, "kind")
    return isinstance(kind, str) and kind.startswith("youtube#") and kind.endswith("ListResponse")


def _video_id(item: dict[str, Any]) -> str | None:
    raw = item.get("id")
    return (
        as_video_id(raw)
        or as_video_id(dig(raw, "videoId"))
        or as_video_id(dig(item, "snippet", "resourceId", "videoId"))
    )


def _snippet_text(snippet: dict[str, Any], key: str, kind: str | None) -> str | None:
    # search.list escapes HTML in titles and descriptions ("World&#39;s best"); videos.list does not.
    text = as_text(snippet.get(key))
    return html.unescape(text) if text and kind == "youtube#searchResult" and "&" in text else text


def _uploaded_at(item: dict[str, Any], snippet: dict[str, Any], kind: str | None) -> str | None:
    # A playlist item's snippet.publishedAt is when it was added to the playlist, not the upload.
    if kind == _PLAYLIST_ITEM:
        return to_utc(dig(item, "contentDetails", "videoPublishedAt"))
    return to_utc(snippet.get("publishedAt"))


def _channel(snippet: dict[str, Any], kind: str | None) -> tuple[str | None, str | None]:
    # A playlist item's channelId is the playlist owner's; the video's channel is videoOwnerChannel*.
    if kind == _PLAYLIST_ITEM:
        return as_text(snippet.get("videoOwnerChannelId")), as_text(snippet.get("videoOwnerChannelTitle"))
    return as_text(snippet.get("channelId")), as_text(snippet.get("channelTitle"))


def item_post(item: dict[str, Any], list_kind: str | None = None) -> tuple[Post, list[str]] | None:
    """One API video item as a Post (None for channels and playlists in search results)."""
    video_id = _video_id(item)
    if video_id is None:
        return None
    kind = as_text(item.get("kind")) or _ITEM_KINDS.get(list_kind or "")
    snippet = as_dict(item.get("snippet"))
    stats = as_dict(item.get("statistics"))
    title = _snippet_text(snippet, "title", kind)
    text = compose_text(title, _snippet_text(snippet, "description", kind))
    live = snippet.get("liveBroadcastContent") in ("live", "upcoming") or isinstance(
        item.get("liveStreamingDetails"), dict
    )
    paid = dig(item, "paidProductPlacementDetails", "hasPaidProductPlacement") is True
    post = new_post(
        PLATFORM,
        video_id,
        post_url(video_id, False),
        author=None,
        published_at=_uploaded_at(item, snippet, kind),
        text=text,
        hashtags=hashtags(text),
        mentions=mentions(text),
        media_type="live" if live else "video",
        signals=[Signal("platform_label", "hasPaidProductPlacement=true", "metadata", 1.0)] if paid else [],
    )
    for key, name in _STATISTICS:
        setattr(post, name, as_count(stats.get(key)))
    author_id, author_name = _channel(snippet, kind)
    meta: dict[str, Any] = {
        "title": title,
        "author_id": author_id,
        "author_name": author_name,
        "duration": duration_seconds(dig(item, "contentDetails", "duration")),
        "language": as_text(snippet.get("defaultAudioLanguage")) or as_text(snippet.get("defaultLanguage")),
        "paid_partnership": True if paid else None,
    }
    post.metadata = {k: v for k, v in meta.items() if v is not None}
    return post, [name for name in OPTIONAL if getattr(post, name) is None]


def parse_api(data: dict[str, Any]) -> ParseResult:
    """Posts of a Data API list response, with its page token as the cursor."""
    result = ParseResult(format="data_api")
    list_kind = as_text(data.get("kind"))
    for item in as_list(data.get("items")):
        if isinstance(item, dict) and (converted := item_post(item, list_kind)):
            result.add(converted[0], missing=converted[1])
    token = as_text(data.get("nextPageToken"))
    result.next_cursor = token
    result.has_more = token is not None
    return result
