"""TikTok parser: recognise a body (HTML page, API JSON, NDJSON capture) and dispatch to its reader."""

from __future__ import annotations

import orjson

from plugins.platform import Page, ParseResult
from plugins.tiktok.api import capture_is_tiktok, parse_json, parse_ndjson
from plugins.tiktok.embedded import SIGI, SIGI_ASSIGNED, UNIVERSAL
from plugins.tiktok.html import parse_html

FORMATS: tuple[str, ...] = (
    "video_page",
    "profile_page",
    "html_page",
    "sigi_state",
    "api_item_list",
    "api_search",
    "capture_item",
    "item",
    "ndjson",
)
_BOM = b"\xef\xbb\xbf"
# Keys only TikTok's web JSON spells this way (Douyin and the mobile API use snake_case).
_ITEM_KEYS = (b'"diggCount"', b'"statsV2"')
_LISTING_KEYS = (b'"itemList"', b'"item_list"', b'"hasMore"')


def _body(page: Page) -> bytes:
    body = page.body.lstrip()
    return body[len(_BOM) :].lstrip() if body.startswith(_BOM) else body


def _sniff_json(body: bytes) -> bool:
    if any(key in body for key in _ITEM_KEYS):
        return True
    if b'"statusCode"' in body and any(key in body for key in _LISTING_KEYS):
        return True
    first = body.split(b"\n", 1)[0]
    try:
        return capture_is_tiktok(orjson.loads(first))
    except orjson.JSONDecodeError:
        return False


def sniff(page: Page) -> bool:
    """Whether the body is a TikTok page, API response or capture (never another platform's)."""
    body = _body(page)
    if body[:1] in (b"{", b"["):
        return _sniff_json(body)
    if UNIVERSAL in body:
        return b'"__DEFAULT_SCOPE__"' in body and b'"webapp.' in body
    return SIGI in body or SIGI_ASSIGNED in body


def _is_ndjson(body: bytes) -> bool:
    """A complete object on the first line and another object after it (saves a failing full load)."""
    newline = body.find(b"\n")
    if newline < 0 or not body[:newline].rstrip().endswith(b"}"):
        return False
    return body[newline + 1 : newline + 257].lstrip()[:1] == b"{"


def parse(page: Page) -> ParseResult:
    """Posts (and profile accounts) of a TikTok body; ParseError when it is none of TikTok's formats."""
    body = _body(page)
    if body[:1] not in (b"{", b"["):
        return parse_html(body)
    if _is_ndjson(body):
        return parse_ndjson(body)
    try:
        data = orjson.loads(body)
    except orjson.JSONDecodeError:
        return parse_ndjson(body)
    return parse_json(data)
