"""Store fixtures: every test runs on SQLite (a temp file) and on PostgreSQL (a fresh schema)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from sqlmodel import Session

from store.engine import dispose_engines, get_engine
from store.engine import session as open_session
from store.migrations import upgrade

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


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database's URL, once per backend."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.db'}"
        dispose_engines()
        return
    admin = _pg_admin()
    schema = f"t_{uuid.uuid4().hex[:12]}"
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield pg_schema_url(schema)
    finally:
        dispose_engines()
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


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
