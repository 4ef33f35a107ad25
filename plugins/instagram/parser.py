"""Instagram parser: recognise a body (HTML page, API/GraphQL JSON, NDJSON capture) and dispatch."""

from __future__ import annotations

import re

import orjson

from plugins.instagram.api import parse_document, parse_ndjson
from plugins.instagram.html import is_instagram_html, parse_html
from plugins.platform import Page, ParseError, ParseResult

FORMATS: tuple[str, ...] = (
    "ndjson",
    "capture_item",
    "media_item",
    "item_list",
    "api_items",
    "graphql_query",
    "media_info",
    "explore_grid",
    "web_profile_info",
    "graphql_media",
    "graphql_hashtag",
    "post_page",
    "post_page_sjs",
    "profile_page",
    "login_wall",
)
_BOM = b"\xef\xbb\xbf"
# Keys only Instagram's JSON spells this way.
_JSON_MARKERS = (
    b'"like_and_view_counts_disabled"',
    b'"edge_owner_to_timeline_media"',
    b'"shortcode_media"',
    b'"xdt_shortcode_media"',
    b'"xdt_api__v1__',
    b'"edge_media_preview_like"',
    b'"edge_hashtag_to_media"',
    b'"one_by_two_item"',
)
_CAPTURE_SOURCE = re.compile(rb'"source_platform"\s*:\s*"(?:www\.)?instagram\.com"')


def _body(page: Page) -> bytes:
    body = page.body.lstrip()
    return body[len(_BOM) :].lstrip() if body.startswith(_BOM) else body


def _sniff_json(body: bytes) -> bool:
    if _CAPTURE_SOURCE.search(body, 0, 4096) is not None:
        return True
    if any(marker in body for marker in _JSON_MARKERS):
        return True
    # A bare v1 media object or list of them that lacks the flags above.
    return b'"taken_at"' in body and b'"media_type"' in body and b'"code"' in body


def sniff(page: Page) -> bool:
    """Whether the body is an Instagram page, API/GraphQL response or capture (never another platform's)."""
    body = _body(page)
    if body[:1] in (b"{", b"["):
        return _sniff_json(body)
    return is_instagram_html(body)


def _is_ndjson(body: bytes) -> bool:
    """A complete object on the first line and another object after it (saves a failing full load)."""
    newline = body.find(b"\n")
    if newline < 0 or not body[:newline].rstrip().endswith(b"}"):
        return False
    return body[newline + 1 : newline + 257].lstrip()[:1] == b"{"


def parse(page: Page) -> ParseResult:
    """Posts (and profile accounts) of an Instagram body; ParseError when it is no Instagram format."""
    body = _body(page)
    if body[:1] not in (b"{", b"["):
        if not is_instagram_html(body):
            raise ParseError("not an Instagram page")
        return parse_html(body, page.url)
    if _is_ndjson(body):
        return parse_ndjson(body)
    try:
        data = orjson.loads(body)
    except orjson.JSONDecodeError:
        return parse_ndjson(body)
    return parse_document(data, page.url)
