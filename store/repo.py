"""Repository functions: store posts, accounts, brands and crawl runs; read posts back as records.

Writes are race-safe across processes: new posts go in with `INSERT … ON CONFLICT DO NOTHING`, and
posts that already exist are read under a row lock (PostgreSQL `FOR UPDATE`; on SQLite the first
write holds the database lock) and merged so that nothing already known is lost. Rows are handled
in (platform, post_id) order, so two writers never wait on each other in a cycle.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    String,
    Table,
    and_,
    any_,
    bindparam,
    delete,
    func,
    insert,
    or_,
    select,
    tuple_,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection
from sqlmodel import Session, SQLModel

from plugins.post import COUNTERS
from plugins.post import Account as AccountRecord
from plugins.post import Post as PostRecord
from plugins.post import Signal as SignalRecord
from store import models
from store.errors import StoreError
from store.models import RUN_STATUSES, SIGHTING_PATHS, utcnow

_CHUNK = 500
_STDERR_TAIL_CHARS = 20_000
_TABLES = SQLModel.metadata.tables
POST: Table = _TABLES["post"]
SNAPSHOT: Table = _TABLES["engagement_snapshot"]
SIGNAL: Table = _TABLES["signal"]
SIGHTING: Table = _TABLES["sighting"]
ACCOUNT: Table = _TABLES["account"]
BRAND: Table = _TABLES["brand"]


@dataclass(slots=True)
class UpsertStats:
    """What one `upsert_posts` call wrote."""

    posts: int = 0
    inserted: int = 0
    updated: int = 0
    snapshots: int = 0
    signals: int = 0
    sightings: int = 0


# --- time ---------------------------------------------------------------------------------------


def _aware(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def parse_time(value: str | datetime | None) -> datetime | None:
    """Read an ISO-8601 timestamp (naive means UTC) into an aware UTC datetime; None stays None."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return _aware(value)
    return _aware(datetime.fromisoformat(value))


def format_time(value: datetime | None) -> str | None:
    """Write a datetime as the record's UTC ISO-8601 form ("2025-11-12T17:03:11Z")."""
    if value is None:
        return None
    value = _aware(value)
    fraction = f".{value.microsecond:06d}".rstrip("0") if value.microsecond else ""
    return value.strftime("%Y-%m-%dT%H:%M:%S") + fraction + "Z"


# --- records <-> rows ---------------------------------------------------------------------------


def _post_row(post: PostRecord, seen: datetime) -> dict[str, Any]:
    try:
        published = parse_time(post.published_at)
    except (TypeError, ValueError):
        raise ValueError(
            f"{post.platform} post {post.post_id}: published_at {post.published_at!r} is not ISO-8601"
        ) from None
    row: dict[str, Any] = {
        "platform": post.platform,
        "post_id": post.post_id,
        "url": post.url,
        "author": post.author,
        "published_at": published,
        "text": post.text or "",
        "hashtags": list(post.hashtags),
        "mentions": list(post.mentions),
        "media_type": post.media_type,
        "approximate": list(post.approximate),
        "sponsored": bool(post.sponsored),
        "disclosed": bool(post.disclosed),
        "brands": list(post.brands),
        "meta": dict(post.metadata),
        "first_seen_at": seen,
        "last_seen_at": seen,
    }
    for name in COUNTERS:
        row[name] = getattr(post, name)
    return row


def _first(*values: Any) -> Any:
    return next((v for v in values if v is not None), None)


