"""The formats this plugin's fixtures stand for (each field is checked in tests/plugins/test_fixtures.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

import plugins.instagram
from plugins.instagram import PLATFORM
from plugins.testing import FixtureCase, iter_cases

CASES = list(iter_cases(Path(plugins.instagram.__file__).parent))
# The format each fixture stands for.
FORMAT_OF = {
    "capture_item_sponsored_reel": "capture_item",
    "ndjson_feed_capture": "ndjson",
    "graphql_user_timeline": "graphql_query",
    "media_info_carousel": "media_info",
    "explore_clips_grid": "explore_grid",
    "web_profile_info": "web_profile_info",
    "post_page_shared_data": "post_page",
    "post_page_sjs_hidden_counts": "post_page_sjs",
    "login_wall": "login_wall",
    "login_wall_meta_description": "login_wall",
    "login_wall_unknown_phrasing": "login_wall",
    "app_feed_injected_ad": "api_items",
    "wrapped_v1_items": "api_items",
}


def test_there_is_a_fixture_per_format() -> None:
    assert {case.name for case in CASES} == set(FORMAT_OF)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_fixture_format(case: FixtureCase) -> None:
    fmt = PLATFORM.parse(case.page()).format
    assert fmt == FORMAT_OF[case.name]
    assert fmt in PLATFORM.formats


def test_sponsored_fixtures_exist() -> None:
    sponsored = [
        case.name
        for case in CASES
        for post in PLATFORM.parse(case.page()).posts
        if any(s.kind == "platform_label" for s in post.signals)
    ]
    assert set(sponsored) == {"capture_item_sponsored_reel", "explore_clips_grid", "post_page_shared_data"}
