"""Engines: where the database is, per-backend settings, caching, and one-line errors for bad URLs."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from store.engine import ENV_VAR, database_url, get_engine, redact, session
from store.errors import StoreError


def test_default_url_is_a_sqlite_file_under_xdg_data_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(ENV_VAR, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert database_url() == f"sqlite:///{tmp_path / 'data' / 'reelscope' / 'reelscope.db'}"
    assert (tmp_path / "data" / "reelscope").is_dir()


def test_default_url_without_xdg_uses_local_share(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_VAR, raising=False)
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    assert database_url() == f"sqlite:///{tmp_path / '.local' / 'share' / 'reelscope' / 'reelscope.db'}"


def test_env_var_selects_the_database(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_VAR, "postgresql+psycopg://u@db.example/reel")
    assert database_url() == "postgresql+psycopg://u@db.example/reel"


def test_engine_is_cached_per_url(db_url: str) -> None:
    assert get_engine(db_url) is get_engine(db_url)


def test_sqlite_connections_use_wal_busy_timeout_and_foreign_keys(tmp_path: Path) -> None:
    engine = get_engine(f"sqlite:///{tmp_path / 'x.db'}")
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar_one() == "wal"
        assert conn.execute(text("PRAGMA busy_timeout")).scalar_one() == 30000
        assert conn.execute(text("PRAGMA foreign_keys")).scalar_one() == 1


def test_postgres_engine_pings_pooled_connections(engine: object, db_url: str) -> None:
    eng = get_engine(db_url)
    assert eng.pool._pre_ping is (eng.dialect.name == "postgresql")


def test_session_rolls_back_on_error(engine: object, db_url: str) -> None:
    eng = get_engine(db_url)
    with pytest.raises(RuntimeError), session(eng) as db:
        db.connection().execute(
            text("INSERT INTO brand (name, aliases, handles, domains) VALUES ('x', '[]', '{}', '[]')")
        )
        raise RuntimeError("boom")
    with session(eng) as db:
        assert db.connection().execute(text("SELECT count(*) FROM brand")).scalar_one() == 0


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("not a url", "malformed database URL: not a url"),
        ("nosuchdb://u@h/x", "no database driver for nosuchdb://u@h/x"),
        ("mysql+mysqldb://u:secret@h/x", "no database driver for mysql+mysqldb://u:***@h/x"),
        (
            "sqlite:////nonexistent-dir/sub/x.db",
            "cannot connect to database sqlite:////nonexistent-dir/sub/x.db",
        ),
        (
            "postgresql+psycopg://u:secret@127.0.0.1:1/x",
            "cannot connect to database postgresql+psycopg://u:***@127.0.0.1:1/x",
        ),
    ],
)
def test_unusable_url_is_a_one_line_store_error(url: str, expected: str) -> None:
    with pytest.raises(StoreError) as info:
        get_engine(url)
    message = str(info.value)
    assert message.startswith(expected)
    assert "\n" not in message
    assert "secret" not in message
    assert info.value.__suppress_context__


def test_redact_hides_passwords_even_in_unparsable_urls() -> None:
    assert redact("postgresql://u:pw@h/db") == "postgresql://u:***@h/db"
    assert redact("bad://u:pw@[") == "bad://u:***@["
