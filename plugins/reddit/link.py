"""One Reddit link (a `t3` thing's `data`) as a Post."""

from __future__ import annotations

import re
from typing import Any

from plugins.post import Post, Signal, new_post
from plugins.reddit.values import EPOCH_MIN, as_id_text, epoch_to_iso
from plugins.values import EPOCH_LATEST, as_int, as_number, as_text, dig, utc_iso

BASE = "https://www.reddit.com"
_REDDIT_HOSTS = frozenset({"reddit.com", "redd.it", "redditmedia.com", "redditstatic.com"})
_REDDIT_SUBDOMAINS = tuple("." + host for host in sorted(_REDDIT_HOSTS))
# Most links name these hosts: a prefix test answers without the host regex.
_REDDIT_PREFIXES = ("https://www.reddit.com/", "https://i.redd.it/", "https://v.redd.it/", "/")
_MEDIA_HINTS = frozenset({"image", "hosted:video"})  # the url is the post's own media, not a link
_VIDEO_HINTS = frozenset({"hosted:video", "rich:video"})
_URL = re.compile(r"https?://[^\s<>()\[\]\"']+")
_USER = re.compile(r"(?<![\w/])/?u/([A-Za-z0-9_-]{3,20})\b")
_HOST = re.compile(r"^[a-z][a-z0-9+.-]*://(?:[^/?#@]*@)?([^/?#:]*)", re.IGNORECASE)
_ID = re.compile(r"^[a-z0-9]{1,13}$")
_CLEAN_ID = re.compile(r"[a-z0-9]{1,13}")
# Counters Reddit never gives for a link.
ALWAYS_MISSING = ("shares", "saves")


def link_id(data: dict[str, Any]) -> str | None:
    """The base-36 id of a link, from `id` or from the `t3_` fullname."""
    raw = data.get("id")
    if isinstance(raw, str) and _CLEAN_ID.fullmatch(raw):
        return raw  # as Reddit writes it: nothing to strip or lowercase
    raw = as_id_text(raw)
    if raw is None:
        name = as_text(data.get("name")) or ""
        raw = name[3:] if name.startswith("t3_") else None
    return raw if raw is not None and _ID.match(raw) else None


def is_reddit_url(url: str) -> bool:
    """Whether a URL points at Reddit itself (a self post, hosted media, another thread)."""
    if url.startswith(_REDDIT_PREFIXES):
        return True
    if "redd" not in url.lower():
        return False  # every Reddit host has "redd" in it: most outside links end here, without the regex
    found = _HOST.match(url)
    host = found.group(1).lower() if found else ""
    return host in _REDDIT_HOSTS or host.endswith(_REDDIT_SUBDOMAINS)


def media_type(data: dict[str, Any]) -> str:
    """video, carousel (gallery), image or text, from Reddit's flags and post hint."""
    return _media_type(data, as_text(data.get("post_hint")))


def _media_type(data: dict[str, Any], hint: str | None) -> str:
    own = _own_media_type(data, hint)
    if own != "text":
        return own
    # A crosspost is a link to its parent: its media are the parent's (a v.redd.it video, a gallery).
    parents = data.get("crosspost_parent_list")
    if isinstance(parents, list) and parents and isinstance(parents[0], dict):
        return _own_media_type(parents[0], as_text(parents[0].get("post_hint")))
    return "text"


def _own_media_type(data: dict[str, Any], hint: str | None) -> str:
    if data.get("is_video") is True or hint in _VIDEO_HINTS:
        return "video"
    if data.get("is_gallery") is True:
        return "carousel"
    return "image" if hint == "image" else "text"


def _links(data: dict[str, Any], hint: str | None, selftext: str) -> list[str]:
    links: list[str] = []
    url = data.get("url")
    if hint not in _MEDIA_HINTS and isinstance(url, str) and url and not is_reddit_url(url):
        links.append(url)
    if "://" in selftext:
        for found in _URL.findall(selftext):
            found = found.rstrip(".,;:!?")
            if found not in links and not is_reddit_url(found):
                links.append(found)
    return links


def _mentions(title: str, selftext: str) -> list[str]:
    if "u/" not in title and "u/" not in selftext:
        return []
    return list(dict.fromkeys(m.lower() for m in _USER.findall(f"{title} {selftext}")))


