"""Research access: `reelscope export` to Parquet/CSV on both backends, `reelscope browse` over real HTTP."""

from __future__ import annotations

import csv
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from store import compare
from store.engine import get_engine, session
from store.errors import StoreError
from store.export import export, exportable
from store.migrations import upgrade
from store.views import VIEWS

from .data import WEEK1, definitions, load_week


@pytest.fixture
def loaded(db_url: str) -> str:
    engine = get_engine(db_url)
    upgrade(engine)
    with session(engine) as db:
        load_week(db)
        compare.compute(db, [compare.period_of("week", WEEK1)], definitions())
    return db_url


def test_parquet_export_of_every_table_and_view_keeps_types(loaded: str, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    written = export(get_engine(loaded), tmp_path, fmt="parquet")
    assert set(written) == set(exportable()) >= set(VIEWS)
    assert written["post"] == 7 and written["engagement_snapshot"] == 9
    posts = pq.read_table(tmp_path / "post.parquet")
    assert str(posts.schema.field("published_at").type) == "timestamp[us, tz=UTC]"
    assert str(posts.schema.field("views").type) == "int64"
    assert str(posts.schema.field("sponsored").type) == "bool"
    t2 = next(r for r in posts.to_pylist() if r["post_id"] == "t2")
    assert json.loads(t2["brands"]) == ["nike", "adidas"] and t2["views"] == 1500
    t3 = next(r for r in posts.to_pylist() if r["post_id"] == "t3")
    assert t3["views"] is None  # hidden stays null
    latest = pq.read_table(tmp_path / "v_post_latest.parquet").to_pylist()
    assert {r["post_id"]: r["snapshots"] for r in latest}["t1"] == 3
    assert pq.read_table(tmp_path / "share_snapshot.parquet").num_rows == written["share_snapshot"] > 0


def test_csv_export_of_chosen_tables_through_the_cli(reelscope, loaded: str, tmp_path: Path) -> None:
    proc = reelscope(
        "export",
        str(tmp_path / "out"),
        "--format",
        "csv",
        "--table",
        "post",
        "--table",
        "v_undisclosed",
        "--db",
        loaded,
    )
    assert proc.returncode == 0, proc.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["post.csv", "v_undisclosed.csv"]
    rows = list(csv.DictReader((tmp_path / "out" / "v_undisclosed.csv").open()))
    assert [(r["post_id"], r["views"], r["published_at"]) for r in rows] == [
        ("t2", "1500", "2025-11-12T06:00:00Z")
    ]


def test_unknown_table_is_refused(tmp_path: Path) -> None:
    engine = get_engine(f"sqlite:///{tmp_path / 'e.db'}")
    upgrade(engine)
    with pytest.raises(StoreError, match="unknown table 'posts'"):
        export(engine, tmp_path, tables=["posts"])


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> object:
    with urllib.request.urlopen(url, timeout=5) as response:
        return json.loads(response.read())


def test_browse_serves_documented_tables_and_canned_queries(tmp_path: Path) -> None:
    pytest.importorskip("datasette")
    url = f"sqlite:///{tmp_path / 'research.db'}"
    engine = get_engine(url)
    upgrade(engine)
    with session(engine) as db:
        load_week(db)
        compare.compute(db, [compare.period_of("week", WEEK1)], definitions())
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "reelscope.cli", "browse", "--port", str(port), "--db", url],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")},
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                _get(f"{base}/-/versions.json")
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError(
                        proc.stderr.read().decode() if proc.stderr else "no output"
                    ) from None
                time.sleep(0.2)
        meta = _get(f"{base}/-/metadata.json")
        assert isinstance(meta, dict)
        tables = meta["databases"]["research"]["tables"]
        assert tables["post"]["columns"]["views"].startswith("Latest known views")
        assert "v_share_of_voice" in tables
        undisclosed = _get(f"{base}/research/undisclosed_by_platform.json?_shape=array")
        assert {r["platform"]: r["undisclosed"] for r in undisclosed} == {
            "tiktok": 1,
            "youtube": 0,
            "reddit": 0,
            "instagram": 0,
        }
        sov = _get(f"{base}/research/share_of_voice_by_week.json?_shape=array")
        assert {(r["platform"], r["brand"]): r["share_of_voice"] for r in sov}[("tiktok", "nike")] == 0.5
        top = _get(f"{base}/research/top_sponsored_creators_per_brand.json?_shape=array")
        assert [(r["brand"], r["author"], r["sponsored_posts"]) for r in top] == [
            ("adidas", "ana", 1),
            ("nike", "ana", 2),
            ("nike", "cy", 1),
        ]
        view = _get(f"{base}/research/v_post_latest.json?_shape=array&post_id=t1")
        assert [r["views"] for r in view] == [900]
    finally:
        proc.kill()
        proc.wait(timeout=10)


def test_browse_on_postgresql_points_to_export(reelscope, db_url: str) -> None:
    if not db_url.startswith("postgresql"):
        pytest.skip("PostgreSQL only")
    proc = reelscope("browse", "--db", db_url)
    assert proc.returncode == 2
    assert "Datasette serves SQLite files only" in proc.stderr and "reelscope export" in proc.stderr
