"""sniff claims TikTok bodies only."""

from __future__ import annotations

import pytest

from plugins.platform import Page
from plugins.tiktok import PLATFORM

TIKTOK = {
    "universal": b'<html><script id="__UNIVERSAL_DATA_FOR_REHYDRATION__" type="application/json">'
    b'{"__DEFAULT_SCOPE__":{"webapp.app-context":{}}}</script></html>',
    "sigi": b'<html><script id="SIGI_STATE" type="application/json">{"ItemModule":{}}</script></html>',
    "sigi_assigned": b"<html><script>window['SIGI_STATE']={\"ItemModule\":{}};</script></html>",
    "item_list": b'{"itemList":[{"id":"1","stats":{"diggCount":1}}],"hasMore":false}',
    "stats_v2": b'{"id":"1","statsV2":{"playCount":"3"}}',
    "empty_last_page": b'{"cursor":"0","hasMore":false,"statusCode":0}',
    "ndjson_source": b'{"source_platform_url":"https://www.tiktok.com/search?q=a","data":{"x":1}}\n{"a":1}\n',
}
OTHERS = {
    "youtube": b'<html><script>var ytInitialPlayerResponse = {"videoDetails":{}};</script></html>',
    "instagram_ndjson": b'{"source_platform_url":"https://www.instagram.com/","data":{"like_count":3}}\n',
    "x_graphql": b'{"data":{"tweetResult":{"result":{"legacy":{"favorite_count":3}}}}}',
    "reddit": b'{"kind":"Listing","data":{"children":[{"data":{"ups":3}}]}}',
    "plain_html": b"<html><body>TikTok is mentioned here: __UNIVERSAL_DATA_FOR_REHYDRATION__</body></html>",
    "empty": b"",
    "other_rehydration_scope": b'<script id="__UNIVERSAL_DATA_FOR_REHYDRATION__" type="application/json">'
    b'{"__DEFAULT_SCOPE__":{"lemon8.feed":{}}}</script>',
    "utf16": '{"itemList":[]}'.encode("utf-16"),
}


@pytest.mark.parametrize("name", sorted(TIKTOK))
def test_tiktok_bodies_are_claimed(name: str) -> None:
    assert PLATFORM.sniff(Page(url="x", body=TIKTOK[name]))


@pytest.mark.parametrize("name", sorted(OTHERS))
def test_other_bodies_are_not_claimed(name: str) -> None:
    assert not PLATFORM.sniff(Page(url="x", body=OTHERS[name]))
