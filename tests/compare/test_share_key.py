"""Revision 0003 re-keys share_snapshot by period end too, keeping its rows and the views that read it."""

from __future__ import annotations

from alembic import command
from sqlalchemy import text

from store.engine import get_engine
from store.migrations import config, upgrade

_ROW = (
    "INSERT INTO share_snapshot (period_start, period_end, granularity, platform, brand, metric, value,"
    " share, definition_version, sample, computed_at) VALUES ('2025-11-10 00:00:00', :end, 'custom',"
    " 'tiktok', 'nike', 'posts', 2, 0.5, 1, '{}', '2025-11-20 00:00:00')"
)


def test_upgrade_keeps_rows_and_views_and_accepts_a_second_end(db_url: str) -> None:
    command.upgrade(config(url=db_url), "0002")
    engine = get_engine(db_url)
    with engine.begin() as conn:
        conn.execute(text(_ROW), {"end": "2025-11-13 00:00:00"})
    assert upgrade(engine) == "0003"
    with engine.begin() as conn:
        conn.execute(text(_ROW), {"end": "2025-11-15 00:00:00"})
        voice = conn.execute(text("SELECT count(*), sum(share_of_voice) FROM v_share_of_voice")).one()
    assert tuple(voice) == (2, 1.0)
    with engine.begin() as conn:  # the old key cannot hold both periods
        conn.execute(text("DELETE FROM share_snapshot WHERE period_end > '2025-11-14'"))
    command.downgrade(config(url=db_url), "0002")
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM v_share_of_voice")).scalar_one() == 1
