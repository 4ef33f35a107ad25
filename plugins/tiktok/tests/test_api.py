"""JSON bodies: API listings and their pagination, captures, bare items, NDJSON dispatch."""

from __future__ import annotations

from typing import Any

import orjson
import pytest

from plugins.platform import Page, ParseError, ParseResult
from plugins.tiktok import PLATFORM

ITEM = {"id": "7000000000000000001", "author": {"uniqueId": "maker"}, "stats": {"diggCount": 3}}


def _parse(data: Any) -> ParseResult:
    return PLATFORM.parse(Page(url="https://www.tiktok.com/@maker", body=orjson.dumps(data)))


@pytest.mark.parametrize("key", ["itemList", "item_list"])
def test_item_lists_and_cursor(key: str) -> None:
    result = _parse({key: [ITEM], "cursor": "1700000000000", "hasMore": True, "statusCode": 0})
    assert result.format == "api_item_list" and len(result.posts) == 1
    assert (result.next_cursor, result.has_more) == ("1700000000000", True)


def test_last_page_has_no_next_cursor() -> None:
    result = _parse({"itemList": [ITEM], "cursor": "0", "hasMore": False})
    assert (result.next_cursor, result.has_more) == (None, False)


def test_last_page_without_item_list() -> None:
    result = _parse({"cursor": "0", "hasMore": False, "statusCode": 0})
    assert result.posts == [] and result.has_more is False


def test_recommend_list_without_cursor() -> None:
    result = _parse({"itemList": [ITEM, ITEM | {"id": "7000000000000000002"}], "statusCode": 0})
    assert len(result.posts) == 2 and result.next_cursor is None and result.has_more is None


def test_search_entries_without_item_are_skipped() -> None:
    data = {"data": [{"type": 1, "item": ITEM}, {"type": 4, "user_list": []}], "cursor": 20, "has_more": 0}
    result = _parse(data)
    assert result.format == "api_search" and len(result.posts) == 1
    assert (result.next_cursor, result.has_more) == (None, False)


def test_items_without_id_are_warned_about() -> None:
    result = _parse({"itemList": [ITEM, {"desc": "no id"}, "junk"], "hasMore": True, "cursor": 5})
    assert len(result.posts) == 1 and len(result.warnings) == 2
    assert result.next_cursor == "5"


@pytest.mark.parametrize("junk", [None, 5, "x", {"a": 1}])
def test_listing_of_wrong_type(junk: object) -> None:
    result = _parse({"itemList": junk, "hasMore": "yes", "cursor": [1]})
    assert result.posts == [] and result.next_cursor is None and result.has_more is None


def test_bare_item_and_wrapped_item_struct() -> None:
    assert _parse(ITEM).format == "item"
    assert _parse({"itemStruct": ITEM}).posts[0].post_id == "7000000000000000001"


@pytest.mark.parametrize("data", [{"hello": 1}, [1, 2], {"data": {"id": "1"}}])
def test_other_json_is_refused(data: Any) -> None:
    with pytest.raises(ParseError):
        _parse(data)


def _line(data: Any) -> bytes:
    record = {"source_platform": "tiktok.com", "source_platform_url": "https://www.tiktok.com/", "data": data}
    return orjson.dumps(record) + b"\n"


def test_ndjson_skips_broken_lines_and_keeps_order() -> None:
    second = ITEM | {"id": "7000000000000000002"}
    body = _line(ITEM) + b"{not json\n\n" + _line({"no": "item"}) + _line(second)
    result = PLATFORM.parse(Page(url="x", body=body))
    assert result.format == "ndjson"
    assert [p.post_id for p in result.posts] == ["7000000000000000001", "7000000000000000002"]
    assert len(result.warnings) == 2


def test_truncated_ndjson_keeps_the_complete_lines() -> None:
    body = _line(ITEM) + _line(ITEM | {"id": "7000000000000000002"})[:40]
    result = PLATFORM.parse(Page(url="x", body=body))
    assert [p.post_id for p in result.posts] == ["7000000000000000001"]


def test_ndjson_without_tiktok_items_is_refused() -> None:
    body = b'{"data": {"pk": "1", "like_count": 3}}\n{"data": {"pk": "2"}}\n'
    with pytest.raises(ParseError):
        PLATFORM.parse(Page(url="x", body=body))


def test_byte_order_mark_is_ignored() -> None:
    body = b"\xef\xbb\xbf" + orjson.dumps({"itemList": [ITEM]})
    assert len(PLATFORM.parse(Page(url="x", body=body)).posts) == 1
