"""Where Reddit lives and how a spider reaches each kind of target (pure data, no crawling).

Every target is read through Reddit's `.json` listings over plain HTTP. Reddit has no hashtags:
a community (`/r/name`) is the closest thing, so hashtag targets are subreddits.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import quote, urlsplit

from plugins.platform import ParseResult, Recipe

DOMAINS: tuple[str, ...] = ("www.reddit.com", "reddit.com", "old.reddit.com", "new.reddit.com", "redd.it")
BASE_URL = "https://www.reddit.com"
_SITE = r"^https?://(?:www\.|old\.|new\.|np\.|m\.)?reddit\.com"
URL_PATTERNS: dict[str, tuple[str, ...]] = {
    "post": (_SITE + r"/(?:r/\w+/)?comments/[a-z0-9]+", r"^https?://redd\.it/[a-z0-9]+/?$"),
    "account": (_SITE + r"/(?:user|u)/[\w-]+/?(?:(?:submitted|overview)/?)?(?:\.json)?(?:\?[^#]*)?$",),
    "hashtag": (_SITE + r"/r/\w+/?(?:(?:hot|new|top|rising)/?)?(?:\.json)?(?:\?[^#]*)?$",),
    "search": (_SITE + r"/(?:r/\w+/)?search(?:/|\.json)?\?(?:[^#]*&)?q=",),
}
_POST_ID = re.compile(r"/comments/([a-z0-9]+)|^https?://redd\.it/([a-z0-9]+)")
_USER = re.compile(r"/(?:user|u)/([\w-]+)")
_SUB = re.compile(r"/r/(\w+)")
_LIMIT = "limit=100&raw_json=1"


def _is_url(target: str) -> bool:
    return target.startswith(("http://", "https://"))


def post_start(base: str, target: str) -> str:
    """The post page JSON (post and comments) of a post URL, short link or bare id."""
    target = target.strip()
    found = _POST_ID.search(target) if _is_url(target) else None
    post_id = (found.group(1) or found.group(2)) if found else target.removeprefix("t3_")
    return f"{base}/comments/{quote(post_id)}/.json?raw_json=1"


def account_start(base: str, target: str) -> str:
    """The submitted-posts listing of a user ("u/name", "name" or a profile URL)."""
    target = target.strip()
    found = _USER.search(target) if _is_url(target) else None
    name = found.group(1) if found else target.removeprefix("/").removeprefix("u/").lstrip("@")
    return f"{base}/user/{quote(name)}/submitted/.json?{_LIMIT}"


def hashtag_start(base: str, target: str) -> str:
    """The newest-posts listing of a subreddit ("r/name", "#name", "name" or its URL)."""
    target = target.strip()
    found = _SUB.search(target) if _is_url(target) else None
    name = found.group(1) if found else target.removeprefix("/").removeprefix("r/").lstrip("#")
    return f"{base}/r/{quote(name)}/new/.json?{_LIMIT}"


def search_start(base: str, target: str) -> str:
    """The newest search results of a query (or the JSON of a search URL given)."""
    if _is_url(target):
        parts = urlsplit(target)
        return f"{base}{parts.path.rstrip('/').removesuffix('.json')}/.json?{parts.query}&raw_json=1"
    return f"{base}/search/.json?q={quote(target)}&sort=new&{_LIMIT}"


def _next_after(start: Callable[[str, str], str]) -> Callable[[str, str, ParseResult], str | None]:
    """A next_url that asks `start`'s listing again from the `after` fullname the last page gave."""

    def next_url(base: str, target: str, result: ParseResult) -> str | None:
        if result.next_cursor is None or result.has_more is False:
            return None
        return f"{start(base, target)}&after={quote(result.next_cursor)}"

    return next_url


RECIPES: dict[str, Recipe] = {
    "post": Recipe("post", post_start),
    "account": Recipe("account", account_start, _next_after(account_start)),
    "hashtag": Recipe("hashtag", hashtag_start, _next_after(hashtag_start)),
    "search": Recipe("search", search_start, _next_after(search_start)),
}
