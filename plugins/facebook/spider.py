"""Where Facebook lives and how a spider reaches each kind of target (pure data, no crawling).

Public pages are read over plain HTTP from the mobile sites (m.facebook.com, mbasic.facebook.com),
whose HTML carries the story text and counters server-side.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urljoin

from plugins.platform import ParseResult, Recipe

DOMAINS: tuple[str, ...] = ("www.facebook.com", "facebook.com", "m.facebook.com", "mbasic.facebook.com")
BASE_URL = "https://m.facebook.com"
_SITE = r"^https?://(?:www\.|m\.|mbasic\.|web\.)?facebook\.com"
# First path segments that are Facebook features, not pages or people.
_RESERVED = (
    "hashtag|search|story|permalink|photo|profile|watch|groups|events|login|logout|l|r|help|privacy|"
    "policies|marketplace|gaming|pages|settings|home|recover|reg|browse|ufi|sharer|dialog|plugins"
)
URL_PATTERNS: dict[str, tuple[str, ...]] = {
    "post": (
        _SITE + r"/[\w.-]+/(?:posts|videos|photos)/(?:[\w.-]+/)*\d+",
        _SITE + r"/(?:story|permalink)\.php\?(?:[^#]*&)?story_fbid=\d+",
        _SITE + r"/photo\.php\?(?:[^#]*&)?fbid=\d+",
    ),
    "account": (
        _SITE + rf"/(?!(?:{_RESERVED})(?:\.php)?(?:[/?#]|$))[\w.-]+/?(?:posts/?)?(?:\?[^#/]*)?$",
        _SITE + r"/profile\.php\?(?:[^#]*&)?id=\d+",
    ),
    "hashtag": (_SITE + r"/hashtag/[^/?#\s]+",),
    "search": (_SITE + r"/search/(?:posts|top)/?\?(?:[^#]*&)?q=",),
}
_STORY_ID = re.compile(r"story_fbid=(\d+)")
_PAGE_ID = re.compile(r"[?&]id=(\d+)")
_POSTS_PATH = re.compile(r"facebook\.com/([\w.-]+)/posts/(\d+)")
_HANDLE = re.compile(r"facebook\.com/([\w.-]+)")
_TAG = re.compile(r"/hashtag/([^/?#\s]+)")


def _is_url(target: str) -> bool:
    return target.startswith(("http://", "https://"))


def post_start(base: str, target: str) -> str:
    """The mobile story page of a post: story.php for a post URL, or the URL itself."""
    target = target.strip()
    if not _is_url(target):
        return f"{base}/{quote(target)}"  # a bare post id: Facebook redirects to its story
    story, page = _STORY_ID.search(target), _PAGE_ID.search(target)
    if story and page:
        return f"{base}/story.php?story_fbid={story.group(1)}&id={page.group(1)}"
    posts = _POSTS_PATH.search(target)
    if posts:
        return f"{base}/{posts.group(1)}/posts/{posts.group(2)}"
    return re.sub(r"^https?://(?:www\.|mbasic\.|web\.)?facebook\.com", base, target)


def handle_of(target: str) -> str:
    """The page name in an account target ("name", "@name" or a page URL)."""
    target = target.strip()
    found = _HANDLE.search(target) if _is_url(target) else None
    return found.group(1) if found else target.lstrip("@").strip("/")


def account_start(base: str, target: str) -> str:
    """The post listing of a page (the mobile page shows its latest posts)."""
    return f"{base}/{quote(handle_of(target))}/posts/"


def hashtag_start(base: str, target: str) -> str:
    """The hashtag page of a tag ("#name", "name" or a hashtag URL)."""
    target = target.strip()
    found = _TAG.search(target) if _is_url(target) else None
    name = found.group(1) if found else quote(target.lstrip("#"))
    return f"{base}/hashtag/{name}"


def search_start(base: str, target: str) -> str:
    """The public-posts search of a query (or the search URL given)."""
    return target if _is_url(target) else f"{base}/search/posts/?q={quote(target)}"


def listing_next(base: str, target: str, result: ParseResult) -> str | None:
    """The next page of a listing: the "See more stories" link the last page gave."""
    if result.next_cursor is None or result.has_more is False:
        return None
    return urljoin(base + "/", result.next_cursor)


RECIPES: dict[str, Recipe] = {
    "post": Recipe("post", post_start),
    "account": Recipe("account", account_start, listing_next),
    "hashtag": Recipe("hashtag", hashtag_start, listing_next),
    "search": Recipe("search", search_start, listing_next),
}
