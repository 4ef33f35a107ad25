"""One TikTok itemStruct (the video/photo record every TikTok format shares) as a Post."""

from __future__ import annotations

import re
from typing import Any

from plugins.post import Post, Signal, new_post
from plugins.tiktok.values import as_count, epoch_to_iso
from plugins.values import as_dict, as_id, as_list, as_text, unique_lower

PLATFORM = "tiktok"
# itemStruct counter -> Post counter.
COUNTERS: tuple[tuple[str, str], ...] = (
    ("playCount", "views"),
    ("diggCount", "likes"),
    ("commentCount", "comments"),
    ("shareCount", "shares"),
    ("collectCount", "saves"),
)
OPTIONAL: tuple[str, ...] = ("author", "published_at", *(name for _, name in COUNTERS))
_HASHTAG = re.compile(r"#([^\s#@,.!?;:()\[\]{}\"'<>]+)")
# "@" leads and the look-behind checks the character before it (a leading look-behind is tried at
# every position of the text, several times slower).
_MENTION = re.compile(r"@(?<![\w.]@)([A-Za-z0-9_.]{2,24})")


def hashtags_in(text: str) -> list[str]:
    """Hashtags written in a text, lowercase, in order, without duplicates."""
    if "#" not in text:
        return []
    return unique_lower(_HASHTAG.findall(text))


def mentions_in(text: str) -> list[str]:
    """@handles written in a text, lowercase, in order, without duplicates."""
    if "@" not in text:
        return []
    return list(dict.fromkeys(handle.rstrip(".").lower() for handle in _MENTION.findall(text)))


def post_url(author: str | None, post_id: str) -> str:
    """The canonical public URL of a TikTok post (TikTok resolves an empty handle by the id)."""
    return f"https://www.tiktok.com/@{author or ''}/video/{post_id}"


def _author(item: dict[str, Any], users: dict[str, Any]) -> tuple[str | None, dict[str, Any]]:
    """The author's handle and user object; SIGI_STATE items carry the handle as a string."""
    raw = item.get("author")
    if isinstance(raw, dict):
        return as_text(raw.get("uniqueId")), raw
    handle = as_text(raw) or as_text(item.get("authorUniqueId"))
    return handle, as_dict(users.get(handle)) if handle else {}


def _text(item: dict[str, Any]) -> str:
    desc = item.get("desc")
    if isinstance(desc, str) and desc:
        return desc
    parts = [as_text(c.get("desc")) for c in as_list(item.get("contents")) if isinstance(c, dict)]
    return " ".join(p for p in parts if p)


def _tags_and_mentions(item: dict[str, Any], text: str) -> tuple[list[str], list[str], list[str]]:
    """Hashtags, mentions and commerce mentions, from textExtra (TikTok's own tokens) then fallbacks."""
    # One pass over textExtra fills the three (ordered, first spelling kept) instead of one each.
    tags: dict[str, None] = {}
    users: dict[str, None] = {}
    commerce: dict[str, None] = {}
    for entry in as_list(item.get("textExtra")):
        if type(entry) is not dict:
            continue
        name = entry.get("hashtagName")
        if name and type(name) is str:
            tags[name.lower()] = None  # a key seen before keeps its place
        handle = entry.get("userUniqueId")
        if handle and type(handle) is str:
            handle = handle.lower()
            users[handle] = None
            if entry.get("isCommerce") is True:
                commerce[handle] = None
    if not tags:
        tags = dict.fromkeys(hashtags_in(text))
    # Challenges are the post's hashtags as TikTok indexes them; they may hold one the text lacks.
    for challenge in as_list(item.get("challenges")):
        if type(challenge) is dict:
            title = challenge.get("title")
            if title and type(title) is str:
                tags[title.lower()] = None
    return list(tags), list(users) or mentions_in(text), list(commerce)


def _media_type(item: dict[str, Any]) -> str:
    image_post = item.get("imagePost")
    if isinstance(image_post, dict):
        return "image" if len(as_list(image_post.get("images"))) == 1 else "carousel"
    return "video"


def exact_or_rounded(exact: Any, rounded: Any, key: str) -> tuple[int, bool] | None:
    """A counter from the exact strings (statsV2) or else the ints (stats), with its approximate flag.

    Where statsV2 exists, TikTok rounds the stats ints (783427 shows as 783400), so a value taken
    from stats beside a statsV2 that lacks it is approximate.
    """
    parsed = as_count(exact.get(key)) if isinstance(exact, dict) else None
    if parsed is not None:
        return parsed
    parsed = as_count(rounded.get(key)) if isinstance(rounded, dict) else None
    if parsed is not None and isinstance(exact, dict):
        return parsed[0], True
    return parsed


