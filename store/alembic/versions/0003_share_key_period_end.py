"""share_snapshot is keyed by its period's end too: two custom periods from one start are distinct.

SQLite rebuilds the table (batch mode); the views that read it are dropped first and created again
after, since SQLite checks views when a table is renamed.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The views of revision 0002 that read share_snapshot, as 0002 created them.
_VIEWS = {
    "v_share_of_voice": """
        SELECT granularity, period_start, period_end, platform, brand, metric, value,
               share AS share_of_voice, definition_version, computed_at
        FROM share_snapshot
        WHERE brand <> '*'
    """,
    "v_platform_share": """
        SELECT granularity, period_start, period_end, platform, brand, metric, value,
               share AS share_of_total, definition_version, computed_at
        FROM share_snapshot
        WHERE brand = '*' AND platform <> '*'
    """,
}
_KEY = "uq_share_snapshot_key"
_OLD = ["granularity", "period_start", "platform", "brand", "metric"]
_NEW = ["granularity", "period_start", "period_end", "platform", "brand", "metric"]


def _rekey(columns: list[str]) -> None:
    for name in _VIEWS:
        op.execute(f"DROP VIEW IF EXISTS {name}")
    with op.batch_alter_table("share_snapshot") as batch:
        batch.drop_constraint(_KEY, type_="unique")
        batch.create_unique_constraint(_KEY, columns)
    for name, sql in _VIEWS.items():
        op.execute(f"CREATE VIEW {name} AS {sql}")


def upgrade() -> None:
    """Key share_snapshot by (granularity, period_start, period_end, platform, brand, metric)."""
    _rekey(_NEW)


def downgrade() -> None:
    """Key share_snapshot by (granularity, period_start, platform, brand, metric) again.

    Fails if two stored periods share a start, as the old key cannot hold both.
    """
    _rekey(_OLD)
