"""Engines and sessions: which database (env or default SQLite file), tuned per backend, cached per URL."""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError
from sqlmodel import Session

from store.errors import StoreError

ENV_VAR = "REELSCOPE_DATABASE_URL"
SQLITE_BUSY_TIMEOUT_MS = 30_000

_engines: dict[str, Engine] = {}
_lock = threading.Lock()


def default_database_path() -> Path:
    """Return the default SQLite file: $XDG_DATA_HOME/reelscope/reelscope.db (~/.local/share if unset)."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "reelscope" / "reelscope.db"


def database_url() -> str:
    """Return the database URL: $REELSCOPE_DATABASE_URL, else the default SQLite file (folder created)."""
    url = os.environ.get(ENV_VAR, "").strip()
    if url:
        return url
    path = default_database_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{path}"


def redact(url: str | URL) -> str:
    """Return the URL with its password hidden, for messages."""
    if isinstance(url, URL):
        return url.render_as_string(hide_password=True)
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return re.sub(r"(://[^:/@]*:)[^@]*@", r"\1***@", url)


def _first_line(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None) or exc
    lines = str(orig).strip().splitlines()
    return lines[0] if lines else type(orig).__name__


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute("PRAGMA foreign_keys = ON")
    finally:
        cursor.close()


def _create(url: URL) -> Engine:
    kwargs: dict[str, Any] = {}
    if url.get_backend_name() == "sqlite":
        kwargs["connect_args"] = {"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000}
    else:
        kwargs["pool_pre_ping"] = True
        if url.get_backend_name() == "postgresql" and "connect_timeout" not in url.query:
            kwargs["connect_args"] = {"connect_timeout": 10}
    engine = create_engine(url, **kwargs)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def get_engine(url: str | None = None) -> Engine:
    """Return the engine for `url` (default: `database_url()`), created once per URL and checked.

    Raises StoreError, naming the URL without its password, when the URL is malformed, its driver
    is not installed, or the database cannot be reached.
    """
    raw = url or database_url()
    with _lock:
        engine = _engines.get(raw)
        if engine is not None:
            return engine
        try:
            parsed = make_url(raw)
        except ArgumentError:
            raise StoreError(f"malformed database URL: {redact(raw)}") from None
        try:
            engine = _create(parsed)
        except (NoSuchModuleError, ImportError) as exc:
            raise StoreError(f"no database driver for {redact(parsed)}: {_first_line(exc)}") from None
        except (ArgumentError, TypeError, ValueError) as exc:
            raise StoreError(f"malformed database URL {redact(parsed)}: {_first_line(exc)}") from None
        try:
            with engine.connect():
                pass
        except DBAPIError as exc:
            engine.dispose()
            raise StoreError(f"cannot connect to database {redact(parsed)}: {_first_line(exc)}") from None
        _engines[raw] = engine
        return engine


def dispose_engines() -> None:
    """Close every cached engine's connections and forget them (tests, and before dropping a database)."""
    with _lock:
        for engine in _engines.values():
            engine.dispose()
        _engines.clear()


@contextmanager
def session(engine: Engine | None = None) -> Iterator[Session]:
    """Open a session on `engine` (default: `get_engine()`); roll back on error, always close."""
    with Session(engine or get_engine(), expire_on_commit=False) as db:
        try:
            yield db
        except BaseException:
            db.rollback()
            raise
