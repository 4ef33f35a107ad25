"""Instagram HTML pages: _sharedData, __additionalDataLoaded, data-sjs blobs, login walls, other sites."""

from __future__ import annotations

from typing import Any

import orjson
import pytest

from plugins.instagram import PLATFORM
from plugins.platform import Page, ParseError, ParseResult

HEAD = b'<html><head><meta property="og:site_name" content="Instagram" />'


def _node(code: str = "BWUDBntl3_Z", **fields: Any) -> dict[str, Any]:
    node: dict[str, Any] = {
        "__typename": "GraphImage",
        "shortcode": code,
        "edge_media_preview_like": {"count": 10},
        "owner": {"id": "1", "username": "teslamotors", "edge_followed_by": {"count": 5}},
    }
    node.update(fields)
    return node


def _parse(body: bytes) -> ParseResult:
    return PLATFORM.parse(Page(url="https://www.instagram.com/p/BWUDBntl3_Z/", body=body))


def _shared(data: Any, tail: bytes = b";") -> bytes:
    script = b"window._sharedData = " + orjson.dumps(data, option=orjson.OPT_INDENT_2) + tail
    return HEAD + b"</head><body><script>\n  " + script + b"\n\n  </script></body></html>"


def test_shared_data_post_page_with_spaces_before_the_script_end() -> None:
    result = _parse(_shared({"entry_data": {"PostPage": [{"graphql": {"shortcode_media": _node()}}]}}))
    assert result.format == "post_page"
    assert [p.post_id for p in result.posts] == ["BWUDBntl3_Z"]
    assert result.accounts[0].handle == "teslamotors"


def test_shared_data_post_page_with_v1_items() -> None:
    item = {"code": "B1v1item00", "taken_at": 1570000000, "media_type": 1, "like_count": 4}
    result = _parse(_shared({"entry_data": {"PostPage": [{"items": [item]}]}}))
    assert [(p.post_id, p.likes) for p in result.posts] == [("B1v1item00", 4)]


def test_shared_data_profile_page() -> None:
    user = {
        "username": "tesla",
        "edge_followed_by": {"count": 9},
        "edge_owner_to_timeline_media": {"count": 1, "edges": [{"node": _node("BAAAAAA1")}]},
    }
    result = _parse(_shared({"entry_data": {"ProfilePage": [{"graphql": {"user": user}}]}}))
    assert result.format == "profile_page"
    assert result.accounts[0].followers == 9
    assert [p.post_id for p in result.posts] == ["BAAAAAA1"]


def test_additional_data_loaded_post_page() -> None:
    call = b"window.__additionalDataLoaded('/p/BWUDBntl3_Z/'," + orjson.dumps(
        {"graphql": {"shortcode_media": _node(edge_media_preview_like={"count": 77})}}
    )
    body = (
        HEAD
        + b"<script>window.__additionalDataLoaded = function (path, data) {};</script>"
        + _shared({"entry_data": {"PostPage": [{}]}})[len(HEAD) :]
        + b"<script>"
        + call
        + b");</script>"
    )
    result = _parse(body)
    assert result.format == "post_page"
    assert result.posts[0].likes == 77


def test_sjs_blob_with_media_info() -> None:
    item = {"code": "DVg8Nn7Oo8P", "taken_at": 1771400000, "media_type": 2, "product_type": "clips"}
    blob = {"require": [["X", "next", [], [{"__bbox": {"result": {"data": {
        "xdt_api__v1__media__shortcode__web_info": {"items": [item]}}}}}]]]}  # fmt: skip
    body = (
        HEAD
        + b'<script type="application/json" data-sjs>{"require":[]}</script>'
        + b'<script type="application/json" data-content-len="9" data-sjs>'
        + orjson.dumps(blob)
        + b"</script></html>"
    )
    result = _parse(body)
    assert result.format == "post_page_sjs"
    assert result.posts[0].url == "https://www.instagram.com/reel/DVg8Nn7Oo8P/"


def test_damaged_sjs_blob_gives_the_no_data_warning() -> None:
    body = HEAD + b'<script type="application/json" data-sjs>{"xdt_api__v1__x": [</script>'
    result = _parse(body)
    assert (result.format, result.posts) == ("login_wall", [])
    assert result.warnings == ["no post data (login wall)"]


def test_damaged_shared_data_gives_the_no_data_warning() -> None:
    body = HEAD + b'<script>window._sharedData = {"entry_data": {"PostPage": [</script>'
    result = _parse(body)
    assert result.posts == []
    assert result.warnings == ["no post data (login wall)"]


def test_login_wall_names_the_canonical_post() -> None:
    body = HEAD + b'<link rel="canonical" href="https://www.instagram.com/p/CN2VQ1yI_MA/" /></head></html>'
    assert _parse(body).warnings == ["no post data (login wall) for CN2VQ1yI_MA"]


def test_meta_description_without_a_post_url_gives_no_post() -> None:
    body = HEAD + b'<meta property="og:description" content="123 likes, 4 comments" /></head></html>'
    result = _parse(body)
    assert result.posts == [] and result.missing == {}


@pytest.mark.parametrize(
    ("description", "counters", "approximate"),
    [
        ("1 like, 1 comment - solo.shot on January 2, 2024", (1, 1), []),
        (
            "2.5M likes, 12K comments - solo.shot on January 2, 2024",
            (2_500_000, 12_000),
            ["likes", "comments"],
        ),
        ("solo.shot on January 2, 2024: &quot;hidden counts&quot;", (None, None), []),
    ],
)
def test_login_wall_meta_description_phrasings(
    description: str, counters: tuple[int | None, int | None], approximate: list[str]
) -> None:
    body = (
        HEAD
        + f'<meta property="og:description" content="{description}" />'.encode()
        + b'<meta property="og:url" content="https://www.instagram.com/p/C0dE123abc_/" /></head></html>'
    )
    result = _parse(body)
    [post] = result.posts
    assert (post.post_id, post.author, post.published_at) == (
        "C0dE123abc_",
        "solo.shot",
        "2024-01-02T00:00:00Z",
    )
    assert ((post.likes, post.comments), post.approximate) == (counters, approximate)
    assert result.missing["likes"] == (counters[0] is None)


@pytest.mark.parametrize(
    "body",
    [
        b"<html><head><title>Example</title></head><body>window._sharedData</body></html>",
        b'<html><meta property="og:site_name" content="YouTube"></html>',
        b"plain text",
    ],
)
def test_other_pages_are_refused(body: bytes) -> None:
    page = Page(url="https://example.com/", body=body)
    assert not PLATFORM.sniff(page)
    with pytest.raises(ParseError):
        PLATFORM.parse(page)


def test_several_sjs_payloads_merge_without_counting_a_post_twice() -> None:
    item = {"code": "DVg8Nn7Oo8P", "taken_at": 1771400000, "media_type": 1, "like_count": 2}
    other = dict(item, code="DVg8Nn7Oo9Q")

    def blob(items: list[dict[str, Any]]) -> bytes:
        payload = {"data": {"xdt_api__v1__media__shortcode__web_info": {"items": items}}}
        return b'<script type="application/json" data-sjs>' + orjson.dumps(payload) + b"</script>"

    result = _parse(HEAD + blob([item]) + blob([item, other]) + b"</html>")
    assert [p.post_id for p in result.posts] == ["DVg8Nn7Oo8P", "DVg8Nn7Oo9Q"]
    assert result.missing["views"] == 2
