"""Alembic owns the schema: the first revision builds exactly the models, upgrades are safe to race."""

from __future__ import annotations

import ast
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlmodel import SQLModel

import store.models  # noqa: F401  (tables on SQLModel.metadata)
from store import migrations
from store.engine import get_engine
from store.errors import StoreError
from store.migrations import SCRIPT_LOCATION, config, current, ensure_schema, head_revision, upgrade

HEAD = sorted(p.name for p in (SCRIPT_LOCATION / "versions").glob("0*.py"))[-1].split("_", 1)[0]


def test_upgrade_from_empty_creates_every_model_table(db_url: str) -> None:
    assert current(db_url) is None
    assert upgrade(db_url) == head_revision() == HEAD
    tables = set(inspect(get_engine(db_url)).get_table_names())
    assert tables == set(SQLModel.metadata.tables) | {"alembic_version"}


def test_migrated_schema_matches_the_models(db_url: str) -> None:
    upgrade(db_url)
    with get_engine(db_url).connect() as conn:
        diffs = compare_metadata(MigrationContext.configure(conn), SQLModel.metadata)
    assert diffs == []


def test_a_model_change_without_revision_is_detected(db_url: str) -> None:
    """The comparison above is not vacuous: a column the migration lacks shows up as a diff."""
    upgrade(db_url)
    with get_engine(db_url).begin() as conn:
        conn.execute(text("ALTER TABLE brand ADD COLUMN extra INTEGER"))
        diffs = compare_metadata(MigrationContext.configure(conn), SQLModel.metadata)
    assert [d[0] for d in diffs] == ["remove_column"]


def test_downgrade_to_base_then_upgrade_again(db_url: str) -> None:
    upgrade(db_url)
    command.downgrade(config(url=db_url), "base")
    assert set(inspect(get_engine(db_url)).get_table_names()) == {"alembic_version"}
    assert current(db_url) is None
    assert upgrade(db_url) == HEAD


def test_ensure_schema_upgrades_an_empty_database_and_is_idle_when_current(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = get_engine(db_url)
    assert ensure_schema(engine) == HEAD
    assert current(engine) == HEAD

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("ensure_schema upgraded a current database")

    monkeypatch.setattr(command, "upgrade", refuse)
    assert ensure_schema(engine) == HEAD


def test_database_from_a_newer_version_is_a_store_error(db_url: str) -> None:
    engine = get_engine(db_url)
    upgrade(engine)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(StoreError, match="9999"):
        ensure_schema(engine)


def test_revisions_import_only_sqlalchemy_and_alembic() -> None:
    allowed = {"alembic", "sqlalchemy", "sqlmodel", "collections", "typing", "__future__"}
    files = sorted((SCRIPT_LOCATION / "versions").glob("*.py"))
    assert files
    for path in files:
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                roots = {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom):
                roots = {(node.module or "").split(".")[0]}
            else:
                continue
            assert roots <= allowed, f"{path.name} imports {roots - allowed}"


_RACER = textwrap.dedent(
    """
    import sys
    from store.engine import get_engine
    from store.migrations import ensure_schema
    engine = get_engine(sys.argv[1])
    print("ready", flush=True)
    sys.stdin.readline()
    print(ensure_schema(engine), flush=True)
    """
)


def test_concurrent_first_starts_upgrade_once_without_error(db_url: str, tmp_path: Path) -> None:
    script = tmp_path / "racer.py"
    script.write_text(_RACER)
    procs = [
        subprocess.Popen(
            [sys.executable, str(script), db_url],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(4)
    ]
    for proc in procs:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "ready"
    for proc in procs:
        assert proc.stdin is not None
        proc.stdin.write("go\n")
        proc.stdin.flush()
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        assert out.strip() == HEAD
    with get_engine(db_url).connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM alembic_version")).scalar_one() == 1
    assert current(db_url) == HEAD


def test_script_location_is_inside_the_package() -> None:
    assert Path(migrations.__file__).parent / "alembic" == SCRIPT_LOCATION
    assert (SCRIPT_LOCATION / "env.py").is_file()
    assert (SCRIPT_LOCATION / "script.py.mako").is_file()
