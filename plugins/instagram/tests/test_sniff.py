"""Sniffing claims Instagram bodies only: never another platform's captures or fixtures."""

from __future__ import annotations

import pytest

from plugins.containers import is_container, unpack
from plugins.instagram import PLATFORM
from plugins.platform import Page
from plugins.testing import RealPage, all_cases, real_pages

OTHER_REAL = [real for real in real_pages() if real.platform != "instagram"]
OTHER_CASES = [case for case in all_cases() if case.plugin != "instagram"]


@pytest.mark.real_pages
@pytest.mark.parametrize("real", OTHER_REAL, ids=[r.id for r in OTHER_REAL])
def test_other_platforms_real_captures_are_not_claimed(real: RealPage) -> None:
    outer = Page(url=real.path.as_uri(), body=real.path.read_bytes())
    for page in unpack(outer) if is_container(outer) else [outer]:
        assert not PLATFORM.sniff(page), page.url


@pytest.mark.parametrize("case", OTHER_CASES, ids=[c.id for c in OTHER_CASES])
def test_other_plugins_fixtures_are_not_claimed(case: object) -> None:
    assert not PLATFORM.sniff(case.page())  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "body",
    [
        b'{"nav_index":"1","source_platform":"instagram.com","data":{"id":"1"}}',
        b'{"items":[{"code":"DAAAAA1","taken_at":1770550000,"media_type":1}]}',
        b'{"data":{"user":{"edge_owner_to_timeline_media":{"edges":[]}}}}',
        b'{"data":{"xdt_api__v1__feed__timeline__connection":{"edges":[]}}}',
        b'\xef\xbb\xbf  {"media_grid":{"sections":[{"layout_content":{"one_by_two_item":{}}}]}}',
    ],
)
def test_instagram_json_is_claimed(body: bytes) -> None:
    assert PLATFORM.sniff(Page(url="", body=body))


@pytest.mark.parametrize(
    "body",
    [
        b'{"source_platform":"tiktok.com","data":{"code":"x"}}',
        b'{"items":[{"id":"1","statistics":{"viewCount":"1"}}]}',
        b'{"data":{"children":[]}}',
        b"[]",
    ],
)
def test_other_json_is_not_claimed(body: bytes) -> None:
    assert not PLATFORM.sniff(Page(url="", body=body))