def merge_post_rows(
    old: Mapping[Any, Any], new: Mapping[Any, Any], *, evidence: bool = True
) -> dict[str, Any]:
    """Merge a new observation of a post into the stored one; return the columns to write.

    The more recent observation wins, but never with an absence: a counter (or author, date, media
    type, text) it lacks keeps the known value, COALESCE-style. An older observation only fills
    gaps. `approximate` follows each counter's source; hashtags and mentions follow the text.
    `sponsored`, `disclosed` and `brands` follow the newer observation only when it carries
    `evidence` (text or signals): a listing without captions does not erase a post page's findings.
    """
    newer = new["last_seen_at"] >= old["last_seen_at"]
    prefer, other = (new, old) if newer else (old, new)
    out: dict[str, Any] = {}
    source: dict[str, Mapping[Any, Any]] = {}
    for name in COUNTERS:
        out[name] = _first(prefer[name], other[name])
        source[name] = prefer if prefer[name] is not None else other
    approximate: list[str] = []
    for side in (prefer, other):
        for name in side["approximate"]:
            taken = name not in COUNTERS or (source[name] is side and out[name] is not None)
            if taken and name not in approximate:
                approximate.append(name)
    out["approximate"] = approximate
    for name in ("author", "published_at", "media_type"):
        out[name] = _first(prefer[name], other[name])
    out["url"] = prefer["url"] or other["url"]
    text_side = prefer if prefer["text"] or not other["text"] else other
    out["text"] = text_side["text"]
    for name in ("hashtags", "mentions"):
        # They come from the text: follow it; without any text, keep whichever list is known.
        out[name] = text_side[name] if text_side["text"] else (prefer[name] or other[name])
    out["meta"] = {**other["meta"], **prefer["meta"]}
    findings = new if newer and evidence else old
    for name in ("sponsored", "disclosed", "brands"):
        out[name] = findings[name]
    out["first_seen_at"] = min(old["first_seen_at"], new["first_seen_at"])
    out["last_seen_at"] = max(old["last_seen_at"], new["last_seen_at"])
    return out


def _carries_evidence(row: Mapping[Any, Any], signals: Sequence[SignalRecord]) -> bool:
    """Whether an observation can speak about sponsorship: it has text or signals of its own."""
    return bool(row["text"] or signals)


def _signal_rows(post_pk: int, signals: Iterable[SignalRecord]) -> list[dict[str, Any]]:
    return [
        {
            "post_pk": post_pk,
            "kind": s.kind,
            "evidence": s.evidence,
            "source": s.source,
            "strength": s.strength,
            "detail": dict(s.detail),
        }
        for s in signals
    ]


def _to_record(row: Mapping[Any, Any], signals: Sequence[Mapping[Any, Any]]) -> PostRecord:
    return PostRecord(
        platform=row["platform"],
        post_id=row["post_id"],
        url=row["url"],
        author=row["author"],
        published_at=format_time(row["published_at"]),
        text=row["text"],
        hashtags=list(row["hashtags"]),
        mentions=list(row["mentions"]),
        media_type=row["media_type"],
        approximate=list(row["approximate"]),
        sponsored=row["sponsored"],
        disclosed=row["disclosed"],
        signals=[
            SignalRecord(
                kind=s["kind"],
                evidence=s["evidence"],
                source=s["source"],
                strength=s["strength"],
                detail=dict(s["detail"]),
            )
            for s in signals
        ],
        brands=list(row["brands"]),
        metadata=dict(row["meta"]),
        **{name: row[name] for name in COUNTERS},
    )


# --- dialect ------------------------------------------------------------------------------------


def _insert(conn: Connection, table: Table) -> Any:
    """The dialect's INSERT, which knows ON CONFLICT."""
    name = conn.dialect.name
    if name == "sqlite":
        return sqlite.insert(table)
    if name == "postgresql":
        return postgresql.insert(table)
    raise StoreError(f"unsupported database backend {name!r} (use SQLite or PostgreSQL)")


def _chunks(items: Sequence[Any], size: int = _CHUNK) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


# --- posts --------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Pending:
    row: dict[str, Any]
    signals: list[SignalRecord]
    rank: int | None


def _collapse(posts: Sequence[PostRecord], ranks: Sequence[int | None], seen: datetime) -> list[_Pending]:
    """One entry per (platform, post_id), merged in page order, sorted by key."""
    batch: dict[tuple[str, str], _Pending] = {}
    for post, rank in zip(posts, ranks, strict=True):
        if not post.platform or not post.post_id:
            raise ValueError(f"a post needs platform and post_id to be stored (url {post.url!r})")
        row = _post_row(post, seen)
        known = batch.get(post.key)
        if known is None:
            batch[post.key] = _Pending(row, list(post.signals), rank)
        else:
            evidence = _carries_evidence(row, post.signals)
            known.row.update(merge_post_rows(known.row, row, evidence=evidence))
            if evidence:
                known.signals = list(post.signals)
            known.rank = _first(known.rank, rank)
    return [batch[key] for key in sorted(batch)]


