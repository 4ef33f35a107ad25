"""The Pinterest plugin's fixtures, field by field, and its registration through its entry point."""

from pathlib import Path

import pytest
import reelscope_pinterest

from plugins.host import PluginHost
from plugins.testing import check_case, iter_cases

CASES = list(iter_cases(Path(reelscope_pinterest.__file__).parent))
CHECKS = [check for case in CASES for check in check_case(case, reelscope_pinterest.PLATFORM)]


def test_has_fixtures() -> None:
    assert len(CASES) == 2


@pytest.mark.parametrize("check", CHECKS, ids=[f"{c.case}:{c.where}" for c in CHECKS])
def test_fixture_field(check) -> None:  # type: ignore[no-untyped-def]
    assert check.ok, f"{check.where}: expected {check.expected!r}, got {check.actual!r}"


def test_found_through_entry_point() -> None:
    host = PluginHost.load(allow={"pinterest"})
    assert "pinterest" in host.platforms, host.registry.failures
