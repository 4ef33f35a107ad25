"""Shared test fixtures: a scratch database URL per backend and the real-pages folder."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import settings
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from sqlmodel import Session

from store.engine import dispose_engines, get_engine
from store.engine import session as open_session
from store.migrations import upgrade

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep tests away from the user's own database and plugin allow-list."""
    data = tmp_path_factory.mktemp("xdg-data")
    monkeypatch.setenv("XDG_DATA_HOME", str(data))
    monkeypatch.delenv("REELSCOPE_PLUGINS", raising=False)
    if "REELSCOPE_DATABASE_URL" in os.environ and not os.environ.get("REELSCOPE_KEEP_DB_URL"):
        monkeypatch.delenv("REELSCOPE_DATABASE_URL")


PG_URL = os.environ.get("REELSCOPE_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")

_pg_unreachable: list[str] = []


def _pg_admin() -> Engine:
    """An engine on the test database itself, for creating and dropping schemas."""
    if _pg_unreachable:
        pytest.skip(_pg_unreachable[0])
    engine = create_engine(PG_URL, connect_args={"connect_timeout": 3})
    try:
        with engine.connect():
            pass
    except OperationalError as exc:
        engine.dispose()
        reason = f"PostgreSQL unreachable at {make_url(PG_URL).render_as_string(True)}: {exc.orig}"
        _pg_unreachable.append(reason.splitlines()[0])
        pytest.skip(_pg_unreachable[0])
    return engine


def pg_schema_url(schema: str) -> str:
    """The test database URL with `search_path` set to one schema."""
    return str(
        make_url(PG_URL).update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(False)
    )


@contextmanager
def scratch_pg_schema(prefix: str) -> Iterator[str]:
    """A URL on a fresh schema of the test PostgreSQL server (skipped when unreachable), dropped after."""
    admin = _pg_admin()
    schema = f"{prefix}_{uuid.uuid4().hex[:12]}"
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield pg_schema_url(schema)
    finally:
        dispose_engines()
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database's URL, once per backend."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.db'}"
        dispose_engines()
        return
    with scratch_pg_schema("t") as url:
        yield url


@pytest.fixture
def engine(db_url: str) -> Engine:
    """The store's engine on a database migrated to head."""
    engine = get_engine(db_url)
    upgrade(engine)
    return engine


@pytest.fixture
def db(engine: Engine) -> Iterator[Session]:
    """A session on the migrated database."""
    with open_session(engine) as session:
        yield session


def run_reelscope(*args: str, stdin: str | None = None, **env: str) -> subprocess.CompletedProcess[str]:
    """Run the real CLI in a subprocess with extra environment variables."""
    return subprocess.run(
        [sys.executable, "-m", "reelscope.cli", *args],
        capture_output=True,
        text=True,
        input=stdin,
        env={**os.environ, **env},
    )


@pytest.fixture
def reelscope() -> Callable[..., subprocess.CompletedProcess[str]]:
    """The CLI runner: reelscope("parse", "file.html", REELSCOPE_PLUGINS="tiktok")."""
    return run_reelscope


# In CI the property tests replay the same examples every run, so a red build is reproducible.
settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    settings.load_profile("ci")
