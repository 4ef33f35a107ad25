"""Run history for the scheduler: recent crawl runs, closing a run a crawl left open, the posts due a
revisit, and the span of recently seen posts that comparisons should cover."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Table, func, select
from sqlmodel import Session, SQLModel

from store import models
from store.models import utcnow

_TAIL_CHARS = 20_000
_TABLES = SQLModel.metadata.tables
RUN: Table = _TABLES["crawl_run"]
POST: Table = _TABLES["post"]
SNAPSHOT: Table = _TABLES["engagement_snapshot"]


def recent_runs(
    session: Session, *, platform: str | None = None, since: datetime | None = None, limit: int = 200
) -> list[models.CrawlRun]:
    """Crawl runs, newest first (optionally of one platform, or started since a time)."""
    stmt = select(RUN.c.id).order_by(RUN.c.started_at.desc(), RUN.c.id.desc())
    if platform is not None:
        stmt = stmt.where(RUN.c.platform == platform)
    if since is not None:
        stmt = stmt.where(RUN.c.started_at >= since)
    ids = list(session.connection().execute(stmt.limit(limit)).scalars())
    runs = [session.get(models.CrawlRun, run_id) for run_id in ids]
    return [run for run in runs if run is not None]


def latest_run(session: Session, *, platform: str, kind: str, target: str) -> models.CrawlRun | None:
    """The most recently started run of one target."""
    stmt = (
        select(RUN.c.id)
        .where(RUN.c.platform == platform, RUN.c.target_kind == kind, RUN.c.target == target)
        .order_by(RUN.c.started_at.desc(), RUN.c.id.desc())
        .limit(1)
    )
    run_id = session.connection().execute(stmt).scalar()
    return session.get(models.CrawlRun, run_id) if run_id is not None else None


def close_run(
    session: Session,
    run_id: int,
    *,
    status: str | None = None,
    stderr_tail: str = "",
    settings: Mapping[str, Any] | None = None,
) -> models.CrawlRun | None:
    """Keep the stderr tail and extra settings on a run; end it with `status` only if still running."""
    run = session.get(models.CrawlRun, run_id)
    if run is None:
        return None
    if status is not None and run.status == "running":
        run.status = status
        run.finished_at = utcnow()
    if stderr_tail:
        run.stderr_tail = stderr_tail[-_TAIL_CHARS:]
    if settings:
        run.settings = {**(run.settings or {}), **settings}
    session.add(run)
    session.commit()
    session.refresh(run)
    return run


@dataclass(frozen=True, slots=True)
class DuePost:
    """A post whose engagement should be read again."""

    platform: str
    post_id: str
    url: str
    age: timedelta


def revisits_due(session: Session, ages: Sequence[timedelta], now: datetime | None = None) -> list[DuePost]:
    """Posts first seen at least `age` ago (but less than 2 × age) with no snapshot since first seen + age.

    One entry per post: the largest age that is due. A post missed while nothing ran stays due until
    twice its age, then that revisit is given up.
    """
    if not ages:
        return []
    now = now or utcnow()
    conn = session.connection()
    oldest = now - 2 * max(ages)
    candidates = conn.execute(
        select(POST.c.id, POST.c.platform, POST.c.post_id, POST.c.url, POST.c.first_seen_at).where(
            POST.c.first_seen_at > oldest
        )
    ).all()
    if not candidates:
        return []
    latest: dict[int, Any] = {}
    for chunk in range(0, len(candidates), 500):
        pks = [c[0] for c in candidates[chunk : chunk + 500]]
        query = (
            select(SNAPSHOT.c.post_pk, func.max(SNAPSHOT.c.observed_at))
            .where(SNAPSHOT.c.post_pk.in_(pks))
            .group_by(SNAPSHOT.c.post_pk)
        )
        latest.update({pk: observed for pk, observed in conn.execute(query)})
    due = []
    for pk, platform, post_id, url, first_seen in candidates:
        first_seen = models_time(first_seen)
        observed = latest.get(pk)
        last = models_time(observed) if observed is not None else None
        for age in sorted(ages, reverse=True):
            if first_seen + age <= now < first_seen + 2 * age and (last is None or last < first_seen + age):
                due.append(DuePost(platform, post_id, url, age))
                break
    return sorted(due, key=lambda d: (d.platform, d.post_id))


def seen_span(session: Session, since: datetime) -> tuple[datetime, datetime] | None:
    """The earliest and latest publication time (first sighting when unknown) of posts seen since `since`."""
    when = func.coalesce(POST.c.published_at, POST.c.first_seen_at)
    row = (
        session.connection()
        .execute(select(func.min(when), func.max(when)).where(POST.c.last_seen_at >= since))
        .one()
    )
    if row[0] is None:
        return None
    return models_time(row[0]), models_time(row[1])


def posts_per_platform(session: Session) -> list[tuple[str, int, datetime | None]]:
    """Per platform, in name order: how many posts are stored and when one was last seen."""
    stmt = select(POST.c.platform, func.count(), func.max(POST.c.last_seen_at)).group_by(POST.c.platform)
    rows = session.connection().execute(stmt.order_by(POST.c.platform))
    return [(platform, count, None if last is None else models_time(last)) for platform, count, last in rows]


def models_time(value: Any) -> datetime:
    """A timestamp read back from an aggregate (SQLite gives text) as an aware UTC datetime."""
    from store.repo import parse_time

    parsed = parse_time(value)
    assert parsed is not None
    return parsed
