"""Scale-out bench: posts stored per second by 1, 2 and 3 `reelscope worker` processes sharing one Redis
frontier and one PostgreSQL store, crawling the sandbox; ratios against one worker, in the same run.

    python bench/scale.py [--rounds N] [--workers 1,2,3] [--pg URL] [--redis URL]
    python bench/scale.py --browser [--pages 2] [--rounds 1] [--workers 1,2]

Plain-HTTP pages by default; with --browser, the sandbox's account listings that Chromium scrolls
(TikTok, Instagram, X, YouTube channels), each worker rendering up to --pages of them at once, and the
peak memory (PSS) of the workers' Chromium processes is shown too. Use --rounds 1 with --browser: a
second crawl of the same account stops at the posts the first one stored (incremental crawls), so
later rounds would store fewer posts depending on timing.

Each measurement gets a fresh PostgreSQL schema and Redis prefix; the workers start (and register)
before the targets are queued, so the clock covers crawling only. CPU seconds of the workers, of
this process (the sandbox server) and of PostgreSQL, and how busy the whole machine was, show where
the time goes (the machine may be shared: the load average is printed too).
"""

from __future__ import annotations

import argparse
import os
import resource
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from sandbox import Sandbox
from sandbox.model import HASHTAGS
from spiders import frontier
from store.engine import dispose_engines, get_engine, session
from store.migrations import upgrade

