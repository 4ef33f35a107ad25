"""The research views exist after `db upgrade`, have exactly the documented columns, and answer right."""

from __future__ import annotations

from sqlalchemy import Engine, inspect, select
from sqlmodel import Session, SQLModel

from store import compare
from store.views import TABLE_DOCS, VIEWS, describe, view_table

from .data import WEEK1, definitions, load_week


def test_every_documented_view_exists_with_its_documented_columns(engine: Engine) -> None:
    found = inspect(engine)
    assert set(found.get_view_names()) == set(VIEWS)
    for name, view in VIEWS.items():
        assert [c["name"] for c in found.get_columns(name)] == [c.name for c in view.columns]


def test_every_table_and_column_is_documented() -> None:
    tables = SQLModel.metadata.tables
    assert set(TABLE_DOCS) == set(tables)
    for name, table in tables.items():
        assert set(TABLE_DOCS[name][1]) == {c.name for c in table.columns}, name
    assert all(doc["description"] and all(doc["columns"].values()) for doc in describe().values())


def test_post_latest_and_undisclosed_read_the_latest_snapshot(db: Session) -> None:
    load_week(db)
    conn = db.connection()
    latest = view_table("v_post_latest")
    rows = {r.post_id: r for r in conn.execute(select(latest))}
    assert (rows["t1"].views, rows["t1"].snapshots) == (900, 3)  # latest overall, not a sum
    assert rows["t3"].views is None and rows["t3"].likes == 20
    assert rows["t4"].observed_at is None and rows["t4"].snapshots == 0
    assert rows["t2"].brands == ["nike", "adidas"] and rows["t2"].sponsored is True
    undisclosed = conn.execute(select(view_table("v_undisclosed"))).all()
    assert [(r.post_id, r.views) for r in undisclosed] == [("t2", 1500)]


def test_share_views_split_brand_and_platform_rows(db: Session) -> None:
    load_week(db)
    compare.compute(db, [compare.period_of("week", WEEK1)], definitions())
    conn = db.connection()
    sov = view_table("v_share_of_voice")
    rows = conn.execute(select(sov).where(sov.c.metric == "posts", sov.c.platform == "tiktok")).all()
    assert sorted((r.brand, r.share_of_voice) for r in rows) == [("adidas", 0.5), ("nike", 0.5)]
    plat = view_table("v_platform_share")
    shares = conn.execute(
        select(plat.c.platform, plat.c.share_of_total).where(plat.c.metric == "posts")
    ).all()
    assert dict(shares) == {"tiktok": 4 / 6, "youtube": 1 / 6, "reddit": 1 / 6}
