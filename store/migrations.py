"""Alembic driven from code: upgrade to head, read the current revision, bring a schema up to date.

The configuration is built here (no alembic.ini); `store/alembic/` holds env.py and the revisions.
Upgrades hold a lock (PostgreSQL advisory lock, SQLite write lock) so concurrent starters are safe.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import Engine, text
from sqlalchemy.engine import Connection

from store.engine import get_engine, redact
from store.errors import StoreError

SCRIPT_LOCATION = Path(__file__).resolve().parent / "alembic"
# pg_advisory_xact_lock key shared by every reelscope process upgrading the same database.
_PG_LOCK_KEY = 0x7265656C


def config(connection: Connection | None = None, url: str | None = None) -> Config:
    """Return an Alembic Config for the store's scripts, bound to a connection or a URL."""
    cfg = Config()
    cfg.set_main_option("script_location", str(SCRIPT_LOCATION))
    if url:
        cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def _engine(url_or_engine: str | Engine | None) -> Engine:
    if isinstance(url_or_engine, Engine):
        return url_or_engine
    return get_engine(url_or_engine)


def head_revision() -> str | None:
    """Return the newest revision the code knows."""
    return ScriptDirectory.from_config(config()).get_current_head()


def _current(conn: Connection) -> str | None:
    return MigrationContext.configure(conn).get_current_revision()


def current(url_or_engine: str | Engine | None = None) -> str | None:
    """Return the database's revision (None for an empty database)."""
    with _engine(url_or_engine).connect() as conn:
        return _current(conn)


def _locked_upgrade(conn: Connection, revision: str, only_if_behind: bool) -> None:
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_LOCK_KEY})
    elif conn.dialect.name == "sqlite":
        # Take the write lock now: a second process waits here instead of racing the CREATE TABLEs.
        conn.exec_driver_sql("BEGIN IMMEDIATE")
    if only_if_behind and _current(conn) == head_revision():
        return
    command.upgrade(config(conn), revision)


def _upgrade(engine: Engine, revision: str, only_if_behind: bool) -> None:
    try:
        _upgrade_on(engine, revision, only_if_behind)
    except CommandError as exc:
        # e.g. the database was upgraded by a newer reelscope than this one.
        raise StoreError(f"cannot upgrade {redact(engine.url)}: {exc}") from None


def _upgrade_on(engine: Engine, revision: str, only_if_behind: bool) -> None:
    with engine.connect() as conn:
        sqlite = conn.dialect.name == "sqlite"
        if sqlite:
            # Table copies during batch migrations must not fire ON DELETE actions; the pragma is a
            # no-op inside a transaction, so it is set first.
            conn.exec_driver_sql("PRAGMA foreign_keys = OFF")
        try:
            _locked_upgrade(conn, revision, only_if_behind)
            conn.commit()
        finally:
            if sqlite:
                conn.rollback()
                conn.exec_driver_sql("PRAGMA foreign_keys = ON")
                conn.commit()


def upgrade(url_or_engine: str | Engine | None = None, revision: str = "head") -> str | None:
    """Upgrade the database (default: the configured one) to `revision`; return the new revision."""
    engine = _engine(url_or_engine)
    _upgrade(engine, revision, only_if_behind=False)
    return current(engine)


def ensure_schema(engine: str | Engine | None = None) -> str | None:
    """Upgrade the database to head if it is behind (cheap when it is current); return its revision."""
    engine = _engine(engine)
    head = head_revision()
    if current(engine) != head:
        _upgrade(engine, "head", only_if_behind=True)
    return head
