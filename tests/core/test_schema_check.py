"""The schema check every crawl process makes at start (`ensure_schema`): a database at head is
recognised with one SELECT and the revision files' lines, without importing Alembic; an empty or older
database is upgraded; a database newer than the code is a clear store error."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from store.engine import get_engine
from store.errors import StoreError
from store.migrations import VERSIONS, current, ensure_schema, file_head, head_revision, upgrade

# Prints ensure_schema's answer, then whether Alembic had to be imported to give it.
_CHECK = (
    "import sys; from store.migrations import ensure_schema; "
    "print(ensure_schema(sys.argv[1])); print('alembic' in sys.modules)"
)


def _check_in_a_fresh_process(url: str) -> tuple[str, bool]:
    proc = subprocess.run([sys.executable, "-c", _CHECK, url], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    revision, imported = proc.stdout.split()
    return revision, imported == "True"


def _versions(db_url: str) -> list[str]:
    with get_engine(db_url).connect() as conn:
        return list(conn.execute(text("SELECT version_num FROM alembic_version")).scalars())


def test_the_head_read_from_the_files_is_alembics_head() -> None:
    assert file_head() == head_revision() is not None


def test_a_revision_added_later_is_the_new_head(tmp_path: Path) -> None:
    versions = tmp_path / "versions"
    shutil.copytree(VERSIONS, versions)
    head = file_head(versions)
    (versions / "9001_later.py").write_text(
        f'"""Later.\n\nRevision ID: 9001\nRevises: {head}\n"""\n\n'
        f'revision: str = "9001"\ndown_revision: str | None = "{head}"\n'
    )
    assert file_head(versions) == "9001"


def test_branched_or_unreadable_revisions_name_no_head(tmp_path: Path) -> None:
    versions = tmp_path / "versions"
    shutil.copytree(VERSIONS, versions)
    head = file_head(versions)
    for rev in ("9001", "9002"):
        (versions / f"{rev}_branch.py").write_text(f'revision = "{rev}"\ndown_revision = "{head}"\n')
    assert file_head(versions) is None
    assert file_head(tmp_path / "nowhere") is None


def test_a_current_database_is_checked_without_alembic_and_left_untouched(db_url: str) -> None:
    upgrade(db_url)
    assert _check_in_a_fresh_process(db_url) == (head_revision(), False)
    assert _versions(db_url) == [head_revision()]


def test_an_empty_database_is_upgraded_to_head(db_url: str) -> None:
    assert _check_in_a_fresh_process(db_url) == (head_revision(), True)
    assert current(db_url) == head_revision()


def test_an_older_database_is_upgraded_to_head(db_url: str) -> None:
    upgrade(db_url, "0001")
    assert _check_in_a_fresh_process(db_url) == (head_revision(), True)
    assert _versions(db_url) == [head_revision()]


def test_a_database_newer_than_the_code_is_a_store_error_naming_its_revision(db_url: str) -> None:
    engine = get_engine(db_url)
    upgrade(engine)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(StoreError, match=r"cannot upgrade .*9999"):
        ensure_schema(engine)
    assert _versions(db_url) == ["9999"]
