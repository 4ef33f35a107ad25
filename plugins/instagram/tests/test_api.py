"""JSON documents and NDJSON captures: where the media sit, pagination, duplicates, what is refused."""

from __future__ import annotations

from typing import Any

import orjson
import pytest

from plugins.instagram import PLATFORM
from plugins.instagram.api import handle_in_url, parse_document, parse_ndjson
from plugins.platform import Page, ParseError


def _media(code: str, **fields: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "code": code,
        "pk": "1",
        "taken_at": 1770550000,
        "media_type": 1,
        "product_type": "feed",
        "user": {"username": "someone"},
        "like_count": 1,
        "comment_count": 0,
    }
    base.update(fields)
    return base


def test_home_timeline_connection_edges_hold_node_media() -> None:
    doc = {
        "data": {
            "xdt_api__v1__feed__timeline__connection": {
                "edges": [
                    {"node": {"media": _media("DAAAAA1"), "explore_story": None}, "cursor": "a"},
                    {"node": {"media": None, "end_of_feed_demarcator": {"title": "You're all caught up"}}},
                    {"node": {"media": _media("DAAAAA2", product_type="clips", media_type=2)}},
                ],
                "page_info": {"end_cursor": "KGQAAjc0", "has_next_page": True},
            }
        }
    }
    result = parse_document(doc)
    assert result.format == "graphql_query"
    assert [p.post_id for p in result.posts] == ["DAAAAA1", "DAAAAA2"]
    assert (result.next_cursor, result.has_more) == ("KGQAAjc0", True)
    assert result.warnings == ["1 edge(s) without an Instagram post skipped"]


def test_v1_items_with_max_id() -> None:
    doc = {
        "items": [_media("DBBBBB1"), {"media": _media("DBBBBB2")}],
        "next_max_id": "QVF",
        "more_available": True,
    }
    result = parse_document(doc)
    assert result.format == "api_items"
    assert [p.post_id for p in result.posts] == ["DBBBBB1", "DBBBBB2"]
    assert result.next_cursor == "QVF"


def test_no_cursor_when_the_response_says_there_is_no_more() -> None:
    result = parse_document({"items": [_media("DBBBBB1")], "next_max_id": "QVF", "more_available": False})
    assert (result.next_cursor, result.has_more) == (None, False)


def test_private_feed_items_hold_media_or_ad() -> None:
    result = parse_document({"feed_items": [{"media_or_ad": _media("DCCCCC1")}, {"suggested_users": {}}]})
    assert [p.post_id for p in result.posts] == ["DCCCCC1"]


def test_grid_sections_in_page_order_without_duplicates() -> None:
    doc = {
        "sections": [
            {
                "layout_content": {
                    "one_by_two_item": {"clips": {"items": [{"media": _media("DDDDDD1")}]}},
                    "fill_items": [{"media": _media("DDDDDD2")}, {"media": _media("DDDDDD1")}],
                }
            },
            {"layout_content": {"medias": [{"media": _media("DDDDDD3")}]}},
            {"layout_content": None},
        ],
        "more_available": False,
    }
    result = parse_document(doc)
    assert result.format == "explore_grid"
    assert [p.post_id for p in result.posts] == ["DDDDDD1", "DDDDDD2", "DDDDDD3"]


def test_hashtag_sections_under_data_top() -> None:
    doc = {"data": {"top": {"sections": [{"layout_content": {"medias": [{"media": _media("DEEEEE1")}]}}]}}}
    assert [p.post_id for p in parse_document(doc).posts] == ["DEEEEE1"]


