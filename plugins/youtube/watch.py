"""One video as a Post, from a player response and/or the watch-next data beside it (page or InnerTube).

Works with either half missing: a /player response alone, a /next response alone, a watch page with
both, a Shorts page or /reel/reel_item_watch response (reel overlay + engagement panels + playerResponse).
"""

from __future__ import annotations

from typing import Any

from plugins.post import Post, Signal, new_post
from plugins.values import as_count, as_dict, as_list, as_text, dig
from plugins.youtube import counts, owner, reel
from plugins.youtube.counts import Best
from plugins.youtube.dates import date_from_text
from plugins.youtube.disclosure import has_player_ads, overlay_texts
from plugins.youtube.text import description_links, hashtags, mentions
from plugins.youtube.values import as_video_id, duration_seconds, text_count, text_of, to_utc

PLATFORM = "youtube"
OPTIONAL: tuple[str, ...] = ("author", "published_at", "views", "likes", "comments", "shares", "saves")
SHORTS_MAX_SECONDS = 180


def post_url(video_id: str, short: bool) -> str:
    """The canonical URL of a video or a Short."""
    if short:
        return f"https://www.youtube.com/shorts/{video_id}"
    return f"https://www.youtube.com/watch?v={video_id}"


def compose_text(title: str | None, description: str | None) -> str:
    """The post text: the title, a blank line, the description (either may be absent)."""
    return "\n\n".join(part for part in (title, description) if part)


def _video_id(player: Any, data: Any, page_id: str | None) -> str | None:
    return (
        as_video_id(dig(player, "videoDetails", "videoId"))
        or as_video_id(dig(data, "currentVideoEndpoint", "watchEndpoint", "videoId"))
        or as_video_id(dig(data, "replacementEndpoint", "reelWatchEndpoint", "videoId"))
        or as_video_id(dig(player, "microformat", "playerMicroformatRenderer", "externalVideoId"))
        or page_id
    )


def _description(player: Any, secondary: dict[str, Any], header: dict[str, Any]) -> tuple[str | None, Any]:
    """The description text and the structured object its links are read from."""
    structured = secondary.get("attributedDescription") or secondary.get("description")
    text = as_text(dig(player, "videoDetails", "shortDescription"))
    text = text or text_of(structured)
    if structured is None:
        body = dig(header, "attributedDescriptionBodyText")
        structured = body if isinstance(body, dict) else None
    text = text or text_of(dig(player, "microformat", "playerMicroformatRenderer", "description"))
    return text, structured


def _views(player: Any, primary: dict[str, Any], factoid_views: Any) -> Any:
    best = Best()
    best.offer(_exact(dig(player, "videoDetails", "viewCount")))
    best.offer(_exact(dig(player, "microformat", "playerMicroformatRenderer", "viewCount")))
    renderer = as_dict(dig(primary, "viewCount", "videoViewCountRenderer"))
    if renderer.get("isLive") is not True:
        best.offer(text_count(renderer.get("viewCount")))
        best.offer(factoid_views)
        best.offer(text_count(renderer.get("shortViewCount")))
    return best.value


def _exact(value: Any) -> tuple[int, bool] | None:
    number = as_count(value)
    return None if number is None else (number, False)


def _likes(player: Any, data: Any, primary: dict[str, Any], factoid_likes: Any) -> Any:
    best = Best()
    best.offer(_exact(dig(player, "microformat", "playerMicroformatRenderer", "likeCount")))
    mutations = as_list(dig(data, "frameworkUpdates", "entityBatchUpdate", "mutations"))
    counts.like_buttons(
        as_list(dig(primary, "videoActions", "menuRenderer", "topLevelButtons")), mutations, best
    )
    reel.like_counts(data, best)
    best.offer(factoid_likes)
    return best.value


def _published(
    player: Any, primary: dict[str, Any], header: dict[str, Any], factoid_day: str | None
) -> str | None:
    micro = dig(player, "microformat", "playerMicroformatRenderer")
    return (
        to_utc(dig(micro, "publishDate"))
        or to_utc(dig(micro, "uploadDate"))
        or to_utc(dig(micro, "liveBroadcastDetails", "startTimestamp"))
        or date_from_text(text_of(primary.get("dateText")))
        or date_from_text(text_of(header.get("publishDate")))
        or factoid_day
    )


