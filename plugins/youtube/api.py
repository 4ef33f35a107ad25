"""YouTube Data API v3 list responses (videos.list, search.list): exact statistics as strings."""

from __future__ import annotations

from typing import Any

from plugins.platform import ParseResult
from plugins.post import Post, Signal, new_post
from plugins.values import as_count, as_dict, as_list, as_text, dig
from plugins.youtube.text import hashtags, mentions
from plugins.youtube.values import as_video_id, duration_seconds, to_utc
from plugins.youtube.watch import OPTIONAL, PLATFORM, compose_text, post_url

_STATISTICS = (("viewCount", "views"), ("likeCount", "likes"), ("commentCount", "comments"))


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


def item_post(item: dict[str, Any]) -> tuple[Post, list[str]] | None:
    """One API video item as a Post (None for channels and playlists in search results)."""
    video_id = _video_id(item)
    if video_id is None:
        return None
    snippet = as_dict(item.get("snippet"))
    stats = as_dict(item.get("statistics"))
    title = as_text(snippet.get("title"))
    text = compose_text(title, as_text(snippet.get("description")))
    live = snippet.get("liveBroadcastContent") in ("live", "upcoming") or isinstance(
        item.get("liveStreamingDetails"), dict
    )
    paid = dig(item, "paidProductPlacementDetails", "hasPaidProductPlacement") is True
    post = new_post(
        PLATFORM,
        video_id,
        post_url(video_id, False),
        author=None,
        published_at=to_utc(snippet.get("publishedAt")),
        text=text,
        hashtags=hashtags(text),
        mentions=mentions(text),
        media_type="live" if live else "video",
        signals=[Signal("platform_label", "hasPaidProductPlacement=true", "metadata", 1.0)] if paid else [],
    )
    for key, name in _STATISTICS:
        setattr(post, name, as_count(stats.get(key)))
    meta: dict[str, Any] = {
        "title": title,
        "author_id": as_text(snippet.get("channelId")),
        "author_name": as_text(snippet.get("channelTitle")),
        "duration": duration_seconds(dig(item, "contentDetails", "duration")),
        "language": as_text(snippet.get("defaultAudioLanguage")) or as_text(snippet.get("defaultLanguage")),
        "paid_partnership": True if paid else None,
    }
    post.metadata = {k: v for k, v in meta.items() if v is not None}
    return post, [name for name in OPTIONAL if getattr(post, name) is None]


def parse_api(data: dict[str, Any]) -> ParseResult:
    """Posts of a Data API list response, with its page token as the cursor."""
    result = ParseResult(format="data_api")
    for item in as_list(data.get("items")):
        if isinstance(item, dict) and (converted := item_post(item)):
            result.add(converted[0], missing=converted[1])
    token = as_text(data.get("nextPageToken"))
    result.next_cursor = token
    result.has_more = token is not None
    return result