def test_graphql_hashtag_top_and_recent_posts() -> None:
    node = {"shortcode": "CAAAAA1", "__typename": "GraphImage", "edge_liked_by": {"count": 4}}
    doc = {
        "graphql": {
            "hashtag": {
                "name": "kaffe",
                "edge_hashtag_to_top_posts": {"edges": [{"node": node}]},
                "edge_hashtag_to_media": {
                    "edges": [{"node": node}, {"node": dict(node, shortcode="CAAAAA2")}],
                    "page_info": {"has_next_page": True, "end_cursor": "QVFH"},
                },
            }
        }
    }
    result = parse_document(doc)
    assert result.format == "graphql_hashtag"
    assert [p.post_id for p in result.posts] == ["CAAAAA1", "CAAAAA2"]
    assert result.next_cursor == "QVFH"


def test_graphql_shortcode_media_response() -> None:
    node = {"__typename": "GraphImage", "shortcode": "CFFFFF1", "edge_media_preview_like": {"count": 7}}
    result = parse_document({"data": {"xdt_shortcode_media": node}})
    assert result.format == "graphql_media"
    assert result.posts[0].likes == 7


def test_profile_handle_comes_from_the_request_url() -> None:
    doc = {"data": {"user": {"full_name": "X", "edge_owner_to_timeline_media": {"count": 0, "edges": []}}}}
    url = "https://www.instagram.com/api/v1/users/web_profile_info/?username=nordic.kitchen&hl=en"
    result = parse_document(doc, url)
    assert result.format == "web_profile_info"
    assert result.accounts[0].handle == "nordic.kitchen"
    assert handle_in_url("https://www.instagram.com/x/") is None


def test_an_empty_listing_is_a_page_without_posts() -> None:
    result = parse_document({"items": [], "more_available": False})
    assert (result.format, result.posts, result.warnings) == ("api_items", [], [])


def test_a_json_list_of_items() -> None:
    result = parse_document([{"data": _media("DGGGGG1")}, _media("DGGGGG2")])
    assert result.format == "item_list"
    assert [p.post_id for p in result.posts] == ["DGGGGG1", "DGGGGG2"]


@pytest.mark.parametrize(
    "doc",
    [{"status": "ok"}, {"data": {"viewer": None}}, [1, 2], "text", 12, None, {"items": "none"}, []],
)
def test_documents_without_instagram_media_are_refused(doc: Any) -> None:
    with pytest.raises(ParseError):
        parse_document(doc)


def test_ndjson_skips_damaged_lines_with_a_warning() -> None:
    lines = [
        orjson.dumps({"source_platform": "instagram.com", "data": _media("DHHHHH1")}),
        b"{not json",
        orjson.dumps({"source_platform": "instagram.com", "data": {"story": True}}),
        b"",
        orjson.dumps({"data": _media("DHHHHH2")}),
    ]
    result = parse_ndjson(b"\n".join(lines))
    assert [p.post_id for p in result.posts] == ["DHHHHH1", "DHHHHH2"]
    assert result.warnings == [
        "line 2: not JSON, skipped",
        "line 3: no Instagram media under 'data', skipped",
    ]


def test_ndjson_without_instagram_media_is_refused() -> None:
    with pytest.raises(ParseError):
        parse_ndjson(b'{"data": {"id": 1}}\n{"data": {"id": 2}}\n')


def test_parser_dispatches_ndjson_and_pretty_json() -> None:
    one = orjson.dumps({"data": _media("DIIIII1")})
    two = orjson.dumps({"data": _media("DIIIII2")})
    assert PLATFORM.parse(Page(url="", body=one + b"\n" + two + b"\n")).format == "ndjson"
    pretty = orjson.dumps({"data": _media("DIIIII1")}, option=orjson.OPT_INDENT_2)
    assert PLATFORM.parse(Page(url="", body=b"\xef\xbb\xbf" + pretty)).format == "capture_item"


def test_deeply_nested_wrappers_are_not_followed_forever() -> None:
    entry: dict[str, Any] = {"node": _media("DJJJJJ1")}
    for _ in range(900):
        entry = {"node": entry}
    result = parse_document({"items": [entry, {"media": {"node": _media("DJJJJJ2")}}]})
    assert [p.post_id for p in result.posts] == ["DJJJJJ2"]
