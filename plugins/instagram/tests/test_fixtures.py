"""Every Instagram fixture parses to its expected.json, one test per checked field."""

from __future__ import annotations

from pathlib import Path

import pytest

import plugins.instagram
from plugins.instagram import PLATFORM
from plugins.testing import FieldCheck, FixtureCase, check_case, iter_cases

CASES = list(iter_cases(Path(plugins.instagram.__file__).parent))
CHECKS = [check for case in CASES for check in check_case(case, PLATFORM)]
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
}


def test_there_is_a_fixture_per_format() -> None:
    assert {case.name for case in CASES} == set(FORMAT_OF)


@pytest.mark.parametrize("check", CHECKS, ids=[f"{c.case}:{c.where}" for c in CHECKS])
def test_fixture_field(check: FieldCheck) -> None:
    assert check.ok, f"{check.where}: expected {check.expected!r}, got {check.actual!r}"


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_fixture_is_sniffed_and_url_is_an_instagram_target(case: FixtureCase) -> None:
    assert PLATFORM.sniff(case.page())
    assert PLATFORM.match(case.expected()["url"]) is not None


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_fixture_format(case: FixtureCase) -> None:
    fmt = PLATFORM.parse(case.page()).format
    assert fmt == FORMAT_OF[case.name]
    assert fmt in PLATFORM.formats


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_fixture_post_urls_are_instagram_post_targets(case: FixtureCase) -> None:
    for post in PLATFORM.parse(case.page()).posts:
        assert PLATFORM.match(post.url) == "post"


def test_sponsored_fixtures_exist() -> None:
    sponsored = [
        case.name
        for case in CASES
        for post in PLATFORM.parse(case.page()).posts
        if any(s.kind == "platform_label" for s in post.signals)
    ]
    assert set(sponsored) == {"capture_item_sponsored_reel", "explore_clips_grid", "post_page_shared_data"}
