"""Video tiles of listings (channel tabs, search results, hashtag pages, their continuations) as Posts.

Tile kinds: videoRenderer, gridVideoRenderer, reelItemRenderer, shortsLockupViewModel, lockupViewModel
and a channel's featured channelVideoPlayerRenderer. Tiles give views only (often abbreviated) and a
relative age ("13 days ago"), which is not a date: published_at stays None.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from plugins.post import Post, new_post
from plugins.values import as_dict, as_list, as_text, dig
from plugins.youtube.counts import Count
from plugins.youtube.owner import Owner, from_byline
from plugins.youtube.text import hashtags, mentions
from plugins.youtube.values import as_video_id, duration_seconds, text_count, text_of
from plugins.youtube.watch import OPTIONAL, PLATFORM, post_url

# Words of a "N views" text in the interface languages (lowercase stems); a tile's other texts are ages.
VIEW_WORDS: tuple[str, ...] = (
    "view", "vue", "aufruf", "visualiz", "weergave", "visning", "wyświetle", "просмотр",
    "görüntüleme", "visualizaç", "回視聴", "조회수", "次观看", "次觀看", "visite",
)  # fmt: skip
_LIVE_STYLES = ("LIVE", "BADGE_STYLE_TYPE_LIVE_NOW", "THUMBNAIL_OVERLAY_BADGE_STYLE_LIVE")
_SHELF_ITEM = "shorts-shelf-item-"
# What a tile post lacks besides its author (tiles give no date, likes, comments, shares or saves),
# in OPTIONAL's order ("author" comes first), with and without views.
_LACKING = [name for name in OPTIONAL if name != "author"]
_LACKING_WITH_VIEWS = [name for name in _LACKING if name != "views"]
_CONTAINERS = (
    "richItemRenderer",
    "richSectionRenderer",
    "itemSectionRenderer",
    "shelfRenderer",
    "reelShelfRenderer",
    "gridShelfViewModel",  # search results since 2025: a grid of shortsLockupViewModel
)


@dataclass(slots=True)
class Tile:
    """What one listing tile says about a video."""

    video_id: str
    title: str | None = None
    views: Count | None = None
    duration: int | None = None
    short: bool = False
    live: bool = False
    owner: Owner | None = None


def _views_in_parts(parts: list[str]) -> Count | None:
    for part in parts:
        low = part.lower()
        if any(word in low for word in VIEW_WORDS):
            return text_count(part)
    return None


def _overlay_flags(overlays: Any) -> tuple[int | None, bool, bool]:
    """(duration, short, live) from thumbnailOverlays of classic renderers."""
    duration, short, live = None, False, False
    for item in as_list(overlays):
        status = dig(item, "thumbnailOverlayTimeStatusRenderer")
        if not isinstance(status, dict):
            continue
        style = status.get("style")
        short = short or style == "SHORTS"
        live = live or style == "LIVE"
        duration = duration or duration_seconds(text_of(status.get("text")))
    return duration, short, live


def _badges_live(badges: Any) -> bool:
    return any(dig(b, "metadataBadgeRenderer", "style") in _LIVE_STYLES for b in as_list(badges))


def _classic(renderer: dict[str, Any], reel_item: bool = False) -> Tile | None:
    """videoRenderer, gridVideoRenderer, reelItemRenderer and channelVideoPlayerRenderer tiles."""
    video_id = as_video_id(renderer.get("videoId"))
    if video_id is None:
        return None
    duration, short, live = _overlay_flags(renderer.get("thumbnailOverlays"))
    endpoint = as_dict(renderer.get("navigationEndpoint"))
    url = dig(endpoint, "commandMetadata", "webCommandMetadata", "url")
    short = (
        short or reel_item or "reelWatchEndpoint" in endpoint or (isinstance(url, str) and "/shorts/" in url)
    )
    view_text = renderer.get("viewCountText")
    words = (text_of(view_text) or "").lower()
    live = live or _badges_live(renderer.get("badges")) or "watching" in words
    views = None if live else text_count(view_text) or text_count(renderer.get("shortViewCountText"))
    byline = renderer.get("ownerText") or renderer.get("longBylineText") or renderer.get("shortBylineText")
    return Tile(
        video_id=video_id,
        title=text_of(renderer.get("title")) or text_of(renderer.get("headline")),
        views=views,
        duration=duration or duration_seconds(text_of(renderer.get("lengthText"))),
        short=short,
        live=live,
        owner=from_byline(byline) if byline else None,
    )


def _shorts_lockup(model: dict[str, Any]) -> Tile | None:
    video_id = as_video_id(dig(model, "onTap", "innertubeCommand", "reelWatchEndpoint", "videoId"))
    if video_id is None:
        entity = as_text(model.get("entityId")) or ""
        if entity.startswith(_SHELF_ITEM):
            video_id = as_video_id(entity[len(_SHELF_ITEM) :])
        if video_id is None:
            return None
    meta = as_dict(model.get("overlayMetadata"))
    views = text_count(dig(meta, "secondaryText", "content"))
    if views is None:
        spoken = as_text(model.get("accessibilityText"))
        if spoken and ", " in spoken:
            views = text_count(spoken.rsplit(", ", 1)[-1])
    # Positional: video_id, title, views, duration, short (keywords cost a dict per tile).
    return Tile(video_id, text_of(dig(meta, "primaryText")), views, None, True)


def _lockup(model: dict[str, Any]) -> Tile | None:
    if model.get("contentType") not in ("LOCKUP_CONTENT_TYPE_VIDEO", None):
        return None
    video_id = as_video_id(model.get("contentId"))
    if video_id is None:
        return None
    meta = as_dict(dig(model, "metadata", "lockupMetadataViewModel"))
    rows = as_list(dig(meta, "metadata", "contentMetadataViewModel", "metadataRows"))
    parts = [
        text
        for row in rows
        for part in as_list(dig(row, "metadataParts"))
        if (text := text_of(dig(part, "text")))
    ]
    duration, live = None, False
    for item in as_list(dig(model, "contentImage", "thumbnailViewModel", "overlays")):
        for badge in as_list(dig(item, "thumbnailBottomOverlayViewModel", "badges")):
            badge = as_dict(dig(badge, "thumbnailBadgeViewModel"))
            live = live or badge.get("badgeStyle") in _LIVE_STYLES
            duration = duration or duration_seconds(badge.get("text"))
    url = dig(
        model,
        "rendererContext",
        "commandContext",
        "onTap",
        "innertubeCommand",
        "commandMetadata",
        "webCommandMetadata",
        "url",
    )
    return Tile(
        video_id=video_id,
        title=text_of(meta.get("title")),
        views=None if live else _views_in_parts(parts),
        duration=duration,
        short=isinstance(url, str) and "/shorts/" in url,
        live=live,
    )


_TILE_KEYS = frozenset(
    {
        "videoRenderer",
        "gridVideoRenderer",
        "channelVideoPlayerRenderer",
        "reelItemRenderer",
        "shortsLockupViewModel",
        "lockupViewModel",
    }
)
_CONTAINER_KEYS = frozenset({*_CONTAINERS, "gridRenderer"})


def tile_of(item: dict[str, Any]) -> Tile | None:
    """The tile a listing entry holds (after unwrapping richItemRenderer.content), or None."""
    if _TILE_KEYS.isdisjoint(item):  # containers (rich items, shelves, sections): no tile here
        return None
    for key in ("videoRenderer", "gridVideoRenderer", "channelVideoPlayerRenderer"):
        found = item.get(key)
        if isinstance(found, dict):
            return _classic(found)
    found = item.get("reelItemRenderer")
    if isinstance(found, dict):
        return _classic(found, reel_item=True)
    found = item.get("shortsLockupViewModel")
    if isinstance(found, dict):
        return _shorts_lockup(found)
    found = item.get("lockupViewModel")
    if isinstance(found, dict):
        return _lockup(found)
    return None


def _children(item: dict[str, Any]) -> list[Any]:
    """The entries nested in a container entry (shelves, sections, rich items)."""
    rich = dig(item, "richItemRenderer", "content")
    if isinstance(rich, dict):
        return [rich]
    shelf = as_dict(
        item.get("shelfRenderer") or dig(item, "richSectionRenderer", "content", "richShelfRenderer")
    )
    content = as_dict(shelf.get("content"))
    for key in (
        "horizontalListRenderer",
        "verticalListRenderer",
        "expandedShelfContentsRenderer",
        "gridRenderer",
    ):
        items = dig(content, key, "items")
        if isinstance(items, list):
            return items
    if isinstance(shelf.get("contents"), list):
        return as_list(shelf.get("contents"))
    return (
        as_list(dig(item, "itemSectionRenderer", "contents"))
        or as_list(dig(item, "reelShelfRenderer", "items"))
        or as_list(dig(item, "gridRenderer", "items"))
        or as_list(dig(item, "gridShelfViewModel", "contents"))
    )


def walk(entries: list[Any]) -> list[Tile]:
    """Every tile in a list of listing entries, depth-first, in page order."""
    tiles: list[Tile] = []
    _collect(entries, 0, tiles)
    return tiles


def _collect(entries: list[Any], depth: int, tiles: list[Tile]) -> None:
    # Appends to one list: nested generators cost a resumption per tile per level.
    for item in entries:
        if not isinstance(item, dict):
            continue
        tile = tile_of(item)
        if tile is not None:
            tiles.append(tile)
        elif depth < 4 and not _CONTAINER_KEYS.isdisjoint(item):
            rich = item.get("richItemRenderer")
            content = rich.get("content") if rich.__class__ is dict else None
            if content.__class__ is dict:  # a grid's usual entry: what _children gives, without a list
                tile = tile_of(content)
                if tile is not None:
                    tiles.append(tile)
                elif depth < 3 and not _CONTAINER_KEYS.isdisjoint(content):
                    _collect(_children(content), depth + 2, tiles)
            else:
                _collect(_children(item), depth + 1, tiles)


def continuation(entries: list[Any]) -> str | None:
    """The token of the continuation entry closing a list (the next page), or None."""
    for item in reversed(entries):
        token = dig(item, "continuationItemRenderer", "continuationEndpoint", "continuationCommand", "token")
        if isinstance(token, str) and token:
            return token
    return None


_NOBODY = Owner()  # read only: the owner of a tile nobody is named for


def to_post(tile: Tile, channel: Owner | None) -> tuple[Post, list[str]]:
    """A tile as a Post; a channel page lends its owner to tiles that do not name one."""
    owner = tile.owner
    who = owner or channel or _NOBODY
    if (
        owner
        and channel
        and (owner.channel_id, owner.handle)
        in (
            (channel.channel_id, owner.handle),
            (owner.channel_id, channel.handle),
        )
    ):
        who = owner.merge(channel)
    text = tile.title or ""
    counted = tile.views
    views = counted[0] if counted else None
    post = new_post(
        PLATFORM,
        tile.video_id,
        post_url(tile.video_id, tile.short),
        author=who.handle,
        text=text,
        hashtags=hashtags(text),
        mentions=mentions(text),
        media_type="short" if tile.short else "live" if tile.live else "video",
        views=views,
        approximate=["views"] if counted and counted[1] else None,
    )
    # Built key by key in a fixed order, without the unknown ones: a dict and a filtering
    # comprehension per tile cost more than the post.
    meta: dict[str, Any] = {}
    if tile.title is not None:
        meta["title"] = tile.title
    if who.channel_id is not None:
        meta["author_id"] = who.channel_id
    if who.name is not None:
        meta["author_name"] = who.name
    if who.followers is not None:
        meta["author_followers"] = who.followers
    if tile.duration is not None:
        meta["duration"] = tile.duration
    post.metadata = meta
    lacking = _LACKING if views is None else _LACKING_WITH_VIEWS  # no getattr per field
    return post, ["author", *lacking] if who.handle is None else list(lacking)
