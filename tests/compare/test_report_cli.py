"""`reelscope report` on both backends: formats, recompute or not, charts, user errors, period choice."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from reelscope.cmd_report import Granularity, choose_periods
from reelscope.errors import UserError
from store.engine import get_engine, session
from store.migrations import upgrade

from .data import WEEK1, H, load_week, observe, post

WEEK = ["--period", "week", "--since", "2025-11-10", "--until", "2025-11-17"]


@pytest.fixture
def loaded(db_url: str) -> str:
    engine = get_engine(db_url)
    upgrade(engine)
    with session(engine) as db:
        load_week(db)
    return db_url


def _by_key(records: list[dict]) -> dict[tuple[str, str, str], dict]:
    return {(r["platform"], r["brand"], r["metric"]): r for r in records}


def test_json_report_gives_the_hand_computed_figures(reelscope, loaded: str) -> None:
    proc = reelscope(
        "report",
        *WEEK,
        "--format",
        "json",
        "--db",
        loaded,
        "--platform",
        "tiktok",
        "--brand",
        "*",
        "--brand",
        "nike",
        "--metric",
        "posts",
        "--metric",
        "views",
    )
    assert proc.returncode == 0, proc.stderr
    rows = _by_key(json.loads(proc.stdout))
    assert set(rows) == {("tiktok", b, m) for b in ("*", "nike") for m in ("posts", "views")}
    assert rows[("tiktok", "*", "posts")]["value"] == 4
    assert rows[("tiktok", "*", "posts")]["share"] == pytest.approx(4 / 6)
    assert rows[("tiktok", "*", "views")]["with_value"] == 2
    assert rows[("tiktok", "nike", "posts")]["share"] == 0.5
    assert rows[("tiktok", "*", "posts")]["period_start"] == "2025-11-10T00:00:00Z"
    assert "recomputed 1 period(s)" in proc.stderr


def test_csv_and_parquet_hold_the_same_rows(reelscope, loaded: str, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    out = reelscope("report", *WEEK, "--format", "csv", "--db", loaded)
    assert out.returncode == 0, out.stderr
    lines = list(csv.DictReader(io.StringIO(out.stdout)))
    target = tmp_path / "shares.parquet"
    done = reelscope("report", *WEEK, "--format", "parquet", "--output", str(target), "--db", loaded)
    assert done.returncode == 0, done.stderr
    table = pq.read_table(target)
    assert table.num_rows == len(lines) > 0
    assert str(table.schema.field("period_start").type) == "timestamp[us, tz=UTC]"
    first = table.slice(0, 1).to_pylist()[0]
    assert (first["platform"], first["metric"]) == (lines[0]["platform"], lines[0]["metric"])
    assert first["value"] == float(lines[0]["value"])


def test_no_recompute_reads_what_is_stored(reelscope, loaded: str) -> None:
    args = (*WEEK, "--format", "json", "--db", loaded, "--platform", "x", "--metric", "posts")
    assert json.loads(reelscope("report", *args).stdout) == []
    with session(get_engine(loaded)) as db:
        observe(db, post("x", "x9", WEEK1 + H, author="zed"), WEEK1 + 2 * H, views=5)
    stale = reelscope("report", *args, "--no-recompute")
    assert json.loads(stale.stdout) == [] and "recomputed" not in stale.stderr
    fresh = json.loads(reelscope("report", *args).stdout)
    assert [(r["platform"], r["value"]) for r in fresh] == [("x", 1)]


def test_table_output_and_charts(reelscope, loaded: str, tmp_path: Path) -> None:
    png, page = tmp_path / "c.png", tmp_path / "c.html"
    proc = reelscope("report", *WEEK, "--db", loaded, "--chart", str(png))
    assert proc.returncode == 0, proc.stderr
    assert "tiktok" in proc.stdout and "66.7%" in proc.stdout  # 4 of 6 posts
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert reelscope("report", *WEEK, "--db", loaded, "--chart", str(page)).returncode == 0
    html = page.read_text()
    assert html.count("<svg") == 3 and "Share of engagements by platform" in html


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--metric", "likes_per_moon"], "unknown metric(s): likes_per_moon"),
        (["--format", "parquet"], "--format parquet needs --output FILE"),
        (["--chart", "out.svg"], "must end in .png or .html"),
        (["--since", "yesterday"], "--since: 'yesterday' is not a date"),
        (["--since", "2025-11-10", "--until", "2025-11-01"], "--until must be after --since"),
    ],
)
def test_user_mistakes_are_one_line(reelscope, tmp_path: Path, args: list[str], message: str) -> None:
    proc = reelscope("report", "--db", f"sqlite:///{tmp_path / 'x.db'}", *args)
    assert proc.returncode == 2
    assert message in proc.stderr and len(proc.stderr.strip().splitlines()) == 1


def test_period_choice() -> None:
    now = datetime(2025, 11, 13, 12, tzinfo=UTC)
    last = choose_periods(None, None, None, 3, now=now)
    assert [p.label for p in last] == ["2025-10-27", "2025-11-03", "2025-11-10"]
    months = choose_periods(Granularity.month, "2025-10-15", "2025-12-01", 4, now=now)
    assert [p.label for p in months] == ["2025-10", "2025-11"]
    custom = choose_periods(None, "2025-11-10T06:00", "2025-11-12", 4, now=now)
    assert [(p.granularity, p.start.hour) for p in custom] == [("custom", 6)]
    with pytest.raises(UserError):
        choose_periods(None, "2025-11-12", "2025-11-10", 4, now=now)
