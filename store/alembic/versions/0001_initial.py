"""Initial schema: accounts, posts, engagement snapshots, signals, brands, crawl runs, sightings, shares.

Revision ID: 0001
Revises:
Create Date: 2026-11-29
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _json() -> sa.types.TypeEngine:
    return sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def _counters() -> list[sa.Column]:
    return [sa.Column(name, sa.BigInteger(), nullable=True) for name in ("views", "likes", "comments", "shares", "saves")]


def upgrade() -> None:
    """Create every table."""
    op.create_table(
        "account",
        sa.Column("platform", sa.String(), nullable=False),
        sa.Column("handle", sa.String(), nullable=False),
        sa.Column("account_id", sa.String(), nullable=True),
        sa.Column("display_name", sa.String(), nullable=True),
        sa.Column("followers", sa.BigInteger(), nullable=True),
        sa.Column("following", sa.BigInteger(), nullable=True),
        sa.Column("likes", sa.BigInteger(), nullable=True),
        sa.Column("posts", sa.BigInteger(), nullable=True),
        sa.Column("verified", sa.Boolean(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_account")),
        sa.UniqueConstraint("platform", "handle", name=op.f("uq_account_platform_handle")),
    )
    op.create_table(
        "brand",
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("aliases", _json(), nullable=False),
        sa.Column("handles", _json(), nullable=False),
        sa.Column("domains", _json(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_brand")),
        sa.UniqueConstraint("name", name=op.f("uq_brand_name")),
    )
    op.create_table(
        "crawl_run",
        sa.Column("platform", sa.String(), nullable=False),
        sa.Column("target", sa.Text(), nullable=False),
        sa.Column("target_kind", sa.String(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("pages", sa.Integer(), nullable=False),
        sa.Column("posts", sa.Integer(), nullable=False),
        sa.Column("errors", sa.Integer(), nullable=False),
        sa.Column("missing", _json(), nullable=False),
        sa.Column("settings", _json(), nullable=False),
        sa.Column("stderr_tail", sa.Text(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.CheckConstraint("status IN ('running', 'ok', 'failed', 'killed')", name=op.f("ck_crawl_run_status")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_crawl_run")),
    )
    op.create_table(
        "post",
        sa.Column("platform", sa.String(), nullable=False),
        sa.Column("post_id", sa.String(), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("author", sa.String(), nullable=True),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("hashtags", _json(), nullable=False),
        sa.Column("mentions", _json(), nullable=False),
        sa.Column("media_type", sa.String(), nullable=True),
        *_counters(),
        sa.Column("approximate", _json(), nullable=False),
        sa.Column("sponsored", sa.Boolean(), nullable=False),
        sa.Column("disclosed", sa.Boolean(), nullable=False),
        sa.Column("brands", _json(), nullable=False),
        sa.Column("meta", _json(), nullable=False),
        sa.Column("first_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_post")),
        sa.UniqueConstraint("platform", "post_id", name=op.f("uq_post_platform_post_id")),
    )
    op.create_table(
        "share_snapshot",
        sa.Column("period_start", sa.DateTime(timezone=True), nullable=False),
        sa.Column("period_end", sa.DateTime(timezone=True), nullable=False),
        sa.Column("granularity", sa.String(), nullable=False),
        sa.Column("platform", sa.String(), nullable=False),
        sa.Column("brand", sa.String(), nullable=False),
        sa.Column("metric", sa.String(), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("share", sa.Float(), nullable=True),
        sa.Column("definition_version", sa.Integer(), nullable=False),
        sa.Column("sample", _json(), nullable=False),
        sa.Column("computed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_share_snapshot")),
        sa.UniqueConstraint(
            "granularity", "period_start", "platform", "brand", "metric", name="uq_share_snapshot_key"
        ),
    )
    op.create_table(
        "engagement_snapshot",
        sa.Column("post_pk", sa.Integer(), nullable=False),
        sa.Column("observed_at", sa.DateTime(timezone=True), nullable=False),
        *_counters(),
        sa.Column("crawl_run_id", sa.Integer(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["crawl_run_id"],
            ["crawl_run.id"],
            name=op.f("fk_engagement_snapshot_crawl_run_id_crawl_run"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["post_pk"], ["post.id"], name=op.f("fk_engagement_snapshot_post_pk_post"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_engagement_snapshot")),
    )
    op.create_index("ix_engagement_snapshot_post_observed", "engagement_snapshot", ["post_pk", "observed_at"])
    op.create_table(
        "sighting",
        sa.Column("post_pk", sa.Integer(), nullable=False),
        sa.Column("crawl_run_id", sa.Integer(), nullable=True),
        sa.Column("target", sa.Text(), nullable=True),
        sa.Column("rank", sa.Integer(), nullable=True),
        sa.Column("path", sa.String(), nullable=False),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.CheckConstraint("path IN ('http', 'browser')", name=op.f("ck_sighting_path")),
        sa.ForeignKeyConstraint(
            ["crawl_run_id"], ["crawl_run.id"], name=op.f("fk_sighting_crawl_run_id_crawl_run"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(["post_pk"], ["post.id"], name=op.f("fk_sighting_post_pk_post"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sighting")),
    )
    op.create_index(op.f("ix_sighting_crawl_run_id"), "sighting", ["crawl_run_id"])
    op.create_index(op.f("ix_sighting_post_pk"), "sighting", ["post_pk"])
    op.create_table(
        "signal",
        sa.Column("post_pk", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("source", sa.String(), nullable=False),
        sa.Column("strength", sa.Float(), nullable=False),
        sa.Column("detail", _json(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["post_pk"], ["post.id"], name=op.f("fk_signal_post_pk_post"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_signal")),
    )
    op.create_index(op.f("ix_signal_post_pk"), "signal", ["post_pk"])


def downgrade() -> None:
    """Drop every table."""
    for table in ("signal", "sighting", "engagement_snapshot", "share_snapshot", "post", "crawl_run", "brand", "account"):
        op.drop_table(table)
