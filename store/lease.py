"""A lease held for a process's lifetime in a PostgreSQL database (a session advisory lock), so that
processes on different machines sharing one database can tell whether another holds it."""

from __future__ import annotations

import hashlib

from sqlalchemy import create_engine, text
from sqlalchemy.engine import Connection, Engine


class AdvisoryLease:
    """`pg_try_advisory_lock` on a dedicated connection; the server frees it if the process dies."""

    def __init__(self, url: str, name: str) -> None:
        digest = hashlib.sha256(f"{name}\0{url}".encode()).digest()
        self.key = int.from_bytes(digest[:8], "big", signed=True)
        self.url = url
        self._engine: Engine | None = None
        self._conn: Connection | None = None

    def try_acquire(self) -> bool:
        """Take the lease if no other session holds it; return whether this one now does."""
        engine = create_engine(self.url, pool_pre_ping=True)
        conn = engine.connect()
        held = bool(conn.execute(text("SELECT pg_try_advisory_lock(:key)"), {"key": self.key}).scalar())
        conn.commit()
        if not held:
            conn.close()
            engine.dispose()
            return False
        self._engine, self._conn = engine, conn
        return True

    def holder(self) -> str:
        """The pid and client address of the session holding the lease, as the server reports them."""
        engine = create_engine(self.url)
        try:
            with engine.connect() as conn:
                row = conn.execute(
                    text(
                        "SELECT a.pid, a.client_addr FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
                        " WHERE l.locktype = 'advisory' AND l.granted"
                        " AND l.classid::text::bigint = :hi AND l.objid::text::bigint = :lo"
                    ),
                    {"hi": (self.key >> 32) & 0xFFFFFFFF, "lo": self.key & 0xFFFFFFFF},
                ).first()
        finally:
            engine.dispose()
        return f"server pid {row[0]} from {row[1] or 'local'}" if row else "another session"

    def release(self) -> None:
        """Give the lease back (idempotent)."""
        if self._conn is not None:
            self._conn.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": self.key})
            self._conn.commit()
            self._conn.close()
            self._conn = None
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None