PG = os.environ.get("REELSCOPE_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
SETTINGS = {
    "AUTOTHROTTLE_ENABLED": "0",
    "DOWNLOAD_DELAY": "0",
    "CONCURRENT_REQUESTS_PER_DOMAIN": "16",
    "LOG_LEVEL": "WARNING",
}


PLAIN = ("youtube", "tiktok", "instagram")
BROWSER = ("tiktok", "instagram", "x", "youtube")


def targets(box: Sandbox, rounds: int, browser: bool = False) -> list[dict[str, str]]:
    """Every post page of the three plain-HTTP platforms and every YouTube hashtag (or, for `browser`,
    every account listing of the browser platforms), `rounds` times."""
    base: list[dict[str, str]] = []
    if browser:
        for platform in BROWSER:
            base += [
                {"platform": platform, "kind": "account", "target": a.handle}
                for a in box.world.accounts[platform]
            ]
    else:
        for platform in PLAIN:
            base += [
                {"platform": platform, "kind": "post", "target": t["post_id"]} for t in box.truth(platform)
            ]
        tags = sorted({tag for tags in HASHTAGS.values() for tag in tags})
        base += [{"platform": "youtube", "kind": "hashtag", "target": tag} for tag in tags]
    # A job id per round keeps identical targets apart in the queue.
    return [{**t, "job_id": f"bench:{r}:{i}"} for r in range(rounds) for i, t in enumerate(base)]


def schema_url(admin: str) -> tuple[str, str]:
    """A fresh schema on the PostgreSQL server and the URL that uses it."""
    schema = f"bench_{uuid.uuid4().hex[:10]}"
    engine = create_engine(admin)
    with engine.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine.dispose()
    url = make_url(admin).update_query_dict({"options": f"-csearch_path={schema}"})
    return schema, url.render_as_string(False)


def drop_schema(admin: str, schema: str) -> None:
    """Drop a bench schema."""
    dispose_engines()
    engine = create_engine(admin)
    with engine.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    engine.dispose()


def finished(db: str, expected: int) -> tuple[int, int] | None:
    """(runs, posts) once `expected` runs exist and none is running (one aggregate query per poll)."""
    query = text(
        "SELECT count(*), count(*) FILTER (WHERE status = 'running'), coalesce(sum(posts), 0) FROM crawl_run"
    )
    with session(get_engine(db)) as s:
        runs, open_runs, posts = s.connection().execute(query).one()
    if runs == expected and open_runs == 0:
        return int(runs), int(posts)
    return None


def machine_cpu() -> tuple[float, float]:
    """(busy, total) CPU seconds of the whole machine so far, from /proc/stat."""
    fields = [float(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    tick = os.sysconf("SC_CLK_TCK")
    idle = fields[3] + fields[4]
    return (sum(fields) - idle) / tick, sum(fields) / tick


def postgres_cpu() -> float:
    """CPU seconds of the local PostgreSQL server's processes (ended backends included), from /proc."""
    tick, total = os.sysconf("SC_CLK_TCK"), 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue
        name, rest = text[text.index("(") + 1 : text.rindex(")")], text[text.rindex(")") + 2 :].split()
        if name.startswith("postgres"):
            total += sum(float(x) for x in rest[11:15])  # utime stime cutime cstime
    return total / tick


def browser_mb(roots: list[int]) -> float:
    """Proportional memory (PSS, MB) of the Chromium processes under the given worker processes."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue
        parents[int(stat.parent.name)] = int(text[text.rindex(")") + 2 :].split()[1])
    below, found = set(roots), True
    while found:  # every descendant of the workers (the Playwright driver and its Chromium)
        grown = {pid for pid, parent in parents.items() if parent in below}
        found = not grown <= below
        below |= grown
    total = 0
    for pid in below - set(roots):
        try:
            if "chrom" not in Path(f"/proc/{pid}/comm").read_text().lower():
                continue
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()
        except OSError:
            continue
        total += next((int(line.split()[1]) for line in rollup if line.startswith("Pss:")), 0)
    return total / 1024


def measure(
    n: int, box: Sandbox, work: list[dict[str, str]], pg: str, redis_url: str, pages: int = 0
) -> dict[str, Any]:
    """Crawl `work` with `n` workers (browser listings when `pages`); return seconds, posts, posts/s,
    CPU seconds and the peak Chromium memory."""
    schema, db = schema_url(pg)
    upgrade(get_engine(db))
    prefix = f"rs-bench-{uuid.uuid4().hex[:8]}"
    env = {**os.environ, **box.env(), frontier.PREFIX_ENV: prefix}
    args = [sys.executable, "-m", "reelscope.cli", "worker", "--redis", redis_url, "--db", db]
    for name in BROWSER if pages else PLAIN:
        args += ["--platform", name]
    if not pages:
        args.append("--no-browser")  # plain-HTTP work: no Playwright driver at start, as measured before
    for name, value in {**SETTINGS, "REELSCOPE_BROWSER_PAGES": str(pages or 1)}.items():
        args += ["--set", f"{name}={value}"]
    logs = Path(tempfile.mkdtemp(prefix="rs-bench-"))
    procs = [
        subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=(logs / f"w{i}.log").open("wb"))
        for i in range(n)
    ]
    try:
        deadline = time.monotonic() + 120
        while len(frontier.live_workers(redis_url, prefix)) < n:
            if time.monotonic() > deadline:
                raise SystemExit(f"workers did not start; see {logs}")
            time.sleep(0.2)
        client, keys = frontier.connect(redis_url), frontier.Keys(prefix)
        own_cpu, pg_cpu, machine = time.process_time(), postgres_cpu(), machine_cpu()
        start = time.perf_counter()
        for target in work:
            frontier.enqueue_target(client, keys, target, browser=bool(pages))
        done, peak = None, 0.0
        while done is None:
            time.sleep(0.25)
            peak = max(peak, browser_mb([p.pid for p in procs])) if pages else 0.0
            done = finished(db, len(work))
        seconds = time.perf_counter() - start
        sandbox_cpu, pg_cpu = time.process_time() - own_cpu, postgres_cpu() - pg_cpu
        busy = (machine_cpu()[0] - machine[0]) / (seconds * (os.cpu_count() or 1))
    finally:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        for proc in procs:
            proc.send_signal(signal.SIGTERM)
        for proc in procs:
            proc.wait(60)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        frontier.clear(redis_url, prefix)
        drop_schema(pg, schema)
    worker_cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    posts = done[1]
    return {
        "workers": n,
        "seconds": seconds,
        "posts": posts,
        "rate": posts / seconds,
        "worker_cpu": worker_cpu,
        "sandbox_cpu": sandbox_cpu,
        "pg_cpu": pg_cpu,
        "busy": busy,
        "chromium_mb": peak,
    }


def main() -> None:
    """Run the bench and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="times every target is crawled")
    parser.add_argument("--workers", default="1,2,3", help="worker counts to measure")
    parser.add_argument("--pg", default=PG, help="PostgreSQL server (a schema is made per measurement)")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/0")
    parser.add_argument("--repeats", type=int, default=3, help="interleaved repeats; the median is shown")
    parser.add_argument("--browser", action="store_true", help="browser listings instead of plain pages")
    parser.add_argument("--pages", type=int, default=2, help="with --browser: pages a worker renders at once")
    opts = parser.parse_args()
    counts = [int(x) for x in opts.workers.split(",")]
    samples: dict[int, list[dict[str, Any]]] = {n: [] for n in counts}
    with Sandbox(seed=7) as box:
        work = targets(box, opts.rounds, opts.browser)
        print(f"{len(work)} crawl tasks, {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}", flush=True)
        for repeat in range(opts.repeats):
            for n in counts:  # interleaved, so drifting load on a shared machine hits every count alike
                row = measure(n, box, work, opts.pg, opts.redis, opts.pages if opts.browser else 0)
                samples[n].append(row)
                print(f"  repeat {repeat + 1}: {n} workers {row['rate']:.1f} posts/s", flush=True)
    rows = [sorted(samples[n], key=lambda r: r["rate"])[len(samples[n]) // 2] for n in counts]
    print(f"median of {opts.repeats}; load average now {os.getloadavg()[0]:.1f}")
    base = rows[0]["rate"]
    print(
        "| workers | seconds | posts | posts/s | ratio | CPU s: workers | sandbox | PostgreSQL | machine |"
        + (" Chromium MB |" if opts.browser else "")
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|" + ("---:|" if opts.browser else ""))
    for row in rows:
        print(
            f"| {row['workers']} | {row['seconds']:.1f} | {row['posts']} | {row['rate']:.1f}"
            f" | {row['rate'] / base:.2f} | {row['worker_cpu']:.1f} | {row['sandbox_cpu']:.1f}"
            f" | {row['pg_cpu']:.1f} | {row['busy']:.0%} |"
            + (f" {row['chromium_mb']:.0f} |" if opts.browser else "")
        )


if __name__ == "__main__":
    main()