def _counters(item: dict[str, Any]) -> tuple[list[int | None], list[str]]:
    """Counters in COUNTERS order, None where absent (statsV2 first; stats' collectCount may be a
    string), and the names of the approximate ones."""
    exact, stats = item.get("statsV2"), item.get("stats")
    exact_dict = exact if exact.__class__ is dict else None
    found: list[int | None] = []
    approximate: list[str] = []
    for key, name in COUNTERS:
        if exact_dict is not None:
            raw = exact_dict.get(key)
            if raw.__class__ is str and raw.isdigit() and raw.isascii():  # statsV2 as TikTok writes it
                found.append(int(raw))
                continue
        parsed = exact_or_rounded(exact, stats, key)
        if parsed is None:
            found.append(None)
        else:
            found.append(parsed[0])
            if parsed[1]:
                approximate.append(name)
    return found, approximate


def _followers(item: dict[str, Any], author_stats: dict[str, Any]) -> int | None:
    parsed = exact_or_rounded(item.get("authorStatsV2"), item.get("authorStats"), "followerCount")
    if parsed is None:
        parsed = as_count(author_stats.get("followerCount"))
    return parsed[0] if parsed is not None else None


def _signals(item: dict[str, Any], commerce: list[str]) -> list[Signal]:
    signals: list[Signal] = []
    if item.get("isAd") is True:
        signals.append(Signal("promoted", "isAd=true", "metadata"))
    signals.extend(Signal("paid_partner", handle, "metadata", 0.6) for handle in commerce)
    if item.get("adAuthorization") is True:
        signals.append(Signal("spark_ads", "adAuthorization=true", "metadata", 0.3))
    organic = as_count(item.get("brandOrganicType"))
    if organic is not None and organic[0] > 0:
        # TikTok shows "Promotional content" on brand-organic posts; here only the flag is seen.
        signals.append(
            Signal(
                "platform_label",
                f"brandOrganicType={organic[0]}",
                "metadata",
                0.8,
                {"label": "Promotional content"},
            )
        )
    return signals


def item_to_post(
    item: dict[str, Any], users: dict[str, Any] | None = None, author_stats: dict[str, Any] | None = None
) -> tuple[Post, list[str]] | None:
    """The Post for an itemStruct and the optional fields it lacks; None when it has no id.

    `users` maps handles to user objects (SIGI_STATE's UserModule.users) for items whose `author`
    is only a handle; `author_stats` is the author's stats when the page holds them apart.
    """
    post_id = as_id(item.get("id"))
    if post_id is None:
        return None
    author, user = _author(item, users or {})
    text = _text(item)
    hashtags, mentions, commerce = _tags_and_mentions(item, text)
    counters, approximate = _counters(item)
    views, likes, comments, shares, saves = counters
    published_at = epoch_to_iso(item.get("createTime"))
    post = new_post(
        PLATFORM,
        post_id,
        post_url(author, post_id),
        author=author,
        published_at=published_at,
        text=text,
        hashtags=hashtags,
        mentions=mentions,
        media_type=_media_type(item),
        views=views,
        likes=likes,
        comments=comments,
        shares=shares,
        saves=saves,
        approximate=approximate,
        signals=_signals(item, commerce),
    )
    meta = post.metadata
    if isinstance(item.get("isAd"), bool):
        meta["is_ad"] = item["isAd"]
    if commerce:
        meta["commerce_mentions"] = commerce
    author_id = as_id(user.get("id")) or as_id(item.get("authorId"))
    if author_id:
        meta["author_id"] = author_id
    followers = _followers(item, author_stats or {})
    if followers is not None:
        meta["author_followers"] = followers
    duration = as_count(as_dict(item.get("video")).get("duration"))
    if duration is not None and duration[0] > 0 and post.media_type == "video":
        meta["duration"] = duration[0]
    language = as_text(item.get("textLanguage"))
    if language and language != "un":
        meta["language"] = language
    optional = (author, published_at, *counters)  # the values of OPTIONAL, in its order
    return post, [name for name, value in zip(OPTIONAL, optional, strict=True) if value is None]
