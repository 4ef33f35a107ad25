"""Every built-in plugin's fixtures: each expected field, sniffing, and post URLs that are post targets.

Each plugin keeps beside its fixtures only what is its own (which formats it must have fixtures for)."""

from __future__ import annotations

import pytest

from plugins.host import PluginHost
from plugins.testing import FieldCheck, FixtureCase, all_cases, check_case

CASES = all_cases()
_HOST = PluginHost.load(entry_points=False)
CHECKS = [check for case in CASES for check in check_case(case, _HOST.platform(case.plugin))]


@pytest.mark.parametrize("check", CHECKS, ids=[f"{c.case}:{c.where}" for c in CHECKS])
def test_fixture_field(check: FieldCheck) -> None:
    assert check.ok, f"{check.where}: expected {check.expected!r}, got {check.actual!r}"


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_fixture_is_sniffed_by_its_platform(case: FixtureCase) -> None:
    assert _HOST.platform(case.plugin).sniff(case.page())


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_fixture_post_urls_are_post_targets(case: FixtureCase) -> None:
    platform = _HOST.platform(case.plugin)
    for post in platform.parse(case.page()).posts:
        assert platform.match(post.url) == "post", post.url
