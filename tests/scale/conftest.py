"""Scale tests: real Redis (a key prefix per test, deleted afterwards), a throwaway PostgreSQL schema,
the sandbox in a thread, and `reelscope worker` subprocesses."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from sandbox import Sandbox
from spiders import frontier
from store.engine import get_engine
from store.migrations import upgrade
from tests.conftest import scratch_pg_schema
from tests.scale.helpers import REDIS, Workers


@pytest.fixture
def prefix() -> Iterator[str]:
    """A Redis key prefix of this test alone; its keys are deleted at the end."""
    name = f"rs-test-{uuid.uuid4().hex[:10]}"
    yield name
    frontier.clear(REDIS, name)


@pytest.fixture
def pg() -> Iterator[str]:
    """A PostgreSQL URL on a fresh schema, dropped at the end."""
    with scratch_pg_schema("t") as url:
        upgrade(get_engine(url))  # as a deployment does once (`reelscope db upgrade`) before its workers
        yield url


@pytest.fixture
def box() -> Iterator[Sandbox]:
    """A fresh sandbox (seed 7)."""
    with Sandbox(seed=7) as sandbox:
        yield sandbox


@pytest.fixture
def workers(box: Sandbox, prefix: str, tmp_path: Path) -> Iterator[Workers]:
    """Worker processes pointed at the sandbox and this test's prefix; stopped at the end."""
    env = {**os.environ, **box.env(), frontier.PREFIX_ENV: prefix}
    env.pop("REELSCOPE_DATABASE_URL", None)
    pool = Workers(env, tmp_path)
    yield pool
    pool.stop()


@pytest.fixture
def queue(prefix: str) -> tuple[frontier.Client, frontier.Keys]:
    """A client and the key names of this test's prefix."""
    return frontier.connect(REDIS), frontier.Keys(prefix)
