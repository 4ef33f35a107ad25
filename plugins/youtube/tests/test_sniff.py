"""Recognising YouTube responses stored without "responseContext" (mocks, key-sorted captures)."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from plugins.host import PluginHost
from plugins.platform import Page

FIXTURES = Path(__file__).parents[1] / "fixtures"


@pytest.mark.parametrize("case", ["next_covid_notice", "search_results", "browse_shorts_tab"])
def test_innertube_responses_without_response_context_are_recognised(case: str) -> None:
    data = orjson.loads((FIXTURES / case / "input.json").read_bytes())
    assert data.pop("responseContext", None) is not None  # the fixture had one: now it has none
    platform, result = PluginHost.load(entry_points=False).parse(Page(url="", body=orjson.dumps(data)))
    assert platform.name == "youtube" and result.posts
