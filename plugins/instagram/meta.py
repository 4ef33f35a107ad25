"""A logged-out post page's `<head>`: the meta tags Instagram still fills behind the login wall.

The description reads `534K likes, 5,064 comments - willyrex on May 8, 2021: "<caption>".` in English.
Counters there are rounded ("534K") and other languages phrase it differently: only the English
phrasing is read; any other gives a post without counters, author, date or text (never a guess).
"""

from __future__ import annotations

import html
import re
from datetime import datetime

from plugins.instagram.media import PLATFORM, missing_fields
from plugins.instagram.text import hashtags_in, mentions_in
from plugins.instagram.urls import post_url, shortcode_of
from plugins.instagram.values import as_handle
from plugins.numbers import parse_count
from plugins.platform import ParseResult
from plugins.post import Post, new_post
from plugins.values import as_id

_HEAD_END = b"</head>"
_META = re.compile(rb"<meta\b((?:\s+[\w:-]+\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'>]+))*)\s*/?>", re.IGNORECASE)
_ATTR = re.compile(rb"([\w:-]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s\"'>]+))")
_POST_URL = re.compile(r"^https://www\.instagram\.com/(p|reels?|tv)/([\w-]+)/?(?:[?#].*)?$")
_CANONICAL = re.compile(rb'<link\s+rel="canonical"\s+href="([^"]+)"')
_MEDIA_ID = re.compile(r"^instagram://media\?id=(\d+)$")
# "534K likes, 5,064 comments - willyrex on May 8, 2021: "caption"." (counters absent when hidden).
_DESCRIPTION = re.compile(
    r"^(?:(?P<likes>[\d.,]+\s?[KMB]?) likes?, (?P<comments>[\d.,]+\s?[KMB]?) comments? - )?"
    r"(?P<handle>[A-Za-z0-9_.]{1,30}) on (?P<when>[^:\"\n]*?)"
    r"(?:: \"(?P<caption>.*)\"\.?)?\s*$",
    re.DOTALL,
)
META_WALL = "login wall: post read from its meta tags only (rounded counters, no views)"


def head_meta(body: bytes) -> dict[str, str]:
    """`name`/`property` -> unescaped `content` of the meta tags before `</head>` (first one wins)."""
    end = body.find(_HEAD_END)
    found: dict[str, str] = {}
    for tag in _META.finditer(body, 0, end if end >= 0 else len(body)):
        attrs = {
            m.group(1).lower(): m.group(2) or m.group(3) or m.group(4) or b""
            for m in _ATTR.finditer(tag.group(1))
        }
        key = attrs.get(b"property") or attrs.get(b"name")
        content = attrs.get(b"content")
        if key and content is not None:
            found.setdefault(
                key.decode("utf-8", "replace"), html.unescape(content.decode("utf-8", "replace"))
            )
    return found


def _day(text: str) -> str | None:
    """ "May 8, 2021" as midnight UTC (the page gives a day, in no stated time zone), else None."""
    try:
        return datetime.strptime(text.strip(), "%B %d, %Y").strftime("%Y-%m-%dT00:00:00Z")
    except ValueError:
        return None


def _counter(text: str | None, name: str, approximate: list[str]) -> int | None:
    parsed = parse_count(text) if text else None
    if parsed is None:
        return None
    if parsed[1]:
        approximate.append(name)
    return parsed[0]


def _post(meta: dict[str, str], description: str, kind: str, code: str) -> Post:
    described = _DESCRIPTION.match(description)
    approximate: list[str] = []
    likes = comments = None
    author = published = None
    text = ""
    if described is not None:
        likes = _counter(described.group("likes"), "likes", approximate)
        comments = _counter(described.group("comments"), "comments", approximate)
        author = as_handle(described.group("handle"))
        published = _day(described.group("when"))
        text = described.group("caption") or ""
    metadata: dict[str, object] = {"read_from": "meta_tags"}
    owner = as_id(meta.get("instapp:owner_user_id"))
    if owner:
        metadata["author_id"] = owner
    media = _MEDIA_ID.match(meta.get("al:ios:url", ""))
    if media:
        metadata["media_id"] = media.group(1)
    reel = kind in ("reel", "reels")
    return new_post(
        PLATFORM,
        code,
        post_url(code, reel=reel),
        author=author,
        published_at=published,
        text=text,
        hashtags=hashtags_in(text),
        mentions=mentions_in(text),
        # og:type "article" is any photo post, single or carousel: left unknown.
        media_type="video" if reel or meta.get("og:type") == "video" else None,
        likes=likes,
        comments=comments,
        approximate=approximate,
        metadata=metadata,
    )


def meta_post_result(body: bytes) -> ParseResult | None:
    """A login-wall result holding the post its meta tags describe, or None without a description or URL."""
    meta = head_meta(body)
    description = meta.get("og:description") or meta.get("description")
    if not description:
        return None
    canonical = _CANONICAL.search(body)
    candidates = [meta.get("og:url", ""), canonical.group(1).decode("utf-8", "replace") if canonical else ""]
    for candidate in candidates:
        found = _POST_URL.match(candidate)
        code = shortcode_of(found.group(2)) if found else None
        if found and code:
            post = _post(meta, description, found.group(1), code)
            result = ParseResult(format="login_wall")
            result.add(post, missing=missing_fields(post))
            result.warn(f"{META_WALL}: {code}")
            if post.author is None:
                result.warn("login wall: meta description not in the English phrasing, counters left unread")
            return result
    return None
