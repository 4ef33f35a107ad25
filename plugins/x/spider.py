"""Where X lives and how a spider reaches each kind of target (pure data, no crawling)."""

from __future__ import annotations

import re
from urllib.parse import quote

from plugins.platform import Recipe

DOMAINS: tuple[str, ...] = ("x.com", "www.x.com", "twitter.com", "www.twitter.com", "mobile.twitter.com")
BASE_URL = "https://x.com"
_SITE = r"^https?://(?:www\.|mobile\.)?(?:x|twitter)\.com"
# Paths under the site root that are pages of X itself, not accounts.
_RESERVED = (
    "home|explore|search|hashtag|i|settings|messages|notifications|compose|login|logout|signup|tos|privacy"
)
URL_PATTERNS: dict[str, tuple[str, ...]] = {
    "post": (_SITE + r"/(?:\w{1,15}|i(?:/web)?)/status(?:es)?/\d+",),
    "account": (_SITE + rf"/(?!(?:{_RESERVED})(?:[/?#]|$))\w{{1,15}}/?(?:[?#][^/]*)?$",),
    "hashtag": (_SITE + r"/hashtag/[^/?#\s]+",),
    "search": (_SITE + r"/search/?\?(?:[^#]*&)?q=",),
}
# The GraphQL operations the web app calls (/i/api/graphql/<query id>/<operation>); a browser
# captures their responses. The query id changes with each deploy, so only the operation is matched.
TWEET_DETAIL_API = "/TweetDetail"
USER_TWEETS_API = "/UserTweets"
SEARCH_API = "/SearchTimeline"
_STATUS_IN_URL = re.compile(r"/status(?:es)?/(\d+)")
_HANDLE_IN_URL = re.compile(r"^https?://[^/]+/(\w{1,15})")
_TAG_IN_URL = re.compile(r"/hashtag/([^/?#\s]+)")


def _is_url(target: str) -> bool:
    return target.startswith(("http://", "https://"))


def post_start(base: str, target: str) -> str:
    """The status page of a post: its URL, or a bare rest_id."""
    target = target.strip()
    found = _STATUS_IN_URL.search(target) if _is_url(target) else None
    if found:
        return target
    return f"{base}/i/status/{target}" if target.isdigit() else f"{base}/{target.lstrip('/')}"


def handle_of(target: str) -> str:
    """The screen name in an account target ("@name", "name" or a profile URL), without the @."""
    target = target.strip()
    found = _HANDLE_IN_URL.search(target) if _is_url(target) else None
    return found.group(1) if found else target.lstrip("@").strip("/")


def account_start(base: str, target: str) -> str:
    """The profile page of an account."""
    return f"{base}/{quote(handle_of(target))}"


def hashtag_start(base: str, target: str) -> str:
    """The hashtag page of a tag ("#name", "name" or a hashtag URL)."""
    target = target.strip()
    found = _TAG_IN_URL.search(target) if _is_url(target) else None
    name = found.group(1) if found else quote(target.lstrip("#"))
    return f"{base}/hashtag/{name}"


def search_start(base: str, target: str) -> str:
    """The latest-results search page of a query (or the search URL given)."""
    return target if _is_url(target) else f"{base}/search?q={quote(target)}&src=typed_query&f=live"


RECIPES: dict[str, Recipe] = {
    "post": Recipe("post", post_start, browser=True, capture=(TWEET_DETAIL_API,)),
    "account": Recipe("account", account_start, browser=True, capture=(USER_TWEETS_API,)),
    "hashtag": Recipe("hashtag", hashtag_start, browser=True, capture=(SEARCH_API,)),
    "search": Recipe("search", search_start, browser=True, capture=(SEARCH_API,)),
}
