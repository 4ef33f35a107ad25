"""Where TikTok lives and how a spider reaches each kind of target (pure data, no crawling)."""

from __future__ import annotations

import re
from urllib.parse import quote

from plugins.platform import ParseResult, Recipe

DOMAINS: tuple[str, ...] = ("www.tiktok.com", "tiktok.com", "m.tiktok.com", "vm.tiktok.com", "vt.tiktok.com")
BASE_URL = "https://www.tiktok.com"
_SITE = r"^https?://(?:www\.|m\.)?tiktok\.com"
URL_PATTERNS: dict[str, tuple[str, ...]] = {
    "post": (
        _SITE + r"/@[\w.-]*/(?:video|photo)/\d+",
        r"^https?://(?:vm|vt)\.tiktok\.com/[\w-]+/?$",
        r"^https?://m\.tiktok\.com/v/\d+\.html",
        _SITE + r"/t/[\w-]+/?$",
    ),
    "account": (_SITE + r"/@[\w.-]+/?(?:\?[^#]*)?$",),
    "hashtag": (_SITE + r"/tag/[^/?#\s]+",),
    "search": (_SITE + r"/search(?:/video|/user)?/?\?(?:[^#]*&)?q=",),
}
# JSON the page itself fetches while a browser scrolls a listing.
POST_LIST_API = "/api/post/item_list"
CHALLENGE_LIST_API = "/api/challenge/item_list"
SEARCH_API = "/api/search/item/full"
_HANDLE_IN_URL = re.compile(r"/@([\w.-]+)")
_TAG_IN_URL = re.compile(r"/tag/([^/?#\s]+)")


def _is_url(target: str) -> bool:
    return target.startswith(("http://", "https://"))


def post_start(base: str, target: str) -> str:
    """The video page of a post: its URL, a bare id, or an "@user/video/id" path."""
    target = target.strip()
    if _is_url(target):
        return target
    if target.isdigit():
        return f"{base}/@/video/{target}"
    return f"{base}/{target.lstrip('/')}"


def handle_of(target: str) -> str:
    """The handle in an account target ("@user", "user" or a profile URL), without the @."""
    target = target.strip()
    found = _HANDLE_IN_URL.search(target) if _is_url(target) else None
    return found.group(1) if found else target.lstrip("@").strip("/")


def account_start(base: str, target: str) -> str:
    """The profile page of an account."""
    return f"{base}/@{quote(handle_of(target))}"


def hashtag_start(base: str, target: str) -> str:
    """The tag page of a hashtag ("#name", "name" or a tag URL)."""
    target = target.strip()
    found = _TAG_IN_URL.search(target) if _is_url(target) else None
    name = found.group(1) if found else quote(target.lstrip("#"))
    return f"{base}/tag/{name}"


def search_start(base: str, target: str) -> str:
    """The video search page of a query (or the search URL given)."""
    return target if _is_url(target) else f"{base}/search/video?q={quote(target)}"


def search_next(base: str, target: str, result: ParseResult) -> str | None:
    """The next page of search results from the API, by the cursor the last page gave."""
    if result.next_cursor is None or result.has_more is False:
        return None
    cursor = quote(result.next_cursor)
    return f"{base}{SEARCH_API}/?keyword={quote(target)}&offset={cursor}&cursor={cursor}"


RECIPES: dict[str, Recipe] = {
    "post": Recipe("post", post_start),
    "account": Recipe("account", account_start, browser=True, capture=(POST_LIST_API,)),
    "hashtag": Recipe("hashtag", hashtag_start, browser=True, capture=(CHALLENGE_LIST_API,)),
    "search": Recipe("search", search_start, search_next, browser=True, capture=(SEARCH_API,)),
}
