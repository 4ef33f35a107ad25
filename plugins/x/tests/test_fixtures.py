"""The formats this plugin's fixtures stand for (each field is checked in tests/plugins/test_fixtures.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

import plugins.x
from plugins.testing import FixtureCase, iter_cases
from plugins.x import PLATFORM

CASES = list(iter_cases(Path(plugins.x.__file__).parent))


def test_there_is_a_fixture_per_format() -> None:
    assert {"tweet_detail", "search_timeline", "user_tweets", "ndjson_capture"} <= {c.name for c in CASES}


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_fixture_format_is_declared(case: FixtureCase) -> None:
    result = PLATFORM.parse(case.page())
    assert result.format in PLATFORM.formats
    assert result.format == {"ndjson_capture": "ndjson"}.get(case.name, case.name)
