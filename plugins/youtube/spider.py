"""Where YouTube lives and how a spider reaches each kind of target (pure data, no crawling)."""

from __future__ import annotations

import re
from urllib.parse import quote, quote_plus

from plugins.platform import ParseResult, Recipe

DOMAINS: tuple[str, ...] = (
    "www.youtube.com",
    "youtube.com",
    "m.youtube.com",
    "youtu.be",
    "music.youtube.com",
)
BASE_URL = "https://www.youtube.com"
_SITE = r"^https?://(?:www\.|m\.)?youtube\.com"
_ID = r"[\w-]{11}(?![\w-])"
_TAB = r"(?:/(?:videos|shorts|streams|featured)?)?/?(?:[?#].*)?$"
URL_PATTERNS: dict[str, tuple[str, ...]] = {
    "post": (
        _SITE + r"/watch/?\?(?:[^#]*&)?v=" + _ID,
        _SITE + r"/(?:shorts|live|embed)/" + _ID,
        r"^https?://youtu\.be/" + _ID,
    ),
    "account": (
        _SITE + r"/@[^/?#\s]+" + _TAB,
        _SITE + r"/(?:channel/UC[\w-]{22}|c/[^/?#\s]+|user/[^/?#\s]+)" + _TAB,
    ),
    "hashtag": (_SITE + r"/hashtag/[^/?#\s]+",),
    "search": (_SITE + r"/results\?(?:[^#]*&)?search_query=",),
}
# InnerTube endpoints a browser session calls while scrolling a channel's grid.
BROWSE_API = "/youtubei/v1/browse"
_VIDEO_ID = re.compile(r"^[\w-]{11}$")
_CHANNEL_ID = re.compile(r"^UC[\w-]{22}$")
_ACCOUNT_PATH = re.compile(r"youtube\.com/((?:@|channel/|c/|user/)[^/?#\s]+)")
_TAG_PATH = re.compile(r"/hashtag/([^/?#\s]+)")


def _is_url(target: str) -> bool:
    return target.startswith(("http://", "https://"))


def post_start(base: str, target: str) -> str:
    """The watch page of a video: its URL (kept, Shorts included) or a bare video id."""
    target = target.strip()
    if _is_url(target):
        return target
    if _VIDEO_ID.match(target):
        return f"{base}/watch?v={target}"
    return f"{base}/{target.lstrip('/')}"


def account_path(target: str) -> str:
    """The channel path of an account target: "@handle", "handle", "UC..." or a channel URL."""
    target = target.strip()
    if _is_url(target):
        found = _ACCOUNT_PATH.search(target)
        if found:
            return found.group(1)
    if _CHANNEL_ID.match(target):
        return f"channel/{target}"
    if target.startswith(("channel/", "c/", "user/")):
        return target.strip("/")
    return "@" + quote(target.lstrip("@").strip("/"))


def account_start(base: str, target: str) -> str:
    """The Videos tab of a channel (its first page of videos is server-rendered in ytInitialData)."""
    return f"{base}/{account_path(target)}/videos"


def hashtag_start(base: str, target: str) -> str:
    """The hashtag page ("#name", "name" or a hashtag URL)."""
    target = target.strip()
    found = _TAG_PATH.search(target) if _is_url(target) else None
    name = found.group(1) if found else quote(target.lstrip("#").lower())
    return f"{base}/hashtag/{name}"


def search_start(base: str, target: str) -> str:
    """The search results page of a query (or the search URL given)."""
    return target if _is_url(target) else f"{base}/results?search_query={quote_plus(target)}"


def no_next_url(base: str, target: str, result: ParseResult) -> str | None:
    """Listings continue by POSTing the continuation token to InnerTube with a client context, which a
    browser session does while scrolling: there is no plain next-page URL (None)."""
    return None


# Every first page carries its data server-side (ytInitialData), so plain HTTP gets it; a channel's later
# pages only come from a scrolling browser, whose /browse responses are captured.
RECIPES: dict[str, Recipe] = {
    "post": Recipe("post", post_start),
    "account": Recipe("account", account_start, no_next_url, browser=True, capture=(BROWSE_API,)),
    "hashtag": Recipe("hashtag", hashtag_start, no_next_url),
    "search": Recipe("search", search_start, no_next_url),
}