def _keys_clause(conn: Connection, keys: list[tuple[str, str]]) -> ColumnElement[bool]:
    """WHERE (platform, post_id) in keys; on PostgreSQL one array per platform (a short, cached query)."""
    if conn.dialect.name != "postgresql":
        return tuple_(POST.c.platform, POST.c.post_id).in_(keys)
    by_platform: dict[str, list[str]] = {}
    for platform, post_id in keys:
        by_platform.setdefault(platform, []).append(post_id)
    id_list = postgresql.ARRAY(String)
    return or_(
        *(
            and_(POST.c.platform == platform, POST.c.post_id == any_(bindparam(None, ids, type_=id_list)))
            for platform, ids in by_platform.items()
        )
    )


def _lock_existing(conn: Connection, keys: list[tuple[str, str]]) -> list[Mapping[Any, Any]]:
    stmt = (
        select(POST)
        .where(_keys_clause(conn, keys))
        .order_by(POST.c.platform, POST.c.post_id)
        .with_for_update()
    )
    return list(conn.execute(stmt).mappings())


def _write_posts(conn: Connection, chunk: Sequence[_Pending], stats: UpsertStats) -> dict[tuple, tuple]:
    """Insert or merge the chunk's posts; return key -> (post pk, signals replaced?)."""
    by_key = {(p.row["platform"], p.row["post_id"]): p for p in chunk}
    result: dict[tuple, tuple] = {}
    pending = list(by_key)
    for _attempt in range(3):
        # executemany: the statement is compiled once and cached; the driver batches the rows.
        ins = (
            _insert(conn, POST)
            .on_conflict_do_nothing(index_elements=["platform", "post_id"])
            .returning(POST.c.id, POST.c.platform, POST.c.post_id)
        )
        for pk, platform, post_id in conn.execute(ins, [by_key[k].row for k in pending]):
            result[(platform, post_id)] = (pk, True)
            stats.inserted += 1
        existing = [k for k in pending if k not in result]
        if not existing:
            return result
        updates = []
        for old in _lock_existing(conn, existing):
            key = (old["platform"], old["post_id"])
            new = by_key[key].row
            evidence = _carries_evidence(new, by_key[key].signals)
            merged = merge_post_rows(old, new, evidence=evidence)
            updates.append({"b_id": old["id"], **{f"b_{k}": v for k, v in merged.items()}})
            result[key] = (old["id"], evidence and new["last_seen_at"] >= old["last_seen_at"])
            stats.updated += 1
        if updates:
            columns = [k.removeprefix("b_") for k in updates[0] if k != "b_id"]
            stmt = (
                update(POST)
                .where(POST.c.id == bindparam("b_id"))
                .values({c: bindparam(f"b_{c}") for c in columns})
            )
            conn.execute(stmt, updates)
        # A row deleted between the insert and the lock is inserted again on the next round.
        pending = [k for k in existing if k not in result]
        if not pending:
            return result
    raise StoreError(f"posts kept vanishing while being stored: {pending[:3]}")


def upsert_posts(
    session: Session,
    posts: Sequence[PostRecord],
    *,
    observed_at: datetime | None = None,
    crawl_run_id: int | None = None,
    target: str | None = None,
    path: str = "http",
    ranks: Sequence[int | None] | None = None,
) -> UpsertStats:
    """Store posts seen on one page, in one transaction (committed); return what was written.

    Idempotent on (platform, post_id); safe when several processes store the same posts. Per post:
    the row is inserted or merged (`merge_post_rows`), one engagement snapshot is appended when the
    page gave any counter, the signals are replaced (unless this observation is older than the stored
    one, or has neither text nor signals), and a sighting records the run, target, rank and path.
    `ranks` runs parallel to `posts`.
    """
    if path not in SIGHTING_PATHS:
        raise ValueError(f"path must be one of {SIGHTING_PATHS}, not {path!r}")
    if ranks is not None and len(ranks) != len(posts):
        raise ValueError(f"{len(ranks)} ranks for {len(posts)} posts")
    seen = _aware(observed_at) if observed_at else utcnow()
    batch = _collapse(posts, list(ranks) if ranks is not None else [None] * len(posts), seen)
    stats = UpsertStats(posts=len(batch))
    if not batch:
        return stats
    conn = session.connection()
    try:
        for chunk in _chunks(batch):
            written = _write_posts(conn, chunk, stats)
            snapshots, signals, sightings, replaced = [], [], [], []
            for item in chunk:
                pk, replace = written[(item.row["platform"], item.row["post_id"])]
                counters = {name: item.row[name] for name in COUNTERS}
                if any(v is not None for v in counters.values()):
                    snapshots.append(
                        {"post_pk": pk, "observed_at": seen, "crawl_run_id": crawl_run_id, **counters}
                    )
                if replace:
                    replaced.append(pk)
                    signals.extend(_signal_rows(pk, item.signals))
                sightings.append(
                    {
                        "post_pk": pk,
                        "crawl_run_id": crawl_run_id,
                        "target": target,
                        "rank": item.rank,
                        "path": path,
                        "seen_at": seen,
                    }
                )
            if snapshots:
                conn.execute(insert(SNAPSHOT), snapshots)
            if replaced:
                conn.execute(delete(SIGNAL).where(SIGNAL.c.post_pk.in_(replaced)))
            if signals:
                conn.execute(insert(SIGNAL), signals)
            conn.execute(insert(SIGHTING), sightings)
            stats.snapshots += len(snapshots)
            stats.signals += len(signals)
            stats.sightings += len(sightings)
        session.commit()
    except BaseException:
        session.rollback()
        raise
    return stats


