"""TikTok JSON: web API item lists, search results, single items, and NDJSON browser captures."""

from __future__ import annotations

from typing import Any

import orjson

from plugins.platform import ParseError, ParseResult
from plugins.tiktok.item import item_to_post
from plugins.values import as_dict, as_list, as_text

_LIST_KEYS = ("itemList", "item_list")


def is_item(value: Any) -> bool:
    """Whether a JSON value looks like a TikTok itemStruct (an id and TikTok's stats)."""
    if not isinstance(value, dict) or "id" not in value:
        return False
    stats = value.get("stats")
    return isinstance(value.get("statsV2"), dict) or (isinstance(stats, dict) and "diggCount" in stats)


def _add(result: ParseResult, item: Any) -> None:
    converted = item_to_post(item) if isinstance(item, dict) else None
    if converted is None:
        result.warn("item without an id skipped")
        return
    result.add(converted[0], missing=converted[1])


def _pagination(data: dict[str, Any], result: ParseResult) -> None:
    more = data.get("hasMore", data.get("has_more"))
    if isinstance(more, bool) or (isinstance(more, int) and more in (0, 1)):
        result.has_more = bool(more)
    cursor = data.get("cursor")
    if result.has_more is not False and isinstance(cursor, str | int) and not isinstance(cursor, bool):
        result.next_cursor = str(cursor)


def _listing(data: dict[str, Any]) -> tuple[str, list[Any]] | None:
    """The format name and items of an API response, or None when it is no TikTok listing."""
    for key in _LIST_KEYS:
        if key in data:
            return "api_item_list", as_list(data.get(key))
    if "hasMore" in data and "statusCode" in data:
        return "api_item_list", []  # the last page of a listing carries no itemList
    entries = data.get("data")
    if isinstance(entries, list) and ("has_more" in data or "cursor" in data):
        items = [e.get("item") for e in entries if isinstance(e, dict) and isinstance(e.get("item"), dict)]
        return "api_search", items
    return None


def parse_json(data: Any) -> ParseResult:
    """Posts of one decoded TikTok JSON document (API listing, capture record or bare item)."""
    if not isinstance(data, dict):
        raise ParseError("a TikTok JSON document is an object")
    listing = _listing(data)
    result = ParseResult()
    if listing is not None:
        result.format, items = listing
        for item in items:
            _add(result, item)
        _pagination(data, result)
        return result
    if is_item(data.get("data")):
        result.format = "capture_item"
        _add(result, data["data"])
        return result
    item = data.get("itemStruct", data)
    if is_item(item):
        result.format = "item"
        _add(result, item)
        return result
    raise ParseError("JSON without TikTok items")


def parse_ndjson(body: bytes) -> ParseResult:
    """Posts of a browser capture: one JSON object per line with the itemStruct under `data`."""
    result = ParseResult(format="ndjson")
    lines = 0
    for line in body.splitlines():
        if not line or (len(line) < 64 and line.isspace()):
            continue
        lines += 1
        try:
            record = orjson.loads(line)
        except orjson.JSONDecodeError:
            result.warn(f"line {lines}: not JSON, skipped")
            continue
        item = as_dict(record).get("data")
        if is_item(item):
            _add(result, item)
        else:
            result.warn(f"line {lines}: no TikTok item under 'data', skipped")
    if not result.posts:
        raise ParseError("no TikTok item in the capture")
    return result


def capture_is_tiktok(record: Any) -> bool:
    """Whether one capture record (an NDJSON line) is a TikTok one."""
    record = as_dict(record)
    source = as_text(record.get("source_platform_url")) or as_text(record.get("source_platform")) or ""
    return "tiktok.com" in source or is_item(record.get("data"))
