"""SQLModel tables of the store (DESIGN §5): posts, their snapshots, signals, sightings, runs, brands.

Each table is an `XBase` (the fields) and an `X(table=True)` (keys, constraints). Foreign keys to a
post are named `post_pk` so they are never mistaken for the platform's own `post.post_id`.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import BigInteger, CheckConstraint, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from store.types import JSONType, UTCDateTime

# Stable constraint names, so later migrations (batch mode on SQLite) can address them.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

RUN_STATUSES: tuple[str, ...] = ("running", "ok", "failed", "killed")
SIGHTING_PATHS: tuple[str, ...] = ("http", "browser")


def utcnow() -> datetime:
    """Return the current time as an aware UTC datetime."""
    return datetime.now(UTC)


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class AccountBase(SQLModel):
    """Public counters of an account as its profile page shows them."""

    platform: str
    handle: str
    account_id: str | None = None
    display_name: str | None = None
    followers: int | None = Field(default=None, sa_type=BigInteger)
    following: int | None = Field(default=None, sa_type=BigInteger)
    likes: int | None = Field(default=None, sa_type=BigInteger)
    posts: int | None = Field(default=None, sa_type=BigInteger)
    verified: bool | None = None
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class Account(AccountBase, table=True):
    """One account per (platform, handle)."""

    __table_args__ = (UniqueConstraint("platform", "handle"),)

    id: int | None = Field(default=None, primary_key=True)


class PostBase(SQLModel):
    """A public post (DESIGN §4) with the time it was first and last seen."""

    platform: str
    post_id: str
    url: str = Field(sa_type=Text)
    author: str | None = None
    published_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    text: str = Field(default="", sa_type=Text)
    hashtags: list[str] = Field(default_factory=list, sa_type=JSONType)
    mentions: list[str] = Field(default_factory=list, sa_type=JSONType)
    media_type: str | None = None
    views: int | None = Field(default=None, sa_type=BigInteger)
    likes: int | None = Field(default=None, sa_type=BigInteger)
    comments: int | None = Field(default=None, sa_type=BigInteger)
    shares: int | None = Field(default=None, sa_type=BigInteger)
    saves: int | None = Field(default=None, sa_type=BigInteger)
    approximate: list[str] = Field(default_factory=list, sa_type=JSONType)
    sponsored: bool = False
    disclosed: bool = False
    brands: list[str] = Field(default_factory=list, sa_type=JSONType)
    # The record's `metadata`; SQLAlchemy reserves that name on mapped classes.
    meta: dict[str, Any] = Field(default_factory=dict, sa_type=JSONType)
    first_seen_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    last_seen_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class Post(PostBase, table=True):
    """One row per (platform, post_id), whatever page it was seen on."""

    __table_args__ = (UniqueConstraint("platform", "post_id"),)

    id: int | None = Field(default=None, primary_key=True)


class EngagementSnapshotBase(SQLModel):
    """The counters of a post as one crawl observed them (a time series per post)."""

    post_pk: int = Field(foreign_key="post.id", ondelete="CASCADE")
    observed_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    views: int | None = Field(default=None, sa_type=BigInteger)
    likes: int | None = Field(default=None, sa_type=BigInteger)
    comments: int | None = Field(default=None, sa_type=BigInteger)
    shares: int | None = Field(default=None, sa_type=BigInteger)
    saves: int | None = Field(default=None, sa_type=BigInteger)
    crawl_run_id: int | None = Field(default=None, foreign_key="crawl_run.id", ondelete="SET NULL")


class EngagementSnapshot(EngagementSnapshotBase, table=True):
    """Appended on every sighting that carried at least one counter."""

    __tablename__ = "engagement_snapshot"
    __table_args__ = (Index("ix_engagement_snapshot_post_observed", "post_pk", "observed_at"),)

    id: int | None = Field(default=None, primary_key=True)


class SignalBase(SQLModel):
    """One piece of evidence that a post is commercial or disclosed."""

    post_pk: int = Field(foreign_key="post.id", ondelete="CASCADE", index=True)
    kind: str
    evidence: str = Field(default="", sa_type=Text)
    source: str
    strength: float = 1.0
    detail: dict[str, Any] = Field(default_factory=dict, sa_type=JSONType)


class Signal(SignalBase, table=True):
    """The signals of the latest observation of a post (replaced as a whole)."""

    id: int | None = Field(default=None, primary_key=True)


class BrandBase(SQLModel):
    """A brand to match in posts: names, account handles per platform, web domains."""

    name: str = Field(unique=True)
    aliases: list[str] = Field(default_factory=list, sa_type=JSONType)
    handles: dict[str, list[str]] = Field(default_factory=dict, sa_type=JSONType)
    domains: list[str] = Field(default_factory=list, sa_type=JSONType)


class Brand(BrandBase, table=True):
    """One row per brand name."""

    id: int | None = Field(default=None, primary_key=True)


class CrawlRunBase(SQLModel):
    """One crawl of one target: when, how it ended, and what it produced."""

    platform: str
    target: str = Field(sa_type=Text)
    target_kind: str
    started_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    finished_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    status: str = "running"
    pages: int = 0
    posts: int = 0
    errors: int = 0
    missing: dict[str, int] = Field(default_factory=dict, sa_type=JSONType)
    settings: dict[str, Any] = Field(default_factory=dict, sa_type=JSONType)
    stderr_tail: str = Field(default="", sa_type=Text)


class CrawlRun(CrawlRunBase, table=True):
    """The history of crawls (the scheduler's and the CLI's)."""

    __tablename__ = "crawl_run"
    __table_args__ = (CheckConstraint(_in("status", RUN_STATUSES), name="status"),)

    id: int | None = Field(default=None, primary_key=True)


class SightingBase(SQLModel):
    """Where and how a post was seen: the provenance of each observation."""

    post_pk: int = Field(foreign_key="post.id", ondelete="CASCADE", index=True)
    crawl_run_id: int | None = Field(
        default=None, foreign_key="crawl_run.id", ondelete="SET NULL", index=True
    )
    target: str | None = Field(default=None, sa_type=Text)
    rank: int | None = None
    path: str = "http"
    seen_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class Sighting(SightingBase, table=True):
    """One row per post per stored page."""

    __table_args__ = (CheckConstraint(_in("path", SIGHTING_PATHS), name="path"),)

    id: int | None = Field(default=None, primary_key=True)


class ShareSnapshotBase(SQLModel):
    """A computed market-share figure for one period × platform × brand × metric."""

    period_start: datetime = Field(sa_type=UTCDateTime)
    period_end: datetime = Field(sa_type=UTCDateTime)
    granularity: str
    platform: str
    brand: str  # "*" for all brands together
    metric: str
    value: float
    share: float | None = None
    definition_version: int = 1
    sample: dict[str, Any] = Field(default_factory=dict, sa_type=JSONType)
    computed_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class ShareSnapshot(ShareSnapshotBase, table=True):
    """The latest figure per (granularity, period_start, period_end, platform, brand, metric)."""

    __tablename__ = "share_snapshot"
    __table_args__ = (
        UniqueConstraint(
            "granularity",
            "period_start",
            "period_end",
            "platform",
            "brand",
            "metric",
            name="uq_share_snapshot_key",
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
