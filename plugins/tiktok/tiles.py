"""Video tiles of a profile grid as the server renders them (id, author, abbreviated views, caption)."""

from __future__ import annotations

import html
import re

from plugins.numbers import parse_count
from plugins.post import Post
from plugins.tiktok.item import PLATFORM, hashtags_in, mentions_in, post_url

_TILE = b'data-e2e="user-post-item"'
_TILE_SPAN = 20_000  # bytes the last tile may span
_LINK = re.compile(rb'href="(?:https?://(?:www\.)?tiktok\.com)?/@([\w.-]+)/(video|photo)/(\d+)')
_VIEWS = re.compile(rb'data-e2e="video-views"[^>]*>([^<]*)<')
_ALT = re.compile(rb'<img alt="([^"]*)"')
# The grid's alt text is "<caption> created by <name> with <sound>" (English pages).
_ALT_SUFFIX = " created by "
TILE_OPTIONAL: tuple[str, ...] = ("published_at", "media_type", "likes", "comments", "shares", "saves")


def _caption(alt: bytes) -> str | None:
    text = html.unescape(alt.decode("utf-8", errors="replace"))
    cut = text.rfind(_ALT_SUFFIX)
    return text[:cut].strip() if cut >= 0 else None


def _tile_post(segment: bytes) -> tuple[Post, list[str]] | None:
    link = _LINK.search(segment)
    if link is None:
        return None
    author = link.group(1).decode("ascii", errors="replace")
    post_id = link.group(3).decode("ascii")
    post = Post(platform=PLATFORM, post_id=post_id, url=post_url(author, post_id), author=author)
    if link.group(2) == b"video":
        post.media_type = "video"
    missing = []
    views = _VIEWS.search(segment)
    parsed = parse_count(html.unescape(views.group(1).decode("utf-8", errors="replace"))) if views else None
    if parsed is None:
        missing.append("views")
    else:
        post.views = parsed[0]
        if parsed[1]:
            post.approximate.append("views")
    alt = _ALT.search(segment)
    caption = _caption(alt.group(1)) if alt else None
    if caption is None:
        missing.append("text")
    else:
        post.text = caption
        post.hashtags = hashtags_in(caption)
        post.mentions = mentions_in(caption)
    missing.extend(name for name in TILE_OPTIONAL if getattr(post, name) is None)
    return post, missing


def grid_posts(body: bytes) -> list[tuple[Post, list[str]]]:
    """The posts of the profile grid, in page order (empty when the page renders no grid)."""
    starts = []
    at = body.find(_TILE)
    while at >= 0:
        starts.append(at)
        at = body.find(_TILE, at + len(_TILE))
    posts = []
    for index, start in enumerate(starts):
        end = starts[index + 1] if index + 1 < len(starts) else start + _TILE_SPAN
        tile = _tile_post(body[start:end])
        if tile is not None:
            posts.append(tile)
    return posts