def _signals_of(conn: Connection, pks: Sequence[int]) -> dict[int, list[Mapping[Any, Any]]]:
    out: dict[int, list[Mapping[Any, Any]]] = {pk: [] for pk in pks}
    if pks:
        stmt = select(SIGNAL).where(SIGNAL.c.post_pk.in_(pks)).order_by(SIGNAL.c.id)
        for row in conn.execute(stmt).mappings():
            out[row["post_pk"]].append(row)
    return out


def get_post(session: Session, platform: str, post_id: str) -> PostRecord | None:
    """Return the stored post as a record, with its signals; None when unknown."""
    conn = session.connection()
    stmt = select(POST).where(POST.c.platform == platform, POST.c.post_id == post_id)
    row = conn.execute(stmt).mappings().first()
    if row is None:
        return None
    return _to_record(row, _signals_of(conn, [row["id"]])[row["id"]])


def iter_posts(session: Session, platform: str | None = None, *, batch: int = _CHUNK) -> Iterator[PostRecord]:
    """Yield every stored post (of one platform, or all) as records, in storage order, page by page."""
    conn = session.connection()
    last = 0
    while True:
        stmt = select(POST).where(POST.c.id > last).order_by(POST.c.id).limit(batch)
        if platform is not None:
            stmt = stmt.where(POST.c.platform == platform)
        rows = list(conn.execute(stmt).mappings())
        if not rows:
            return
        signals = _signals_of(conn, [r["id"] for r in rows])
        for row in rows:
            yield _to_record(row, signals[row["id"]])
        last = rows[-1]["id"]


def snapshots(session: Session, platform: str, post_id: str) -> list[models.EngagementSnapshot]:
    """Return a post's engagement snapshots, oldest first (empty when the post is unknown)."""
    stmt = (
        select(models.EngagementSnapshot)
        .join(POST, POST.c.id == SNAPSHOT.c.post_pk)
        .where(POST.c.platform == platform, POST.c.post_id == post_id)
        .order_by(SNAPSHOT.c.observed_at, SNAPSHOT.c.id)
    )
    return list(session.scalars(stmt))


def sightings(session: Session, platform: str, post_id: str) -> list[models.Sighting]:
    """Return where a post was seen (run, target, rank, path), oldest first."""
    stmt = (
        select(models.Sighting)
        .join(POST, POST.c.id == SIGHTING.c.post_pk)
        .where(POST.c.platform == platform, POST.c.post_id == post_id)
        .order_by(SIGHTING.c.seen_at, SIGHTING.c.id)
    )
    return list(session.scalars(stmt))


# --- accounts and brands ------------------------------------------------------------------------

_ACCOUNT_FIELDS = ("account_id", "display_name", "followers", "following", "likes", "posts", "verified")


def upsert_accounts(session: Session, accounts: Sequence[AccountRecord]) -> int:
    """Store accounts by (platform, handle); a value a later page lacks keeps the known one."""
    rows: dict[tuple[str, str], dict[str, Any]] = {}
    now = utcnow()
    for account in accounts:
        key = (account.platform, account.handle)
        row = {"platform": account.platform, "handle": account.handle, "updated_at": now}
        row.update({name: getattr(account, name) for name in _ACCOUNT_FIELDS})
        known = rows.get(key)
        rows[key] = row if known is None else {k: _first(v, known.get(k)) for k, v in row.items()}
    if not rows:
        return 0
    conn = session.connection()
    try:
        for chunk in _chunks([rows[k] for k in sorted(rows)]):
            stmt = _insert(conn, ACCOUNT).values(list(chunk))
            stmt = stmt.on_conflict_do_update(
                index_elements=["platform", "handle"],
                set_={
                    "updated_at": stmt.excluded.updated_at,
                    **{name: func.coalesce(stmt.excluded[name], ACCOUNT.c[name]) for name in _ACCOUNT_FIELDS},
                },
            )
            conn.execute(stmt)
        session.commit()
    except BaseException:
        session.rollback()
        raise
    return len(rows)


