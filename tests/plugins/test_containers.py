"""Capture containers: HAR files and VCR cassettes unpack into the responses they hold."""

from __future__ import annotations

import base64
import gzip

import orjson
import pytest
import yaml

from plugins.containers import is_container, unpack
from plugins.platform import Page, ParseError

HTML = b"<html><body>1,615 Likes</body></html>"


def har(entries: list[dict[str, object]]) -> Page:
    return Page(url="file:///capture.har", body=orjson.dumps({"log": {"version": "1.2", "entries": entries}}))


def test_har_entries_in_order_with_base64_and_empty_ones_skipped() -> None:
    page = har(
        [
            {"request": {"url": "https://a.example/1"}, "response": {"content": {"text": "first"}}},
            {"request": {"url": "https://a.example/empty"}, "response": {"content": {"text": ""}}},
            {
                "request": {"url": "https://a.example/2"},
                "response": {
                    "headers": [{"name": "Content-Type", "value": "text/html"}],
                    "content": {"text": base64.b64encode(HTML).decode(), "encoding": "base64"},
                },
                "startedDateTime": "2025-01-02T03:04:05Z",
            },
            "not an entry",
        ]
    )
    assert is_container(page)
    pages = unpack(page)
    assert [(p.url, p.body) for p in pages] == [
        ("https://a.example/1", b"first"),
        ("https://a.example/2", HTML),
    ]
    assert pages[1].headers == {"content-type": "text/html"} and pages[1].fetched_at == "2025-01-02T03:04:05Z"


def test_vcr_cassette_bodies_are_decompressed() -> None:
    cassette = {
        "interactions": [
            {"request": {"uri": "https://m.example/redirect"}, "response": {"body": {"string": ""}}},
            {
                "request": {"uri": "https://m.example/story"},
                "response": {
                    "headers": {"Content-Encoding": ["gzip"]},
                    "body": {"string": gzip.compress(HTML)},
                },
            },
        ],
        "version": 1,
    }
    page = Page(url="file:///c.yaml", body=yaml.safe_dump(cassette).encode())
    assert is_container(page)
    (story,) = unpack(page)
    assert story.url == "https://m.example/story" and story.body == HTML


@pytest.mark.parametrize("body", [b"interactions: [unclosed", b'{"log": {"entries": 5}}', b"interactions: 3"])
def test_damaged_containers_raise_parse_error(body: bytes) -> None:
    with pytest.raises(ParseError):
        unpack(Page(url="file:///x", body=body))


def test_ordinary_pages_are_not_containers() -> None:
    assert not is_container(Page(url="u", body=HTML))
    assert not is_container(Page(url="u", body=b'{"data": {"log": 1}}'))
