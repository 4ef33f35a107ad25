"""The formats this plugin's fixtures stand for (each field is checked in tests/plugins/test_fixtures.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

import plugins.tiktok
from plugins.testing import FixtureCase, iter_cases
from plugins.tiktok import PLATFORM

CASES = list(iter_cases(Path(plugins.tiktok.__file__).parent))


def test_there_is_a_fixture_per_format() -> None:
    names = {case.name for case in CASES}
    assert {
        "video_page_sponsored",
        "video_page_es_promotional",
        "profile_page",
        "sigi_video_page",
        "api_post_item_list",
        "api_search_item_full",
        "ndjson_capture",
        "capture_item",
    } <= names


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_fixture_format_is_declared(case: FixtureCase) -> None:
    assert PLATFORM.parse(case.page()).format in PLATFORM.formats
