"""Retention: remove the free text of posts past `retain_text_days` and whole posts past
`retain_posts_days`. A post's age counts from its publication (its first sighting when the date is
unknown), as comparisons count it. Computed comparisons (`share_snapshot`) are never touched.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Table, delete, exists, func, or_, select, update
from sqlmodel import Session, SQLModel

from store.models import utcnow

_TABLES = SQLModel.metadata.tables
POST: Table = _TABLES["post"]
SIGNAL: Table = _TABLES["signal"]
SIGHTING: Table = _TABLES["sighting"]
SNAPSHOT: Table = _TABLES["engagement_snapshot"]
_CHUNK = 500
_WHEN = func.coalesce(POST.c.published_at, POST.c.first_seen_at)
# Metadata keys that hold free text (the caption's title) and go with it.
TEXT_META_KEYS = ("title",)


@dataclass
class PurgeReport:
    """What a purge removed (or, dry, would remove), per platform."""

    dry_run: bool
    text_before: datetime | None = None
    posts_before: datetime | None = None
    texts: Counter[str] = field(default_factory=Counter)
    posts: Counter[str] = field(default_factory=Counter)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready summary."""
        return {
            "dry_run": self.dry_run,
            "text_before": self.text_before.isoformat() if self.text_before else None,
            "posts_before": self.posts_before.isoformat() if self.posts_before else None,
            "texts_removed": dict(self.texts),
            "posts_removed": dict(self.posts),
        }


def _has_text() -> Any:
    evidence = exists().where(SIGNAL.c.post_pk == POST.c.id, SIGNAL.c.evidence != "")
    return or_(POST.c.text != "", evidence)


def _chunks(items: list[Any]) -> list[list[Any]]:
    return [items[i : i + _CHUNK] for i in range(0, len(items), _CHUNK)]


def _strip_text(session: Session, rows: list[Any]) -> None:
    conn = session.connection()
    for chunk in _chunks(rows):
        ids = [r.id for r in chunk]
        conn.execute(update(SIGNAL).where(SIGNAL.c.post_pk.in_(ids)).values(evidence=""))
        for row in chunk:
            meta = {k: v for k, v in (row.meta or {}).items() if k not in TEXT_META_KEYS}
            meta["text_removed"] = True
            conn.execute(update(POST).where(POST.c.id == row.id).values(text="", meta=meta))


def _delete_posts(session: Session, ids: list[int]) -> None:
    conn = session.connection()
    for chunk in _chunks(ids):
        for table in (SIGNAL, SIGHTING, SNAPSHOT):
            conn.execute(delete(table).where(table.c.post_pk.in_(chunk)))
        conn.execute(delete(POST).where(POST.c.id.in_(chunk)))


def purge(
    session: Session,
    *,
    text_days: int | None,
    posts_days: int | None,
    dry_run: bool = False,
    now: datetime | None = None,
) -> PurgeReport:
    """Remove free text older than `text_days` and posts older than `posts_days` (one transaction)."""
    now = now or utcnow()
    report = PurgeReport(dry_run=dry_run)
    conn = session.connection()
    try:
        if posts_days is not None:
            report.posts_before = now - timedelta(days=posts_days)
            stmt = select(POST.c.id, POST.c.platform).where(report.posts_before > _WHEN)
            gone = list(conn.execute(stmt))
            report.posts.update(r.platform for r in gone)
            if not dry_run:
                _delete_posts(session, [r.id for r in gone])
        if text_days is not None:
            report.text_before = now - timedelta(days=text_days)
            older = [report.text_before > _WHEN, _has_text()]
            if report.posts_before is not None and dry_run:
                older.append(report.posts_before <= _WHEN)  # those go as whole posts
            rows = list(conn.execute(select(POST.c.id, POST.c.platform, POST.c.meta).where(*older)))
            report.texts.update(r.platform for r in rows)
            if not dry_run:
                _strip_text(session, rows)
        if dry_run:
            session.rollback()
        else:
            session.commit()
    except BaseException:
        session.rollback()
        raise
    return report


def split_frozen(
    periods: Sequence[Any], posts_days: int | None, now: datetime | None = None
) -> tuple[list[Any], list[Any]]:
    """(periods to recompute, periods whose stored figures are kept): a period that starts before the
    posts retention cutoff may have lost posts to a purge, so recomputing it would rewrite its figures."""
    if posts_days is None:
        return list(periods), []
    cutoff = (now or utcnow()) - timedelta(days=posts_days)
    return [p for p in periods if p.start >= cutoff], [p for p in periods if p.start < cutoff]
