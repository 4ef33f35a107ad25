"""Where Instagram lives and how a spider reaches each kind of target (pure data, no crawling)."""

from __future__ import annotations

import re
from urllib.parse import quote

from plugins.instagram.urls import BASE_URL
from plugins.platform import ParseResult, Recipe

__all__ = ["BASE_URL", "DOMAINS", "RECIPES", "URL_PATTERNS"]

DOMAINS: tuple[str, ...] = ("www.instagram.com", "instagram.com", "m.instagram.com")
_SITE = r"^https?://(?:www\.|m\.)?instagram\.com"
# First path segments that are Instagram's own pages, never a username.
_RESERVED = (
    "p|reel|reels|tv|explore|accounts|stories|direct|about|legal|developer|developers|api|graphql|web"
    "|emails|challenge|privacy|terms|session|login|logout|signup|ajax|static|oauth|press|blog|help"
    "|lite|nametag|directory|topics|locations|s|ar|create|your_activity|business|invites|archive"
)
_QUERY = r"(?:[?#][^/]*)?$"
URL_PATTERNS: dict[str, tuple[str, ...]] = {
    "post": (_SITE + r"/(?:[A-Za-z0-9_.]{1,30}/)?(?:p|reels?|tv)/[A-Za-z0-9_-]{5,64}/?" + _QUERY,),
    "account": (
        _SITE + rf"/(?!(?:{_RESERVED})(?:[/?#]|$))[A-Za-z0-9_.]{{1,30}}/?" + _QUERY,
        _SITE + r"/api/v1/users/web_profile_info/?\?(?:[^#]*&)?username=[A-Za-z0-9_.]+",
    ),
    "hashtag": (_SITE + r"/explore/tags/[^/?#\s]+/?" + _QUERY,),
    "search": (_SITE + r"/explore/search/keyword/?\?(?:[^#]*&)?q=",),
}
# JSON the web app fetches while a browser scrolls a listing.
GRAPHQL_API = "/graphql/query"
V1_API = "/api/v1/"
PROFILE_API = "/api/v1/users/web_profile_info/"
_POST_IN_URL = re.compile(r"/(p|reels?|tv)/([A-Za-z0-9_-]+)")
_HANDLE_IN_URL = re.compile(r"^https?://[^/]+/([A-Za-z0-9_.]{1,30})/?(?:[?#]|$)")
_USERNAME_PARAM = re.compile(r"[?&]username=([A-Za-z0-9_.]+)")
_TAG_IN_URL = re.compile(r"/explore/tags/([^/?#\s]+)")


def _is_url(target: str) -> bool:
    return target.startswith(("http://", "https://"))


def post_start(base: str, target: str) -> str:
    """The post page of a post URL (/p/, /reel/, /reels/, /tv/) or a bare shortcode."""
    target = target.strip()
    found = _POST_IN_URL.search(target) if _is_url(target) else None
    if found:
        kind = "reel" if found.group(1).startswith("reel") else "p"
        return f"{base}/{kind}/{found.group(2)}/"
    return f"{base}/p/{quote(target.strip('/'))}/"


def handle_of(target: str) -> str:
    """The username in an account target ("@name", "name", a profile or web_profile_info URL)."""
    target = target.strip()
    if _is_url(target):
        found = _USERNAME_PARAM.search(target) or _HANDLE_IN_URL.search(target)
        if found:
            return found.group(1)
    return target.lstrip("@").strip("/")


def account_start(base: str, target: str) -> str:
    """The web_profile_info JSON of an account: profile counters and its first 12 posts."""
    return f"{base}{PROFILE_API}?username={quote(handle_of(target))}"


def account_next(base: str, target: str, result: ParseResult) -> str | None:
    """The profile page, for a browser to scroll, when the first response said more posts exist.

    Later timeline pages come from a signed GraphQL query only the web app can make; the browser
    captures those responses (GRAPHQL_API, V1_API) while it scrolls the profile.
    """
    if result.has_more is not True and result.next_cursor is None:
        return None
    return f"{base}/{quote(handle_of(target))}/"


def hashtag_start(base: str, target: str) -> str:
    """The tag page of a hashtag ("#name", "name" or a tag URL)."""
    target = target.strip()
    found = _TAG_IN_URL.search(target) if _is_url(target) else None
    name = found.group(1) if found else quote(target.lstrip("#"))
    return f"{base}/explore/tags/{name}/"


def search_start(base: str, target: str) -> str:
    """The keyword search page of a query (or the search URL given)."""
    return target if _is_url(target) else f"{base}/explore/search/keyword/?q={quote(target)}"


RECIPES: dict[str, Recipe] = {
    "post": Recipe("post", post_start),
    "account": Recipe("account", account_start, account_next, capture=(GRAPHQL_API, V1_API)),
    "hashtag": Recipe("hashtag", hashtag_start, browser=True, capture=(GRAPHQL_API, V1_API)),
    "search": Recipe("search", search_start, browser=True, capture=(GRAPHQL_API, V1_API)),
}
