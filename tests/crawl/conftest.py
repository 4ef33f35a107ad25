"""Crawl tests: a sandbox in a thread, and real `scrapy crawl` subprocesses storing into SQLite."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from sandbox import Sandbox
from spiders.runner import CrawlOutcome, run_crawl
from store.engine import dispose_engines
from tests.crawl.helpers import FAST


@pytest.fixture
def box() -> Iterator[Sandbox]:
    """A fresh sandbox (seed 7) for one test."""
    with Sandbox(seed=7, slow_seconds=2.0) as sandbox:
        yield sandbox


@pytest.fixture
def db(tmp_path: Path) -> Iterator[str]:
    """A fresh SQLite database URL."""
    yield f"sqlite:///{tmp_path / 'crawl.db'}"
    dispose_engines()


@pytest.fixture
def crawl(box: Sandbox, db: str) -> Callable[..., CrawlOutcome]:
    """Run one crawl of the sandbox into the test database; fail with its stderr if it crashes."""

    def run(
        platform: str, target: str, settings: dict[str, str] | None = None, **options: Any
    ) -> CrawlOutcome:
        outcome = run_crawl(
            platform,
            target,
            db=db,
            base_url=box.base_url(platform),
            settings={**FAST, **(settings or {})},
            **options,
        )
        assert outcome.ok, outcome.stderr_tail[-3000:]
        return outcome

    return run
