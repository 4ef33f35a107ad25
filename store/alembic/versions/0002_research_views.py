"""Research views: posts with their latest counters, undisclosed sponsorship, share of voice, platform share.

Documented column by column in `store/views.py`. Plain SQL that SQLite and PostgreSQL both run.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_COUNTERS = "s.views, s.likes, s.comments, s.shares, s.saves"

VIEWS = {
    "v_post_latest": f"""
        SELECT p.id AS post_pk, p.platform, p.post_id, p.url, p.author, p.published_at, p.media_type,
               p.sponsored, p.disclosed, p.brands, p.first_seen_at, p.last_seen_at,
               s.observed_at, {_COUNTERS}, s.crawl_run_id, coalesce(s.snapshots, 0) AS snapshots
        FROM post p
        LEFT JOIN (
            SELECT post_pk, observed_at, views, likes, comments, shares, saves, crawl_run_id,
                   row_number() OVER (PARTITION BY post_pk ORDER BY observed_at DESC, id DESC) AS rn,
                   count(*) OVER (PARTITION BY post_pk) AS snapshots
            FROM engagement_snapshot
        ) s ON s.post_pk = p.id AND s.rn = 1
    """,
    "v_undisclosed": f"""
        SELECT s.post_pk, s.platform, s.post_id, s.url, s.author, s.published_at, s.brands, s.observed_at,
               {_COUNTERS},
               (SELECT count(*) FROM signal g WHERE g.post_pk = s.post_pk) AS signals
        FROM v_post_latest s
        WHERE s.sponsored AND NOT s.disclosed
    """,
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


def upgrade() -> None:
    """Create the views (in dependency order)."""
    for name, sql in VIEWS.items():
        op.execute(f"CREATE VIEW {name} AS {sql}")


def downgrade() -> None:
    """Drop the views (dependents first)."""
    for name in reversed(list(VIEWS)):
        op.execute(f"DROP VIEW IF EXISTS {name}")
