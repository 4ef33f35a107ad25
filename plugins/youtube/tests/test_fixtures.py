"""The formats this plugin's fixtures stand for (each field is checked in tests/plugins/test_fixtures.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

import plugins.youtube
from plugins.testing import FixtureCase, iter_cases
from plugins.youtube import PLATFORM

CASES = list(iter_cases(Path(plugins.youtube.__file__).parent))


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
        "consent_wall",
    } <= {case.name for case in CASES}


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_fixture_format_is_declared(case: FixtureCase) -> None:
    assert PLATFORM.parse(case.page()).format in PLATFORM.formats
