"""Privacy fixtures: a watchlist writer, a sandbox, a fresh SQLite file."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from sandbox import Sandbox
from store.engine import dispose_engines
from tests.privacy.helpers import WATCHLIST


@pytest.fixture
def write_watchlist(tmp_path: Path) -> Callable[..., Path]:
    """Write the test watchlist with the given [privacy] lines; return its path."""

    def write(privacy: str = "pseudonymise = true", name: str = "reelscope.toml") -> Path:
        path = tmp_path / name
        path.write_text(WATCHLIST.format(privacy=privacy), encoding="utf-8")
        return path

    return write


@pytest.fixture
def box() -> Iterator[Sandbox]:
    """A fresh sandbox (seed 7)."""
    with Sandbox(seed=7) as sandbox:
        yield sandbox


@pytest.fixture
def sqlite_db(tmp_path: Path) -> Iterator[Path]:
    """A fresh SQLite file path."""
    yield tmp_path / "crawl.db"
    dispose_engines()