def _is_live(player: Any, primary: dict[str, Any]) -> bool:
    details = dig(player, "videoDetails")
    return (
        dig(details, "isLiveContent") is True
        or dig(details, "isLive") is True
        or isinstance(dig(player, "microformat", "playerMicroformatRenderer", "liveBroadcastDetails"), dict)
        or dig(primary, "viewCount", "videoViewCountRenderer", "isLive") is True
    )


def _media_type(
    player: Any, data: Any, primary: dict[str, Any], duration: int | None, shorts_url: bool
) -> str:
    too_long = duration is not None and duration > SHORTS_MAX_SECONDS
    if (shorts_url or reel.is_reel(data)) and not too_long:
        return "short"
    if _is_live(player, primary):
        return "live"
    return "video"


def build(
    player: Any, data: Any, page_id: str | None = None, shorts_url: bool = False
) -> tuple[Post, list[str]] | None:
    """The video a player response and/or watch-next data describe, with its missing fields; None if no id."""
    video_id = _video_id(player, data, page_id)
    if video_id is None:
        return None
    primary = counts.renderer(data, "videoPrimaryInfoRenderer")
    secondary = counts.renderer(data, "videoSecondaryInfoRenderer")
    header = counts.description_header(data)
    factoid_likes, factoid_views, factoid_day = counts.factoids(header)
    details = as_dict(dig(player, "videoDetails"))
    micro = as_dict(dig(player, "microformat", "playerMicroformatRenderer"))

    who = owner.from_player(player).merge(
        owner.from_video_owner(dig(secondary, "owner", "videoOwnerRenderer"))
    )
    who = who.merge(reel.owner_of(data))
    title = as_text(details.get("title")) or text_of(primary.get("title")) or reel.title_of(data)
    title = title or text_of(header.get("title")) or text_of(micro.get("title"))
    description, structured = _description(player, secondary, header)
    text = compose_text(title, description)
    duration = duration_seconds(details.get("lengthSeconds")) or duration_seconds(micro.get("lengthSeconds"))
    media_type = _media_type(player, data, primary, duration, shorts_url)
    # A scheduled stream or premiere has not happened: its "0" views are not a count yet, and a stream's
    # "0" length (scheduled or on air) is not a length.
    upcoming = details.get("isUpcoming") is True
    if duration == 0 and (upcoming or media_type == "live"):
        duration = None

    views = None if upcoming else _views(player, primary, factoid_views) or reel.view_count(data, header)
    likes = _likes(player, data, primary, factoid_likes)
    comments = counts.comment_count(data) or reel.comment_count(data)
    found = overlay_texts(player, data)
    post = new_post(
        PLATFORM,
        video_id,
        post_url(video_id, media_type == "short"),
        author=who.handle,
        published_at=_published(player, primary, header, factoid_day) or reel.published_of(data),
        text=text,
        hashtags=hashtags(text),
        mentions=mentions(text),
        media_type=media_type,
        views=views[0] if views else None,
        likes=likes[0] if likes else None,
        comments=comments[0] if comments else None,
        approximate=[
            n for n, c in (("views", views), ("likes", likes), ("comments", comments)) if c and c[1]
        ],
        signals=[
            Signal("platform_label", label, "label", 1.0, {"position": "player_overlay"})
            for label in found.labels
        ],
    )
    meta: dict[str, Any] = {
        "title": title,
        "author_id": who.channel_id,
        "author_name": who.name,
        "author_followers": who.followers,
        "coauthors": who.coauthors,
        "duration": duration,
        "category": as_text(micro.get("category")),
        "links": description_links(structured),
        "labels": found.labels,
        "notices": found.notices,
    }
    if found.labels:
        meta["paid_partnership"] = True
    if has_player_ads(player):
        meta["has_player_ads"] = True
    if upcoming:
        meta["upcoming"] = True
        meta["scheduled_start"] = to_utc(dig(micro, "liveBroadcastDetails", "startTimestamp"))
    post.metadata = {k: v for k, v in meta.items() if v not in (None, [], "")}
    missing = [name for name in OPTIONAL if getattr(post, name) is None]
    return post, [name for name in missing if name != "views"] if upcoming else missing
