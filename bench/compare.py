"""Market-share computation speed and memory against one hand-written GROUP BY in the same run.

Generates N synthetic posts over one month (six platforms, twenty brands, 1-4 engagement snapshots
each, some hidden counters), bulk-inserted (executemany on SQLite, COPY on PostgreSQL). Then, in a
fresh process, times `store.compare.compute` for the month's weekly periods (all figures: totals,
brands, same-age, coverage, replace in one transaction) and the baseline: one hand-written query that
takes each post's latest snapshot in its week and groups by week and platform. Reports the ratio
(goal <= 1.5x) and the compute process's peak RSS at two sizes (goal: flat in N). The computation
uses one connection per core (REELSCOPE_COMPARE_THREADS=1 measures it on one), the baseline one query.

    python bench/compare.py [--posts 1000000] [--backend sqlite|postgresql] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

MONTH = datetime(2025, 11, 1, tzinfo=UTC)
PLATFORMS = ("tiktok", "youtube", "instagram", "x", "facebook", "reddit")
BRANDS = tuple(f"brand{i:02d}" for i in range(20))
PG_URL = os.environ.get("REELSCOPE_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
_CHUNK = 20_000

POST_COLUMNS = [
    *("id", "platform", "post_id", "url", "author", "published_at", "text", "hashtags", "mentions"),
    *("media_type", "views", "likes", "comments", "shares", "saves", "approximate", "sponsored"),
    *("disclosed", "brands", "meta", "first_seen_at", "last_seen_at"),
]
SNAPSHOT_COLUMNS = [
    "id",
    "post_pk",
    "observed_at",
    "views",
    "likes",
    "comments",
    "shares",
    "saves",
    "crawl_run_id",
]
SIGHTING_COLUMNS = ["id", "post_pk", "crawl_run_id", "target", "rank", "path", "seen_at"]


def _sqlite_time(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def _rows(n: int, seed: int = 1) -> Any:
    """Yield (post, snapshots, sighting) row chunks; times are aware datetimes."""
    rng = random.Random(seed)
    span = 30 * 24 * 3600
    snap_id = 0
    posts, snaps, sights = [], [], []
    for i in range(1, n + 1):
        platform = PLATFORMS[i % len(PLATFORMS)]
        pub = MONTH + timedelta(seconds=rng.randrange(span))
        sponsored = rng.random() < 0.3
        brands = rng.sample(BRANDS, rng.choice((0, 1, 1, 2)))
        views = rng.randrange(100, 100_000) if platform not in ("reddit", "facebook") else None
        likes = rng.randrange(0, 5000)
        seen = pub + timedelta(minutes=rng.randrange(5, 600))
        first = seen
        for _ in range(rng.randrange(1, 5)):
            snap_id += 1
            snaps.append(
                (snap_id, i, seen, views, likes, rng.randrange(0, 300), rng.randrange(0, 100), None, None)
            )
            seen += timedelta(hours=rng.randrange(6, 96))
            views = views + rng.randrange(0, 50_000) if views is not None else None
            likes += rng.randrange(0, 2000)
        sights.append((i, i, None, f"{platform}:watch{i % 40}", None, "http", first))
        posts.append(
            (
                i,
                platform,
                str(i),
                f"https://example.test/{platform}/{i}",
                f"creator{rng.randrange(n // 20 + 1)}",
                pub,
                "",
                "[]",
                "[]",
                "video",
                views,
                likes,
                None,
                None,
                None,
                "[]",
                sponsored,
                sponsored and rng.random() < 0.6,
                json.dumps(brands),
                "{}",
                first,
                seen,
            )
        )
        if len(posts) >= _CHUNK:
            yield posts, snaps, sights
            posts, snaps, sights = [], [], []
    if posts:
        yield posts, snaps, sights


def _placeholders(columns: list[str], style: str) -> str:
    return ", ".join("?" if style == "qmark" else "%s" for _ in columns)


def generate(url: str, n: int) -> float:
    """Create the schema and insert N posts; return the seconds it took."""
    from store.engine import get_engine
    from store.migrations import upgrade

    engine = get_engine(url)
    upgrade(engine)
    started = time.perf_counter()
    raw = engine.raw_connection()
    try:
        cur = raw.cursor()
        sqlite = engine.dialect.name == "sqlite"
        for posts, snaps, sights in _rows(n):
            for table, columns, rows in (
                ("post", POST_COLUMNS, posts),
                ("engagement_snapshot", SNAPSHOT_COLUMNS, snaps),
                ("sighting", SIGHTING_COLUMNS, sights),
            ):
                if sqlite:
                    rows = [tuple(_sqlite_time(v) if isinstance(v, datetime) else v for v in r) for r in rows]
                    names, marks = ", ".join(columns), _placeholders(columns, "qmark")
                    cur.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)
                else:
                    with cur.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                        for r in rows:
                            copy.write_row(r)
        raw.commit()
        if sqlite:
            cur.execute("ANALYZE")
            raw.commit()
        else:
            # VACUUM as well: the fresh rows' hint bits and visibility map are set now, not by an
            # autovacuum running during the timings (which made the baseline vary 4-7 s at 1M posts).
            raw.driver_connection.autocommit = True  # type: ignore[union-attr]
            cur.execute("VACUUM ANALYZE")
    finally:
        raw.close()
    return time.perf_counter() - started


_BASELINE = """
WITH periods(bucket, p_start, p_end) AS (VALUES {values}),
members AS (
  SELECT p.id, p.platform, p.author, p.sponsored, w.bucket, w.p_start, w.p_end
  FROM post p JOIN periods w
    ON coalesce(p.published_at, p.first_seen_at) >= w.p_start
   AND coalesce(p.published_at, p.first_seen_at) < w.p_end
),
latest AS (
  SELECT * FROM (
    SELECT s.post_pk, s.views, s.likes, s.comments, s.shares, s.saves,
           row_number() OVER (PARTITION BY s.post_pk ORDER BY s.observed_at DESC, s.id DESC) AS rn
    FROM engagement_snapshot s JOIN members m ON m.id = s.post_pk
    WHERE s.observed_at >= m.p_start AND s.observed_at < m.p_end
  ) ranked WHERE rn = 1
)
SELECT m.bucket, m.platform, count(*), count(DISTINCT m.author), sum(l.views),
       sum(coalesce(l.likes, 0) + coalesce(l.comments, 0) + coalesce(l.shares, 0) + coalesce(l.saves, 0)),
       sum(CASE WHEN m.sponsored THEN 1 ELSE 0 END)
