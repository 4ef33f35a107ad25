"""Shared test fixtures: a scratch database URL per backend and the real-pages folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep tests away from the user's own database and plugin allow-list."""
    data = tmp_path_factory.mktemp("xdg-data")
    monkeypatch.setenv("XDG_DATA_HOME", str(data))
    monkeypatch.delenv("REELSCOPE_PLUGINS", raising=False)
    if "REELSCOPE_DATABASE_URL" in os.environ and not os.environ.get("REELSCOPE_KEEP_DB_URL"):
        monkeypatch.delenv("REELSCOPE_DATABASE_URL")
