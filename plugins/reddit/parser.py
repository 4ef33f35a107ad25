"""Reddit parser: listing JSON (front page, subreddit, user, search) and post pages (post + comments)."""

from __future__ import annotations

from typing import Any

import orjson

from plugins.platform import Page, ParseError, ParseResult
from plugins.reddit.link import link_to_post
from plugins.reddit.schema import decode_listing
from plugins.values import as_dict, as_text

FORMATS: tuple[str, ...] = ("listing", "post_page", "link")
_BOM = b"\xef\xbb\xbf"
# A Reddit thing: {"kind": "t3", "data": {...}}; listings wrap things in data.children.
_KINDS = (b'"kind": "Listing"', b'"kind":"Listing"', b'"kind": "t3"', b'"kind":"t3"')


def _body(page: Page) -> bytes:
    body = page.body.lstrip()
    return body[len(_BOM) :].lstrip() if body.startswith(_BOM) else body


def sniff(page: Page) -> bool:
    """Whether the body is Reddit listing JSON (never another platform's JSON)."""
    body = _body(page)
    if body[:1] not in (b"{", b"["):
        return False
    head = body[:65536]
    return any(kind in head for kind in _KINDS) and b'"subreddit' in body


def _is_listing(value: Any) -> bool:
    return as_dict(value).get("kind") == "Listing" and isinstance(dig_children(value), list)


def dig_children(listing: Any) -> list[Any] | None:
    """The `data.children` of a listing, or None when it has none."""
    children = as_dict(as_dict(listing).get("data")).get("children")
    return children if isinstance(children, list) else None


def _add_things(result: ParseResult, things: list[Any]) -> None:
    """Add every link (t3) thing; comments (t1) and other kinds are not posts."""
    seen = {post.post_id for post in result.posts}
    missing_all: list[str] = []  # counted once at the end: a Counter update per post costs more
    for thing in things:
        if not isinstance(thing, dict) or thing.get("kind") != "t3":
            continue
        data = thing.get("data")
        converted = link_to_post(data if isinstance(data, dict) else {})
        if converted is None:
            result.warn("link without an id skipped")
            continue
        post, missing = converted
        if post.post_id not in seen:
            seen.add(post.post_id)
            result.posts.append(post)
            missing_all += missing
    result.missing.update(missing_all)


def _pagination(listing: Any, result: ParseResult) -> None:
    after = as_text(as_dict(as_dict(listing).get("data")).get("after"))
    result.next_cursor = after
    result.has_more = after is not None


def parse_json(data: Any) -> ParseResult:
    """Posts of decoded Reddit JSON: a listing, a post page (list of listings) or a single t3 thing."""
    if _is_listing(data):
        result = ParseResult(format="listing")
        _add_things(result, dig_children(data) or [])
        _pagination(data, result)
        return result
    if isinstance(data, list) and data and _is_listing(data[0]):
        # A post page: the first listing holds the post, the second its comments.
        result = ParseResult(format="post_page")
        _add_things(result, dig_children(data[0]) or [])
        return result
    if as_dict(data).get("kind") == "t3":
        result = ParseResult(format="link")
        _add_things(result, [data])
        return result
    raise ParseError("JSON without a Reddit listing")


def parse(page: Page) -> ParseResult:
    """Posts of a Reddit body; ParseError when it is none of Reddit's formats."""
    body = _body(page)
    if body[:1] not in (b"{", b"["):
        raise ParseError("not Reddit JSON")
    listing = decode_listing(body)  # the usual page, decoded without the keys no post needs
    if listing is not None:
        return parse_json(listing)
    try:
        data = orjson.loads(body)
    except orjson.JSONDecodeError:
        raise ParseError("damaged Reddit JSON") from None
    return parse_json(data)