def _promotion(data: dict[str, Any], metadata: dict[str, Any]) -> list[Signal]:
    """The `promoted` signal of an ad (is_ad is set in `metadata` whenever the listing says)."""
    promoted = data.get("promoted")
    if promoted is True:
        flag: str | None = "promoted"
    else:
        flag = "is_created_from_ads_ui" if data.get("is_created_from_ads_ui") is True else None
    if flag is not None:
        metadata["is_ad"] = True
        return [Signal("promoted", f"{flag}=true", "metadata")]
    if promoted is False:
        metadata["is_ad"] = False
    return []


def _duration(data: dict[str, Any]) -> int | None:
    duration = as_number(dig(data, "media", "reddit_video", "duration"))
    if duration is None:
        duration = as_number(dig(data, "secure_media", "reddit_video", "duration"))
    return int(duration) if duration is not None else None


def _metadata(data: dict[str, Any], hint: str | None, selftext: str) -> dict[str, Any]:
    """Facts for detectors, in a fixed key order, without the unknown ones."""
    get = data.get
    metadata: dict[str, Any] = {}
    value = get("subreddit")
    if isinstance(value, str) and value:
        metadata["subreddit"] = value
    value = get("score")
    if isinstance(value, int):
        metadata["score"] = value
    if hint not in _MEDIA_HINTS or "://" in selftext:  # hosted media: its url is no outside link
        links = _links(data, hint, selftext)
        if links:
            metadata["links"] = links
    value = get("author_fullname")
    if isinstance(value, str) and value:
        metadata["author_id"] = value
    if get("media") or get("secure_media"):
        value = _duration(data)
        if value is not None:
            metadata["duration"] = value
    value = get("crosspost_parent")
    if value is not None and isinstance(value, str) and value:
        metadata["crosspost_parent"] = value
    if get("over_18") is True:
        metadata["nsfw"] = True
    return metadata


def _counter(value: Any) -> int | None:
    """as_int with the plain-int case answered inline (Reddit's counters are ints or null)."""
    if value is None:
        return None
    return (value if value >= 0 else None) if value.__class__ is int else as_int(value)


def link_to_post(data: dict[str, Any]) -> tuple[Post, list[str]] | None:
    """A Post from a link's data and the optional fields it lacks; None without a usable id."""
    # Runs once per post and is timed against the JSON load: reads go through one bound `get`.
    get = data.get
    post_id = get("id")
    if post_id.__class__ is not str or not _CLEAN_ID.fullmatch(post_id):
        post_id = link_id(data)
        if post_id is None:
            return None
    permalink = get("permalink")
    if isinstance(permalink, str) and permalink.startswith("/r/"):
        url = BASE + permalink
    else:
        url = f"{BASE}/comments/{post_id}/"
    title = get("title")
    if title.__class__ is not str and not isinstance(title, str):
        title = ""
    selftext = get("selftext")
    if selftext.__class__ is not str and not isinstance(selftext, str):
        selftext = ""
    author = get("author")
    if not isinstance(author, str) or not author or author == "[deleted]":
        author = None
    hint = get("post_hint")
    if hint is not None and not isinstance(hint, str):
        hint = None
    created = get("created_utc")
    if created.__class__ is float and EPOCH_MIN <= created <= EPOCH_LATEST:
        published_at: str | None = utc_iso(int(created))  # what Reddit writes: skip the type dispatch
    else:
        published_at = epoch_to_iso(created)
    # `ups` is the upvote count the API gives (Reddit's score is ups minus downs, and `downs` is
    # always 0 in listings); when `hide_score` is set the page shows no number, so none is kept.
    likes = None if get("hide_score") is True else _counter(get("ups"))
    comments = _counter(get("num_comments"))
    views = _counter(get("view_count"))
    metadata = _metadata(data, hint, selftext)
    promoted = "promoted" in data or "is_created_from_ads_ui" in data
    post = new_post(
        "reddit",
        post_id,
        url,
        author=author,
        published_at=published_at,
        text=f"{title}\n\n{selftext}" if selftext else title,
        mentions=_mentions(title, selftext) if "u/" in title or "u/" in selftext else None,
        media_type=_media_type(data, hint),
        likes=likes,
        comments=comments,
        views=views,
        signals=_promotion(data, metadata) if promoted else None,
        metadata=metadata,
    )
    if views is None and likes is not None and comments is not None and author and published_at:
        return post, ["views", *ALWAYS_MISSING]  # what most listings give
    missing = []
    if views is None:
        missing.append("views")
    if likes is None:
        missing.append("likes")
    if comments is None:
        missing.append("comments")
    if author is None:
        missing.append("author")
    if published_at is None:
        missing.append("published_at")
    missing += ALWAYS_MISSING
    return post, missing