FROM members m LEFT JOIN latest l ON l.post_pk = m.id
GROUP BY m.bucket, m.platform
"""


def _baseline(engine: Any, weeks: list[Any]) -> int:
    raw = engine.raw_connection()
    try:
        cur = raw.cursor()
        if engine.dialect.name == "sqlite":
            values = ", ".join(f"({i}, ?, ?)" for i in range(len(weeks)))
            params: list[Any] = [_sqlite_time(t) for w in weeks for t in (w.start, w.end)]
        else:
            values = ", ".join(f"({i}, %s::timestamptz, %s::timestamptz)" for i in range(len(weeks)))
            params = [t for w in weeks for t in (w.start, w.end)]
        cur.execute(_BASELINE.format(values=values), params)
        return len(cur.fetchall())
    finally:
        raw.close()


def measure(url: str, repeat: int) -> dict[str, Any]:
    """Time compute() for the month's weeks and the baseline query (best of `repeat`); peak RSS."""
    from store import compare
    from store.engine import get_engine, session

    engine = get_engine(url)
    weeks = compare.periods_between("week", MONTH, compare.period_of("month", MONTH).end)
    defs = compare.default_definitions()
    compute_times, base_times, rows = [], [], 0
    for _ in range(repeat):
        started = time.perf_counter()
        base_rows = _baseline(engine, weeks)
        base_times.append(time.perf_counter() - started)
        started = time.perf_counter()
        with session(engine) as db:
            rows = compare.compute(db, weeks, defs)
        compute_times.append(time.perf_counter() - started)
    return {
        "weeks": len(weeks),
        "rows": rows,
        "baseline_groups": base_rows,
        "compute_s": min(compute_times),
        "baseline_s": min(base_times),
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def _child(*args: str) -> dict[str, Any]:
    out = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True, check=False)
    if out.returncode:
        raise SystemExit(out.stderr)
    return json.loads(out.stdout.strip().splitlines()[-1])


def _database(backend: str, folder: str) -> tuple[str, Any]:
    if backend == "sqlite":
        return f"sqlite:///{folder}/bench-{uuid.uuid4().hex[:8]}.db", None
    import psycopg

    schema = f"bench_{uuid.uuid4().hex[:10]}"
    dsn = PG_URL.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')

    def drop() -> None:
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')

    return f"{PG_URL}?options=-csearch_path%3D{schema}", drop


def main() -> None:
    """Run the benchmark at N and N/4 posts and print the figures."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--posts", type=int, default=1_000_000)
    parser.add_argument("--backend", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--generate", metavar="URL", help=argparse.SUPPRESS)
    parser.add_argument("--measure", metavar="URL", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.generate:
        print(json.dumps({"generate_s": generate(args.generate, args.posts)}))
        return
    if args.measure:
        print(json.dumps(measure(args.measure, args.repeat)))
        return
    with tempfile.TemporaryDirectory() as folder:
        for n in (args.posts // 4, args.posts):
            url, drop = _database(args.backend, folder)
            try:
                gen = _child("--generate", url, "--posts", str(n))
                m = _child("--measure", url, "--repeat", str(args.repeat))
            finally:
                if drop:
                    drop()
            ratio = m["compute_s"] / m["baseline_s"]
            rate = n / gen["generate_s"]
            print(
                f"{args.backend} {n:>9,} posts: insert {gen['generate_s']:.1f}s ({rate:,.0f} posts/s)"
                f" | {m['weeks']} weeks: compute {m['compute_s']:.2f}s,"
                f" baseline GROUP BY {m['baseline_s']:.2f}s, ratio {ratio:.2f}x (goal <= 1.5x)"
                f" | {m['rows']:,} figures | peak RSS {m['peak_rss_mb']:.0f} MB",
                flush=True,
            )


if __name__ == "__main__":
    main()
