"""Shared for cross-plugin tests: the loaded host."""

from __future__ import annotations

import pytest

from plugins.host import PluginHost


@pytest.fixture(scope="session")
def host() -> PluginHost:
    """The built-in plugins, as the CLI loads them."""
    return PluginHost.load(entry_points=False)
