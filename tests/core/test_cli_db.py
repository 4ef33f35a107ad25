"""`reelscope db upgrade|current` on SQLite (default file and URL) and on PostgreSQL."""

from __future__ import annotations

import os
from pathlib import Path

from store.migrations import head_revision


def test_upgrade_creates_the_default_sqlite_file(reelscope) -> None:
    proc = reelscope("db", "upgrade")
    assert proc.returncode == 0, proc.stderr
    path = Path(os.environ["XDG_DATA_HOME"]) / "reelscope" / "reelscope.db"
    assert path.is_file()
    assert f"is at revision {head_revision()}" in proc.stderr
    assert reelscope("db", "current").stdout.strip() == head_revision()


def test_upgrade_on_each_backend_from_the_environment(reelscope, db_url: str) -> None:
    assert reelscope(
        "db", "current", REELSCOPE_DATABASE_URL=db_url, REELSCOPE_KEEP_DB_URL="1"
    ).stdout.strip() == ("empty")
    first = reelscope("db", "upgrade", REELSCOPE_DATABASE_URL=db_url)
    again = reelscope("db", "upgrade", "--url", db_url)
    assert first.returncode == 0 and again.returncode == 0, first.stderr + again.stderr
    assert reelscope("db", "current", "--url", db_url).stdout.strip() == head_revision()


def test_bad_database_urls_are_one_line(reelscope) -> None:
    for url, message in [
        ("notaurl", "error: malformed database URL: notaurl"),
        ("postgresql+psycopg://nobody:secret@127.0.0.1:1/x", "error: cannot connect to database"),
    ]:
        proc = reelscope("db", "upgrade", "--url", url)
        assert proc.returncode == 2
        assert proc.stderr.startswith(message) and len(proc.stderr.strip().splitlines()) == 1
        assert "secret" not in proc.stderr and "Traceback" not in proc.stderr
