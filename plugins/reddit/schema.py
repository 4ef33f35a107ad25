"""A Reddit listing decoded by msgspec into only the keys the parser reads, or None when orjson must say.

Building every dict of a listing costs more than the parser's whole work on it, so a typed msgspec
decode skips the keys `link.py` never reads. The result must be what `orjson.loads` followed by the
parser gives, so this path answers only where it provably agrees, and returns None otherwise:
- each key read is typed narrowly (what Reddit writes): any other value is a msgspec error;
- integers are held to int64, where orjson keeps them exact (past 64 bits orjson gives a float);
- msgspec does not check UTF-8 inside the strings it skips, so the body must be valid UTF-8;
- only a listing (kind "Listing" with a list of children) is answered here.
One difference is left: a number too large for a float (1e400) in a key the parser never reads makes
orjson reject the whole body, while msgspec skips it. (Deep nesting is not one: msgspec stops at
Python's recursion limit, below orjson's 1024 levels, and the orjson path answers.)
"""

from __future__ import annotations

from typing import Any, TypedDict

import msgspec

from plugins.values import INT64, decode_vouched


class _RedditVideo(TypedDict, total=False):
    duration: INT64 | float | None


class _Media(TypedDict, total=False):
    reddit_video: _RedditVideo | None


class _Parent(TypedDict, total=False):
    post_hint: str | None
    is_video: bool | None
    is_gallery: bool | None


# Every key `link.py` reads from a link's data; keep the two in step (the tests compare both paths).
class _Link(TypedDict, total=False):
    id: str | None
    name: str | None
    permalink: str | None
    title: str | None
    selftext: str | None
    author: str | None
    author_fullname: str | None
    subreddit: str | None
    url: str | None
    post_hint: str | None
    crosspost_parent: str | None
    crosspost_parent_list: list[_Parent] | None
    created_utc: INT64 | float | None
    ups: INT64 | None
    score: INT64 | None
    num_comments: INT64 | None
    view_count: INT64 | None
    hide_score: bool | None
    over_18: bool | None
    is_video: bool | None
    is_gallery: bool | None
    promoted: bool | None
    is_created_from_ads_ui: bool | None
    # Only media.reddit_video.duration is read: the rest of media is skipped, which may leave an empty
    # dict where orjson gives a full one; the parser reads nothing else of it, so the post is the same.
    media: _Media | None
    secure_media: _Media | None


class _Thing(TypedDict, total=False):
    kind: str | None
    data: _Link


class _ListingData(TypedDict, total=False):
    children: list[_Thing]
    after: str | None


class _Listing(TypedDict, total=False):
    kind: str | None
    data: _ListingData


_DECODER = msgspec.json.Decoder(_Listing)


def decode_listing(body: bytes) -> dict[str, Any] | None:
    """The listing with only the keys the parser reads, or None when orjson must decode the body."""
    listing: dict[str, Any] | None = decode_vouched(_DECODER, body)
    if listing is None or listing.get("kind") != "Listing" or "children" not in listing.get("data", ()):
        return None
    return listing
