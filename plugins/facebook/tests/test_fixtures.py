"""Every Facebook fixture parses to its expected.json, one test per checked field."""

from __future__ import annotations

from pathlib import Path

import pytest

import plugins.facebook
from plugins.facebook import PLATFORM
from plugins.testing import FieldCheck, FixtureCase, check_case, iter_cases

CASES = list(iter_cases(Path(plugins.facebook.__file__).parent))
CHECKS = [check for case in CASES for check in check_case(case, PLATFORM)]


def test_there_is_a_fixture_per_format() -> None:
    assert {"story_page", "page_listing", "photo_page"} <= {c.name for c in CASES}


@pytest.mark.parametrize("check", CHECKS, ids=[f"{c.case}:{c.where}" for c in CHECKS])
def test_fixture_field(check: FieldCheck) -> None:
    assert check.ok, f"{check.where}: expected {check.expected!r}, got {check.actual!r}"


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_fixture_is_sniffed_and_url_is_a_facebook_target(case: FixtureCase) -> None:
    assert PLATFORM.sniff(case.page())
    assert PLATFORM.match(case.expected()["url"]) is not None


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_fixture_format_is_declared(case: FixtureCase) -> None:
    result = PLATFORM.parse(case.page())
    assert result.format == case.name and result.format in PLATFORM.formats


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_fixture_post_urls_are_facebook_post_targets(case: FixtureCase) -> None:
    for post in PLATFORM.parse(case.page()).posts:
        assert PLATFORM.match(post.url) == "post", post.url
