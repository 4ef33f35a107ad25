"""Every YouTube fixture parses to its expected.json, one test per checked field."""

from __future__ import annotations

from pathlib import Path

import pytest

import plugins.youtube
from plugins.testing import FieldCheck, FixtureCase, check_case, iter_cases
from plugins.youtube import PLATFORM

CASES = list(iter_cases(Path(plugins.youtube.__file__).parent))
CHECKS = [check for case in CASES for check in check_case(case, PLATFORM)]


def test_there_is_a_fixture_per_format() -> None:
    assert {
        "watch_page_en_exact",
        "watch_page_fr_localized_likes",
        "watch_page_de_paid_promotion",
        "next_covid_notice",
        "browse_shorts_tab",
        "search_results",
        "data_api_videos_list",
        "reel_item_watch_short",
        "channel_page_es",
    } <= {case.name for case in CASES}


@pytest.mark.parametrize("check", CHECKS, ids=[f"{c.case}:{c.where}" for c in CHECKS])
def test_fixture_field(check: FieldCheck) -> None:
    assert check.ok, f"{check.where}: expected {check.expected!r}, got {check.actual!r}"


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_fixture_is_sniffed_and_url_is_a_youtube_target(case: FixtureCase) -> None:
    assert PLATFORM.sniff(case.page())
    assert PLATFORM.match(case.expected()["url"]) is not None


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_fixture_format_is_declared(case: FixtureCase) -> None:
    assert PLATFORM.parse(case.page()).format in PLATFORM.formats
