"""Alembic driven from code: upgrade to head, read the current revision, bring a schema up to date.

The configuration is built here (no alembic.ini); `store/alembic/` holds env.py and the revisions.
Upgrades hold a lock (PostgreSQL advisory lock, SQLite write lock) so concurrent starters are safe.
Alembic is imported only when it has work to do: every crawl process checks the schema at start, and
a database already at head is recognised with one SELECT and the revision files' own lines.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError

from store.engine import get_engine, redact
from store.errors import StoreError

if TYPE_CHECKING:
    from alembic.config import Config

SCRIPT_LOCATION = Path(__file__).resolve().parent / "alembic"
VERSIONS = SCRIPT_LOCATION / "versions"
_REVISION_LINE = re.compile(r"^(down_revision|revision)\b[^=\n]*=(.*)$", re.MULTILINE)
_QUOTED = re.compile(r"[\"']([^\"']+)[\"']")
# pg_advisory_xact_lock key shared by every reelscope process upgrading the same database.
_PG_LOCK_KEY = 0x7265656C


def config(connection: Connection | None = None, url: str | None = None) -> Config:
    """Return an Alembic Config for the store's scripts, bound to a connection or a URL."""
    from alembic.config import Config

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
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(config()).get_current_head()


def file_head(versions: Path = VERSIONS) -> str | None:
    """The head revision read from the revision files' `revision = …` and `down_revision = …` lines
    (no Alembic import); None when they do not name exactly one head."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in versions.glob("*.py"):
        for name, value in _REVISION_LINE.findall(path.read_text(encoding="utf-8")):
            found = _QUOTED.findall(value)
            if name == "revision":
                revisions.update(found[:1])
            else:
                parents.update(found)
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None


def stamped(engine: Engine) -> set[str] | None:
    """The revisions in the database's alembic_version table (plain SQL); None when it has none."""
    try:
        with engine.connect() as conn:
            rows = conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    except DBAPIError:
        return None  # no alembic_version table: an empty database
    return set(rows) or None


def _current(conn: Connection) -> str | None:
    from alembic.runtime.migration import MigrationContext

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
    from alembic import command

    command.upgrade(config(conn), revision)


def _upgrade(engine: Engine, revision: str, only_if_behind: bool) -> None:
    from alembic.util import CommandError

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
    head = file_head()
    if head is not None and stamped(engine) == {head}:
        return head  # current: Alembic is not even imported
    # Behind, empty, newer than this code (Alembic names the unknown revision), or a branched history.
    head = head_revision()
    if current(engine) != head:
        _upgrade(engine, "head", only_if_behind=True)
    return head