def get_account(session: Session, platform: str, handle: str) -> models.Account | None:
    """Return the stored account, or None."""
    stmt = select(models.Account).where(ACCOUNT.c.platform == platform, ACCOUNT.c.handle == handle)
    return session.scalars(stmt).first()


def _strings(value: Any, what: str, prefix: str = "") -> list[str]:
    """Lowercased, stripped (also of `prefix` characters), de-duplicated strings."""
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"{what} must be a list of strings")
    cleaned = (v.strip().lstrip(prefix).lower() for v in value)
    return list(dict.fromkeys(v for v in cleaned if v))


def _brand_row(data: Mapping[str, Any]) -> dict[str, Any]:
    unknown = set(data) - {"name", "aliases", "handles", "domains"}
    if unknown:
        raise ValueError(f"unknown brand field(s): {', '.join(sorted(unknown))}")
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ValueError("a brand needs a name")
    name = name.strip().lower()
    handles = data.get("handles") or {}
    if not isinstance(handles, Mapping):
        raise ValueError(f"brand {name}: handles must map platform to handles")
    return {
        "name": name,
        "aliases": _strings(data.get("aliases") or [], f"brand {name}: aliases"),
        "handles": {
            str(p).lower(): _strings(hs, f"brand {name}: handles", prefix="@") for p, hs in handles.items()
        },
        "domains": _strings(data.get("domains") or [], f"brand {name}: domains"),
    }


def upsert_brands(session: Session, brands: Sequence[Mapping[str, Any]]) -> int:
    """Store brands by (lowercased) name, replacing their aliases, handles and domains; return the count.

    Each mapping has `name` and optionally `aliases`, `handles` ({platform: [handles]}), `domains`.
    """
    rows = {row["name"]: row for row in map(_brand_row, brands)}
    if not rows:
        return 0
    conn = session.connection()
    try:
        stmt = _insert(conn, BRAND).values([rows[k] for k in sorted(rows)])
        stmt = stmt.on_conflict_do_update(
            index_elements=["name"],
            set_={name: stmt.excluded[name] for name in ("aliases", "handles", "domains")},
        )
        conn.execute(stmt)
        session.commit()
    except BaseException:
        session.rollback()
        raise
    return len(rows)


def list_brands(session: Session) -> list[models.Brand]:
    """Return every brand, by name."""
    return list(session.scalars(select(models.Brand).order_by(BRAND.c.name)))


# --- crawl runs ---------------------------------------------------------------------------------


def start_run(
    session: Session,
    *,
    platform: str,
    target: str,
    target_kind: str,
    settings: Mapping[str, Any] | None = None,
) -> int:
    """Record a crawl as running (committed, so other processes see it); return its id."""
    run = models.CrawlRun(
        platform=platform, target=target, target_kind=target_kind, settings=dict(settings or {})
    )
    session.add(run)
    session.commit()
    assert run.id is not None
    return run.id


def finish_run(
    session: Session,
    run_id: int,
    *,
    status: str,
    pages: int = 0,
    posts: int = 0,
    errors: int = 0,
    missing: Mapping[str, int] | None = None,
    stderr_tail: str = "",
) -> None:
    """Record how a crawl ended ("ok", "failed" or "killed") with its counts; keeps the stderr tail."""
    if status not in RUN_STATUSES or status == "running":
        raise ValueError(f"a finished run's status is ok, failed or killed, not {status!r}")
    run = session.get(models.CrawlRun, run_id)
    if run is None:
        raise ValueError(f"no crawl run {run_id}")
    run.status = status
    run.finished_at = utcnow()
    run.pages, run.posts, run.errors = pages, posts, errors
    run.missing = dict(missing or {})
    run.stderr_tail = stderr_tail[-_STDERR_TAIL_CHARS:]
    session.add(run)
    session.commit()


def get_run(session: Session, run_id: int) -> models.CrawlRun | None:
    """Return one crawl run, or None."""
    return session.get(models.CrawlRun, run_id)
