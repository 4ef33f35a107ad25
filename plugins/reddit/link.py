"""One Reddit link (a `t3` thing's `data`) as a Post."""

from __future__ import annotations

import re
from typing import Any

from plugins.post import Post, Signal
from plugins.reddit.values import as_id_text, epoch_to_iso
from plugins.values import as_int, as_number, as_text, dig

BASE = "https://www.reddit.com"
_REDDIT_HOSTS = ("reddit.com", "redd.it", "redditmedia.com", "redditstatic.com")
_MEDIA_HINTS = frozenset({"image", "hosted:video"})  # the url is the post's own media, not a link
_VIDEO_HINTS = frozenset({"hosted:video", "rich:video"})
_URL = re.compile(r"https?://[^\s<>()\[\]\"']+")
_USER = re.compile(r"(?<![\w/])/?u/([A-Za-z0-9_-]{3,20})\b")
_HOST = re.compile(r"^[a-z][a-z0-9+.-]*://(?:[^/?#@]*@)?([^/?#:]*)", re.IGNORECASE)
_ID = re.compile(r"^[a-z0-9]{1,13}$")
# Counters Reddit never gives for a link.
ALWAYS_MISSING = ("shares", "saves")


def link_id(data: dict[str, Any]) -> str | None:
    """The base-36 id of a link, from `id` or from the `t3_` fullname."""
    raw = as_id_text(data.get("id"))
    if raw is None:
        name = as_text(data.get("name")) or ""
        raw = name[3:] if name.startswith("t3_") else None
    return raw if raw is not None and _ID.match(raw) else None


def is_reddit_url(url: str) -> bool:
    """Whether a URL points at Reddit itself (a self post, hosted media, another thread)."""
    if url.startswith("/"):
        return True
    found = _HOST.match(url)
    host = found.group(1).lower() if found else ""
    return any(host == h or host.endswith("." + h) for h in _REDDIT_HOSTS)


def media_type(data: dict[str, Any]) -> str:
    """video, carousel (gallery), image or text, from Reddit's flags and post hint."""
    hint = data.get("post_hint")
    if data.get("is_video") is True or hint in _VIDEO_HINTS:
        return "video"
    if data.get("is_gallery") is True:
        return "carousel"
    return "image" if hint == "image" else "text"


def _links(data: dict[str, Any], selftext: str) -> list[str]:
    links: list[str] = []
    url = as_text(data.get("url"))
    if url and not is_reddit_url(url) and data.get("post_hint") not in _MEDIA_HINTS:
        links.append(url)
    for found in _URL.findall(selftext) if "://" in selftext else ():
        found = found.rstrip(".,;:!?")
        if found not in links and not is_reddit_url(found):
            links.append(found)
    return links


def _mentions(title: str, selftext: str) -> list[str]:
    text = f"{title} {selftext}"
    return list(dict.fromkeys(m.lower() for m in _USER.findall(text))) if "u/" in text else []


def _promotion(post: Post, data: dict[str, Any]) -> None:
    flags = [key for key in ("promoted", "is_created_from_ads_ui") if data.get(key) is True]
    if flags:
        post.metadata["is_ad"] = True
        post.signals.append(Signal("promoted", f"{flags[0]}=true", "metadata"))
    elif isinstance(data.get("promoted"), bool):
        post.metadata["is_ad"] = False


def _metadata(post: Post, data: dict[str, Any], selftext: str) -> None:
    duration = as_number(dig(data, "media", "reddit_video", "duration"))
    if duration is None:
        duration = as_number(dig(data, "secure_media", "reddit_video", "duration"))
    facts: dict[str, Any] = {
        "subreddit": as_text(data.get("subreddit")),
        "score": data.get("score") if isinstance(data.get("score"), int) else None,
        "links": _links(data, selftext),
        "author_id": as_text(data.get("author_fullname")),
        "duration": int(duration) if duration is not None else None,
        "crosspost_parent": as_text(data.get("crosspost_parent")),
        "nsfw": True if data.get("over_18") is True else None,
    }
    post.metadata.update({k: v for k, v in facts.items() if v not in (None, [])})


def link_to_post(data: dict[str, Any]) -> tuple[Post, list[str]] | None:
    """A Post from a link's data and the optional fields it lacks; None without a usable id."""
    post_id = link_id(data)
    if post_id is None:
        return None
    permalink = as_text(data.get("permalink"))
    url = BASE + permalink if permalink and permalink.startswith("/r/") else f"{BASE}/comments/{post_id}/"
    title = as_text(data.get("title")) or ""
    selftext = as_text(data.get("selftext")) or ""
    author = as_text(data.get("author"))
    post = Post(
        platform="reddit",
        post_id=post_id,
        url=url,
        author=None if author in (None, "[deleted]") else author,
        published_at=epoch_to_iso(data.get("created_utc")),
        text=f"{title}\n\n{selftext}" if selftext else title,
        mentions=_mentions(title, selftext),
        media_type=media_type(data),
        # `ups` is the upvote count the API gives (Reddit's score is ups minus downs, and `downs` is
        # always 0 in listings); when `hide_score` is set the page shows no number, so none is kept.
        likes=None if data.get("hide_score") is True else as_int(data.get("ups")),
        comments=as_int(data.get("num_comments")),
        views=as_int(data.get("view_count")),
    )
    _metadata(post, data, selftext)
    _promotion(post, data)
    missing = [c for c in ("views", "likes", "comments") if getattr(post, c) is None]
    missing += [name for name in ("author", "published_at") if getattr(post, name) is None]
    return post, [*missing, *ALWAYS_MISSING]
